// What each function may touch beyond its trigger, declared per function: the only infra change a new function can
// need. Consuming its own queue or stream comes with the trigger; everything here is granted action by action.
import type { FunctionName } from './catalogue';

/**
 * 'append' puts new items and reads, never updates: for append-only tables such as the audit trail. 'erase' is
 * 'read-write' plus deleting items: only the retention purge, which deletes personal data when its period ends.
 */
export type TableAccess = 'read' | 'append' | 'read-write' | 'erase';

export interface FunctionAccess {
  /** Tables by logical name. 'read-write' puts and updates items; nothing may delete or scan. */
  readonly tables?: Readonly<Record<string, TableAccess>>;
  /** Queues it sends to, by logical name; 'outbox-subscribers' is every queue the outbox relay feeds. */
  readonly sendsTo?: readonly string[] | 'outbox-subscribers';
  /** Reads the attributes of every queue (the health check proves each queue answers). */
  readonly inspectsQueues?: boolean;
  /** Sends notification e-mail through SES (identity and configuration set of the environment). */
  readonly sendsEmail?: boolean;
}

export const FUNCTION_ACCESS: Readonly<Record<FunctionName, FunctionAccess>> = {
  api: { tables: { referrals: 'read-write', audit: 'append', statistics: 'read' }, inspectsQueues: true },
  'outbox-relay': { sendsTo: 'outbox-subscribers' },
  'referral-router': { tables: { referrals: 'read-write' } },
  // Queries the due-index and marks each timer it emitted.
  'sla-sweeper': { tables: { referrals: 'read-write' }, sendsTo: ['sla-due'] },
  escalator: { tables: { referrals: 'read-write' } },
  // Claims each event once (processed-event records), reads the referral's state, e-mails the office.
  notifier: { tables: { referrals: 'read-write' }, sendsEmail: true },
  'retention-purge': { tables: { referrals: 'erase', audit: 'append' } },
  // Reads the referral's earlier events; adds to the aggregates with its processed marker in one transaction.
  'stats-aggregator': { tables: { referrals: 'read', statistics: 'read-write' } },
};
