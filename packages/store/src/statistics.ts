// The statistics table: what each event adds is written in ONE transaction with the event's processed marker, so a
// redelivered or replayed event adds nothing twice. Items are per period (day, month, quarter, year) × group, so a
// dashboard query for a year reads one partition of a few hundred items, never a referral.
//
// Keys (pk / sk):
//   DUR#<period> / [dd#]<step>#<region>#<track>#<receivingType>#<referringType>   hand-off-time histogram
//   CNT#<period> / [dd#]<region>#<track>#<referringType>#<channel>                 referral counts by attribute
//   SLA#<period> / [dd#]<clockKind>#<region>#<track>                                 clocks met / breached
//   PERSONS#<period> / ALL                                                           unique persons, referrals
//   PERSON#<personKey> / <period> | REFERRAL#<id>                                    person seen in period; its referrals
//   LIVE / <waitId>                                                                  something waiting now
//   PROCESSED#stats#<eventId> / PROCESSED                                            the event was counted
// <period> is Y#2026, Q#2026-Q1, M#2026-03, or D#2026-03 (a month of days; the sort key starts with the day).
import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import {
  BatchWriteCommand,
  GetCommand,
  QueryCommand,
  ScanCommand,
  TransactWriteCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import {
  BUCKET_COUNT,
  bucketOf,
  type EventEnvelope,
  type Histogram,
  type StatisticsContribution,
} from '@nrm/domain';
import { config, dynamo } from '@nrm/runtime';
import type { TransactItem } from './referrals';
import { referralsTableName } from './referrals';
import { physicalTableName, statisticsTable } from './tables';

export const STATISTICS_CONSUMER = 'stats';

export function statisticsTableName(): string {
  return physicalTableName(config().tablePrefix, statisticsTable);
}

/** The partitions a day's figures are added to: the day itself (in its month), its month, quarter and year. */
export function periodsOfDay(day: string): { pk: string; skPrefix: string }[] {
  const [year, month, dd] = day.split('-') as [string, string, string];
  const quarter = Math.ceil(Number(month) / 3);
  return [
    { pk: `D#${year}-${month}`, skPrefix: `${dd}#` },
    { pk: `M#${year}-${month}`, skPrefix: '' },
    { pk: `Q#${year}-Q${quarter}`, skPrefix: '' },
    { pk: `Y#${year}`, skPrefix: '' },
  ];
}

/** Periods unique persons are counted in (a person is one person a year, a quarter, a month). */
function personPeriods(day: string): string[] {
  return periodsOfDay(day)
    .slice(1)
    .map((p) => p.pk);
}

interface ItemChange {
  pk: string;
  sk: string;
  set: Record<string, string>;
  add: Record<string, number>;
}

const RETAIN_CLOSED_WAITS_SECONDS = 30 * 24 * 60 * 60;

/** The item changes a contribution makes (persons excepted: they depend on what was seen before). */
export function itemChanges(contribution: StatisticsContribution): ItemChange[] {
  const changes = new Map<string, ItemChange>();
  const change = (pk: string, sk: string, set: Record<string, string>) => {
    const key = `${pk}|${sk}`;
    let c = changes.get(key);
    if (!c) {
      c = { pk, sk, set, add: {} };
      changes.set(key, c);
    }
    return c;
  };
  const add = (c: ItemChange, name: string, amount: number) => {
    c.add[name] = (c.add[name] ?? 0) + amount;
  };
  for (const d of contribution.durations) {
    const group = `${d.step}#${d.region}#${d.track}#${d.receivingType}#${d.referringType}`;
    for (const p of periodsOfDay(d.day)) {
      const c = change(`DUR#${p.pk}`, `${p.skPrefix}${group}`, {
        step: d.step,
        region: d.region,
        track: d.track,
        receivingType: d.receivingType,
        referringType: d.referringType,
      });
      add(c, 'n', 1);
      add(c, 'sw', d.workingMs);
      add(c, 'sc', d.calendarMs);
      add(c, `w${bucketOf(d.workingMs)}`, 1);
      add(c, `c${bucketOf(d.calendarMs)}`, 1);
    }
  }
  for (const s of contribution.counts) {
    const group = `${s.region}#${s.track}#${s.referringType}#${s.channel}`;
    for (const p of periodsOfDay(s.day)) {
      const c = change(`CNT#${p.pk}`, `${p.skPrefix}${group}`, {
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
      const c = change(`SLA#${p.pk}`, `${p.skPrefix}${s.kind}#${s.region}#${s.track}`, {
        kind: s.kind,
        region: s.region,
        track: s.track,
      });
      add(c, s.outcome, 1);
    }
  }
  return [...changes.values()];
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

/** Maxima are not additive, but taking the larger is idempotent: written before the transaction, so never lost. */
async function raiseMaxima(TableName: string, contribution: StatisticsContribution) {
  const writes: Promise<unknown>[] = [];
  for (const d of contribution.durations) {
    const group = `${d.step}#${d.region}#${d.track}#${d.receivingType}#${d.referringType}`;
    for (const p of periodsOfDay(d.day)) {
      for (const [name, value] of [
        ['mw', d.workingMs],
        ['mc', d.calendarMs],
      ] as const) {
        writes.push(
          dynamo()
            .send(
              new UpdateCommand({
                TableName,
                Key: { pk: `DUR#${p.pk}`, sk: `${p.skPrefix}${group}` },
                UpdateExpression: 'SET #m = :v',
                ConditionExpression: 'attribute_not_exists(#m) OR #m < :v',
                ExpressionAttributeNames: { '#m': name },
                ExpressionAttributeValues: { ':v': value },
              }),
            )
            .catch((error: Error) => {
              if (error.name !== 'ConditionalCheckFailedException') throw error;
            }),
        );
      }
    }
  }
  await Promise.all(writes);
}

async function isProcessed(TableName: string, eventId: string): Promise<boolean> {
  const { Item } = await dynamo().send(
    new GetCommand({
      TableName,
      Key: { pk: `PROCESSED#${STATISTICS_CONSUMER}#${eventId}`, sk: 'PROCESSED' },
      ConsistentRead: true,
    }),
  );
  return Item !== undefined;
}

async function seenPeriods(TableName: string, personKey: string): Promise<Set<string>> {
  const { Items } = await dynamo().send(
    new QueryCommand({
      TableName,
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': `PERSON#${personKey}` },
      ConsistentRead: true,
    }),
  );
  return new Set((Items ?? []).map((i) => i.sk as string));
}

export type StatisticsOutcome = 'counted' | 'already-counted' | 'nothing-to-count';

/**
 * Adds what one event contributes. A person already seen in a period is not counted again; two referrals of one
 * person counted at the same moment make one transaction fail on the person marker, and its retry sees the other.
 */
export async function recordStatistics(
  event: EventEnvelope,
  contribution: StatisticsContribution,
): Promise<StatisticsOutcome> {
  const TableName = statisticsTableName();
  const changes = itemChanges(contribution);
  if (!changes.length && !contribution.persons.length && !contribution.live.length) {
    return 'nothing-to-count';
  }
  if (await isProcessed(TableName, event.eventId)) return 'already-counted';
  await raiseMaxima(TableName, contribution);

  const items: TransactItem[] = [
    {
      Put: {
        TableName,
        Item: {
          pk: `PROCESSED#${STATISTICS_CONSUMER}#${event.eventId}`,
          sk: 'PROCESSED',
          referralId: event.referralId,
        },
        ConditionExpression: 'attribute_not_exists(pk)',
      },
    },
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
            Item: { pk: `PERSON#${person.personKey}`, sk: period },
            ConditionExpression: 'attribute_not_exists(pk)',
          },
        });
      }
    }
    items.push({
      Put: {
        TableName,
        Item: { pk: `PERSON#${person.personKey}`, sk: `REFERRAL#${person.referralId}`, at: event.occurredAt },
      },
    });
  }
  for (const [period, { persons, referrals }] of totals) {
    if (persons === 0 && referrals === 0) continue;
    items.push(
      updateOf(TableName, { pk: `PERSONS#${period}`, sk: 'ALL', set: {}, add: { persons, referrals } }),
    );
  }
  for (const c of changes) items.push(updateOf(TableName, c));
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
        Key: { pk: 'LIVE', sk: live.id },
        UpdateExpression: `SET ${sets.join(', ')}`,
        ExpressionAttributeNames: names,
        ExpressionAttributeValues: values,
      },
    });
  }
  try {
    await dynamo().send(new TransactWriteCommand({ TransactItems: items }));
  } catch (error) {
    if (
      error instanceof TransactionCanceledException &&
      error.CancellationReasons?.[0]?.Code === 'ConditionalCheckFailed'
    ) {
      return 'already-counted';
    }
    throw error;
  }
  return 'counted';
}

async function queryAll(
  input: ConstructorParameters<typeof QueryCommand>[0],
): Promise<{ items: Record<string, unknown>[]; capacity: number }> {
  const items: Record<string, unknown>[] = [];
  let capacity = 0;
  let ExclusiveStartKey: Record<string, unknown> | undefined;
  do {
    const page = await dynamo().send(
      new QueryCommand({ ...input, ExclusiveStartKey, ReturnConsumedCapacity: 'TOTAL' }),
    );
    items.push(...(page.Items ?? []));
    capacity += page.ConsumedCapacity?.CapacityUnits ?? 0;
    ExclusiveStartKey = page.LastEvaluatedKey;
  } while (ExclusiveStartKey);
  return { items, capacity };
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

async function readFamily(family: string, query: PeriodQuery) {
  const TableName = statisticsTableName();
  if ('period' in query) {
    const p = query.period;
    const pk = /^\d{4}$/.test(p) ? `Y#${p}` : /^\d{4}-Q[1-4]$/.test(p) ? `Q#${p}` : `M#${p}`;
    return queryAll({
      TableName,
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': `${family}#${pk}` },
    });
  }
  const parts = await inBatches(monthsBetween(query.from, query.to), READ_CONCURRENCY, (month) =>
    queryAll({
      TableName,
      KeyConditionExpression: 'pk = :pk AND sk BETWEEN :from AND :to',
      ExpressionAttributeValues: {
        ':pk': `${family}#D#${month}`,
        ':from': query.from.startsWith(month) ? `${query.from.slice(8)}#` : '00#',
        ':to': query.to.startsWith(month) ? `${query.to.slice(8)}#~` : '32#',
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

export async function readDurations(query: PeriodQuery): Promise<Read<StoredDurations>> {
  const { items, capacity } = await readFamily('DUR', query);
  return {
    rows: items.map((item) => ({
      step: item.step as string,
      region: item.region as string,
      track: item.track as string,
      receivingType: item.receivingType as string,
      referringType: item.referringType as string,
      working: histogram(item, 'w'),
      calendar: histogram(item, 'c'),
    })),
    itemsRead: items.length,
    capacityUnits: capacity,
  };
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

export async function readCounts(query: PeriodQuery): Promise<Read<StoredCounts>> {
  const { items, capacity } = await readFamily('CNT', query);
  return {
    rows: items.map((item) => ({
      region: item.region as string,
      track: item.track as string,
      referringType: item.referringType as string,
      channel: item.channel as string,
      counts: Object.fromEntries(
        Object.entries(item)
          .filter(([k]) => !IDENTITY.has(k))
          .map(([k, v]) => [k, Number(v)]),
      ),
    })),
    itemsRead: items.length,
    capacityUnits: capacity,
  };
}

export interface StoredSla {
  readonly kind: string;
  readonly region: string;
  readonly track: string;
  readonly met: number;
  readonly breached: number;
}

export async function readSla(query: PeriodQuery): Promise<Read<StoredSla>> {
  const { items, capacity } = await readFamily('SLA', query);
  return {
    rows: items.map((item) => ({
      kind: item.kind as string,
      region: item.region as string,
      track: item.track as string,
      met: Number(item.met ?? 0),
      breached: Number(item.breached ?? 0),
    })),
    itemsRead: items.length,
    capacityUnits: capacity,
  };
}

/** Unique persons and referrals of a month, quarter or year. */
export async function readPersons(period: string): Promise<{ persons: number; referrals: number }> {
  const pk = /^\d{4}$/.test(period)
    ? `Y#${period}`
    : /^\d{4}-Q[1-4]$/.test(period)
      ? `Q#${period}`
      : `M#${period}`;
  const { Item } = await dynamo().send(
    new GetCommand({ TableName: statisticsTableName(), Key: { pk: `PERSONS#${pk}`, sk: 'ALL' } }),
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
    ExpressionAttributeValues: { ':live': 'LIVE' },
  });
  return items.map((item) => ({ ...(item as unknown as LiveWait), id: item.sk as string }));
}

/** Other referrals of the same person key the statistics have seen. */
export async function otherReferralsOfPerson(personKey: string, referralId: string): Promise<string[]> {
  const { items } = await queryAll({
    TableName: statisticsTableName(),
    KeyConditionExpression: 'pk = :pk AND begins_with(sk, :referral)',
    ExpressionAttributeValues: { ':pk': `PERSON#${personKey}`, ':referral': 'REFERRAL#' },
    ConsistentRead: true,
  });
  return items.map((i) => (i.sk as string).slice('REFERRAL#'.length)).filter((id) => id !== referralId);
}

/** Empties the statistics table (aggregates, markers, live waits) for a rebuild. */
export async function clearStatistics(): Promise<number> {
  const TableName = statisticsTableName();
  let deleted = 0;
  let ExclusiveStartKey: Record<string, unknown> | undefined;
  do {
    const page = await dynamo().send(
      new ScanCommand({ TableName, ProjectionExpression: 'pk, sk', ExclusiveStartKey }),
    );
    const keys = (page.Items ?? []).map((i) => ({ pk: i.pk, sk: i.sk }));
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
    ExclusiveStartKey = page.LastEvaluatedKey;
  } while (ExclusiveStartKey);
  return deleted;
}

/** Every referral's events, in sequence order: the log a rebuild replays. */
export async function* allReferralEvents(): AsyncGenerator<EventEnvelope[]> {
  const byReferral = new Map<string, EventEnvelope[]>();
  let ExclusiveStartKey: Record<string, unknown> | undefined;
  do {
    const page = await dynamo().send(
      new ScanCommand({
        TableName: referralsTableName(),
        FilterExpression: 'entity = :event',
        ExpressionAttributeValues: { ':event': 'event' },
        ExclusiveStartKey,
      }),
    );
    for (const item of page.Items ?? []) {
      const event = item.event as EventEnvelope;
      const list = byReferral.get(event.referralId) ?? [];
      list.push(event);
      byReferral.set(event.referralId, list);
    }
    ExclusiveStartKey = page.LastEvaluatedKey;
  } while (ExclusiveStartKey);
  for (const events of byReferral.values()) yield events.sort((a, b) => a.seq - b.seq);
}

/** Writes pre-aggregated items directly (benchmark seeding): each change is added as one update. */
export async function addItemChanges(changes: readonly ItemChange[]): Promise<void> {
  const TableName = statisticsTableName();
  for (const c of changes) {
    await dynamo().send(new UpdateCommand((updateOf(TableName, c).Update ?? {}) as never));
  }
}
