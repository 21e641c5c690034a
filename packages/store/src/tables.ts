// The one definition of every DynamoDB table: local mode creates them from this, and infra/ builds them from it,
// so the key design cannot drift between the two.

export interface KeyAttribute {
  readonly name: string;
  readonly type: 'S' | 'N';
}

export interface IndexDefinition {
  /** Named after the access pattern it serves. */
  readonly name: string;
  readonly partitionKey: KeyAttribute;
  readonly sortKey?: KeyAttribute;
  /** Sparse by construction: only items that carry the partition key attribute are in the index. */
  readonly projection: 'ALL' | 'KEYS_ONLY' | { readonly include: readonly string[] };
}

export interface TableDefinition {
  /** Logical name; the physical name is `${prefix}${name}`. */
  readonly name: string;
  readonly partitionKey: KeyAttribute;
  readonly sortKey?: KeyAttribute;
  readonly indexes: readonly IndexDefinition[];
  /** Whether the table stream feeds the outbox relay. */
  readonly stream: 'NEW_IMAGE' | 'NEW_AND_OLD_IMAGES' | null;
  /** Attribute holding an epoch-seconds expiry for garbage (idempotency records, drafts); never for domain data. */
  readonly timeToLiveAttribute?: string;
  readonly purpose: string;
}

/** A string key attribute: every key attribute of the tables is one. */
const S = <const N extends string>(name: N) => ({ name, type: 'S' }) as const;

/** An index keyed by string attributes, named after the access pattern it serves. */
const index = <const N extends string>(
  name: N,
  partitionKey: string,
  sortKey: string | undefined,
  projection: 'ALL' | 'KEYS_ONLY' = 'ALL',
) =>
  ({ name, partitionKey: S(partitionKey), ...(sortKey ? { sortKey: S(sortKey) } : {}), projection }) as const;

/** Number of due-index shards; a timer's shard is chosen by hashing its id, so the sweeper queries each in parallel. */
export const DUE_SHARDS = 8;

/** Shards of the audit seal index: a subject's entries all land in one, so the sealer reads each shard on its own. */
export const SEAL_SHARDS = 4;

export const referralsTable = {
  name: 'referrals',
  partitionKey: S('pk'),
  sortKey: S('sk'),
  indexes: [
    index('byQueue', 'queuePk', 'queueSk'),
    index('byReferrer', 'referrerPk', 'referrerSk'),
    index('byRecipient', 'recipientPk', 'recipientSk'),
    index('byDue', 'dueShard', 'dueAt'),
    // "My cases": open referrals by the coordinator working them, most urgent first (the queue's sort key).
    index('byAssignee', 'assigneePk', 'assigneeSk'),
    // A case number (NRM-YYYY-NNNNNN) to its referral: one item per partition.
    index('byReference', 'referencePk', undefined, 'KEYS_ONLY'),
    // Finding a case: keyed hashes of the normalised name (and of the alias) with the date of birth, on the
    // personal-data item only, so a search is one exact-key query and the keys go when the personal data does.
    index('byNameKey', 'nameKey', undefined, 'KEYS_ONLY'),
    index('byAliasKey', 'aliasKey', undefined, 'KEYS_ONLY'),
    // Sparse: only closed referrals that still hold personal data; a few hundred a year, so one partition.
    index('byErasure', 'erasurePk', 'erasureSk', 'KEYS_ONLY'),
  ],
  stream: 'NEW_IMAGE',
  timeToLiveAttribute: 'expiresAt',
  purpose:
    'Referral aggregates: events (the outbox), current state, personal data, notes, hand-offs, timers, idempotency and processed-event records.',
} as const satisfies TableDefinition;

/**
 * The audit trail: append-only, one hash chain per subject (a referral, a queue, the statistics), so tampering with
 * or deleting an entry breaks the chain where it happened; checkpoints signed by the audit sealer (a key the API
 * cannot read) make a consistently rewritten chain evident too. No stream, no TTL: entries are never changed.
 */
export const auditTable = {
  name: 'audit',
  partitionKey: S('pk'),
  sortKey: S('sk'),
  indexes: [
    index('byActor', 'actorPk', 'at', 'KEYS_ONLY'),
    // Every chain entry, sharded, by time: the audit sealer reads what was appended since its last run from here
    // instead of scanning the table. Checkpoints and listing pointers carry no `sealPk`, so they are not in it.
    index('bySealShard', 'sealPk', 'at', 'KEYS_ONLY'),
  ],
  stream: null,
  purpose: 'Who read, listed, exported or changed which referral, when; hash-chained per subject.',
} as const satisfies TableDefinition;

/**
 * National statistics, pseudonymised: counts and hand-off-time histograms per period × group, unique-person markers,
 * the live "waiting now" items and the aggregator's processed-event markers. Its own table because its life differs
 * from the referrals': it is kept when personal data is deleted, it has no stream (its writes must not reach the
 * outbox relay), and a rebuild may clear it without touching a referral.
 */
export const statisticsTable = {
  name: 'statistics',
  partitionKey: S('pk'),
  sortKey: S('sk'),
  indexes: [],
  stream: null,
  timeToLiveAttribute: 'expiresAt',
  purpose:
    'Pseudonymised statistics: counts and hand-off-time histograms per day/month/quarter/year × group, person markers, live waits, processed events.',
} as const satisfies TableDefinition;

export const TABLES: readonly TableDefinition[] = [referralsTable, auditTable, statisticsTable];

/** The logical name of a table: what the catalogue, the key models and infra's grants refer to a table by. */
export type TableName = (typeof referralsTable | typeof auditTable | typeof statisticsTable)['name'];

export function physicalTableName(prefix: string, table: TableDefinition): string {
  return `${prefix}${table.name}`;
}
