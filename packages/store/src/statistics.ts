// The statistics table: what each event adds is written in ONE transaction with the event's processed marker, so a
// redelivered or replayed event adds nothing twice. Items are per period (day, month, quarter, year) × group, so a
// dashboard query for a year reads one partition of a few hundred items, never a referral. The events of one SQS
// batch share transactions where they can (`recordStatisticsBatch`): each event's marker is still in the transaction
// that adds its part, and the counters they share are written once with the increments summed (at the transactional
// rate of 2 units an item, a burst's shared day, month, quarter and year items were most of the aggregator's cost).
//
// Keys (pk / sk), declared once in keys.ts (`statisticsKeys`, `periodsOfDay`, `periodPk`):
//   DUR#<period> / [dd#]<step>#<region>#<track>#<receivingType>#<referringType>   hand-off-time histogram
//   DURR#<period> / <step>#<region>#<track>                                         the same rolled up (no days)
//   CNT#<period> / [dd#]<region>#<track>#<referringType>#<channel>                 referral counts by attribute
//   SLA#<period> / [dd#]<clockKind>#<region>#<track>                                 clocks met / breached
//   PERSONS#<period> / ALL                                                           unique persons, referrals
//   PERSON#<personKey> / <period> | REFERRAL#<id>                                    person seen in period; its referrals
//   CELL#R|P#<period> / <cell>                                                       joint cells of referrals, persons
//   MEMBER#<personId> / <period>                                                     a person's referrals and cells then
//   TALLY#<family>#<period> / <values>                                               outcomes, hand-off gaps, children, permits
//   LIVE / <waitId>                                                                  something waiting now
//   PROCESSED#stats#<eventId> / PROCESSED                                            the event was counted
// <period> is Y#2026, Q#2026-Q1, M#2026-03, or D#2026-03 (a month of days; the sort key starts with the day).
import { randomUUID } from 'node:crypto';
import {
  BatchGetCommand,
  type BatchGetCommandOutput,
  BatchWriteCommand,
  GetCommand,
  QueryCommand,
} from '@aws-sdk/lib-dynamodb';
import {
  BUCKET_COUNT,
  bucketOf,
  type Cell,
  type CountedCell,
  cellKey,
  cellOfKey,
  type EventEnvelope,
  type Histogram,
  type MemberEntry,
  personCell,
  type StatisticsContribution,
  sameCell,
  type TallyFamily,
} from '@nrm/domain';
import { config, dynamo } from '@nrm/runtime';
import { keys, periodPk, periodsOfDay, statisticsKeys as sk } from './keys';
import { queryAll, scanPages, updateIf } from './query';
import type { TransactItem } from './referrals';
import { referralsTableName } from './referrals';
import { physicalTableName, statisticsTable } from './tables';
import { CONDITIONS, ConditionsFailed, type ExtraItem, named, writeTransaction } from './transaction';

export const STATISTICS_CONSUMER = 'stats';

export function statisticsTableName(): string {
  return physicalTableName(config().tablePrefix, statisticsTable);
}

/** Periods unique persons are counted in (a person is one person a year, a quarter, a month). */
function personPeriods(day: string): string[] {
  return periodsOfDay(day)
    .slice(1)
    .map((p) => p.pk);
}

export interface ItemChange {
  pk: string;
  sk: string;
  set: Record<string, string>;
  add: Record<string, number>;
}

const RETAIN_CLOSED_WAITS_SECONDS = 30 * 24 * 60 * 60;

/** Item changes keyed by item, so one transaction never touches an item twice. */
export class ItemChanges {
  readonly #changes = new Map<string, ItemChange>();
  change(pk: string, sortKey: string, set: Record<string, string>): ItemChange {
    const key = `${pk}|${sortKey}`;
    let c = this.#changes.get(key);
    if (!c) {
      c = { pk, sk: sortKey, set, add: {} };
      this.#changes.set(key, c);
    }
    return c;
  }
  add(c: ItemChange, name: string, amount: number): void {
    c.add[name] = (c.add[name] ?? 0) + amount;
  }
  /** Changes that add something (a +1 and a −1 on one cell cancel). */
  list(): ItemChange[] {
    return [...this.#changes.values()]
      .map((c) => ({ ...c, add: Object.fromEntries(Object.entries(c.add).filter(([, n]) => n !== 0)) }))
      .filter((c) => Object.keys(c.add).length > 0);
  }
}

/** A change of one joint cell of referrals or persons in a period. */
export function addCell(changes: ItemChanges, unit: 'R' | 'P', period: string, cell: Cell, n: number) {
  changes.add(changes.change(sk.cells(unit, period), cellKey(cell), {}), 'n', n);
}

/** The item changes a contribution makes (persons and members excepted: they depend on what was seen before). */
export function itemChanges(contribution: StatisticsContribution, into = new ItemChanges()): ItemChange[] {
  const change = (pk: string, sortKey: string, set: Record<string, string>) => into.change(pk, sortKey, set);
  const add = (c: ItemChange, name: string, amount: number) => into.add(c, name, amount);
  for (const d of contribution.durations) {
    const group = `${d.step}#${d.region}#${d.track}#${d.receivingType}#${d.referringType}`;
    // One hand-off time into a histogram item: its count, sums and the working and calendar buckets it falls in.
    const addDuration = (item: ItemChange) => {
      add(item, 'n', 1);
      add(item, 'sw', d.workingMs);
      add(item, 'sc', d.calendarMs);
      add(item, `w${bucketOf(d.workingMs)}`, 1);
      add(item, `c${bucketOf(d.calendarMs)}`, 1);
    };
    for (const p of periodsOfDay(d.day)) {
      if (!p.skPrefix) {
        const r = change(sk.durationRollup(p.pk), `${d.step}#${d.region}#${d.track}`, {
          step: d.step,
          region: d.region,
          track: d.track,
        });
        addDuration(r);
      }
      const c = change(sk.durations(p.pk), `${p.skPrefix}${group}`, {
        step: d.step,
        region: d.region,
        track: d.track,
        receivingType: d.receivingType,
        referringType: d.referringType,
      });
      addDuration(c);
    }
  }
  for (const s of contribution.counts) {
    const group = `${s.region}#${s.track}#${s.referringType}#${s.channel}`;
    for (const p of periodsOfDay(s.day)) {
      const c = change(sk.counts(p.pk), `${p.skPrefix}${group}`, {
        region: s.region,
        track: s.track,
        referringType: s.referringType,
        channel: s.channel,
      });
      for (const a of s.attributes) add(c, a, s.delta ?? 1);
    }
  }
  for (const s of contribution.sla) {
    for (const p of periodsOfDay(s.day)) {
      const c = change(sk.sla(p.pk), `${p.skPrefix}${s.kind}#${s.region}#${s.track}`, {
        kind: s.kind,
        region: s.region,
        track: s.track,
      });
      add(c, s.outcome, 1);
    }
  }
  for (const t of contribution.tallies) {
    for (const period of personPeriods(t.day)) {
      add(change(sk.tally(t.family, period), t.key.join('|'), {}), 'n', t.delta ?? 1);
    }
  }
  for (const m of contribution.members) {
    for (const period of personPeriods(m.day)) {
      if (m.from) addCell(into, 'R', period, m.from.cell, -1);
      if (m.to) addCell(into, 'R', period, m.to.cell, 1);
    }
  }
  return into.list();
}

function updateOf(TableName: string, c: ItemChange): TransactItem {
  const names: Record<string, string> = {};
  const values: Record<string, unknown> = {};
  const sets = Object.entries(c.set).map(([k, v], i) => {
    names[`#s${i}`] = k;
    values[`:s${i}`] = v;
    return `#s${i} = :s${i}`;
  });
  const adds = Object.entries(c.add).map(([k, v], i) => {
    names[`#a${i}`] = k;
    values[`:a${i}`] = v;
    return `#a${i} :a${i}`;
  });
  return {
    Update: {
      TableName,
      Key: { pk: c.pk, sk: c.sk },
      UpdateExpression: `${sets.length ? `SET ${sets.join(', ')} ` : ''}ADD ${adds.join(', ')}`,
      ExpressionAttributeNames: names,
      ExpressionAttributeValues: values,
    },
  };
}

type Maximum = 'mw' | 'mc';

/**
 * Maxima are not additive, but taking the larger is idempotent: written before the transaction, so never lost.
 * The stored maxima are read first (one batch read) and only those the contribution raises are written: a write
 * whose condition fails is billed all the same, and once a period has its longest times, most hand-offs raise
 * none. A read may be stale, but maxima only rise: a stale one can only ask for a write the condition then turns
 * down, never skip one that was needed.
 */
async function raiseMaxima(TableName: string, durations: StatisticsContribution['durations']) {
  const wanted = new Map<string, { Key: { pk: string; sk: string }; values: Record<Maximum, number> }>();
  for (const d of durations) {
    const group = `${d.step}#${d.region}#${d.track}#${d.receivingType}#${d.referringType}`;
    const items = periodsOfDay(d.day).flatMap((p) => [
      { pk: sk.durations(p.pk), sk: `${p.skPrefix}${group}` },
      ...(p.skPrefix ? [] : [{ pk: sk.durationRollup(p.pk), sk: `${d.step}#${d.region}#${d.track}` }]),
    ]);
    for (const Key of items) {
      const id = `${Key.pk}|${Key.sk}`;
      const values = wanted.get(id)?.values ?? { mw: 0, mc: 0 };
      wanted.set(id, {
        Key,
        values: { mw: Math.max(values.mw, d.workingMs), mc: Math.max(values.mc, d.calendarMs) },
      });
    }
  }
  if (!wanted.size) return;
  const stored = await storedMaxima(
    TableName,
    [...wanted.values()].map((w) => w.Key),
  );
  const writes: Promise<unknown>[] = [];
  for (const [id, { Key, values }] of wanted) {
    for (const name of ['mw', 'mc'] as const) {
      const current = stored.get(id)?.[name];
      if (current !== undefined && current >= values[name]) continue;
      writes.push(
        updateIf({
          TableName,
          Key,
          UpdateExpression: 'SET #m = :v',
          ConditionExpression: 'attribute_not_exists(#m) OR #m < :v',
          ExpressionAttributeNames: { '#m': name },
          ExpressionAttributeValues: { ':v': values[name] },
        }),
      );
    }
  }
  await Promise.all(writes);
}

/** The maxima stored on histogram items, read 100 keys a request; an item not read is left out (and so written). */
async function storedMaxima(
  TableName: string,
  Keys: readonly { pk: string; sk: string }[],
): Promise<Map<string, Partial<Record<Maximum, number>>>> {
  const stored = new Map<string, Partial<Record<Maximum, number>>>();
  for (let i = 0; i < Keys.length; i += 100) {
    const { Responses } = await dynamo().send(
      new BatchGetCommand({
        RequestItems: {
          [TableName]: { Keys: Keys.slice(i, i + 100), ProjectionExpression: 'pk, sk, mw, mc' },
        },
      }),
    );
    for (const item of Responses?.[TableName] ?? []) {
      stored.set(`${item.pk}|${item.sk}`, {
        mw: item.mw as number | undefined,
        mc: item.mc as number | undefined,
      });
    }
  }
  return stored;
}

/** Which of the events are counted already (their processed markers, read consistently, 100 a request). */
async function processedEvents(TableName: string, eventIds: readonly string[]): Promise<Set<string>> {
  const found = new Set<string>();
  const all = [...new Set(eventIds)].map((id) => ({
    pk: keys.processed(STATISTICS_CONSUMER, id),
    sk: sk.processedSk,
  }));
  for (let i = 0; i < all.length; i += 100) {
    let Keys: Record<string, unknown>[] | undefined = all.slice(i, i + 100);
    while (Keys?.length) {
      const read: BatchGetCommandOutput = await dynamo().send(
        new BatchGetCommand({
          RequestItems: { [TableName]: { Keys, ConsistentRead: true, ProjectionExpression: 'pk' } },
        }),
      );
      for (const item of read.Responses?.[TableName] ?? []) found.add(item.pk as string);
      Keys = read.UnprocessedKeys?.[TableName]?.Keys;
    }
  }
  return new Set(eventIds.filter((id) => found.has(keys.processed(STATISTICS_CONSUMER, id))));
}

async function seenPeriods(TableName: string, personKey: string): Promise<Set<string>> {
  const { Items } = await dynamo().send(
    new QueryCommand({
      TableName,
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': sk.person(personKey) },
      ConsistentRead: true,
    }),
  );
  return new Set((Items ?? []).map((i) => i.sk as string));
}

export type StatisticsOutcome = 'counted' | 'already-counted' | 'nothing-to-count';

/** One event and what it adds to the statistics. */
export interface Counting {
  readonly event: EventEnvelope;
  readonly contribution: StatisticsContribution;
}

/** The most items DynamoDB takes in one transaction. */
const MAX_TRANSACTION_ITEMS = 100;

function nothingToCount(contribution: StatisticsContribution): boolean {
  return (
    !itemChanges(contribution).length &&
    !contribution.persons.length &&
    !contribution.live.length &&
    !contribution.members.length
  );
}

/**
 * What one event writes: its processed marker and the items only it may touch in a transaction (`ownedItems`:
 * person markers, member items, live waits), and its additive changes (counters, histograms, cells, totals), which
 * the events of a batch share and sum.
 */
interface EventPlan {
  readonly owned: ExtraItem[];
  readonly changes: ItemChange[];
}

/** The partitions and items a plan writes that may not be shared with another event's plan in one transaction. */
function ownedItems({ event, contribution }: Counting): string[] {
  return [
    keys.processed(STATISTICS_CONSUMER, event.eventId),
    ...contribution.persons.flatMap((p) => (p.personKey ? [sk.person(p.personKey)] : [])),
    ...contribution.members.flatMap((m) =>
      [m.from?.personId, m.to?.personId].flatMap((id) => (id ? [sk.member(id)] : [])),
    ),
    ...contribution.live.map((l) => `${sk.live}|${l.id}`),
  ];
}

/**
 * Adds what one event contributes. A person already seen in a period is not counted again; two referrals of one
 * person counted at the same moment make one transaction fail on the person marker, and its retry sees the other.
 */
export async function recordStatistics(
  event: EventEnvelope,
  contribution: StatisticsContribution,
): Promise<StatisticsOutcome> {
  const TableName = statisticsTableName();
  if (nothingToCount(contribution)) return 'nothing-to-count';
  if ((await processedEvents(TableName, [event.eventId])).size) return 'already-counted';
  await raiseMaxima(TableName, contribution.durations);
  return writeAlone(TableName, await planEvent(TableName, event, contribution));
}

/** One event's transaction: its marker refused means another delivery counted it first. */
async function writeAlone(TableName: string, plan: EventPlan): Promise<StatisticsOutcome> {
  try {
    await writeTransaction([...plan.owned, ...plan.changes.map((c) => updateOf(TableName, c))]);
  } catch (error) {
    if (!(error instanceof ConditionsFailed)) throw error;
    if (error.failed.includes(CONDITIONS.notCounted)) return 'already-counted';
    throw error.cause;
  }
  return 'counted';
}

/**
 * Counts the events of one SQS batch, each exactly once, in as few transactions as their items allow. Events whose
 * owned items (marker, person, member, live wait) do not meet share a transaction of up to 100 items: each its
 * own marker and owned items, and the counters, histograms and cells they touch once each, their increments summed
 * (a burst's referrals share their day's, month's, quarter's and year's items). An event whose owned items another
 * event of the batch already has (the same event twice, two referrals of one person, two events of one wait) is
 * counted in a later round, seeing the first one's writes. When a shared transaction is refused (an event counted
 * meanwhile by another delivery, a person or member counted at the same moment), nothing of it was written, and its
 * events are counted again in the next round; what the rounds leave is counted event by event as
 * `recordStatistics` counts it, so none is counted twice or lost. Results are in the order of `countings`; a
 * rejected one is for the queue to deliver again.
 */
export async function recordStatisticsBatch(
  countings: readonly Counting[],
): Promise<PromiseSettledResult<StatisticsOutcome>[]> {
  const results = new Map<number, PromiseSettledResult<StatisticsOutcome>>();
  // Rounds: each counts together the events whose owned items do not meet, after the previous round's writes (two
  // events of one referral, of one person, of one wait fall into successive rounds), for as long as a round counts
  // something; at most MAX_SHARED_ROUNDS, so a batch does bounded work.
  let open = [...countings.keys()];
  for (let round = 0; open.length > 1 && round < MAX_SHARED_ROUNDS; round++) {
    const settledBefore = results.size;
    try {
      await countTogether(statisticsTableName(), countings, open, results);
    } catch {
      // A read or write of the shared path failed: the events not settled yet are counted one by one below, where a
      // lasting failure is reported against each.
      break;
    }
    open = open.filter((i) => !results.has(i));
    if (results.size === settledBefore) break;
  }
  const settled: PromiseSettledResult<StatisticsOutcome>[] = [];
  for (const [i, { event, contribution }] of countings.entries()) {
    settled.push(results.get(i) ?? (await settle(recordStatistics(event, contribution))));
  }
  return settled;
}

async function settle<T>(promise: Promise<T>): Promise<PromiseSettledResult<T>> {
  try {
    return { status: 'fulfilled', value: await promise };
  } catch (reason) {
    return { status: 'rejected', reason };
  }
}

/** Shared rounds of one batch before the events left are counted one by one. */
const MAX_SHARED_ROUNDS = 5;

async function countTogether(
  TableName: string,
  countings: readonly Counting[],
  candidates: readonly number[],
  results: Map<number, PromiseSettledResult<StatisticsOutcome>>,
): Promise<void> {
  const done = (i: number, value: StatisticsOutcome) => results.set(i, { status: 'fulfilled', value });
  const open = candidates.filter((i) => {
    if (!nothingToCount(countings[i]!.contribution)) return true;
    done(i, 'nothing-to-count');
    return false;
  });
  const processed = await processedEvents(
    TableName,
    open.map((i) => countings[i]!.event.eventId),
  );
  const claimed = new Set<string>();
  const together: number[] = [];
  for (const i of open) {
    if (processed.has(countings[i]!.event.eventId)) {
      done(i, 'already-counted');
      continue;
    }
    const owned = ownedItems(countings[i]!);
    if (owned.some((k) => claimed.has(k))) continue;
    for (const k of owned) claimed.add(k);
    together.push(i);
  }
  await raiseMaxima(
    TableName,
    together.flatMap((i) => countings[i]!.contribution.durations),
  );
  const plans = await Promise.all(
    together.map(async (i) => ({
      i,
      plan: await planEvent(TableName, countings[i]!.event, countings[i]!.contribution),
    })),
  );
  for (const group of transactionsOf(plans)) {
    if (group.length === 1) {
      results.set(group[0]!.i, await settle(writeAlone(TableName, group[0]!.plan)));
      continue;
    }
    const changes = new ItemChanges();
    for (const { plan } of group) {
      for (const c of plan.changes) {
        const item = changes.change(c.pk, c.sk, c.set);
        for (const [name, n] of Object.entries(c.add)) changes.add(item, name, n);
      }
    }
    try {
      await writeTransaction([
        ...group.flatMap(({ plan }) => plan.owned),
        ...changes.list().map((c) => updateOf(TableName, c)),
      ]);
    } catch (error) {
      if (error instanceof ConditionsFailed || (error as Error).name === 'TransactionCanceledException')
        continue;
      throw error;
    }
    for (const { i } of group) done(i, 'counted');
  }
}

/** The plans in transactions of at most 100 items, an additive item shared by several plans written once. */
function transactionsOf<T extends { readonly plan: EventPlan }>(plans: readonly T[]): T[][] {
  const groups: T[][] = [];
  let group: T[] = [];
  let shared = new Set<string>();
  const fresh = (plan: EventPlan) => plan.changes.filter((c) => !shared.has(`${c.pk}|${c.sk}`));
  let size = 0;
  for (const entry of plans) {
    if (group.length && size + entry.plan.owned.length + fresh(entry.plan).length > MAX_TRANSACTION_ITEMS) {
      groups.push(group);
      group = [];
      shared = new Set();
      size = 0;
    }
    size += entry.plan.owned.length + fresh(entry.plan).length;
    for (const c of entry.plan.changes) shared.add(`${c.pk}|${c.sk}`);
    group.push(entry);
  }
  if (group.length) groups.push(group);
  return groups;
}

/** The items one event writes (`EventPlan`), from what it contributes and what was counted before it. */
async function planEvent(
  TableName: string,
  event: EventEnvelope,
  contribution: StatisticsContribution,
): Promise<EventPlan> {
  const changes = new ItemChanges();
  itemChanges(contribution, changes);
  const memberWrites = await memberChanges(TableName, contribution, changes);
  const items: ExtraItem[] = [
    named(CONDITIONS.notCounted, {
      Put: {
        TableName,
        Item: {
          pk: keys.processed(STATISTICS_CONSUMER, event.eventId),
          sk: sk.processedSk,
          referralId: event.referralId,
        },
        ConditionExpression: 'attribute_not_exists(pk)',
      },
    }),
  ];
  // Every received referral adds one referral to its periods, and one person where the person is new there. A key
  // found later merges a referral counted as a person of its own into a person already seen there.
  const totals = new Map<string, { persons: number; referrals: number }>();
  const total = (period: string) => {
    const t = totals.get(period) ?? { persons: 0, referrals: 0 };
    totals.set(period, t);
    return t;
  };
  for (const person of contribution.persons) {
    const periods = personPeriods(person.day);
    const later = person.keyedLater;
    for (const period of periods) if (!later) total(period).referrals += 1;
    if (!person.personKey) {
      for (const period of periods) total(period).persons += 1;
      continue;
    }
    const seen = await seenPeriods(TableName, person.personKey);
    if (later?.previouslyKeyed !== true) {
      for (const period of periods) {
        if (seen.has(period)) {
          if (later) total(period).persons -= 1;
          continue;
        }
        if (!later) total(period).persons += 1;
        items.push({
          Put: {
            TableName,
            Item: { pk: sk.person(person.personKey), sk: period },
            ConditionExpression: 'attribute_not_exists(pk)',
          },
        });
      }
    }
    items.push({
      Put: {
        TableName,
        Item: {
          pk: sk.person(person.personKey),
          sk: sk.personReferral(person.referralId),
          at: event.occurredAt,
        },
      },
    });
  }
  for (const [period, { persons, referrals }] of totals) {
    const item = changes.change(sk.persons(period), sk.totals, {});
    changes.add(item, 'persons', persons);
    changes.add(item, 'referrals', referrals);
  }
  items.push(...memberWrites);
  for (const live of contribution.live) {
    const attributes: Record<string, string> =
      live.op === 'open'
        ? Object.fromEntries(
            Object.entries({
              kind: live.kind,
              referralId: live.referralId,
              queue: live.queue,
              receivingType: live.receivingType,
              clockKind: live.clockKind,
              since: live.since,
            }).filter((e): e is [string, string] => e[1] !== undefined),
          )
        : { closedAt: event.occurredAt };
    const names = Object.fromEntries(Object.keys(attributes).map((k, i) => [`#l${i}`, k]));
    const values: Record<string, unknown> = Object.fromEntries(
      Object.values(attributes).map((v, i) => [`:l${i}`, v]),
    );
    const sets = Object.keys(attributes).map((_, i) => `#l${i} = :l${i}`);
    // A close may arrive before its open (queues do not keep order): the item then holds both and reads as closed.
    if (live.op === 'close') {
      names['#expiresAt'] = 'expiresAt';
      values[':expiresAt'] = Math.floor(Date.parse(event.occurredAt) / 1000) + RETAIN_CLOSED_WAITS_SECONDS;
      sets.push('#expiresAt = :expiresAt');
    }
    items.push({
      Update: {
        TableName,
        Key: { pk: sk.live, sk: live.id },
        UpdateExpression: `SET ${sets.join(', ')}`,
        ExpressionAttributeNames: names,
        ExpressionAttributeValues: values,
      },
    });
  }
  return { owned: items, changes: changes.list() };
}

/**
 * A referral's place in a person's member item, with the sequence number of the event that put it there or took it
 * out. Changes of one referral may be counted in any order: only a later one than the stored one applies, and a
 * removal stays as a marker (`present: false`) so an earlier add arriving after it does nothing.
 */
interface StoredEntry extends MemberEntry {
  readonly seq: number;
  readonly present: boolean;
}

/**
 * A person's member item (`MEMBER#<personId>` / `PERIODS`): their referrals in each period they are counted in
 * (`periods`: period → entries), versioned, one item for all periods so a referral's count writes it once. Items of
 * the earlier layout, one a period with its sort key the period (`legacy`), are folded into it at its next write.
 */
interface Member {
  readonly periods: Record<string, StoredEntry[]>;
  readonly version: number | undefined;
  readonly legacy: readonly { readonly sk: string; readonly v: number }[];
}

/** What a stored member item holds, by period, in either layout. */
function periodsOf(item: Record<string, unknown>): Record<string, StoredEntry[]> {
  return item.sk === sk.memberPeriods
    ? (JSON.parse(item.periods as string) as Record<string, StoredEntry[]>)
    : { [item.sk as string]: JSON.parse(item.entries as string) as StoredEntry[] };
}

async function readMember(TableName: string, personId: string): Promise<Member> {
  const { items } = await queryAll({
    TableName,
    KeyConditionExpression: 'pk = :pk',
    ExpressionAttributeValues: { ':pk': sk.member(personId) },
    ConsistentRead: true,
  });
  const current = items.find((i) => i.sk === sk.memberPeriods);
  const legacy = items.filter((i) => i !== current);
  return {
    periods: Object.assign({}, ...legacy.map(periodsOf), current ? periodsOf(current) : {}),
    version: current ? Number(current.v) : undefined,
    legacy: legacy.map((i) => ({ sk: i.sk as string, v: Number(i.v) })),
  };
}

/** The writes that store `periods` as the person's member item, if nobody changed it (or its legacy items) since. */
function memberWrites(
  TableName: string,
  pk: string,
  member: Member,
  periods: Member['periods'],
): TransactItem[] {
  const guard =
    member.version === undefined
      ? { ConditionExpression: 'attribute_not_exists(pk)' }
      : { ConditionExpression: 'v = :v', ExpressionAttributeValues: { ':v': member.version } };
  const Item = { pk, sk: sk.memberPeriods, periods: JSON.stringify(periods), v: (member.version ?? 0) + 1 };
  // At most MAX_LEGACY_FOLDED of the earlier layout's items go at once, so the transaction stays within its 100 items;
  // any left are read with the one item again (which wins for the periods both hold) and go at the next count.
  return [
    { Put: { TableName, Item, ...guard } },
    ...memberDeletes(TableName, pk, member, 'legacy').slice(0, MAX_LEGACY_FOLDED),
  ];
}

const MAX_LEGACY_FOLDED = 40;

/** Deletes of the person's member items as read: its legacy items, or all of them. */
function memberDeletes(
  TableName: string,
  pk: string,
  member: Member,
  which: 'legacy' | 'all',
): TransactItem[] {
  const read = [
    ...member.legacy,
    ...(which === 'all' && member.version !== undefined ? [{ sk: sk.memberPeriods, v: member.version }] : []),
  ];
  return read.map((item) => ({
    Delete: {
      TableName,
      Key: { pk, sk: item.sk },
      ConditionExpression: 'v = :v',
      ExpressionAttributeValues: { ':v': item.v },
    },
  }));
}

const present = (entries: readonly StoredEntry[]) => entries.filter((e) => e.present);

/**
 * A referral moving into, out of or within a person's cell: the person's cell in each period is recomputed from all
 * their referrals there (cells.ts, `personCell`), the person cells move, and the member item is written back on the
 * condition that nobody changed it meanwhile (two referrals of one person counted at once: one retries).
 */
async function memberChanges(
  TableName: string,
  contribution: StatisticsContribution,
  changes: ItemChanges,
): Promise<TransactItem[]> {
  const members = new Map<string, { read: Member; periods: Member['periods']; changed: boolean }>();
  for (const m of contribution.members) {
    const people = [...new Set([m.from?.personId, m.to?.personId].filter((p): p is string => !!p))];
    for (const personId of people) {
      let member = members.get(personId);
      if (!member) {
        const read = await readMember(TableName, personId);
        member = { read, periods: { ...read.periods }, changed: false };
        members.set(personId, member);
      }
      for (const period of personPeriods(m.day)) {
        const before = member.periods[period] ?? [];
        const stored = before.find((e) => e.referralId === m.referralId);
        if (stored && stored.seq >= m.seq) continue;
        const entries = before.filter((e) => e.referralId !== m.referralId);
        entries.push(
          m.to?.personId === personId
            ? {
                referralId: m.referralId,
                submittedAt: m.submittedAt,
                cell: m.to.cell,
                seq: m.seq,
                present: true,
              }
            : {
                ...(stored ?? { referralId: m.referralId, submittedAt: m.submittedAt, cell: m.from!.cell }),
                seq: m.seq,
                present: false,
              },
        );
        const was = personCell(present(before));
        const is = personCell(present(entries));
        if (!sameCell(was, is)) {
          if (was) addCell(changes, 'P', period, was, -1);
          if (is) addCell(changes, 'P', period, is, 1);
        }
        member.periods[period] = entries;
        member.changed = true;
      }
    }
  }
  return [...members].flatMap(([personId, { read, periods, changed }]) =>
    changed ? memberWrites(TableName, sk.member(personId), read, periods) : [],
  );
}

/** A period as the API names it: 2026, 2026-Q1, 2026-03, or a day range 2026-03-01..2026-03-31. */
export type PeriodQuery = { readonly period: string } | { readonly from: string; readonly to: string };

/** The months a day range touches, counted as numbers; a range beyond `MAX_RANGE_MONTHS` is refused, never walked. */
export function monthsBetween(from: string, to: string): string[] {
  const index = (day: string) => Number(day.slice(0, 4)) * 12 + Number(day.slice(5, 7)) - 1;
  const first = index(from);
  const count = index(to) - first + 1;
  if (!Number.isInteger(first) || !Number.isInteger(count) || count < 1 || count > MAX_RANGE_MONTHS) {
    throw new RangeError(`A day range spans 1 to ${MAX_RANGE_MONTHS} months`);
  }
  return Array.from({ length: count }, (_, i) => {
    const month = first + i;
    return `${Math.floor(month / 12)}-${String((month % 12) + 1).padStart(2, '0')}`;
  });
}

/** The longest day range one request may ask for: each month of it is one query. */
export const MAX_RANGE_MONTHS = 36;
/** How many month partitions one request reads at a time. */
const READ_CONCURRENCY = 6;

async function inBatches<T, R>(
  items: readonly T[],
  size: number,
  run: (item: T) => Promise<R>,
): Promise<R[]> {
  const results: R[] = [];
  for (let i = 0; i < items.length; i += size)
    results.push(...(await Promise.all(items.slice(i, i + size).map(run))));
  return results;
}

async function readFamily(pkOf: (period: string) => string, query: PeriodQuery) {
  const TableName = statisticsTableName();
  if ('period' in query) {
    return queryAll({
      TableName,
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': pkOf(periodPk(query.period)) },
    });
  }
  const parts = await inBatches(monthsBetween(query.from, query.to), READ_CONCURRENCY, (month) =>
    queryAll({
      TableName,
      KeyConditionExpression: 'pk = :pk AND sk BETWEEN :from AND :to',
      ExpressionAttributeValues: {
        ':pk': pkOf(sk.daysOfMonth(month)),
        ':from': sk.dayOfMonth(query.from.startsWith(month) ? query.from.slice(8) : '00'),
        ':to': query.to.startsWith(month) ? `${sk.dayOfMonth(query.to.slice(8))}~` : sk.dayOfMonth('32'),
      },
    }),
  );
  return {
    items: parts.flatMap((p) => p.items),
    capacity: parts.reduce((sum, p) => sum + p.capacity, 0),
  };
}

export interface StoredDurations {
  readonly step: string;
  readonly region: string;
  readonly track: string;
  readonly receivingType: string;
  readonly referringType: string;
  readonly working: Histogram;
  readonly calendar: Histogram;
}

export interface Read<T> {
  readonly rows: T[];
  /** Items the query read and the read capacity it consumed: what a dashboard query costs. */
  readonly itemsRead: number;
  readonly capacityUnits: number;
}

function histogram(item: Record<string, unknown>, prefix: 'w' | 'c'): Histogram {
  return {
    counts: Array.from({ length: BUCKET_COUNT }, (_, i) => Number(item[`${prefix}${i}`] ?? 0)),
    n: Number(item.n ?? 0),
    sumMs: Number(item[`s${prefix}`] ?? 0),
    maxMs: Number(item[`m${prefix}`] ?? 0),
  };
}

/**
 * Hand-off-time histograms of a period or day range. With `rollup`, a period's step × region × track items (a few
 * dozen) instead of the full groups (hundreds): for a view that groups and filters by those three only.
 */
export async function readDurations(
  query: PeriodQuery,
  options: { readonly rollup?: boolean } = {},
): Promise<Read<StoredDurations>> {
  const family = options.rollup && 'period' in query ? sk.durationRollup : sk.durations;
  return readRows(family, query, (item) => ({
    step: item.step as string,
    region: item.region as string,
    track: item.track as string,
    receivingType: (item.receivingType as string | undefined) ?? 'all',
    referringType: (item.referringType as string | undefined) ?? 'all',
    working: histogram(item, 'w'),
    calendar: histogram(item, 'c'),
  }));
}

export interface StoredCounts {
  readonly region: string;
  readonly track: string;
  readonly referringType: string;
  readonly channel: string;
  /** `referrals`, `purpose:<p>`, `gender:<g>`, `age:<group>`, `citizenship:<cc>`, `anonymous`, `outcome:<reason>`. */
  readonly counts: Record<string, number>;
}

const IDENTITY = new Set(['pk', 'sk', 'region', 'track', 'referringType', 'channel', 'kind']);

/** The rows of one family of items (`pkOf`) over a period, with what reading them cost. */
async function readRows<T>(
  pkOf: (period: string) => string,
  query: PeriodQuery,
  row: (item: Record<string, unknown>) => T,
): Promise<Read<T>> {
  const { items, capacity } = await readFamily(pkOf, query);
  return { rows: items.map(row), itemsRead: items.length, capacityUnits: capacity };
}

export async function readCounts(query: PeriodQuery): Promise<Read<StoredCounts>> {
  return readRows(sk.counts, query, (item) => ({
    region: item.region as string,
    track: item.track as string,
    referringType: item.referringType as string,
    channel: item.channel as string,
    counts: Object.fromEntries(
      Object.entries(item)
        .filter(([k]) => !IDENTITY.has(k))
        .map(([k, v]) => [k, Number(v)]),
    ),
  }));
}

export interface StoredSla {
  readonly kind: string;
  readonly region: string;
  readonly track: string;
  readonly met: number;
  readonly breached: number;
}

export async function readSla(query: PeriodQuery): Promise<Read<StoredSla>> {
  return readRows(sk.sla, query, (item) => ({
    kind: item.kind as string,
    region: item.region as string,
    track: item.track as string,
    met: Number(item.met ?? 0),
    breached: Number(item.breached ?? 0),
  }));
}

/** Unique persons and referrals of a month, quarter or year. */
export async function readPersons(period: string): Promise<{ persons: number; referrals: number }> {
  const { Item } = await dynamo().send(
    new GetCommand({
      TableName: statisticsTableName(),
      Key: { pk: sk.persons(periodPk(period)), sk: sk.totals },
    }),
  );
  return { persons: Number(Item?.persons ?? 0), referrals: Number(Item?.referrals ?? 0) };
}

export interface LiveWait {
  readonly id: string;
  readonly kind: 'acknowledgement' | 'handoff' | 'breach';
  readonly referralId: string;
  readonly queue: string;
  readonly receivingType?: string;
  readonly clockKind?: string;
  readonly since: string;
}

/** What waits now: open acknowledgement waits, hand-offs not yet answered, breached clocks not yet stopped. */
export async function readLiveWaits(): Promise<LiveWait[]> {
  const { items } = await queryAll({
    TableName: statisticsTableName(),
    KeyConditionExpression: 'pk = :live',
    FilterExpression: 'attribute_not_exists(closedAt) AND attribute_exists(since)',
    ExpressionAttributeValues: { ':live': sk.live },
  });
  return items.map((item) => ({ ...(item as unknown as LiveWait), id: item.sk as string }));
}

/** Other referrals of the same person key the statistics have seen. */
export async function otherReferralsOfPerson(personKey: string, referralId: string): Promise<string[]> {
  const { items } = await queryAll({
    TableName: statisticsTableName(),
    KeyConditionExpression: 'pk = :pk AND begins_with(sk, :referral)',
    ExpressionAttributeValues: { ':pk': sk.person(personKey), ':referral': sk.personReferral.prefix },
    ConsistentRead: true,
  });
  return items
    .map((i) => (i.sk as string).slice(sk.personReferral.prefix.length))
    .filter((id) => id !== referralId);
}

/** Empties the statistics table (aggregates, markers, live waits) for a rebuild. */
export async function clearStatistics(): Promise<number> {
  const TableName = statisticsTableName();
  let deleted = 0;
  for await (const items of scanPages({ TableName, ProjectionExpression: 'pk, sk' })) {
    const keys = items.map((i) => ({ pk: i.pk, sk: i.sk }));
    for (let i = 0; i < keys.length; i += 25) {
      let requests = keys.slice(i, i + 25).map((Key) => ({ DeleteRequest: { Key } }));
      while (requests.length) {
        const result = await dynamo().send(
          new BatchWriteCommand({ RequestItems: { [TableName]: requests } }),
        );
        requests = (result.UnprocessedItems?.[TableName] ?? []) as typeof requests;
      }
    }
    deleted += keys.length;
  }
  return deleted;
}

/** Every referral's events, in sequence order: the log a rebuild replays. */
export async function* allReferralEvents(): AsyncGenerator<EventEnvelope[]> {
  const byReferral = new Map<string, EventEnvelope[]>();
  const pages = scanPages({
    TableName: referralsTableName(),
    FilterExpression: 'entity = :event',
    ExpressionAttributeValues: { ':event': 'event' },
  });
  for await (const items of pages) {
    for (const item of items) {
      const event = item.event as EventEnvelope;
      const list = byReferral.get(event.referralId) ?? [];
      list.push(event);
      byReferral.set(event.referralId, list);
    }
  }
  for (const events of byReferral.values()) yield events.sort((a, b) => a.seq - b.seq);
}

/** The joint cells of referrals or persons in a period (cells.ts): every table of them is a sum over these. */
export async function readCells(unit: 'referrals' | 'persons', period: string): Promise<Read<CountedCell>> {
  const { items, capacity } = await queryAll({
    TableName: statisticsTableName(),
    KeyConditionExpression: 'pk = :pk',
    ExpressionAttributeValues: { ':pk': sk.cells(unit === 'referrals' ? 'R' : 'P', periodPk(period)) },
  });
  return {
    rows: items
      .map((i) => ({ cell: cellOfKey(i.sk as string), n: Number(i.n ?? 0) }))
      .filter((c) => c.n !== 0),
    itemsRead: items.length,
    capacityUnits: capacity,
  };
}

/** A tally table of a period: each row its coded values (contributions.ts, `TallySample`) and its count. */
export async function readTally(
  family: TallyFamily,
  period: string,
): Promise<Read<{ key: string[]; n: number }>> {
  const { items, capacity } = await queryAll({
    TableName: statisticsTableName(),
    KeyConditionExpression: 'pk = :pk',
    ExpressionAttributeValues: { ':pk': sk.tally(family, periodPk(period)) },
  });
  return {
    rows: items
      .map((i) => ({ key: (i.sk as string).split('|'), n: Number(i.n ?? 0) }))
      .filter((r) => r.n !== 0),
    itemsRead: items.length,
    capacityUnits: capacity,
  };
}

/**
 * Erasure of a referral's link to its person in the member item (called by the retention purge): the entries stay,
 * so the person stays counted in every cell, but under an id that names no referral. Once every entry of the item
 * is erased, the item itself moves from under the person key to an id of its own, so the key no longer leads to it.
 * Writes are conditional on the item's version, so a concurrent count retries.
 */
export async function memberLinkErasure(referralId: string, personKey: string): Promise<TransactItem[]> {
  const TableName = statisticsTableName();
  const member = await readMember(TableName, personKey);
  if (!Object.values(member.periods).some((entries) => entries.some((e) => e.referralId === referralId)))
    return [];
  // One id for the referral in every period, so the person's entries still tell its referrals apart.
  const erasedId = `erased:${randomUUID()}`;
  const periods = Object.fromEntries(
    Object.entries(member.periods).map(([period, entries]) => [
      period,
      entries.map((e) => (e.referralId === referralId ? { ...e, referralId: erasedId } : e)),
    ]),
  );
  const pk = sk.member(personKey);
  const erased = Object.values(periods).every((entries) =>
    entries.every((e) => e.referralId.startsWith('erased:')),
  );
  if (!erased) return memberWrites(TableName, pk, member, periods);
  // Every entry erased: the item moves from under the person key to an id of its own.
  const Item = {
    pk: sk.member(`erased:${randomUUID()}`),
    sk: sk.memberPeriods,
    periods: JSON.stringify(periods),
    v: 1,
  };
  return [...memberDeletes(TableName, pk, member, 'all'), { Put: { TableName, Item } }];
}
