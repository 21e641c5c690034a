// /v1/stats: the national coordinator's dashboard and published statistics, read from the pseudonymised aggregates
// (never from referrals); and /v1/referrals/{id}/possible-duplicates for the coordinators of a referral.

import {
  BadRequest,
  COUNTING_UNITS,
  NotFound,
  REGIONS,
  STATISTICS_STEPS,
  TABLE_DIMENSIONS,
  type TableDimension,
  TRACKS,
} from '@nrm/domain';
import { now, swedishDate } from '@nrm/runtime';
import * as z from '@nrm/schemas/zod';
import { MAX_RANGE_MONTHS, monthsBetween } from '@nrm/store';
import {
  crossTab,
  GROUP_DIMENSIONS,
  type GroupDimension,
  handoffTimes,
  handoffTimesCsv,
  possibleDuplicates,
  statisticsCsv,
  statisticsSummary,
  tablesCsv,
  waitingNow,
  yearlyReport,
  yearlyReportCsv,
} from '@nrm/usecases';
import type { Context } from 'hono';
import { allow, allowOnReferral } from '../access';
import type { AppEnv } from '../context';
import { answers, type Facts, get, Operations, type Request } from './declare';
import { problems, Ulid } from './outcomes';

const Period = z
  .string()
  .regex(/^\d{4}(-Q[1-4]|-(0[1-9]|1[0-2]))?$/, {
    error: 'a year (2026), quarter (2026-Q1) or month (2026-03)',
  })
  .openapi({
    description: 'A year (2026), a quarter (2026-Q1) or a month (2026-03); the current year when absent.',
    example: '2026',
  });
/** The current year in Sweden: what a dashboard asked for no period shows. */
const currentYear = () => swedishDate(now()).slice(0, 4);
// A real calendar date (2026-02-30 is not one), within the years the mechanism can have figures for.
const Day = z.iso
  .date({ error: 'a date YYYY-MM-DD' })
  .refine((d) => d >= '2000-01-01' && d <= '2999-12-31', { error: 'a date between 2000 and 2999' });
const withinRange = (from: string, to: string) => {
  try {
    return monthsBetween(from, to).length > 0;
  } catch {
    return false;
  }
};
const Publish = z
  .enum(['true', 'false'])
  .default('false')
  .openapi({ description: 'true: suppress cells below 3, as for anything that leaves this screen.' });

const HandoffTimesQuery = z
  .object({
    period: Period.optional(),
    from: Day.optional().openapi({ description: 'First day of a day range (instead of period).' }),
    to: Day.optional().openapi({ description: 'Last day of a day range.' }),
    step: z.enum(STATISTICS_STEPS).optional(),
    region: z.enum([...REGIONS, 'national']).optional(),
    track: z.enum(TRACKS).optional(),
    groupBy: z
      .string()
      .regex(new RegExp(`^(${GROUP_DIMENSIONS.join('|')})(,(${GROUP_DIMENSIONS.join('|')}))*$`), {
        error: `a comma-separated list of ${GROUP_DIMENSIONS.join(', ')}`,
      })
      .default('step,region,track')
      .openapi({ description: `Dimensions to group by: ${GROUP_DIMENSIONS.join(', ')}.` }),
    publish: Publish,
  })
  .refine((q) => (q.period ? !q.from && !q.to : (!q.from && !q.to) || (q.from && q.to && q.from <= q.to)), {
    error: 'give either period, or from and to (from ≤ to), or neither for the current year',
  })
  .refine((q) => !q.from || !q.to || q.from > q.to || withinRange(q.from, q.to), {
    error: `a day range spans at most ${MAX_RANGE_MONTHS} months`,
    path: ['to'],
  });

const TimeFigures = z
  .object({
    medianHours: z.number().nullable(),
    p90Hours: z.number().nullable(),
    maxHours: z.number().nullable(),
  })
  .nullable();
const HandoffTimesRow = z
  .object({
    step: z.string().optional(),
    region: z.string().optional(),
    track: z.string().optional(),
    receivingType: z.string().optional(),
    referringType: z.string().optional(),
    count: z.number().nullable(),
    working: TimeFigures,
    calendar: TimeFigures,
    suppressed: z.boolean(),
  })
  .openapi('HandoffTimesRow');
const HandoffTimes = z
  .object({
    period: z.string(),
    groupBy: z.array(z.string()),
    rows: z.array(HandoffTimesRow),
    itemsRead: z.number().int().openapi({ description: 'Aggregate items the query read.' }),
  })
  .openapi('HandoffTimes');

const Summary = z
  .object({
    period: z.string(),
    referrals: z.number().nullable(),
    persons: z.number().nullable().openapi({ description: 'Unique persons (pseudonymous person key).' }),
    dimensions: z.record(z.string(), z.record(z.string(), z.number().nullable())),
    sla: z.array(
      z.object({
        kind: z.string(),
        met: z.number().nullable(),
        breached: z.number().nullable(),
        compliance: z.number().nullable(),
      }),
    ),
    itemsRead: z.number().int(),
  })
  .openapi('StatisticsSummary');

const Age = z.object({ calendarHours: z.number(), workingHours: z.number() });
const WaitGroup = { waiting: z.number().int(), oldestSince: z.string(), oldestAge: Age };
const WaitingNow = z
  .object({
    at: z.string(),
    awaitingAcknowledgement: z.array(z.object({ queue: z.string(), ...WaitGroup })),
    awaitingHandoffAnswer: z.array(z.object({ receivingType: z.string(), ...WaitGroup })),
    openBreaches: z.array(
      z.object({
        referralId: z.string(),
        queue: z.string().optional(),
        clockKind: z.string(),
        dueAt: z.string(),
        age: Age,
      }),
    ),
  })
  .openapi('WaitingNow');

const Duplicates = z
  .object({
    possibleDuplicate: z.boolean(),
    otherReferrals: z.number().int(),
    otherReferralIds: z.array(z.string()).optional().openapi({
      description: 'Shown to the national coordinator only; others ask the national coordinator.',
    }),
  })
  .openapi('PossibleDuplicates');

/** A statistics report: a GET of `request` answering `schema`; only the national coordinator reads them. */
const report = <P extends string, Q extends Request, S extends z.ZodType>(
  path: P,
  request: Q,
  [description, schema]: readonly [string, S],
  facts: Facts,
) => get(path, request, answers(description, schema, 400, 401, 403), facts);

/** A statistics report as CSV, `description` saying how its cells read. */
const csvReport = <P extends string, Q extends Request>(
  path: P,
  request: Q,
  description: string,
  facts: Facts,
) =>
  get(
    path,
    request,
    { 200: { description, content: { 'text/csv': { schema: z.string() } } }, ...problems(400, 401, 403) },
    facts,
  );

const SummaryQuery = z.object({ period: Period.optional(), publish: Publish });

const TableFigures = z
  .object({
    name: z.string(),
    unit: z.enum([...COUNTING_UNITS, 'events']),
    dimensions: z.array(z.string()),
    values: z.array(z.array(z.string())).openapi({ description: 'The values of each dimension that occur.' }),
    cells: z.array(
      z.object({
        at: z
          .array(z.string())
          .openapi({ description: 'One value per dimension; `*` is the total over it.' }),
        count: z.number().int().nullable().openapi({ description: 'null: suppressed.' }),
      }),
    ),
    suppressed: z.object({
      primary: z.number().int().openapi({ description: 'Cells below 3.' }),
      complementary: z
        .number()
        .int()
        .openapi({ description: 'Cells and totals suppressed so the small ones cannot be worked out.' }),
    }),
  })
  .openapi('StatisticsTable');

const dimensionList = new RegExp(`^(${TABLE_DIMENSIONS.join('|')})(,(${TABLE_DIMENSIONS.join('|')})){0,2}$`);
const CrossTabQuery = z.object({
  period: Period.optional(),
  unit: z
    .enum(COUNTING_UNITS)
    .default('persons')
    .openapi({ description: 'persons: each person once in the period; referrals: each referral.' }),
  dimensions: z
    .string()
    .regex(dimensionList, { error: `one to three of ${TABLE_DIMENSIONS.join(', ')}, comma-separated` })
    .refine((d) => new Set(d.split(',')).size === d.split(',').length, { error: 'a dimension only once' })
    .openapi({
      description: `One to three of ${TABLE_DIMENSIONS.join(', ')}.`,
      example: 'gender,ageGroup,purpose',
    }),
  publish: Publish,
});

const CrossTab = TableFigures.extend({ period: z.string(), itemsRead: z.number().int() }).openapi(
  'StatisticsCrossTab',
);

const Year = z
  .string()
  .regex(/^\d{4}$/, { error: 'a year, e.g. 2026' })
  .refine((y) => y >= '2000' && y <= '2999', { error: 'a year between 2000 and 2999' })
  .openapi({ description: 'The year; the current year when absent.', example: '2026' });
const YearlyReport = z
  .object({
    year: z.string(),
    persons: z.number().int().nullable(),
    referrals: z.number().int().nullable(),
    tables: z.array(TableFigures),
    itemsRead: z.number().int(),
  })
  .openapi('YearlyReport');
const YearQuery = z.object({ year: Year.optional() });

/** A table too big to protect in bounded work is the caller's to narrow. */
/** A table the request's dimensions cannot make (too many cells, an unknown dimension) is the caller's 400. */
async function tableOr400<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (error instanceof RangeError) throw new BadRequest(error.message, { cause: error });
    throw error;
  }
}

/** The cross-tabulation a query asks for, protected for publication when `publish`. */
const table = (q: Omit<z.infer<typeof CrossTabQuery>, 'publish'>, publish: boolean) =>
  tableOr400(() =>
    crossTab({
      period: q.period ?? currentYear(),
      unit: q.unit,
      dimensions: q.dimensions.split(',') as TableDimension[],
      publish,
    }),
  );

/** Statistics are for the national coordinator; every read and export is on the audit trail. */
async function statsAllowed(c: Context<AppEnv>): Promise<void> {
  await allow(c, 'stats.read', {}, 'statistics');
}

/** A statistics read's query, once the caller may read statistics (audited). */
async function asked<Q>(c: Context<AppEnv>, query: Q): Promise<Q> {
  await statsAllowed(c);
  return query;
}

function timesQuery(q: z.infer<typeof HandoffTimesQuery>) {
  const groupBy = [...new Set(q.groupBy.split(','))] as GroupDimension[];
  return {
    period: q.from && q.to ? { from: q.from, to: q.to } : { period: q.period ?? currentYear() },
    groupBy,
    filter: {
      ...(q.step ? { step: q.step } : {}),
      ...(q.region ? { region: q.region } : {}),
      ...(q.track ? { track: q.track } : {}),
    },
  };
}

/** A CSV download named `name`. (The contract's text/csv answer has no typed response in Hono, hence `never`.) */
const csvResponse = (c: Context<AppEnv>, body: string, name: string) =>
  c.body(body, 200, {
    'Content-Type': 'text/csv; charset=utf-8',
    'Content-Disposition': `attachment; filename="${name}.csv"`,
  }) as never;

export const statistics = new Operations<AppEnv>()
  .openapi(
    report('/stats/handoff-times', { query: HandoffTimesQuery }, ['The figures', HandoffTimes], {
      operationId: 'getHandoffTimes',
      summary: 'Hand-off times: median, p90 and max, working and calendar hours',
      description:
        'From submission to routing, acknowledgement, each hand-off accepted and the first owner in social services, and from offer to answer (`handoff-response`), grouped by the chosen dimensions. National coordinator only.',
    }),
    async (c) => {
      const q = await asked(c, c.req.valid('query'));
      const query = timesQuery(q);
      const result = await handoffTimes({ ...query, publish: q.publish === 'true' });
      return c.json(
        {
          period: q.from && q.to ? `${q.from}..${q.to}` : (q.period ?? currentYear()),
          groupBy: query.groupBy,
          rows: result.rows,
          itemsRead: result.itemsRead,
        },
        200,
      );
    },
  )
  .openapi(
    csvReport('/stats/handoff-times.csv', { query: HandoffTimesQuery }, 'CSV; suppressed cells read ..', {
      operationId: 'getHandoffTimesCsv',
      summary: 'Hand-off times as CSV, cells below 3 suppressed',
    }),
    async (c) => {
      const q = await asked(c, c.req.valid('query'));
      return csvResponse(
        c,
        await handoffTimesCsv(timesQuery(q)),
        `handoff-times-${q.from ?? q.period ?? currentYear()}`,
      );
    },
  )
  .openapi(
    report('/stats/summary', { query: SummaryQuery }, ['The statistics', Summary], {
      operationId: 'getSummary',
      summary: 'Yearly, quarterly or monthly statistics',
      description:
        'Referrals and unique persons; counts by exploitation purpose, gender, age group, citizenship, region, track, referring organisation type, channel and outcome; SLA compliance. National coordinator only.',
    }),
    async (c) => {
      const { period = currentYear(), publish } = await asked(c, c.req.valid('query'));
      return c.json(await statisticsSummary(period, { publish: publish === 'true' }), 200);
    },
  )
  .openapi(
    csvReport(
      '/stats/summary.csv',
      { query: z.object({ period: Period.optional() }) },
      'CSV; suppressed cells read ..',
      {
        operationId: 'getSummaryCsv',
        summary: 'Yearly, quarterly or monthly statistics as CSV, cells below 3 suppressed',
      },
    ),
    async (c) => {
      const { period = currentYear() } = await asked(c, c.req.valid('query'));
      return csvResponse(c, await statisticsCsv(period), `statistics-${period}`);
    },
  )
  .openapi(
    get('/stats/waiting-now', {}, answers('Live view', WaitingNow, 401, 403), {
      operationId: 'getWaitingNow',
      summary: 'What waits now, per queue and receiving organisation type, and the open SLA breaches',
    }),
    async (c) => {
      await statsAllowed(c);
      return c.json(await waitingNow(now()), 200);
    },
  )
  .openapi(
    get(
      '/referrals/{id}/possible-duplicates',
      { params: z.object({ id: Ulid('referral') }) },
      answers('The flag', Duplicates, 400, 401, 404),
      {
        operationId: 'listPossibleDuplicates',
        summary: 'Whether the referral probably concerns a person already known',
        description:
          'Compares the pseudonymous person key of the referral with those of earlier referrals. For the coordinators of the referral and the national coordinator.',
      },
    ),
    async (c) => {
      const { id } = c.req.valid('param');
      const { state, ...allowed } = await allowOnReferral(c, id, 'referral.read');
      // The referrer's and a receiver's views say nothing about other referrals.
      if (allowed.view !== 'full') throw new NotFound('No such referral.');
      const { otherReferralIds } = await possibleDuplicates(id);
      return c.json(
        {
          possibleDuplicate: otherReferralIds.length > 0,
          otherReferrals: otherReferralIds.length,
          ...(allowed.principal.role === 'national-coordinator' ? { otherReferralIds } : {}),
        },
        200,
      );
    },
  )
  .openapi(
    report('/stats/cross-tab', { query: CrossTabQuery }, ['The table', CrossTab], {
      operationId: 'getCrossTab',
      summary: 'Persons or referrals by any one to three dimensions, with every total',
      description:
        'Cross-tabulation of purpose, gender, age group, citizenship, region and referring organisation type (GRETA/CEDAW: sex × age × form of exploitation × nationality). With publish=true, cells below 3 are suppressed and so are as many others as it takes that no suppressed cell can be worked out from the rest. National coordinator only.',
    }),
    async (c) => {
      const q = await asked(c, c.req.valid('query'));
      return c.json(await table(q, q.publish === 'true'), 200);
    },
  )
  .openapi(
    csvReport(
      '/stats/cross-tab.csv',
      { query: CrossTabQuery.omit({ publish: true }) },
      'CSV; suppressed cells read .., totals *',
      {
        operationId: 'getCrossTabCsv',
        summary: 'A cross-tabulation as CSV, protected for publication',
      },
    ),
    async (c) => {
      const q = await asked(c, c.req.valid('query'));
      const period = q.period ?? currentYear();
      return csvResponse(c, tablesCsv(period, [await table(q, true)]), `cross-tab-${period}`);
    },
  )
  .openapi(
    report('/stats/yearly-report', { query: YearQuery }, ['The report', YearlyReport], {
      operationId: 'getYearlyReport',
      summary: 'The yearly report, protected for publication',
      description:
        'Persons (each once) and referrals by purpose, age group, gender, citizenship, region and referring organisation type; the GRETA/CEDAW breakdowns; related children in Sweden and abroad; outcomes by region and purpose; declined and expired offers by region, receiving organisation type and reason; permits by who applied. National coordinator only.',
    }),
    async (c) => {
      const { year = currentYear() } = await asked(c, c.req.valid('query'));
      return c.json(await yearlyReport(year), 200);
    },
  )
  .openapi(
    csvReport('/stats/yearly-report.csv', { query: YearQuery }, 'CSV; suppressed cells read .., totals *', {
      operationId: 'getYearlyReportCsv',
      summary: 'The yearly report as CSV: one row per cell and total',
    }),
    async (c) => {
      const { year = currentYear() } = await asked(c, c.req.valid('query'));
      return csvResponse(c, await yearlyReportCsv(year), `yearly-report-${year}`);
    },
  );
