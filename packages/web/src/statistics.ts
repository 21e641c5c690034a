// The statistics API's answers (issue 6) read into what the dashboard shows; tolerant, so a part the API does not
// (yet) give is left out of the page instead of breaking it.
import { label, REGION_NAME, STATISTICS_STEP, TRACK } from './i18n/codes';
import type { Lang } from './i18n/messages';
import type { BreachNow, DashboardData, TimeRow } from './pages/dashboard';

type Json = Record<string, unknown>;

const regionLabel = (region: string, lang: Lang) =>
  region === 'national'
    ? lang === 'sv'
      ? 'Nationell triage'
      : 'National triage'
    : (REGION_NAME[region] ?? region);
const asObject = (value: unknown): Json => (value && typeof value === 'object' ? (value as Json) : {});
const num = (value: unknown): number | null => (typeof value === 'number' ? value : null);

/**
 * The statistics API (issue 6) answers in the shapes of `@nrm/usecases` statistics: hand-off times as rows of
 * `{ step, region?, count, working: { medianHours, p90Hours }, calendar: { … } }`, the summary as
 * `{ dimensions: { purpose: { sexual: n } … }, sla: [{ kind, met, breached, compliance }] }` and what waits now as
 * `{ openBreaches: [{ referralId, queue, clockKind, dueAt }] }`. Anything else leaves its part of the page out.
 */
export function handoffTimeRows(body: unknown, lang: Lang): TimeRow[] | undefined {
  const rows = asObject(body).rows ?? asObject(body).items;
  if (!Array.isArray(rows)) return undefined;
  return rows.map((item) => {
    const row = asObject(item);
    const working = asObject(row.working);
    const calendar = asObject(row.calendar);
    const parts = [
      typeof row.step === 'string' ? label(STATISTICS_STEP, lang, row.step) : undefined,
      typeof row.region === 'string' ? regionLabel(row.region, lang) : undefined,
      typeof row.track === 'string' ? label(TRACK, lang, row.track) : undefined,
    ].filter(Boolean);
    return {
      label: parts.join(' · ') || '–',
      count: num(row.count),
      medianHours: num(working.medianHours),
      p90Hours: num(working.p90Hours),
      calendarMedianHours: num(calendar.medianHours),
      calendarP90Hours: num(calendar.p90Hours),
    };
  });
}

export function summaryParts(body: unknown): Pick<DashboardData, 'sla' | 'volumes'> {
  const summary = asObject(body);
  const dimensions = asObject(summary.dimensions);
  const volumes = Object.fromEntries(
    Object.entries(dimensions).map(([dimension, values]) => [
      dimension,
      Object.fromEntries(Object.entries(asObject(values)).map(([value, n]) => [value, num(n)])),
    ]),
  );
  const sla = Array.isArray(summary.sla)
    ? summary.sla.map((item) => {
        const row = asObject(item);
        return {
          kind: String(row.kind),
          met: num(row.met),
          breached: num(row.breached),
          compliance: num(row.compliance),
        };
      })
    : undefined;
  return { ...(Object.keys(volumes).length ? { volumes } : {}), ...(sla ? { sla } : {}) };
}

export function breachesNow(body: unknown): BreachNow[] | undefined {
  const breaches = asObject(body).openBreaches;
  if (!Array.isArray(breaches)) return undefined;
  return breaches.map((item) => {
    const b = asObject(item);
    return {
      referralId: String(b.referralId),
      queue: String(b.queue),
      clockKind: String(b.clockKind),
      dueAt: String(b.dueAt),
    };
  });
}
