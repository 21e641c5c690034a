// /v1/stats: the national coordinator's dashboard and published statistics, read from the pseudonymised aggregates
// (never from referrals); and /v1/referrals/{id}/possible-duplicates for the coordinators of a referral.
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { REGIONS, STATISTICS_STEPS, TRACKS } from '@nrm/domain';
import { now, swedishDate } from '@nrm/runtime';
import { getReferralState, MAX_RANGE_MONTHS, monthsBetween } from '@nrm/store';
import {
  GROUP_DIMENSIONS,
  type GroupDimension,
  handoffTimes,
  handoffTimesCsv,
  possibleDuplicates,
  statisticsCsv,
  statisticsSummary,
  waitingNow,
} from '@nrm/usecases';
import type { Context } from 'hono';
import { accessFacts, audit, guard } from '../access';
import type { AppEnv } from '../context';
import { problem } from '../problem';
import { validationHook } from '../validation';
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

const csv = (description: string) => ({ description, content: { 'text/csv': { schema: z.string() } } });
const security = [{ bearer: [] }];

const handoffTimesRoute = createRoute({
  method: 'get',
  path: '/stats/handoff-times',
  operationId: 'getHandoffTimes',
  summary: 'Hand-off times: median, p90 and max, working and calendar hours',
  description:
    'From submission to routing, acknowledgement, each hand-off accepted and the first owner in social services, and from offer to answer (`handoff-response`), grouped by the chosen dimensions. National coordinator only.',
  security,
  request: { query: HandoffTimesQuery },
  responses: {
    200: { description: 'The figures', content: { 'application/json': { schema: HandoffTimes } } },
    ...problems(400, 401, 403),
  },
});

const handoffTimesCsvRoute = createRoute({
  method: 'get',
  path: '/stats/handoff-times.csv',
  operationId: 'getHandoffTimesCsv',
  summary: 'Hand-off times as CSV, cells below 3 suppressed',
  security,
  request: { query: HandoffTimesQuery },
  responses: { 200: csv('CSV; suppressed cells read ..'), ...problems(400, 401, 403) },
});

const SummaryQuery = z.object({ period: Period.optional(), publish: Publish });

const summaryRoute = createRoute({
  method: 'get',
  path: '/stats/summary',
  operationId: 'getSummary',
  summary: 'Yearly, quarterly or monthly statistics',
  description:
    'Referrals and unique persons; counts by exploitation purpose, gender, age group, citizenship, region, track, referring organisation type, channel and outcome; SLA compliance. National coordinator only.',
  security,
  request: { query: SummaryQuery },
  responses: {
    200: { description: 'The statistics', content: { 'application/json': { schema: Summary } } },
    ...problems(400, 401, 403),
  },
});

const summaryCsvRoute = createRoute({
  method: 'get',
  path: '/stats/summary.csv',
  operationId: 'getSummaryCsv',
  summary: 'Yearly, quarterly or monthly statistics as CSV, cells below 3 suppressed',
  security,
  request: { query: z.object({ period: Period.optional() }) },
  responses: { 200: csv('CSV; suppressed cells read ..'), ...problems(400, 401, 403) },
});

const waitingRoute = createRoute({
  method: 'get',
  path: '/stats/waiting-now',
  operationId: 'getWaitingNow',
  summary: 'What waits now, per queue and receiving organisation type, and the open SLA breaches',
  security,
  responses: {
    200: { description: 'Live view', content: { 'application/json': { schema: WaitingNow } } },
    ...problems(401, 403),
  },
});

const duplicatesRoute = createRoute({
  method: 'get',
  path: '/referrals/{id}/possible-duplicates',
  operationId: 'listPossibleDuplicates',
  summary: 'Whether the referral probably concerns a person already known',
  description:
    'Compares the pseudonymous person key of the referral with those of earlier referrals. For the coordinators of the referral and the national coordinator.',
  security,
  request: {
    params: z.object({ id: Ulid('referral') }),
  },
  responses: {
    200: { description: 'The flag', content: { 'application/json': { schema: Duplicates } } },
    ...problems(400, 401, 404),
  },
});

/** Statistics are for the national coordinator; every read and export is on the audit trail. */
async function statsAllowed(c: Context<AppEnv>): Promise<Response | undefined> {
  const allowed = await guard(c, 'stats.read');
  await audit(c, { subject: 'statistics', action: 'stats.read', outcome: allowed.ok ? 'allowed' : 'denied' });
  return allowed.ok ? undefined : allowed.response;
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

const csvResponse = (c: Context<AppEnv>, body: string, name: string) =>
  c.body(body, 200, {
    'Content-Type': 'text/csv; charset=utf-8',
    'Content-Disposition': `attachment; filename="${name}.csv"`,
  });

export const statistics = new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
  .openapi(handoffTimesRoute, async (c) => {
    const denied = await statsAllowed(c);
    if (denied) return denied as never;
    const q = c.req.valid('query');
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
  })
  .openapi(handoffTimesCsvRoute, async (c) => {
    const denied = await statsAllowed(c);
    if (denied) return denied as never;
    const q = c.req.valid('query');
    return csvResponse(
      c,
      await handoffTimesCsv(timesQuery(q)),
      `handoff-times-${q.from ?? q.period ?? currentYear()}`,
    ) as never;
  })
  .openapi(summaryRoute, async (c) => {
    const denied = await statsAllowed(c);
    if (denied) return denied as never;
    const { period = currentYear(), publish } = c.req.valid('query');
    return c.json(await statisticsSummary(period, { publish: publish === 'true' }), 200);
  })
  .openapi(summaryCsvRoute, async (c) => {
    const denied = await statsAllowed(c);
    if (denied) return denied as never;
    const { period = currentYear() } = c.req.valid('query');
    return csvResponse(c, await statisticsCsv(period), `statistics-${period}`) as never;
  })
  .openapi(waitingRoute, async (c) => {
    const denied = await statsAllowed(c);
    if (denied) return denied as never;
    return c.json(await waitingNow(now()), 200);
  })
  .openapi(duplicatesRoute, async (c) => {
    const { id } = c.req.valid('param');
    const state = await getReferralState(id);
    if (!state) return problem(c, 404, 'No such referral.') as never;
    const allowed = await guard(c, 'referral.read', { referral: accessFacts(state) }, `referral:${id}`);
    if (!allowed.ok) return allowed.response as never;
    // The referrer's and a receiver's views say nothing about other referrals.
    if (allowed.view !== 'full') return problem(c, 404, 'No such referral.') as never;
    const { otherReferralIds } = await possibleDuplicates(id);
    return c.json(
      {
        possibleDuplicate: otherReferralIds.length > 0,
        otherReferrals: otherReferralIds.length,
        ...(allowed.principal.role === 'national-coordinator' ? { otherReferralIds } : {}),
      },
      200,
    );
  });
