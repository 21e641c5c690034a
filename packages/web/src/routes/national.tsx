// The national coordinator's pages: the dashboard (queues, hand-off times, the year's summary, breaches now) and the
// yearly report, each as a page and as CSV.
import type { Schema } from '@nrm/client';
import { ALL_QUEUES } from '@nrm/domain';
import { swedishDate } from '@nrm/runtime';
import { type Context, Hono } from 'hono';
import type { Api, ProblemBody } from '../api';
import type { Lang } from '../i18n/messages';
import { signedIn } from '../middleware/guard';
import { type DashboardData, DashboardPage, dashboardCsv } from '../pages/dashboard';
import { YearlyReportPage } from '../pages/yearly-report';
import { breachesNow, handoffTimeRows, summaryParts } from '../statistics';
import { refused, render } from './answers';
import type { SignedInEnv, WebEnv } from './env';

const dashboardData = async (api: Api, at: Date, lang: Lang): Promise<DashboardData | ProblemBody> => {
  const queues = await Promise.all(
    ALL_QUEUES.map(async (queue) => {
      const result = await api.get<Schema<'QueueListing'>>(
        `/v1/queues/${encodeURIComponent(queue)}/referrals?limit=100`,
      );
      if (!result.ok) return result.problem;
      const items = result.body.items;
      return {
        queue,
        open: items.length,
        overdue: items.filter((i) => i.nextDueAt && Date.parse(i.nextDueAt) < at.getTime()).length,
        acute: items.filter((i) => i.acuteProtection).length,
      };
    }),
  );
  const refusal = queues.find((q): q is ProblemBody => 'status' in q);
  if (refusal) return refusal;
  const year = at.toISOString().slice(0, 4);
  const [byStep, byRegion, summary, waiting] = await Promise.all([
    api.get<Schema<'HandoffTimes'>>(`/v1/stats/handoff-times?period=${year}&groupBy=step`),
    api.get<Schema<'HandoffTimes'>>(`/v1/stats/handoff-times?period=${year}&groupBy=step,region`),
    api.get<Schema<'StatisticsSummary'>>(`/v1/stats/summary?period=${year}`),
    api.get<Schema<'WaitingNow'>>('/v1/stats/waiting-now'),
  ]);
  const handoffTimes = byStep.ok ? handoffTimeRows(byStep.body, lang) : undefined;
  const handoffTimesByRegion = byRegion.ok ? handoffTimeRows(byRegion.body, lang) : undefined;
  const breaches = waiting.ok ? breachesNow(waiting.body) : undefined;
  return {
    queues: queues as DashboardData['queues'],
    ...(handoffTimes ? { handoffTimes } : {}),
    ...(handoffTimesByRegion ? { handoffTimesByRegion } : {}),
    ...(summary.ok ? summaryParts(summary.body) : {}),
    ...(breaches ? { breachesNow: breaches } : {}),
  };
};

/** The year asked for (`?year=2026`), else this year in Sweden. */
const reportYear = (c: Context<SignedInEnv>) => {
  const year = c.req.query('year');
  return year && /^\d{4}$/.test(year) ? year : swedishDate(c.get('page').now).slice(0, 4);
};

const csv = (c: Context<SignedInEnv>, body: string, filename: string) =>
  c.body(body, 200, {
    'Content-Type': 'text/csv; charset=utf-8',
    'Content-Disposition': `attachment; filename="${filename}"`,
  });

export function nationalRoutes() {
  const web = new Hono<WebEnv>();
  const national = signedIn('national-coordinator');

  /** The dashboard's data, shown by `show`; the API's refusal as its page. */
  const dashboard =
    (show: (c: Context<SignedInEnv>, data: DashboardData) => Response) => async (c: Context<SignedInEnv>) => {
      const data = await dashboardData(c.get('api'), c.get('page').now, c.get('page').lang);
      return 'status' in data ? refused(c, data) : show(c, data);
    };
  web.get(
    '/dashboard',
    national,
    dashboard((c, data) => render(c, <DashboardPage ctx={c.get('page')} data={data} />)),
  );
  web.get(
    '/dashboard.csv',
    national,
    dashboard((c, data) => csv(c, dashboardCsv(data), 'nrm-dashboard.csv')),
  );

  // The yearly report: the API's protected tables as one printable page, and its CSV as the API writes it.
  web.get('/reports/yearly', national, async (c) => {
    const year = reportYear(c);
    const result = await c.get('api').get<Schema<'YearlyReport'>>(`/v1/stats/yearly-report?year=${year}`);
    return result.ok
      ? render(c, <YearlyReportPage ctx={c.get('page')} report={result.body} />)
      : refused(c, result.problem);
  });
  web.get('/reports/yearly.csv', national, async (c) => {
    const year = reportYear(c);
    const result = await c.get('api').getText(`/v1/stats/yearly-report.csv?year=${year}`);
    return result.ok ? csv(c, result.body, `nrm-yearly-report-${year}.csv`) : refused(c, result.problem);
  });
  return web;
}
