// Benchmark of the national dashboard (issue 6, what it must show 4): with a year of 100 000 referrals loaded, the
// dashboard's queries read a few hundred aggregate items and answer in well under a second. The aggregate items are
// computed from a synthetic year of event logs with the aggregator's own functions (contributionOf → itemChanges)
// and written directly, instead of through the API (which would take hours). Prints the time of each query, the
// items it read and the read capacity it consumed. Run: `pnpm bench:dashboard` (REFERRALS=…, RUNS=… to vary).
import { performance } from 'node:perf_hooks';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { BatchWriteCommand, DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import {
  type Cell,
  cellKey,
  contributionOf,
  type MemberEntry,
  NO_CONTRIBUTION,
  personCell,
  sameCell,
} from '@nrm/domain';
import { syntheticLogs } from './dashboard-events';
import { ownDynamoEngine, record, summarise } from './support';

const REFERRALS = Number(process.env.REFERRALS ?? 100_000);
const RUNS = Number(process.env.RUNS ?? 15);
const YEAR = 2025;
const PREFIX = 'nrm-bench-';

const engine = await ownDynamoEngine(PREFIX);
const { createTables } = await import('../../packages/local/src/provision');
const { itemChanges, statisticsKeys, statisticsTableName } = await import('@nrm/store');
const { crossTab, handoffTimes, statisticsSummary, waitingNow, yearlyReport } = await import(
  '../../packages/usecases/src/statistics'
);

const client = new DynamoDBClient({
  endpoint: engine.endpoint,
  region: 'eu-north-1',
  credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
});
const documents = DynamoDBDocumentClient.from(client);

type Item = Record<string, string | number> & { pk: string; sk: string };

try {
  await createTables(client, PREFIX);

  // 1. The aggregates a year of events makes, merged in memory exactly as the aggregator's ADDs would merge them.
  let started = performance.now();
  const items = new Map<string, Item>();
  const merge = (pk: string, sk: string, set: Record<string, string>, add: Record<string, number>) => {
    const key = `${pk}|${sk}`;
    const item = items.get(key) ?? ({ pk, sk, ...set } as Item);
    for (const [name, n] of Object.entries(add)) item[name] = Number(item[name] ?? 0) + n;
    items.set(key, item);
    return item;
  };
  const seen = new Map<string, Set<string>>();
  const members = new Map<string, MemberEntry[]>();
  let events = 0;
  for (const log of syntheticLogs(REFERRALS, YEAR)) {
    for (const [i, event] of log.entries()) {
      events += 1;
      const contribution = contributionOf(event, log.slice(0, i));
      for (const c of itemChanges(contribution)) merge(c.pk, c.sk, c.set, c.add);
      for (const d of contribution.durations) {
        for (const c of itemChanges({ ...NO_CONTRIBUTION, durations: [d] })) {
          const item = items.get(`${c.pk}|${c.sk}`)!;
          item.mw = Math.max(Number(item.mw ?? 0), d.workingMs);
          item.mc = Math.max(Number(item.mc ?? 0), d.calendarMs);
        }
      }
      // Person cells as the aggregator's member items would move them (the member items themselves are not
      // written: no dashboard query reads them).
      for (const m of contribution.members) {
        const periods = [
          `M#${m.day.slice(0, 7)}`,
          `Q#${YEAR}-Q${Math.ceil(Number(m.day.slice(5, 7)) / 3)}`,
          `Y#${YEAR}`,
        ];
        for (const period of periods) {
          for (const personId of new Set([m.from?.personId, m.to?.personId].filter(Boolean) as string[])) {
            const id = `${personId}|${period}`;
            const entries = members.get(id) ?? [];
            const next = entries.filter((e) => e.referralId !== m.referralId);
            if (m.to?.personId === personId) {
              next.push({ referralId: m.referralId, submittedAt: m.submittedAt, cell: m.to.cell });
            }
            members.set(id, next);
            const was = personCell(entries);
            const is = personCell(next);
            if (sameCell(was, is)) continue;
            const move = (cell: Cell | undefined, n: number) => {
              if (cell) merge(statisticsKeys.cells('P', period), cellKey(cell), {}, { n });
            };
            move(was, -1);
            move(is, 1);
          }
        }
      }
      for (const p of contribution.persons) {
        const month = p.day.slice(0, 7);
        const periods = [`M#${month}`, `Q#${YEAR}-Q${Math.ceil(Number(p.day.slice(5, 7)) / 3)}`, `Y#${YEAR}`];
        for (const period of periods) {
          const keys = seen.get(period) ?? new Set();
          const isNew = !p.personKey || !keys.has(p.personKey);
          if (p.personKey) keys.add(p.personKey);
          seen.set(period, keys);
          merge(
            statisticsKeys.persons(period),
            statisticsKeys.totals,
            {},
            {
              referrals: 1,
              persons: isNew ? 1 : 0,
            },
          );
        }
      }
    }
  }
  const computeMs = performance.now() - started;
  const partitions = { day: 0, month: 0, quarter: 0, year: 0 };
  for (const item of items.values()) {
    const kind = /#([DMQY])#/.exec(item.pk)?.[1];
    if (kind === 'D') partitions.day += 1;
    if (kind === 'M') partitions.month += 1;
    if (kind === 'Q') partitions.quarter += 1;
    if (kind === 'Y') partitions.year += 1;
  }
  console.log(
    `${REFERRALS} referrals, ${events} events → ${items.size} aggregate items (day ${partitions.day}, month ${partitions.month}, quarter ${partitions.quarter}, year ${partitions.year}) computed in ${(computeMs / 1000).toFixed(1)} s`,
  );

  // 2. Written directly to the statistics table.
  started = performance.now();
  const TableName = statisticsTableName();
  const all = [...items.values()];
  items.clear();
  let next = 0;
  await Promise.all(
    Array.from({ length: 8 }, async () => {
      for (;;) {
        const batch = all.slice(next, next + 25);
        next += 25;
        if (!batch.length) return;
        let requests = batch.map((Item) => ({ PutRequest: { Item } }));
        while (requests.length) {
          const result = await documents.send(
            new BatchWriteCommand({ RequestItems: { [TableName]: requests } }),
          );
          requests = (result.UnprocessedItems?.[TableName] ?? []) as typeof requests;
        }
      }
    }),
  );
  console.log(`Seeded in ${((performance.now() - started) / 1000).toFixed(1)} s`);

  // 3. The dashboard's queries, each RUNS times.
  const queries = {
    'handoff-times year by step × region × track': () =>
      handoffTimes({ period: { period: String(YEAR) }, groupBy: ['step', 'region', 'track'] }),
    'handoff-times year by all five dimensions': () =>
      handoffTimes({
        period: { period: String(YEAR) },
        groupBy: ['step', 'region', 'track', 'receivingType', 'referringType'],
      }),
    'handoff-times one quarter by step × region': () =>
      handoffTimes({ period: { period: `${YEAR}-Q2` }, groupBy: ['step', 'region'] }),
    'handoff-times one month (period)': () =>
      handoffTimes({ period: { period: `${YEAR}-03` }, groupBy: ['step', 'region'] }),
    // Day items are for day-level views: a week reads 7 days × groups, so long ranges use the period items.
    'handoff-times one week by day range': () =>
      handoffTimes({ period: { from: `${YEAR}-03-03`, to: `${YEAR}-03-09` }, groupBy: ['step'] }),
    'yearly statistics (counts, persons, SLA)': () => statisticsSummary(String(YEAR)),
    'cross-tab persons gender × age × purpose, published': () =>
      crossTab({
        period: String(YEAR),
        unit: 'persons',
        dimensions: ['gender', 'ageGroup', 'purpose'],
        publish: true,
      }),
    'yearly report (all tables, published)': () => yearlyReport(String(YEAR)),
    'waiting now': async () => ({
      itemsRead: (await waitingNow(new Date(`${YEAR}-12-31T12:00:00Z`))).openBreaches.length,
    }),
  } as const;
  const figures: Record<string, unknown> = {
    referrals: REFERRALS,
    events,
    aggregateItems: all.length,
    itemsByPartition: partitions,
  };
  // Rounds of every query in turn (after one warm-up round), so a slow spell of the engine or the machine — the
  // engine settling after the bulk load, another process — falls on all queries alike, not on whichever ran then.
  const entries = Object.entries(queries);
  const samples = new Map(entries.map(([name]) => [name, [] as number[]]));
  const results = new Map<string, { itemsRead: number; capacityUnits?: number }>();
  // A call the store's client gives up on (3 s, as in the API) is counted, not timed: right after the bulk load
  // DynamoDB Local can take longer than that for a page.
  const timedOut = new Map(entries.map(([name]) => [name, 0]));
  const attempt = async (name: string, query: () => Promise<unknown>) => {
    try {
      return (await query()) as { itemsRead: number; capacityUnits?: number };
    } catch (error) {
      if ((error as Error).name !== 'TimeoutError') throw error;
      timedOut.set(name, timedOut.get(name)! + 1);
      return undefined;
    }
  };
  // Warm-up rounds until one passes without a timeout (the engine has settled), at most five.
  for (let round = 1; round <= 5; round++) {
    let clean = true;
    for (const [name, query] of entries) if (!(await attempt(name, query))) clean = false;
    if (clean) break;
  }
  const warmUpTimeouts = Object.fromEntries(timedOut);
  for (const [name] of entries) timedOut.set(name, 0);
  for (let i = 0; i < RUNS; i++) {
    for (const [name, query] of entries) {
      const t = performance.now();
      const result = await attempt(name, query);
      if (!result) continue;
      results.set(name, result);
      samples.get(name)!.push(performance.now() - t);
    }
  }
  figures.warmUpTimeouts = warmUpTimeouts;
  for (const [name] of entries) {
    const s = summarise(samples.get(name)!);
    const result = results.get(name) ?? { itemsRead: 0 };
    figures[name] = {
      ...s,
      itemsRead: result.itemsRead,
      capacityUnits: result.capacityUnits,
      timedOut: timedOut.get(name),
    };
    console.log(
      `${name}: median ${s.p50.toFixed(0)} ms, p95 ${s.p95.toFixed(0)} ms, max ${s.max.toFixed(0)} ms; items read ${result.itemsRead}${result.capacityUnits !== undefined ? `, ${result.capacityUnits} RCU` : ''}${timedOut.get(name) ? `; ${timedOut.get(name)} of ${RUNS} timed out` : ''}`,
    );
  }
  console.log(`Warm-up timeouts: ${JSON.stringify(warmUpTimeouts)}`);
  record('dashboard', figures);
} finally {
  await engine.stop();
}
