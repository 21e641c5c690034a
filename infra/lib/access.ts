// What each function may touch beyond its trigger, declared per function: the only infra change a new function can
// need. Consuming its own queue or stream comes with the trigger; everything here is granted action by action.
import {
  auditKeys,
  type FunctionName,
  type KeyKind,
  keys,
  statisticsKeys,
  type TableName,
} from './catalogue';

/**
 * 'append' puts new items and reads, never updates: for append-only tables such as the audit trail. 'erase' is
 * 'read-write' plus deleting items: only the retention purge, which deletes personal data when its period ends.
 */
export type TableAccess = 'read' | 'append' | 'read-write' | 'erase';

export interface FunctionAccess {
  /** Tables by logical name. 'read-write' puts and updates items; nothing may delete or scan. */
  readonly tables?: Readonly<Partial<Record<TableName, TableAccess>>>;
  /** Queues it sends to, by logical name; 'outbox-subscribers' is every queue the outbox relay feeds. */
  readonly sendsTo?: readonly string[] | 'outbox-subscribers';
  /** Reads the attributes of every queue (the health check proves each queue answers). */
  readonly inspectsQueues?: boolean;
  /** Sends notification e-mail through SES (identity and configuration set of the environment). */
  readonly sendsEmail?: boolean;
  /**
   * Deletes items of a table, only those whose partition key matches one of these patterns (IAM
   * `dynamodb:LeadingKeys`): the web removes a submitted draft or an ended session and nothing else.
   */
  readonly deletesItems?: Readonly<Partial<Record<TableName, readonly string[]>>>;
  /**
   * Puts items of a table only where the partition key matches one of these patterns (IAM `dynamodb:LeadingKeys`):
   * in the audit table the API appends chain entries and listing pointers, the audit sealer its checkpoints, and
   * neither can write the other's items.
   */
  readonly putsItems?: Readonly<Partial<Record<TableName, readonly string[]>>>;
  /** Secrets it reads at cold start (data stack); each also names its ARN in the function's environment. */
  readonly readsSecrets?: readonly SecretName[];
}

/**
 * The secrets of an environment: the pseudonymous person key, the key of the web's sessions and drafts, and the key
 * that signs the audit checkpoints (the sealer's alone among the functions).
 */
export const SECRET_NAMES = ['person-key', 'web-key', 'audit-seal-key'] as const;

/** The IAM `dynamodb:LeadingKeys` patterns of key kinds, from their one declaration (@nrm/store/keys). */
const leadingKeys = (...kinds: readonly KeyKind<never>[]) => kinds.map((k) => k.leadingKeys);

/** The audit items the API's roles append (chain entries, listing pointers): never a checkpoint. */
const AUDIT_APPENDS = leadingKeys(auditKeys.trail, auditKeys.listed);
export type SecretName = (typeof SECRET_NAMES)[number];

export const FUNCTION_ACCESS: Readonly<Record<FunctionName, FunctionAccess>> = {
  api: {
    tables: { referrals: 'read-write', audit: 'append', statistics: 'read' },
    putsItems: { audit: AUDIT_APPENDS },
    inspectsQueues: true,
    // Intake computes the person key.
    readsSecrets: ['person-key'],
    // A manual replay of a webhook delivery puts it back on the webhook queue; an organisation removes an endpoint.
    sendsTo: ['webhooks'],
    deletesItems: { referrals: leadingKeys(keys.webhooks) },
  },
  // The API app runs in process (what api may touch, less the health check), plus the drafts (sealed with the web
  // key in the referrals table, deleted on submission) and the session records (deleted on sign-out).
  web: {
    tables: { referrals: 'read-write', audit: 'append', statistics: 'read' },
    putsItems: { audit: AUDIT_APPENDS },
    deletesItems: { referrals: leadingKeys(keys.draft, keys.drafts, keys.webSession) },
    readsSecrets: ['person-key', 'web-key'],
  },
  'outbox-relay': { sendsTo: 'outbox-subscribers' },
  'referral-router': { tables: { referrals: 'read-write' } },
  // Queries the due-index and marks each timer it emitted.
  'sla-sweeper': { tables: { referrals: 'read-write' }, sendsTo: ['sla-due'] },
  escalator: { tables: { referrals: 'read-write' } },
  // Claims each event once (processed-event records), reads the referral's state, e-mails the office; keeps each
  // mailbox's nudge window and puts the window's follow-up on its own queue, delayed to the window's end.
  notifier: { tables: { referrals: 'read-write' }, sendsTo: ['notifications'], sendsEmail: true },
  // Erases a closed referral's personal data; in the statistics table only the person-key items.
  'retention-purge': {
    tables: { referrals: 'erase', audit: 'append', statistics: 'read-write' },
    putsItems: { audit: AUDIT_APPENDS },
    deletesItems: { statistics: leadingKeys(statisticsKeys.person) },
  },
  // Reads the seal index and each grown chain's head; writes checkpoints and its watermarks, signed with its key.
  'audit-sealer': {
    tables: { audit: 'append' },
    putsItems: { audit: leadingKeys(auditKeys.checkpoint, auditKeys.sealer) },
    readsSecrets: ['audit-seal-key'],
  },
  // Reads the referral's events, writes feed items, deliveries and endpoint states; delays its own retries on its
  // queue and dead-letters a message out of attempts itself; e-mails the organisation when it disables an endpoint.
  'webhook-sender': {
    tables: { referrals: 'read-write' },
    sendsTo: ['webhooks', 'webhooks-dlq'],
    sendsEmail: true,
  },
  // Reads the referral's earlier events; adds to the aggregates with its processed marker in one transaction.
  'stats-aggregator': { tables: { referrals: 'read', statistics: 'read-write' } },
};
