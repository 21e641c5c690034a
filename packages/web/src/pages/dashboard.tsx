// The national dashboard: server-drawn SVG bar charts, each beside the table of its numbers (the table is what a
// screen reader reads), and a CSV export of the same numbers.
import { Notice } from '../components';
import { queueName } from '../i18n/codes';
import { Layout } from '../layout';
import type { PageContext } from '../page-context';

export interface QueueCount {
  readonly queue: string;
  readonly open: number;
  readonly overdue: number;
  readonly acute: number;
}

export interface TimeRow {
  readonly label: string;
  readonly count: number;
  readonly medianHours: number | null;
  readonly p90Hours: number | null;
}

export interface DashboardData {
  readonly queues: readonly QueueCount[];
  /** Hand-off times from the statistics API; undefined while it does not exist. */
  readonly handoffTimes?: readonly TimeRow[];
}

const BAR_HEIGHT = 22;
const GAP = 8;
const LABEL_WIDTH = 190;
const CHART_WIDTH = 640;

/** A horizontal bar chart. Colours pass 3:1 against white; values are printed, so colour carries nothing alone. */
export function BarChart({
  id,
  title,
  rows,
  unit = '',
}: {
  id: string;
  title: string;
  rows: readonly { label: string; value: number }[];
  unit?: string;
}) {
  const max = Math.max(1, ...rows.map((r) => r.value));
  const height = rows.length * (BAR_HEIGHT + GAP) + GAP;
  const scale = (CHART_WIDTH - LABEL_WIDTH - 70) / max;
  return (
    <svg
      class="chart"
      viewBox={`0 0 ${CHART_WIDTH} ${height}`}
      width={CHART_WIDTH}
      height={height}
      role="img"
      aria-labelledby={`${id}-title`}
    >
      <title id={`${id}-title`}>{title}</title>
      {rows.map((r, i) => {
        const y = GAP + i * (BAR_HEIGHT + GAP);
        const w = Math.max(r.value > 0 ? 2 : 0, r.value * scale);
        return (
          <g>
            <text x={LABEL_WIDTH - 8} y={y + BAR_HEIGHT * 0.7} text-anchor="end">
              {r.label}
            </text>
            <rect x={LABEL_WIDTH} y={y} width={w} height={BAR_HEIGHT} fill="#1d70b8" />
            <text x={LABEL_WIDTH + w + 6} y={y + BAR_HEIGHT * 0.7}>
              {`${Number.isInteger(r.value) ? r.value : r.value.toFixed(1)}${unit}`}
            </text>
          </g>
        );
      })}
    </svg>
  );
}

export function DashboardPage({ ctx, data }: { ctx: PageContext; data: DashboardData }) {
  const { t, lang } = ctx;
  const total = data.queues.reduce((sum, q) => sum + q.open, 0);
  const overdue = data.queues.reduce((sum, q) => sum + q.overdue, 0);
  const acute = data.queues.reduce((sum, q) => sum + q.acute, 0);
  return (
    <Layout ctx={ctx} title={t('dashboard.title')}>
      <h1>{t('dashboard.title')}</h1>
      <p>{t('dashboard.intro')}</p>
      <div class="grid">
        <div class="card">
          <h2>{t('dashboard.open')}</h2>
          <p class="stat">{total}</p>
        </div>
        <div class="card">
          <h2>{t('dashboard.breaches')}</h2>
          <p class="stat">{overdue}</p>
        </div>
        <div class="card">
          <h2>{t('dashboard.acute')}</h2>
          <p class="stat">{acute}</p>
        </div>
      </div>
      <h2 id="handoff-times">{t('dashboard.handoffTimes')}</h2>
      {data.handoffTimes ? (
        <>
          <BarChart
            id="chart-handoff-median"
            title={t('dashboard.chart', {
              title: `${t('dashboard.handoffTimes')}, ${t('dashboard.median')}`,
            })}
            rows={data.handoffTimes.map((r) => ({ label: r.label, value: r.medianHours ?? 0 }))}
            unit=" h"
          />
          <div class="table-wrap">
            <table>
              <caption>{t('dashboard.handoffTimes')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('referral.purpose')}</th>
                  <th scope="col" class="num">
                    {t('dashboard.count')}
                  </th>
                  <th scope="col" class="num">
                    {t('dashboard.median')} ({t('dashboard.hours')})
                  </th>
                  <th scope="col" class="num">
                    {t('dashboard.p90')} ({t('dashboard.hours')})
                  </th>
                </tr>
              </thead>
              <tbody>
                {data.handoffTimes.map((r) => (
                  <tr>
                    <th scope="row">{r.label}</th>
                    <td class="num">{r.count}</td>
                    <td class="num" data-handoff-median>
                      {r.medianHours === null ? '–' : r.medianHours.toFixed(1)}
                    </td>
                    <td class="num">{r.p90Hours === null ? '–' : r.p90Hours.toFixed(1)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      ) : (
        <Notice>{t('dashboard.statsMissing')}</Notice>
      )}
      <h2 id="queues">{t('dashboard.queues')}</h2>
      <BarChart
        id="chart-queues"
        title={t('dashboard.chart', { title: t('dashboard.queues') })}
        rows={data.queues.map((q) => ({ label: queueName(q.queue, lang), value: q.open }))}
      />
      <div class="table-wrap">
        <table>
          <caption>{t('dashboard.queues')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('referral.route')}</th>
              <th scope="col" class="num">
                {t('dashboard.open')}
              </th>
              <th scope="col" class="num">
                {t('dashboard.overdue')}
              </th>
              <th scope="col" class="num">
                {t('dashboard.acute')}
              </th>
            </tr>
          </thead>
          <tbody>
            {data.queues.map((q) => (
              <tr>
                <th scope="row">{queueName(q.queue, lang)}</th>
                <td class="num">{q.open}</td>
                <td class="num">{q.overdue}</td>
                <td class="num">{q.acute}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p>
        <a href="/dashboard.csv" download="nrm-dashboard.csv">
          {t('dashboard.csv')}
        </a>
      </p>
    </Layout>
  );
}

const csvCell = (value: string | number | null) => {
  const text = value === null ? '' : String(value);
  return /[",\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
};

export function dashboardCsv(data: DashboardData): string {
  const lines = [['section', 'key', 'open', 'overdue', 'acute', 'count', 'median_hours', 'p90_hours']];
  for (const q of data.queues)
    lines.push(['queue', q.queue, String(q.open), String(q.overdue), String(q.acute), '', '', '']);
  for (const r of data.handoffTimes ?? [])
    lines.push([
      'handoff-time',
      r.label,
      '',
      '',
      '',
      String(r.count),
      r.medianHours === null ? '' : r.medianHours.toFixed(2),
      r.p90Hours === null ? '' : r.p90Hours.toFixed(2),
    ]);
  return `${lines.map((l) => l.map(csvCell).join(',')).join('\r\n')}\r\n`;
}
