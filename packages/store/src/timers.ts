// SLA timers on the sparse, sharded due-index. A referral's timers are one item (REFERRAL#id / TIMERS): `clocks` maps
// every armed clock to its timer, and while any is armed the item carries `dueShard` and `dueAt` (the earliest of
// them), which put it in the byDue index. The item is written whole in the same transaction as the events that arm,
// move or disarm a timer, under the state's version, so the clocks and their timers never disagree.
//
// One item a referral, not one a clock (issue 16): a routed referral's three timers are one write at 3 units (the
// item, its index entry) instead of three at 9. Items of the earlier layout (REFERRAL#id / TIMER#clockId, one a
// clock, until 30 November 2026) are still swept; the escalator disarms each as it handles it, and none is written
// armed again.
import { createHash } from 'node:crypto';
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { Timer, TimerAction } from '@nrm/domain';
import { dynamo } from '@nrm/runtime';
import { keys } from './keys';
import { putIf, updateIf } from './query';
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
  /** The timer is an item of its own (the layout before 30 November 2026): the escalator disarms it. */
  readonly legacy?: true;
}

/** A clock's entry in the timers item. */
interface StoredTimer {
  readonly action: TimerAction;
  readonly step: number;
  readonly dueAt: string;
}

/** Timers items with nothing armed, and disarmed items of the earlier layout, are garbage after this long (TTL). */
const DISARMED_TTL_SECONDS = 30 * 24 * 60 * 60;

const expiresAt = (now: Date) => Math.floor(now.getTime() / 1000) + DISARMED_TTL_SECONDS;

/** A referral's shard: a hash of its id, so timers spread evenly and a referral's always land in one shard. */
export function dueShardOf(referralId: string): number {
  const digest = createHash('sha256').update(referralId).digest();
  return digest.readUInt32BE(0) % DUE_SHARDS;
}

/** The timers item holding `timers` (undefined entries are clocks without a timer). */
export function timersItem(referralId: string, timers: Iterable<Timer | undefined>, now: Date) {
  const clocks: Record<string, StoredTimer> = {};
  let dueAt: string | undefined;
  for (const timer of timers) {
    if (!timer) continue;
    clocks[timer.clockId] = { action: timer.action, step: timer.step, dueAt: timer.dueAt };
    if (dueAt === undefined || timer.dueAt < dueAt) dueAt = timer.dueAt;
  }
  // `emitted` notes which timers the sweeper handed on (`markTimersEmitted`); a new timer has not been.
  const base = {
    pk: keys.referral(referralId),
    sk: keys.timers,
    entity: 'timers',
    referralId,
    clocks,
    emitted: {},
  };
  if (dueAt === undefined) return { ...base, expiresAt: expiresAt(now) };
  return { ...base, dueAt, dueShard: keys.dueShard(dueShardOf(referralId)) };
}

function sameTimer(a: Timer | undefined, b: Timer | undefined): boolean {
  return a?.action === b?.action && a?.step === b?.step && a?.dueAt === b?.dueAt;
}

/**
 * The condition that the timers item still holds `timer` for its clock. `tag` tells its names and values apart from
 * another timer's in the same expression (`markTimersEmitted` checks several at once).
 */
function holds(timer: DueTimer, tag = '') {
  const clock = `clocks.#clock${tag}`;
  return {
    ConditionExpression: `${clock}.dueAt = :dueAt${tag} AND ${clock}.#action = :action${tag} AND ${clock}.step = :step${tag}`,
    ExpressionAttributeNames: { [`#clock${tag}`]: timer.clockId, '#action': 'action' },
    ExpressionAttributeValues: {
      [`:dueAt${tag}`]: timer.dueAt,
      [`:action${tag}`]: timer.action,
      [`:step${tag}`]: timer.step,
    },
  };
}

/** The condition that an item of the earlier layout still holds `timer`. */
function legacyHolds(timer: DueTimer) {
  return {
    ConditionExpression: 'dueAt = :dueAt AND #action = :action AND step = :step',
    ExpressionAttributeNames: { '#action': 'action' },
    ExpressionAttributeValues: { ':dueAt': timer.dueAt, ':action': timer.action, ':step': timer.step },
  };
}

/** An item of the earlier layout, disarmed: out of the due index, garbage after the TTL. */
function disarmedLegacyItem(timer: DueTimer, now: Date) {
  return {
    pk: keys.referral(timer.referralId),
    sk: keys.timer(timer.clockId),
    entity: 'timer',
    referralId: timer.referralId,
    clockId: timer.clockId,
    armed: false,
    expiresAt: expiresAt(now),
  };
}

/**
 * Transaction items that bring the timers item from `before` to `after`: the whole item when any clock's timer
 * changed, nothing otherwise. `expected` names a timer the writer acted on (the escalator): the write is
 * conditional on it still being there, or a ConditionCheck says so when nothing changed; a timer of the earlier
 * layout is disarmed in the same transaction, on the same condition.
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
  const changed = [...after].some(([clockId, timer]) => !sameTimer(before.get(clockId), timer));
  const condition = expected && !expected.legacy ? holds(expected) : undefined;
  const items: ExtraItem[] = [];
  if (changed) {
    const put = { Put: { TableName, Item: timersItem(referralId, after.values(), now), ...condition } };
    items.push(condition ? named(CONDITIONS.expectedTimer, put) : put);
  } else if (condition) {
    const Key = { pk: keys.referral(referralId), sk: keys.timers };
    items.push(named(CONDITIONS.expectedTimer, { ConditionCheck: { TableName, Key, ...condition } }));
  }
  if (expected?.legacy) {
    const Item = disarmedLegacyItem(expected, now);
    items.push(named(CONDITIONS.expectedTimer, { Put: { TableName, Item, ...legacyHolds(expected) } }));
  }
  return items;
}

/** Disarms a timer of the earlier layout the escalator found nothing to record for; only if it still holds it. */
export function disarmLegacyTimer(timer: DueTimer, now: Date): Promise<boolean> {
  return putIf({
    TableName: referralsTableName(),
    Item: disarmedLegacyItem(timer, now),
    ...legacyHolds(timer),
  });
}

export interface DueQueryResult {
  readonly timers: DueTimer[];
  /** Items DynamoDB read to answer: what the sweep costs. */
  readonly scannedCount: number;
  readonly consumedCapacity: number;
}

/** Whether a timer was handed on at `emittedAt` recently enough not to be handed on again yet. */
const inFlight = (emittedAt: unknown, resendFrom: string) =>
  typeof emittedAt === 'string' && emittedAt > resendFrom;

/** The due timers one byDue item holds: every due clock of a timers item, or an earlier-layout item's one. */
function dueTimersOf(item: Record<string, unknown>, now: string, resendFrom: string): DueTimer[] {
  const referralId = item.referralId as string;
  if (item.sk !== keys.timers) {
    if (inFlight(item.emittedAt, resendFrom)) return [];
    const { clockId, action, step, dueAt } = item as {
      clockId: string;
      action: TimerAction;
      step: number;
      dueAt: string;
    };
    return [{ referralId, clockId, action, step, dueAt, legacy: true }];
  }
  const clocks = (item.clocks ?? {}) as Record<string, StoredTimer>;
  const emitted = (item.emitted ?? {}) as Record<string, string>;
  return Object.entries(clocks)
    .filter(([clockId, timer]) => timer.dueAt <= now && !inFlight(emitted[clockId], resendFrom))
    .sort(([, a], [, b]) => a.dueAt.localeCompare(b.dueAt))
    .map(([clockId, { action, step, dueAt }]) => ({ referralId, clockId, action, step, dueAt }));
}

/**
 * Due timers of one shard: a query on the byDue index for `dueAt <= now`, so the cost follows the number of
 * referrals with a due timer, never the number armed. Timers handed to the escalator within `resendAfterMs` are
 * skipped, so a timer whose message is still in flight is not sent again every minute (a lost one is sent again
 * after that).
 */
export async function queryDueTimers(
  shard: number,
  now: Date,
  options: { readonly resendAfterMs: number; readonly limit?: number },
): Promise<DueQueryResult> {
  const timers: DueTimer[] = [];
  const at = now.toISOString();
  const resendFrom = new Date(now.getTime() - options.resendAfterMs).toISOString();
  let scannedCount = 0;
  let consumedCapacity = 0;
  let ExclusiveStartKey: Record<string, unknown> | undefined;
  do {
    const page = await dynamo().send(
      new QueryCommand({
        TableName: referralsTableName(),
        IndexName: referralsTable.indexes.find((i) => i.name === 'byDue')!.name,
        KeyConditionExpression: 'dueShard = :shard AND dueAt <= :now',
        ExpressionAttributeValues: { ':shard': keys.dueShard(shard), ':now': at },
        ReturnConsumedCapacity: 'TOTAL',
        ExclusiveStartKey,
        ...(options.limit ? { Limit: options.limit } : {}),
      }),
    );
    scannedCount += page.ScannedCount ?? 0;
    consumedCapacity += page.ConsumedCapacity?.CapacityUnits ?? 0;
    for (const item of page.Items ?? []) timers.push(...dueTimersOf(item, at, resendFrom));
    ExclusiveStartKey = options.limit && timers.length >= options.limit ? undefined : page.LastEvaluatedKey;
  } while (ExclusiveStartKey);
  return { timers, scannedCount, consumedCapacity };
}

/**
 * Notes that the timers were handed to the escalator: one write a referral (and one an earlier-layout item), and
 * only where the item still holds those timers; where the escalator (or a command) moved them on meanwhile there is
 * nothing to note.
 */
export async function markTimersEmitted(timers: readonly DueTimer[], now: Date): Promise<void> {
  const at = now.toISOString();
  const TableName = referralsTableName();
  const byReferral = new Map<string, DueTimer[]>();
  const writes: Promise<boolean>[] = [];
  for (const timer of timers) {
    if (timer.legacy) {
      const held = legacyHolds(timer);
      writes.push(
        updateIf({
          TableName,
          Key: { pk: keys.referral(timer.referralId), sk: keys.timer(timer.clockId) },
          UpdateExpression: 'SET emittedAt = :now',
          ...held,
          ExpressionAttributeValues: { ...held.ExpressionAttributeValues, ':now': at },
        }),
      );
      continue;
    }
    const due = byReferral.get(timer.referralId) ?? [];
    due.push(timer);
    byReferral.set(timer.referralId, due);
  }
  for (const [referralId, due] of byReferral) {
    const held = due.map((timer, i) => holds(timer, String(i)));
    writes.push(
      updateIf({
        TableName,
        Key: { pk: keys.referral(referralId), sk: keys.timers },
        UpdateExpression: `SET ${due.map((_, i) => `emitted.#clock${i} = :now`).join(', ')}`,
        ConditionExpression: ['attribute_exists(emitted)', ...held.map((h) => h.ConditionExpression)].join(
          ' AND ',
        ),
        ExpressionAttributeNames: Object.assign({}, ...held.map((h) => h.ExpressionAttributeNames)),
        ExpressionAttributeValues: Object.assign(
          { ':now': at },
          ...held.map((h) => h.ExpressionAttributeValues),
        ),
      }),
    );
  }
  await Promise.all(writes);
}
