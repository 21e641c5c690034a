// National statistics: counting each event once (the stats-aggregator), rebuilding from the event log, and the
// figures the national coordinator's dashboard and exports read — never the referrals themselves.
import {
  type CountedCell,
  type CountingUnit,
  contributionOf,
  currentPersonKey,
  durationFigures,
  type EventEnvelope,
  type Histogram,
  mayPublish,
  mergeHistograms,
  type ProtectedTable,
  protectTable,
  slaCompliance,
  suppressCount,
  swedishCalendar,
  type TableDimension,
  tabulate,
  totalOf,
  unprotectedTable,
} from '@nrm/domain';
import {
  allReferralEvents,
  clearStatistics,
  getReferralEvents,
  otherReferralsOfPerson,
  type PeriodQuery,
  readCells,
  readCounts,
  readDurations,
  readLiveWaits,
  readPersons,
  readSla,
  readTally,
  recordStatistics,
  recordStatisticsBatch,
  type StatisticsOutcome,
  type StoredDurations,
} from '@nrm/store';

/**
 * Counts the relayed events of one delivery (an SQS batch) together, each exactly once (`recordStatisticsBatch`):
 * each referral's log is read once, and the events share transactions. Results are in the order of `events`.
 */
export async function countEvents(
  events: readonly EventEnvelope[],
): Promise<PromiseSettledResult<StatisticsOutcome>[]> {
  const logs = new Map<string, Promise<EventEnvelope[]>>();
  for (const { referralId } of events) {
    if (!logs.has(referralId)) logs.set(referralId, getReferralEvents(referralId));
  }
  // What each event adds, or why it cannot be counted now (its log unread, the event not understood): that event
  // alone is reported, for the queue to deliver it again.
  const contributions = await Promise.allSettled(
    events.map(async (event) => {
      const prior = (await logs.get(event.referralId)!).filter((e) => e.seq < event.seq);
      return contributionOf(event, prior);
    }),
  );
  const countable = events.flatMap((event, i) => {
    const c = contributions[i]!;
    return c.status === 'fulfilled' ? [{ i, counting: { event, contribution: c.value } }] : [];
  });
  const counted = await recordStatisticsBatch(countable.map((c) => c.counting));
  const results: PromiseSettledResult<StatisticsOutcome>[] = contributions.map((c) =>
    c.status === 'rejected' ? c : { status: 'rejected', reason: new Error('not counted') },
  );
  for (const [k, { i }] of countable.entries()) results[i] = counted[k]!;
  return results;
}

/**
 * Counts one referral's events in order. Two referrals of one person counted at the same moment race on the person
 * marker or member item: the loser's transaction is cancelled, and counting it again sees the winner's write (a
 * person with many referrals in one rebuild may lose a few races in a row).
 */
async function countLog(
  events: readonly EventEnvelope[],
  outcomes: Record<StatisticsOutcome, number>,
): Promise<void> {
  for (const [i, event] of events.entries()) {
    const contribution = contributionOf(event, events.slice(0, i));
    for (let attempt = 1; ; attempt++) {
      try {
        outcomes[await recordStatistics(event, contribution)] += 1;
        break;
      } catch (error) {
        if ((error as Error).name !== 'TransactionCanceledException' || attempt >= 10) throw error;
      }
    }
  }
}

/**
 * Feeds every event of the log through the same counting, `concurrency` referrals at a time; with `clear`, from an
 * empty statistics table (a rebuild). Without it, a replay: every event is already counted and nothing changes.
 */
export async function replayStatistics(options: { readonly clear: boolean; readonly concurrency?: number }) {
  const cleared = options.clear ? await clearStatistics() : 0;
  const outcomes: Record<StatisticsOutcome, number> = {
    counted: 0,
    'already-counted': 0,
    'nothing-to-count': 0,
  };
  const running = new Set<Promise<void>>();
  for await (const events of allReferralEvents()) {
    const task: Promise<void> = countLog(events, outcomes).finally(() => running.delete(task));
    running.add(task);
    if (running.size >= (options.concurrency ?? 8)) await Promise.race(running);
  }
  await Promise.all(running);
  return { cleared, ...outcomes };
}

export const GROUP_DIMENSIONS = ['step', 'region', 'track', 'receivingType', 'referringType'] as const;
export type GroupDimension = (typeof GROUP_DIMENSIONS)[number];

export interface HandoffTimesQuery {
  readonly period: PeriodQuery;
  readonly groupBy: readonly GroupDimension[];
  readonly filter?: Partial<Record<GroupDimension, string>>;
  /** Suppress figures from fewer than 3 hand-offs: anything that leaves the national coordinator's screen. */
  readonly publish?: boolean;
}

/** Dimensions the rolled-up hand-off-time items keep: a view by these alone reads those (a few dozen a year). */
const ROLLUP_DIMENSIONS: ReadonlySet<GroupDimension> = new Set(['step', 'region', 'track']);

export async function handoffTimes(query: HandoffTimesQuery) {
  const rollup =
    query.groupBy.every((d) => ROLLUP_DIMENSIONS.has(d)) &&
    Object.entries(query.filter ?? {}).every(([d, v]) => !v || ROLLUP_DIMENSIONS.has(d as GroupDimension));
  const read = await readDurations(query.period, { rollup });
  const groups = new Map<string, { key: Record<string, string>; rows: StoredDurations[] }>();
  for (const row of read.rows) {
    if (Object.entries(query.filter ?? {}).some(([k, v]) => v && row[k as GroupDimension] !== v)) continue;
    const key = Object.fromEntries(query.groupBy.map((d) => [d, row[d]]));
    const id = JSON.stringify(key);
    const group = groups.get(id) ?? { key, rows: [] };
    group.rows.push(row);
    groups.set(id, group);
  }
  const merge = (rows: StoredDurations[], pick: (r: StoredDurations) => Histogram) =>
    mergeHistograms(rows.map(pick));
  const rows = [...groups.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([, { key, rows }]) => {
      const figures = durationFigures(
        merge(rows, (r) => r.working),
        merge(rows, (r) => r.calendar),
      );
      if (query.publish && !mayPublish(figures.count)) {
        return { ...key, count: null, working: null, calendar: null, suppressed: true };
      }
      return { ...key, ...figures, suppressed: false };
    });
  return { rows, itemsRead: read.itemsRead, capacityUnits: read.capacityUnits };
}

/** Yearly, quarterly or monthly statistics (domain.md §7): counts by dimension, persons, SLA compliance. */
export async function statisticsSummary(period: string, options: { readonly publish?: boolean } = {}) {
  const [counts, sla, persons] = await Promise.all([
    readCounts({ period }),
    readSla({ period }),
    readPersons(period),
  ]);
  const show = (n: number) => (options.publish ? suppressCount(n) : n);
  const by: Record<string, Record<string, number>> = {};
  const bump = (dimension: string, value: string, n: number) => {
    by[dimension] ??= {};
    by[dimension][value] = (by[dimension][value] ?? 0) + n;
  };
  for (const row of counts.rows) {
    const referrals = row.counts.referrals ?? 0;
    if (referrals) {
      bump('region', row.region, referrals);
      bump('track', row.track, referrals);
      bump('referringType', row.referringType, referrals);
      bump('channel', row.channel, referrals);
    }
    for (const [name, n] of Object.entries(row.counts)) {
      const at = name.indexOf(':');
      if (at > 0) bump(name.slice(0, at), name.slice(at + 1), n);
      else if (name === 'anonymous') bump('anonymous', 'anonymous', n);
    }
  }
  const dimensions = Object.fromEntries(
    Object.entries(by)
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([dimension, values]) => [
        dimension,
        Object.fromEntries(
          Object.entries(values)
            .sort(([a], [b]) => a.localeCompare(b))
            .map(([value, n]) => [value, show(n)]),
        ),
      ]),
  );
  const slaByKind = new Map<string, { met: number; breached: number }>();
  for (const row of sla.rows) {
    const s = slaByKind.get(row.kind) ?? { met: 0, breached: 0 };
    slaByKind.set(row.kind, { met: s.met + row.met, breached: s.breached + row.breached });
  }
  return {
    period,
    referrals: show(persons.referrals),
    persons: show(persons.persons),
    dimensions,
    sla: [...slaByKind.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([kind, s]) => ({
        kind,
        met: show(s.met),
        breached: show(s.breached),
        compliance:
          options.publish && !mayPublish(s.met + s.breached) ? null : slaCompliance(s.met, s.breached),
      })),
    itemsRead: counts.itemsRead + sla.itemsRead + 1,
  };
}

const HOUR = 3_600_000;
const hours = (ms: number) => Math.round((ms / HOUR) * 100) / 100;

/** What waits right now, per queue and receiving organisation type, and the open SLA breaches with their age. */
export async function waitingNow(now: Date) {
  const waits = await readLiveWaits();
  const age = (since: string) => ({
    calendarHours: hours(Math.max(0, now.getTime() - Date.parse(since))),
    workingHours: hours(Math.max(0, swedishCalendar.workingMillisBetween(since, now))),
  });
  const summarise = (kind: string, keyOf: (w: (typeof waits)[number]) => string) => {
    const groups = new Map<string, { waiting: number; oldestSince: string }>();
    for (const w of waits.filter((x) => x.kind === kind)) {
      const key = keyOf(w);
      const g = groups.get(key);
      groups.set(key, {
        waiting: (g?.waiting ?? 0) + 1,
        oldestSince: g && g.oldestSince < w.since ? g.oldestSince : w.since,
      });
    }
    return [...groups.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([key, g]) => ({
        key,
        waiting: g.waiting,
        oldestSince: g.oldestSince,
        oldestAge: age(g.oldestSince),
      }));
  };
  return {
    at: now.toISOString(),
    awaitingAcknowledgement: summarise('acknowledgement', (w) => w.queue).map(({ key, ...g }) => ({
      queue: key,
      ...g,
    })),
    awaitingHandoffAnswer: summarise('handoff', (w) => w.receivingType ?? 'unknown').map(({ key, ...g }) => ({
      receivingType: key,
      ...g,
    })),
    openBreaches: waits
      .filter((w) => w.kind === 'breach')
      .sort((a, b) => a.since.localeCompare(b.since))
      .map((w) => ({
        referralId: w.referralId,
        queue: w.queue,
        clockKind: w.clockKind ?? 'unknown',
        dueAt: w.since,
        age: age(w.since),
      })),
  };
}

function csvCell(value: unknown): string {
  if (value === null || value === undefined) return '..';
  const text = String(value);
  return /[",\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** CSV of a published table; suppressed cells read `..` (the statistical offices' sign for "not shown"). */
export function toCsv(header: readonly string[], rows: readonly (readonly unknown[])[]): string {
  return `${[header, ...rows].map((row) => row.map(csvCell).join(',')).join('\r\n')}\r\n`;
}

/** The summary as a long CSV table (dimension, value, count), suppressed for publication. */
export async function statisticsCsv(period: string): Promise<string> {
  const summary = await statisticsSummary(period, { publish: true });
  const rows: unknown[][] = [
    [period, 'total', 'referrals', summary.referrals],
    [period, 'total', 'persons', summary.persons],
  ];
  for (const [dimension, values] of Object.entries(summary.dimensions)) {
    for (const [value, n] of Object.entries(values)) rows.push([period, dimension, value, n]);
  }
  for (const s of summary.sla) {
    rows.push([period, 'sla-met', s.kind, s.met], [period, 'sla-breached', s.kind, s.breached]);
  }
  return toCsv(['period', 'dimension', 'value', 'count'], rows);
}

export async function handoffTimesCsv(query: Omit<HandoffTimesQuery, 'publish'>): Promise<string> {
  const { rows } = await handoffTimes({ ...query, publish: true });
  return toCsv(
    [
      ...query.groupBy,
      'count',
      'median_working_hours',
      'p90_working_hours',
      'max_working_hours',
      'median_calendar_hours',
      'p90_calendar_hours',
      'max_calendar_hours',
    ],
    rows.map((r) => {
      const row = r as Record<string, unknown> & {
        working: Record<string, number | null> | null;
        calendar: Record<string, number | null> | null;
      };
      return [
        ...query.groupBy.map((d) => row[d]),
        row.count,
        row.working?.medianHours,
        row.working?.p90Hours,
        row.working?.maxHours,
        row.calendar?.medianHours,
        row.calendar?.p90Hours,
        row.calendar?.maxHours,
      ];
    }),
  );
}

/**
 * Whether a referral probably concerns a person already known to the mechanism: other referrals with the same person
 * key. The statistics see a referral once the aggregator counted it, within seconds of intake.
 */
export async function possibleDuplicates(referralId: string): Promise<{ otherReferralIds: string[] }> {
  // The key from intake, or the one a later correction found (an identity number added).
  const key = currentPersonKey(await getReferralEvents(referralId));
  return { otherReferralIds: key ? await otherReferralsOfPerson(key, referralId) : [] };
}

/** A published table in the API's shape: each cell and total (`*`) with its count, null where suppressed. */
export interface TableFigures {
  name: string;
  unit: CountingUnit | 'events';
  dimensions: string[];
  values: string[][];
  cells: { at: string[]; count: number | null }[];
  suppressed: { primary: number; complementary: number };
}

function figuresOf(name: string, unit: TableFigures['unit'], table: ProtectedTable): TableFigures {
  return {
    name,
    unit,
    dimensions: [...table.dimensions],
    values: table.values.map((v) => [...v]),
    cells: [...table.cells.entries()].map(([key, count]) => ({ at: key.split('|'), count })),
    suppressed: { primary: table.primary, complementary: table.complementary },
  };
}

const AGE_ORDER = ['adult', 'child', 'unknown'];
const orderOf = (dimension: string, a: string, b: string) => {
  if (dimension === 'ageGroup') return AGE_ORDER.indexOf(a) - AGE_ORDER.indexOf(b);
  const last = (v: string) => (v === 'unknown' || v === 'several' ? 1 : 0);
  return last(a) - last(b) || a.localeCompare(b);
};

function table(
  name: string,
  unit: TableFigures['unit'],
  dimensions: readonly string[],
  counts: ReadonlyMap<string, number>,
  publish: boolean,
): TableFigures {
  return figuresOf(
    name,
    unit,
    publish ? protectTable(dimensions, counts, orderOf) : unprotectedTable(dimensions, counts, orderOf),
  );
}

export interface CrossTabQuery {
  readonly period: string;
  readonly unit: CountingUnit;
  readonly dimensions: readonly TableDimension[];
  /** Suppress cells below 3 and their complements, as for anything that leaves the national coordinator's screen. */
  readonly publish: boolean;
}

/**
 * A one-, two- or three-way table of referrals or persons (GRETA/CEDAW: sex × age × form of exploitation ×
 * nationality). Totals along a dimension with several values per person (purpose; a referral's citizenships) sum
 * the cells, so they count a person once per value: every published total is the sum of its published cells.
 */
export async function crossTab(query: CrossTabQuery) {
  const cells = await readCells(query.unit, query.period);
  const figures = table(
    query.dimensions.join('×'),
    query.unit,
    query.dimensions,
    tabulate(cells.rows, query.dimensions),
    query.publish,
  );
  return { period: query.period, ...figures, itemsRead: cells.itemsRead };
}

function tallyCounts(
  rows: readonly { key: readonly string[]; n: number }[],
  pick: (key: readonly string[]) => readonly string[] | undefined,
): Map<string, number> {
  const out = new Map<string, number>();
  for (const { key, n } of rows) {
    const at = pick(key);
    if (!at) continue;
    const k = at.join('|');
    out.set(k, (out.get(k) ?? 0) + n);
  }
  return out;
}

const oneWay = (cells: readonly CountedCell[], d: TableDimension) => tabulate(cells, [d]);

/**
 * The yearly report (issue 18) in the shape of the regional coordinators' publication: persons — each once — and
 * referrals by purpose, age group, gender, citizenship, region and referring organisation type; related children in
 * Sweden and abroad; the GRETA/CEDAW breakdowns; outcomes; declined and expired offers (where support is missing);
 * permits by who applied. Every table is protected for publication (cells below 3 and their complements).
 */
export async function yearlyReport(year: string) {
  const [persons, referrals, outcomes, handoffs, children, permits] = await Promise.all([
    readCells('persons', year),
    readCells('referrals', year),
    readTally('outcome', year),
    readTally('handoff', year),
    readTally('child', year),
    readTally('permit', year),
  ]);
  const publish = true;
  const tables: TableFigures[] = [];
  for (const d of ['purpose', 'ageGroup', 'gender', 'citizenship', 'region', 'referringType'] as const) {
    tables.push(table(`persons-by-${d}`, 'persons', [d], oneWay(persons.rows, d), publish));
    tables.push(table(`referrals-by-${d}`, 'referrals', [d], oneWay(referrals.rows, d), publish));
  }
  tables.push(
    // The GRETA/CEDAW breakdowns: gender × age group × form of exploitation, and × citizenship.
    ...(['purpose', 'citizenship'] as const).map((d) =>
      table(
        `persons-by-gender-age-${d}`,
        'persons',
        ['gender', 'ageGroup', d],
        tabulate(persons.rows, ['gender', 'ageGroup', d]),
        publish,
      ),
    ),
    table(
      'related-children-by-whereabouts-region',
      'referrals',
      ['whereabouts', 'region'],
      tallyCounts(children.rows, (k) => [k[0]!, k[1]!]),
      publish,
    ),
    table(
      'outcomes-by-region',
      'events',
      ['region', 'outcome'],
      tallyCounts(outcomes.rows, (k) => [k[0]!, k[2]!]),
      publish,
    ),
    table(
      'outcomes-by-purpose',
      'events',
      ['purpose', 'outcome'],
      tallyCounts(outcomes.rows, (k) => [k[1]!, k[2]!]),
      publish,
    ),
    table(
      'handoffs-not-taken-by-region-receiver',
      'events',
      ['region', 'receivingType', 'answer'],
      tallyCounts(handoffs.rows, (k) => (k[0] === 'offered' ? undefined : [k[1]!, k[2]!, k[0]!])),
      publish,
    ),
    table(
      'handoffs-not-taken-by-receiver-reason',
      'events',
      ['receivingType', 'reason'],
      tallyCounts(handoffs.rows, (k) => (k[0] === 'offered' ? undefined : [k[2]!, k[3]!])),
      publish,
    ),
    table(
      'handoffs-offered-by-region-receiver',
      'events',
      ['region', 'receivingType'],
      tallyCounts(handoffs.rows, (k) => (k[0] === 'offered' ? [k[1]!, k[2]!] : undefined)),
      publish,
    ),
    table(
      'permits-by-kind-applicant',
      'events',
      ['permitKind', 'appliedBy', 'stage'],
      tallyCounts(permits.rows, (k) => [k[1]!, k[2]!, k[0]!]),
      publish,
    ),
  );
  const personsTotal = totalOf(persons.rows);
  const referralsTotal = totalOf(referrals.rows);
  const show = (n: number) => (mayPublish(n) ? n : null);
  return {
    year,
    persons: show(personsTotal),
    referrals: show(referralsTotal),
    tables,
    itemsRead:
      persons.itemsRead +
      referrals.itemsRead +
      outcomes.itemsRead +
      handoffs.itemsRead +
      children.itemsRead +
      permits.itemsRead,
  };
}

/** Any published table as long CSV: one row per cell and total, suppressed cells `..`, totals `*`. */
export function tablesCsv(period: string, tables: readonly TableFigures[]): string {
  const width = Math.max(1, ...tables.map((t) => t.dimensions.length));
  const header = ['period', 'table', 'unit'];
  for (let i = 1; i <= width; i++) header.push(`dimension_${i}`, `value_${i}`);
  header.push('count');
  const rows: unknown[][] = [];
  for (const t of tables) {
    for (const cell of t.cells) {
      const row: unknown[] = [period, t.name, t.unit];
      for (let i = 0; i < width; i++) row.push(t.dimensions[i] ?? '', cell.at[i] ?? '');
      row.push(cell.count);
      rows.push(row);
    }
  }
  return toCsv(header, rows);
}

export async function yearlyReportCsv(year: string): Promise<string> {
  const report = await yearlyReport(year);
  const totals: TableFigures = {
    name: 'totals',
    unit: 'events',
    dimensions: ['unit'],
    values: [['persons', 'referrals']],
    cells: [
      { at: ['persons'], count: report.persons },
      { at: ['referrals'], count: report.referrals },
    ],
    suppressed: { primary: 0, complementary: 0 },
  };
  return tablesCsv(year, [totals, ...report.tables]);
}
