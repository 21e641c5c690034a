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

/** An array of objects read field by field (`String`, `num`), or undefined when the value is not an array. */
const readRows = <T extends object>(
  value: unknown,
  readers: { readonly [K in keyof T]: (field: unknown) => T[K] },
): T[] | undefined =>
  Array.isArray(value)
    ? value.map((item) => {
        const row = asObject(item);
        return Object.fromEntries(
          Object.entries<(field: unknown) => unknown>(readers).map(([name, read]) => [name, read(row[name])]),
        ) as T;
      })
    : undefined;

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
  const sla = readRows<NonNullable<DashboardData['sla']>[number]>(summary.sla, {
    kind: String,
    met: num,
    breached: num,
    compliance: num,
  });
  return { ...(Object.keys(volumes).length ? { volumes } : {}), ...(sla ? { sla } : {}) };
}

export function breachesNow(body: unknown): BreachNow[] | undefined {
  return readRows<BreachNow>(asObject(body).openBreaches, {
    referralId: String,
    queue: String,
    clockKind: String,
    dueAt: String,
  });
}
