// SLA timers on the sparse, sharded due-index. A timer item exists per clock (REFERRAL#id / TIMER#clockId); while
// armed it carries `dueShard` and `dueAt`, which put it in the byDue index; disarming removes them. Timers are
// written in the same transaction as the events that arm or disarm them, so a clock and its timer never disagree.
import { createHash } from 'node:crypto';
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { Timer, TimerAction } from '@nrm/domain';
import { dynamo } from '@nrm/runtime';
import { keys } from './keys';
import { updateIf } from './query';
import { referralsTableName } from './referrals';
import { DUE_SHARDS, referralsTable } from './tables';
import { CONDITIONS, type ExtraItem, named } from './transaction';

/** What the sweeper sends to the escalator: enough to find the clock and to tell a stale timer from a live one. */
export interface DueTimer {
  readonly referralId: string;
  readonly clockId: string;
  readonly action: TimerAction;
  readonly step: number;
  readonly dueAt: string;
}

/** Disarmed timer items are garbage after this long (TTL), kept meanwhile for anyone tracing a clock. */
const DISARMED_TTL_SECONDS = 30 * 24 * 60 * 60;

/** A timer's shard: a hash of its identity, so timers spread evenly and the same timer always lands in one shard. */
export function dueShardOf(referralId: string, clockId: string): number {
  const digest = createHash('sha256').update(`${referralId}#${clockId}`).digest();
  return digest.readUInt32BE(0) % DUE_SHARDS;
}

export function timerItem(referralId: string, clockId: string, timer: Timer | undefined, now: Date) {
  const base = {
    pk: keys.referral(referralId),
    sk: keys.timer(clockId),
    entity: 'timer',
    referralId,
    clockId,
  };
  if (!timer) {
    return { ...base, armed: false, expiresAt: Math.floor(now.getTime() / 1000) + DISARMED_TTL_SECONDS };
  }
  return {
    ...base,
    armed: true,
    action: timer.action,
    step: timer.step,
    dueAt: timer.dueAt,
    dueShard: keys.dueShard(dueShardOf(referralId, clockId)),
  };
}

function sameTimer(a: Timer | undefined, b: Timer | undefined): boolean {
  return a?.action === b?.action && a?.step === b?.step && a?.dueAt === b?.dueAt;
}

/**
 * Transaction items that bring the timer items from `before` to `after`: one Put per clock whose timer changed.
 * `expected` names a timer the writer acted on: its Put is conditional on the item still holding that timer (the
 * escalator's re-check), or, if the timer is unchanged, a ConditionCheck on it.
 */
export function timerTransactItems(args: {
  readonly referralId: string;
  readonly before: ReadonlyMap<string, Timer | undefined>;
  readonly after: ReadonlyMap<string, Timer | undefined>;
  readonly now: Date;
  readonly expected?: DueTimer;
}): ExtraItem[] {
  const TableName = referralsTableName();
  const { referralId, before, after, now, expected } = args;
  const condition = expected
    ? {
        ConditionExpression: 'dueAt = :dueAt AND #action = :action AND step = :step',
        ExpressionAttributeNames: { '#action': 'action' },
        ExpressionAttributeValues: {
          ':dueAt': expected.dueAt,
          ':action': expected.action,
          ':step': expected.step,
        },
      }
    : undefined;
  const items: ExtraItem[] = [];
  let expectedWritten = false;
  for (const [clockId, timer] of after) {
    const previous = before.get(clockId);
    if (sameTimer(previous, timer)) continue;
    const isExpected = expected?.clockId === clockId;
    expectedWritten ||= isExpected;
    const put = {
      Put: { TableName, Item: timerItem(referralId, clockId, timer, now), ...(isExpected ? condition : {}) },
    };
    items.push(isExpected ? named(CONDITIONS.expectedTimer, put) : put);
  }
  if (expected && condition && !expectedWritten) {
    items.push(
      named(CONDITIONS.expectedTimer, {
        ConditionCheck: {
          TableName,
          Key: { pk: keys.referral(referralId), sk: keys.timer(expected.clockId) },
          ...condition,
        },
      }),
    );
  }
  return items;
}

export interface DueQueryResult {
  readonly timers: DueTimer[];
  /** Items DynamoDB read to answer: what the sweep costs. */
  readonly scannedCount: number;
  readonly consumedCapacity: number;
}

/**
 * Due timers of one shard: a query on the byDue index for `dueAt <= now`, so the cost follows the number of due
 * timers, never the number armed. Timers handed to the escalator within `resendAfterMs` are skipped, so a timer
 * whose message is still in flight is not sent again every minute (a lost one is sent again after that).
 */
export async function queryDueTimers(
  shard: number,
  now: Date,
  options: { readonly resendAfterMs: number; readonly limit?: number },
): Promise<DueQueryResult> {
  const timers: DueTimer[] = [];
  let scannedCount = 0;
  let consumedCapacity = 0;
  let ExclusiveStartKey: Record<string, unknown> | undefined;
  do {
    const page = await dynamo().send(
      new QueryCommand({
        TableName: referralsTableName(),
        IndexName: referralsTable.indexes.find((i) => i.name === 'byDue')!.name,
        KeyConditionExpression: 'dueShard = :shard AND dueAt <= :now',
        FilterExpression: 'attribute_not_exists(emittedAt) OR emittedAt <= :resend',
        ExpressionAttributeValues: {
          ':shard': keys.dueShard(shard),
          ':now': now.toISOString(),
          ':resend': new Date(now.getTime() - options.resendAfterMs).toISOString(),
        },
        ReturnConsumedCapacity: 'TOTAL',
        ExclusiveStartKey,
        ...(options.limit ? { Limit: options.limit } : {}),
      }),
    );
    scannedCount += page.ScannedCount ?? 0;
    consumedCapacity += page.ConsumedCapacity?.CapacityUnits ?? 0;
    for (const item of page.Items ?? []) {
      timers.push({
        referralId: item.referralId as string,
        clockId: item.clockId as string,
        action: item.action as TimerAction,
        step: item.step as number,
        dueAt: item.dueAt as string,
      });
    }
    ExclusiveStartKey = options.limit && timers.length >= options.limit ? undefined : page.LastEvaluatedKey;
  } while (ExclusiveStartKey);
  return { timers, scannedCount, consumedCapacity };
}

/** Notes that the timer was handed to the escalator; only if it is still the same timer. */
export async function markTimerEmitted(timer: DueTimer, now: Date): Promise<void> {
  // Not written when the escalator (or a command) moved the timer on meanwhile: nothing to note.
  await updateIf({
    TableName: referralsTableName(),
    Key: { pk: keys.referral(timer.referralId), sk: keys.timer(timer.clockId) },
    UpdateExpression: 'SET emittedAt = :now',
    ConditionExpression: 'dueAt = :dueAt AND step = :step',
    ExpressionAttributeValues: { ':now': now.toISOString(), ':dueAt': timer.dueAt, ':step': timer.step },
  });
}
