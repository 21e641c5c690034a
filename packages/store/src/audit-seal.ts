// Signed checkpoints of the audit chains (issue 15). The API may append entries but not read the seal key; the audit
// sealer, on a schedule, signs the head of every chain that grew since its last run. A chain rewritten before its
// newest checkpoint, however consistently its hashes were recomputed, no longer has the signed hash at the signed seq.
import { createHmac, timingSafeEqual } from 'node:crypto';
import { GetCommand, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { dynamo } from '@nrm/runtime';
import { auditTableName, subjectOfTrailKey } from './audit';
import { auditKeys } from './keys';
import { putIf } from './query';
import { auditTable } from './tables';

export interface Checkpoint {
  readonly subject: string;
  readonly seq: number;
  /** The hash of the chain's entry at `seq` when it was sealed. */
  readonly hash: string;
  readonly sealedAt: string;
}

export interface SignedCheckpoint extends Checkpoint {
  readonly mac: string;
}

const sealIndex = auditTable.indexes.find((i) => i.name === 'bySealShard')!.name;

export function isCheckpointKey(pk: string): boolean {
  return auditKeys.checkpoint.is(pk);
}

export function signCheckpoint(checkpoint: Checkpoint, key: string): SignedCheckpoint {
  return { ...checkpoint, mac: checkpointMac(checkpoint, key) };
}

function checkpointMac(c: Checkpoint, key: string): string {
  return createHmac('sha256', key)
    .update(JSON.stringify(['nrm-audit-checkpoint-v1', c.subject, c.seq, c.hash, c.sealedAt]))
    .digest('hex');
}

export function checkpointIsGenuine(checkpoint: SignedCheckpoint, key: string): boolean {
  const expected = Buffer.from(checkpointMac(checkpoint, key), 'hex');
  const given = Buffer.from(String(checkpoint.mac), 'hex');
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/**
 * Whether a chain is sealed at `seq` already (an eventually consistent read, half a unit). The sealer asks before it
 * signs: every run reads five minutes of appends again, so most heads it finds were sealed by the run before, and a
 * conditional put its condition refuses is billed as a write. A stale answer only lets through a put that
 * `putCheckpoint`'s condition still refuses.
 */
export async function isSealed(subject: string, seq: number): Promise<boolean> {
  const { Item } = await dynamo().send(
    new GetCommand({
      TableName: auditTableName(),
      Key: { pk: auditKeys.checkpoint(subject), sk: auditKeys.checkpointSeq(seq) },
      ProjectionExpression: 'pk',
    }),
  );
  return Item !== undefined;
}

/**
 * Writes a checkpoint unless one exists at that seq: a sealed position is never signed again, so an entry rewritten
 * after sealing (its index attributes included) cannot get the rewrite sealed. Answers whether it was written.
 */
export async function putCheckpoint(checkpoint: SignedCheckpoint): Promise<boolean> {
  return putIf({
    TableName: auditTableName(),
    Item: {
      pk: auditKeys.checkpoint(checkpoint.subject),
      sk: auditKeys.checkpointSeq(checkpoint.seq),
      ...checkpoint,
    },
    ConditionExpression: 'attribute_not_exists(pk)',
  });
}

/** Where the sealer got to in a shard: the newest append time it has read there. */
export async function readSealWatermark(shard: string): Promise<string | undefined> {
  const { Item } = await dynamo().send(
    new GetCommand({
      TableName: auditTableName(),
      Key: { pk: auditKeys.sealer(shard), sk: auditKeys.watermark },
      ConsistentRead: true,
    }),
  );
  return Item?.at as string | undefined;
}

export async function writeSealWatermark(shard: string, at: string): Promise<void> {
  await dynamo().send(
    new PutCommand({
      TableName: auditTableName(),
      Item: { pk: auditKeys.sealer(shard), sk: auditKeys.watermark, at },
    }),
  );
}

export interface SealPage {
  /** Subjects with an entry appended in the page. */
  readonly subjects: string[];
  /** The newest append time in the page. */
  readonly newestAt?: string;
  readonly next?: Record<string, unknown>;
}

/** One page of the entries appended to a shard after `since` (the seal index, oldest first). */
export async function readAppendsSince(
  shard: string,
  since: string,
  startKey?: Record<string, unknown>,
  limit = 1000,
): Promise<SealPage> {
  const page = await dynamo().send(
    new QueryCommand({
      TableName: auditTableName(),
      IndexName: sealIndex,
      KeyConditionExpression: 'sealPk = :shard AND #at > :since',
      ExpressionAttributeNames: { '#at': 'at' },
      ExpressionAttributeValues: { ':shard': shard, ':since': since },
      ExclusiveStartKey: startKey,
      Limit: limit,
    }),
  );
  const items = page.Items ?? [];
  return {
    subjects: [...new Set(items.map((i) => subjectOfTrailKey(String(i.pk))))],
    ...(items.length ? { newestAt: String(items[items.length - 1]!.at) } : {}),
    ...(page.LastEvaluatedKey ? { next: page.LastEvaluatedKey } : {}),
  };
}
