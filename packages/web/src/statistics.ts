// The statistics API's answers (issue 6), typed by the API's document, read into what the dashboard shows.
import type { Schema } from '@nrm/client';
import { AGE_GROUP, label, REGION_NAME, STATISTICS_STEP } from './i18n/codes';
import type { Lang } from './i18n/messages';
import type { BreachNow, DashboardData, TimeRow } from './pages/dashboard';

const regionLabel = (region: string, lang: Lang) =>
  region === 'national'
    ? lang === 'sv'
      ? 'Nationell triage'
      : 'National triage'
    : (REGION_NAME[region] ?? region);

/** Hand-off times as rows named by their step, region and track. */
export function handoffTimeRows(body: Schema<'HandoffTimes'>, lang: Lang): TimeRow[] {
  return body.rows.map((row) => {
    const parts = [
      row.step === undefined ? undefined : label(STATISTICS_STEP, lang, row.step),
      row.region === undefined ? undefined : regionLabel(row.region, lang),
      row.track === undefined ? undefined : label(AGE_GROUP, lang, row.track),
    ].filter(Boolean);
    return {
      label: parts.join(' · ') || '–',
      count: row.count,
      medianHours: row.working?.medianHours ?? null,
      p90Hours: row.working?.p90Hours ?? null,
      calendarMedianHours: row.calendar?.medianHours ?? null,
      calendarP90Hours: row.calendar?.p90Hours ?? null,
    };
  });
}

export function summaryParts(summary: Schema<'StatisticsSummary'>): Pick<DashboardData, 'sla' | 'volumes'> {
  const volumes = summary.dimensions;
  return { ...(Object.keys(volumes).length ? { volumes } : {}), sla: summary.sla };
}

export function breachesNow(body: Schema<'WaitingNow'>): BreachNow[] {
  return body.openBreaches;
}
