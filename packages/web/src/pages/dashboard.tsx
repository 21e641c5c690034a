// The national dashboard: server-drawn SVG bar charts, each beside the table of its numbers (the table is what a
// screen reader reads), and a CSV export of the same numbers.
import type { Schema } from '@nrm/client';
import type { Child } from 'hono/jsx';
import { type Column, DataTable, Notice } from '../components';
import { AGE_GROUP, CLOCK, GENDER, label, PURPOSE, queueName, REGION_NAME } from '../i18n/codes';
import type { MessageKey } from '../i18n/messages';
import { citizenshipName } from '../i18n/names';
import { TitledPage } from '../layout';
import { formatDateTime, type PageContext } from '../page-context';

export interface QueueCount {
  readonly queue: string;
  readonly open: number;
  readonly overdue: number;
  readonly acute: number;
}

export interface TimeRow {
  readonly label: string;
  readonly count: number | null;
  readonly medianHours: number | null;
  readonly p90Hours: number | null;
  readonly calendarMedianHours: number | null;
  readonly calendarP90Hours: number | null;
}

/** One clock kind's deadlines met and missed, as `GET /v1/stats/summary` answers them. */
export type SlaRow = Schema<'StatisticsSummary'>['sla'][number];

/** A breached clock not yet stopped, as `GET /v1/stats/waiting-now` lists it. */
export type BreachNow = Pick<
  Schema<'WaitingNow'>['openBreaches'][number],
  'referralId' | 'queue' | 'clockKind' | 'dueAt'
>;

/** What the statistics API (issue 6) adds; each part is absent while its endpoint does not answer. */
export interface DashboardData {
  readonly queues: readonly QueueCount[];
  readonly handoffTimes?: readonly TimeRow[];
  readonly handoffTimesByRegion?: readonly TimeRow[];
  readonly sla?: readonly SlaRow[];
  /** Dimension (purpose, gender, age, citizenship, region) → value → count; null where suppressed. */
  readonly volumes?: Readonly<Record<string, Readonly<Record<string, number | null>>>>;
  readonly breachesNow?: readonly BreachNow[];
}

const BAR_HEIGHT = 22;
const GAP = 8;
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
  // Room for the longest label (about 7.5 px a character at 14 px), within reason.
  const labelWidth = Math.min(340, Math.max(120, 16 + 7.5 * Math.max(0, ...rows.map((r) => r.label.length))));
  const height = rows.length * (BAR_HEIGHT + GAP) + GAP;
  const scale = (CHART_WIDTH - labelWidth - 70) / max;
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
            <text x={labelWidth - 8} y={y + BAR_HEIGHT * 0.7} text-anchor="end">
              {r.label}
            </text>
            <rect x={labelWidth} y={y} width={w} height={BAR_HEIGHT} fill="#1d70b8" />
            <text x={labelWidth + w + 6} y={y + BAR_HEIGHT * 0.7}>
              {`${Number.isInteger(r.value) ? r.value : r.value.toFixed(r.value < 1 ? 2 : 1)}${unit}`}
            </text>
          </g>
        );
      })}
    </svg>
  );
}

const fixed = (value: number | null) => (value === null ? '–' : value.toFixed(value < 1 ? 2 : 1));
const VOLUME_DIMENSIONS = ['purpose', 'gender', 'age', 'citizenship', 'region'] as const;
const VOLUME_TITLE: Record<(typeof VOLUME_DIMENSIONS)[number], MessageKey> = {
  purpose: 'dashboard.byPurpose',
  gender: 'dashboard.byGender',
  age: 'dashboard.byAge',
  citizenship: 'dashboard.byCitizenship',
  region: 'dashboard.byRegion',
};

function valueLabel(dimension: string, value: string, ctx: PageContext): string {
  if (dimension === 'purpose') return label(PURPOSE, ctx.lang, value);
  if (dimension === 'gender') return label(GENDER, ctx.lang, value);
  if (dimension === 'age') return label(AGE_GROUP, ctx.lang, value);
  if (dimension === 'region') return REGION_NAME[value] ?? value;
  if (dimension === 'citizenship') return citizenshipName(value, ctx.lang);
  return value;
}

function Volumes({ ctx, volumes }: { ctx: PageContext; volumes: NonNullable<DashboardData['volumes']> }) {
  const { t } = ctx;
  return (
    <>
      {VOLUME_DIMENSIONS.filter((d) => volumes[d]).map((dimension) => {
        const entries = Object.entries(volumes[dimension]!).sort((a, b) => (b[1] ?? 0) - (a[1] ?? 0));
        const title = t(VOLUME_TITLE[dimension]);
        return (
          <section aria-labelledby={`volumes-${dimension}`}>
            <h3 id={`volumes-${dimension}`}>{title}</h3>
            <BarChart
              id={`chart-${dimension}`}
              title={t('dashboard.chart', { title })}
              rows={entries.map(([value, n]) => ({
                label: valueLabel(dimension, value, ctx),
                value: n ?? 0,
              }))}
            />
            <DataTable
              caption={title}
              rows={entries}
              columns={[
                { header: title, rowHeader: true, cell: ([value]) => valueLabel(dimension, value, ctx) },
                {
                  header: t('dashboard.count'),
                  num: true,
                  cell: ([, n]) => (n === null ? t('dashboard.suppressed') : n),
                },
              ]}
            />
          </section>
        );
      })}
    </>
  );
}

/** One of the dashboard's or the yearly report's headline figures. */
export function StatCard({ title, value, name }: { title: string; value: Child; name?: string }) {
  return (
    <div class="card">
      <h2>{title}</h2>
      <p class="stat" data-total={name}>
        {value}
      </p>
    </div>
  );
}

/** The dashboard's two views of hand-off times: by step for the whole country, and by region. */
const HANDOFF_TIMES = {
  step: {
    id: 'chart-handoff-median',
    title: 'dashboard.handoffTimes',
    caption: 'dashboard.handoffTimes.caption',
  },
  region: {
    id: 'chart-handoff-region',
    title: 'dashboard.handoffTimesByRegion',
    caption: 'dashboard.handoffTimesByRegion',
  },
} as const satisfies Record<string, { id: string; title: MessageKey; caption: MessageKey }>;

/** Hand-off times: the medians as a chart, and every figure in the table beside it. */
function HandoffTimes({
  ctx,
  by,
  rows,
}: {
  ctx: PageContext;
  by: keyof typeof HANDOFF_TIMES;
  rows: readonly TimeRow[];
}) {
  const { t } = ctx;
  const view = HANDOFF_TIMES[by];
  return (
    <>
      <BarChart
        id={view.id}
        title={t('dashboard.chart', { title: `${t(view.title)}, ${t('dashboard.median')}` })}
        rows={rows.map((r) => ({ label: r.label, value: r.medianHours ?? 0 }))}
        unit=" h"
      />
      <TimeTable ctx={ctx} caption={t(view.caption)} rows={rows} />
    </>
  );
}

function TimeTable({ ctx, caption, rows }: { ctx: PageContext; caption: string; rows: readonly TimeRow[] }) {
  const { t } = ctx;
  const hours = (header: MessageKey, cell: (r: TimeRow) => number | null): Column<TimeRow> => ({
    header: t(header),
    num: true,
    cell: (r) => fixed(cell(r)),
  });
  return (
    <DataTable
      caption={caption}
      showCaption
      rows={rows}
      columns={[
        { header: t('dashboard.step'), rowHeader: true, cell: (r) => r.label },
        {
          header: t('dashboard.count'),
          num: true,
          cell: (r) => (r.count === null ? t('dashboard.suppressed') : r.count),
        },
        {
          ...hours('dashboard.median', (r) => r.medianHours),
          attributes: () => ({ 'data-handoff-median': true }),
        },
        hours('dashboard.p90', (r) => r.p90Hours),
        hours('dashboard.medianCalendar', (r) => r.calendarMedianHours),
        hours('dashboard.p90Calendar', (r) => r.calendarP90Hours),
      ]}
    />
  );
}

export function DashboardPage({ ctx, data }: { ctx: PageContext; data: DashboardData }) {
  const { t, lang } = ctx;
  const total = data.queues.reduce((sum, q) => sum + q.open, 0);
  const overdue = data.breachesNow?.length ?? data.queues.reduce((sum, q) => sum + q.overdue, 0);
  const acute = data.queues.reduce((sum, q) => sum + q.acute, 0);
  return (
    <TitledPage ctx={ctx} title={t('dashboard.title')}>
      <p>{t('dashboard.intro')}</p>
      <div class="grid">
        <StatCard title={t('dashboard.open')} value={total} />
        <StatCard title={t('dashboard.breaches')} value={overdue} />
        <StatCard title={t('dashboard.acute')} value={acute} />
      </div>
      <h2 id="handoff-times">{t('dashboard.handoffTimes')}</h2>
      {data.handoffTimes ? (
        <>
          <HandoffTimes ctx={ctx} by="step" rows={data.handoffTimes} />
          {data.handoffTimesByRegion?.length ? (
            <>
              <h3 id="handoff-times-region">{t('dashboard.handoffTimesByRegion')}</h3>
              <HandoffTimes ctx={ctx} by="region" rows={data.handoffTimesByRegion} />
            </>
          ) : null}
        </>
      ) : (
        <Notice>{t('dashboard.statsMissing')}</Notice>
      )}
      {data.sla ? (
        <>
          <h2 id="sla">{t('dashboard.compliance')}</h2>
          <DataTable
            caption={t('dashboard.compliance')}
            rows={data.sla}
            columns={[
              { header: t('referral.clock'), rowHeader: true, cell: (r) => label(CLOCK, lang, r.kind) },
              { header: t('dashboard.met'), num: true, cell: (r) => r.met ?? t('dashboard.suppressed') },
              {
                header: t('dashboard.breached'),
                num: true,
                cell: (r) => r.breached ?? t('dashboard.suppressed'),
              },
              {
                header: t('dashboard.compliance'),
                num: true,
                cell: (r) => (r.compliance === null ? '–' : `${Math.round(r.compliance * 1000) / 10} %`),
              },
            ]}
          />
        </>
      ) : null}
      {data.breachesNow?.length ? (
        <>
          <h2 id="breaches-now">{t('dashboard.breaches')}</h2>
          <ul>
            {data.breachesNow.map((b) => (
              <li>
                <a href={`/referrals/${b.referralId}`}>
                  {b.queue
                    ? queueName(b.queue, lang)
                    : lang === 'sv'
                      ? 'Ännu inte i en kö'
                      : 'Not in a queue yet'}
                </a>
                : {label(CLOCK, lang, b.clockKind)}, {t('referral.dueAt').toLowerCase()}{' '}
                {formatDateTime(b.dueAt, ctx)}
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {data.volumes ? (
        <>
          <h2 id="volumes">{t('dashboard.volumes')}</h2>
          <Volumes ctx={ctx} volumes={data.volumes} />
        </>
      ) : null}
      <h2 id="queues">{t('dashboard.queues')}</h2>
      <BarChart
        id="chart-queues"
        title={t('dashboard.chart', { title: t('dashboard.queues') })}
        rows={data.queues.map((q) => ({ label: queueName(q.queue, lang), value: q.open }))}
      />
      <DataTable
        caption={t('dashboard.queues')}
        showCaption
        rows={data.queues}
        columns={[
          { header: t('referral.route'), rowHeader: true, cell: (q) => queueName(q.queue, lang) },
          { header: t('dashboard.open'), num: true, cell: (q) => q.open },
          { header: t('dashboard.overdue'), num: true, cell: (q) => q.overdue },
          { header: t('dashboard.acute'), num: true, cell: (q) => q.acute },
        ]}
      />
      <p>
        <a href="/dashboard.csv" download="nrm-dashboard.csv">
          {t('dashboard.csv')}
        </a>
      </p>
      <p>
        <a href="/reports/yearly" data-yearly-report>
          {lang === 'sv'
            ? 'Årsrapporten (personer, utfall, var stödet saknas)'
            : 'The yearly report (persons, outcomes, where support is missing)'}
        </a>
      </p>
    </TitledPage>
  );
}

const csvCell = (value: string | number | null | undefined) => {
  const text = value === null || value === undefined ? '' : String(value);
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
};

/** Every number of the dashboard as one long table: section, key, measure, value. */
export function dashboardCsv(data: DashboardData): string {
  const lines: (string | number | null)[][] = [['section', 'key', 'measure', 'value']];
  for (const q of data.queues) {
    lines.push(['queue', q.queue, 'open', q.open], ['queue', q.queue, 'overdue', q.overdue]);
    lines.push(['queue', q.queue, 'acute', q.acute]);
  }
  for (const r of data.handoffTimes ?? []) {
    lines.push(['handoff-time', r.label, 'count', r.count]);
    lines.push(['handoff-time', r.label, 'median_working_hours', r.medianHours]);
    lines.push(['handoff-time', r.label, 'p90_working_hours', r.p90Hours]);
    lines.push(['handoff-time', r.label, 'median_calendar_hours', r.calendarMedianHours]);
    lines.push(['handoff-time', r.label, 'p90_calendar_hours', r.calendarP90Hours]);
  }
  for (const r of data.sla ?? []) {
    lines.push(['sla', r.kind, 'met', r.met], ['sla', r.kind, 'breached', r.breached]);
    lines.push(['sla', r.kind, 'compliance', r.compliance]);
  }
  for (const [dimension, values] of Object.entries(data.volumes ?? {}))
    for (const [value, n] of Object.entries(values))
      lines.push([`volume-${dimension}`, value, 'referrals', n]);
  return `${lines.map((l) => l.map(csvCell).join(',')).join('\r\n')}\r\n`;
}
