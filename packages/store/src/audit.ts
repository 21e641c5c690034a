// The audit trail (domain.md §8): every read, list, export and change of a referral is appended here before the
// caller gets an answer. Entries form a hash chain per subject; `verifyTrail` recomputes it and names the first
// entry that was changed, removed or inserted.
import { createHash } from 'node:crypto';
import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { config, dynamo } from '@nrm/runtime';
import { auditKeys } from './keys';
import { firstOfPartition, isConditionFailure, readPartition } from './query';
import { auditTable, physicalTableName, SEAL_SHARDS } from './tables';
import { CONDITIONS, named } from './transaction';

export interface AuditInput {
  /** What the chain is about: `referral:<id>`, `queue:<queue>`, `stats`. */
  readonly subject: string;
  readonly action: string;
  readonly outcome: 'allowed' | 'denied';
  readonly actor: {
    readonly sub: string;
    readonly role: string;
    readonly organisationId: string;
    readonly organisationType: string;
  };
  readonly requestId: string;
  readonly at: string;
  /** Referral ids a list or export returned; never personal data. */
  readonly referralIds?: readonly string[];
  /** The categories of personal data a case-file read disclosed (`identity`, `age:summary`, …); never their values. */
  readonly categories?: readonly string[];
}

export interface AuditEntry extends AuditInput {
  readonly seq: number;
  readonly previousHash: string;
  readonly hash: string;
}

const GENESIS = '0'.repeat(64);

export function auditTableName(): string {
  return physicalTableName(config().tablePrefix, auditTable);
}

export const trailKey = (subject: string) => auditKeys.trail(subject);
export const subjectOfTrailKey = (pk: string) => auditKeys.trail.rest(pk);

/** The seal-index shard of a subject's entries (tables.ts, `bySealShard`). */
export function sealShardKey(subject: string): string {
  const shard = createHash('sha256').update(subject).digest().readUInt32BE(0) % SEAL_SHARDS;
  return auditKeys.sealShard(shard);
}

/** The key attributes of a chain entry's item: its place in the chain, the actor index and the seal index. */
function entryItemKeys(entry: AuditEntry) {
  return {
    pk: trailKey(entry.subject),
    sk: auditKeys.entry(entry.seq),
    actorPk: auditKeys.actor(entry.actor.sub),
    sealPk: sealShardKey(entry.subject),
  };
}

/** The hash covers every field of the entry and the previous hash, in a fixed order. */
export function hashEntry(entry: Omit<AuditEntry, 'hash'>): string {
  const canonical = JSON.stringify([
    entry.subject,
    entry.seq,
    entry.previousHash,
    entry.action,
    entry.outcome,
    entry.actor.sub,
    entry.actor.role,
    entry.actor.organisationId,
    entry.actor.organisationType,
    entry.requestId,
    entry.at,
    entry.referralIds ?? [],
    // Appended only when present, so entries written before categories existed keep their hashes.
    ...(entry.categories ? [entry.categories] : []),
  ]);
  return createHash('sha256').update(canonical).digest('hex');
}

/** The newest entry of a subject's chain (its seq and hash), read consistently; seq 0 for a chain not begun. */
export async function auditHead(subject: string): Promise<{ seq: number; hash: string }> {
  const { Items } = await dynamo().send(
    new QueryCommand({
      TableName: auditTableName(),
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': trailKey(subject) },
      ScanIndexForward: false,
      Limit: 1,
      ConsistentRead: true,
    }),
  );
  const last = Items?.[0];
  return last ? { seq: last.seq as number, hash: last.hash as string } : { seq: 0, hash: GENESIS };
}

/**
 * The first entry of a new subject's chain as a transaction item, so the creation of a referral and its audit entry
 * are one write: the chain cannot exist yet, so no head needs reading.
 */
export function firstAuditEntryPut(input: AuditInput) {
  const unsigned = { ...input, seq: 1, previousHash: GENESIS };
  const entry: AuditEntry = { ...unsigned, hash: hashEntry(unsigned) };
  return named(CONDITIONS.auditChain, {
    Put: {
      TableName: auditTableName(),
      Item: { ...entryItemKeys(entry), ...entry },
      ConditionExpression: 'attribute_not_exists(pk)',
    },
  });
}

/** A listing that showed a referral, as the referral's own trail shows it: which chain entry records it. */
export interface ListingDisclosure {
  readonly subject: string;
  readonly seq: number;
  readonly action: string;
  readonly at: string;
  readonly actor: AuditInput['actor'];
}

/**
 * Indexes a listing entry under every referral it returned, so each referral's trail shows that it was listed. The
 * index points at the chain entry (subject, seq), whose hash covers the referral ids; it is not a chain of its own.
 */
async function indexListing(entry: AuditEntry): Promise<void> {
  const ids = [...new Set(entry.referralIds ?? [])];
  // Single conditional puts, ten at a time: the append-only role may put new items, never overwrite or delete (a
  // batch write could delete).
  for (let i = 0; i < ids.length; i += 10) {
    await Promise.all(
      ids.slice(i, i + 10).map((referralId) =>
        dynamo().send(
          new PutCommand({
            TableName: auditTableName(),
            Item: {
              pk: auditKeys.listed(referralId),
              sk: `${entry.at}#${entry.subject}#${String(entry.seq).padStart(10, '0')}`,
              subject: entry.subject,
              seq: entry.seq,
              action: entry.action,
              at: entry.at,
              actor: entry.actor,
            },
            ConditionExpression: 'attribute_not_exists(pk)',
          }),
        ),
      ),
    );
  }
}

/** The listings that showed a referral, oldest first (bounded: a page of at most `limit`). */
export async function readListings(referralId: string, limit = 500): Promise<ListingDisclosure[]> {
  const items = await firstOfPartition(auditTableName(), auditKeys.listed(referralId), limit, {
    consistent: true,
  });
  return items.map(
    ({ subject, seq, action, at, actor }) => ({ subject, seq, action, at, actor }) as ListingDisclosure,
  );
}

/**
 * Appends one entry at the head of the subject's chain; concurrent writers retry on the next free position. A listing
 * (an entry with referral ids) is also indexed under each referral it showed.
 */
export async function appendAudit(input: AuditInput): Promise<AuditEntry> {
  const entry = await appendToChain(input);
  if (entry.referralIds?.length) await indexListing(entry);
  return entry;
}

async function appendToChain(input: AuditInput): Promise<AuditEntry> {
  for (let attempt = 0; ; attempt++) {
    const previous = await auditHead(input.subject);
    const unsigned = { ...input, seq: previous.seq + 1, previousHash: previous.hash };
    const entry: AuditEntry = { ...unsigned, hash: hashEntry(unsigned) };
    try {
      await dynamo().send(
        new PutCommand({
          TableName: auditTableName(),
          Item: { ...entryItemKeys(entry), ...entry },
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      );
      return entry;
    } catch (error) {
      const taken = error instanceof TransactionCanceledException || isConditionFailure(error);
      if (!taken || attempt >= 20) throw error;
      await new Promise((r) => setTimeout(r, Math.random() * 10 * (attempt + 1)));
    }
  }
}

/** The entry an item holds, without its key attributes. */
export function entryOfItem(item: Record<string, unknown>): AuditEntry {
  const { pk: _pk, sk: _sk, actorPk: _actorPk, sealPk: _sealPk, ...entry } = item;
  return entry as unknown as AuditEntry;
}

export async function readTrail(subject: string): Promise<AuditEntry[]> {
  return (await readPartition(auditTableName(), trailKey(subject))).map(entryOfItem);
}

export interface TrailProblem {
  readonly subject: string;
  readonly seq: number;
  /**
   * `unrecorded-listing`: a referral's listing index points at no chain entry that lists it. `differs-from-checkpoint`:
   * the chain no longer has, at a sealed seq, the hash the sealer signed (rewritten, even if consistently).
   * `forged-checkpoint`: a checkpoint whose signature the seal key does not make.
   */
  readonly problem:
    | 'changed'
    | 'missing'
    | 'out-of-order'
    | 'unrecorded-listing'
    | 'differs-from-checkpoint'
    | 'forged-checkpoint';
}

/** Recomputes the chain; every entry whose hash or link does not hold is reported. */
export function verifyEntries(subject: string, entries: readonly AuditEntry[]): TrailProblem[] {
  const problems: TrailProblem[] = [];
  let previousHash = GENESIS;
  let expectedSeq = 1;
  for (const entry of entries) {
    if (entry.seq !== expectedSeq) problems.push({ subject, seq: expectedSeq, problem: 'missing' });
    if (entry.previousHash !== previousHash)
      problems.push({ subject, seq: entry.seq, problem: 'out-of-order' });
    const { hash, ...unsigned } = entry;
    if (hashEntry(unsigned) !== hash) problems.push({ subject, seq: entry.seq, problem: 'changed' });
    previousHash = hash;
    expectedSeq = entry.seq + 1;
  }
  return problems;
}
