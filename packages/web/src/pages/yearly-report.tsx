// The yearly report (issue 18): one printable page in the shape of the regional coordinators' yearly publication —
// persons (each once) and referrals by purpose, age, gender, origin, region and referrer; related children in Sweden
// and abroad; the GRETA/CEDAW breakdowns; outcomes; offers not taken; permits — drawn from the API's protected tables,
// charts beside the tables they draw, and the same figures as CSV.

import type { Schema } from '@nrm/client';
import { DataTable } from '../components';
import {
  AGE_GROUP,
  CLOSE,
  DECLINE,
  GENDER,
  label,
  ORG_TYPE,
  PERMIT_APPLICANT,
  PERMIT_KIND,
  PURPOSE,
  REGION_NAME,
} from '../i18n/codes';
import type { Lang } from '../i18n/messages';
import { citizenshipName } from '../i18n/names';
import { TitledPage } from '../layout';
import type { PageContext } from '../page-context';
import { BarChart, StatCard } from './dashboard';

/** A protected table of the yearly report, as `GET /v1/stats/yearly-report` answers it. */
export type ReportTable = Pick<
  Schema<'StatisticsTable'>,
  'name' | 'unit' | 'dimensions' | 'values' | 'cells'
>;

/** The yearly report as the page reads it: the API's answer (`Schema<'YearlyReport'>`) or a part of it. */
export interface YearlyReport extends Pick<Schema<'YearlyReport'>, 'year' | 'persons' | 'referrals'> {
  readonly tables: readonly ReportTable[];
}

const TOTAL = '*';
const TEXT = {
  sv: {
    title: (year: string) => `Årsrapport ${year}`,
    intro:
      'Presumtiva offer för människohandel och exploatering som identifierats genom mekanismen under året. Varje person räknas en gång, även om hen hänvisats flera gånger; hänvisningarna redovisas bredvid.',
    suppressed:
      '.. = visas inte: färre än 3, eller dold så att en liten siffra inte kan räknas fram ur summorna.',
    persons: 'Personer',
    referrals: 'Hänvisningar',
    total: 'Totalt',
    year: 'År',
    show: 'Visa',
    csv: 'Ladda ned rapporten som CSV',
    print: 'Sidan kan skrivas ut som den är.',
    chart: (title: string) => `Stapeldiagram: ${title}`,
    topOrigins: 'Vanligaste medborgarskap (personer)',
    none: 'Inga under året.',
    dims: {
      purpose: 'Ändamål',
      ageGroup: 'Ålder',
      gender: 'Kön',
      citizenship: 'Medborgarskap',
      region: 'Polisregion',
      referringType: 'Hänvisande organisation',
      whereabouts: 'Var barnet finns',
      outcome: 'Utfall',
      receivingType: 'Mottagare',
      answer: 'Svar',
      reason: 'Skäl',
      permitKind: 'Tillstånd',
      appliedBy: 'Sökt av',
      stage: 'Steg',
    } as Record<string, string>,
    sections: {
      persons: 'Personer och hänvisningar',
      children: 'Medföljande barn i Sverige och utomlands',
      greta: 'Uppdelningar för GRETA och CEDAW (personer)',
      outcomes: 'Utfall',
      gaps: 'Avböjda och förfallna erbjudanden – där stödet saknas',
      permits: 'Uppehållstillstånd efter sökande',
      noPermits: 'Inga tillståndsärenden är registrerade för året.',
    },
    values: {
      'in-sweden': 'I Sverige',
      abroad: 'Utomlands',
      unknown: 'Okänt',
      several: 'Flera',
      national: 'Nationell triage',
      declined: 'Avböjt',
      expired: 'Förfallet',
      applied: 'Sökt',
      granted: 'Beviljat',
      refused: 'Avslag',
    } as Record<string, string>,
  },
  en: {
    title: (year: string) => `Yearly report ${year}`,
    intro:
      'Presumed victims of trafficking and exploitation identified through the mechanism in the year. Each person counts once, however often referred; the referrals are shown beside.',
    suppressed:
      '.. = not shown: fewer than 3, or hidden so that a small figure cannot be worked out from the totals.',
    persons: 'Persons',
    referrals: 'Referrals',
    total: 'Total',
    year: 'Year',
    show: 'Show',
    csv: 'Download the report as CSV',
    print: 'The page prints as it is.',
    chart: (title: string) => `Bar chart: ${title}`,
    topOrigins: 'Most common citizenships (persons)',
    none: 'None in the year.',
    dims: {
      purpose: 'Purpose',
      ageGroup: 'Age',
      gender: 'Gender',
      citizenship: 'Citizenship',
      region: 'Police region',
      referringType: 'Referring organisation',
      whereabouts: 'Where the child is',
      outcome: 'Outcome',
      receivingType: 'Receiving organisation',
      answer: 'Answer',
      reason: 'Reason',
      permitKind: 'Permit',
      appliedBy: 'Applied for by',
      stage: 'Stage',
    } as Record<string, string>,
    sections: {
      persons: 'Persons and referrals',
      children: 'Accompanying children in Sweden and abroad',
      greta: 'Breakdowns for GRETA and CEDAW (persons)',
      outcomes: 'Outcomes',
      gaps: 'Declined and expired offers – where support is missing',
      permits: 'Residence permits by applicant',
      noPermits: 'No permit cases are recorded for the year.',
    },
    values: {
      'in-sweden': 'In Sweden',
      abroad: 'Abroad',
      unknown: 'Unknown',
      several: 'Several',
      national: 'National triage',
      declined: 'Declined',
      expired: 'Expired',
      applied: 'Applied',
      granted: 'Granted',
      refused: 'Refused',
    } as Record<string, string>,
  },
} as const;

function valueLabel(dimension: string, value: string, lang: Lang): string {
  const text = TEXT[lang];
  if (value === TOTAL) return text.total;
  if (dimension === 'purpose') return label(PURPOSE, lang, value);
  if (dimension === 'gender') return label(GENDER, lang, value);
  if (dimension === 'ageGroup') return label(AGE_GROUP, lang, value);
  if (dimension === 'referringType' || dimension === 'receivingType')
    return text.values[value] ?? label(ORG_TYPE, lang, value);
  if (dimension === 'region') return REGION_NAME[value] ?? text.values[value] ?? value;
  if (dimension === 'outcome') return label(CLOSE, lang, value);
  if (dimension === 'permitKind') return label(PERMIT_KIND, lang, value);
  if (dimension === 'appliedBy') return label(PERMIT_APPLICANT, lang, value);
  if (dimension === 'reason') return value === 'expired' ? text.values.expired! : label(DECLINE, lang, value);
  if (dimension === 'citizenship') return citizenshipName(value, lang);
  return text.values[value] ?? value;
}

const shown = (n: number | null) => (n === null ? '..' : String(n));
/** A figure of the table: null is suppressed; a value the table does not hold is 0. */
const figure = (cells: ReadonlyMap<string, number | null>, at: string) =>
  cells.has(at) ? cells.get(at)! : 0;
const key = (at: readonly string[]) => at.join('|');

function cellsOf(table: ReportTable): Map<string, number | null> {
  return new Map(table.cells.map((c) => [key(c.at), c.count]));
}

/** A one-way table of persons with the referrals beside it, and its chart. */
function PersonsAndReferrals({
  persons,
  referrals,
  lang,
  chart = true,
  top,
}: {
  persons: ReportTable;
  referrals: ReportTable | undefined;
  lang: Lang;
  chart?: boolean;
  top?: number;
}) {
  const text = TEXT[lang];
  const dimension = persons.dimensions[0]!;
  const p = cellsOf(persons);
  const r = referrals ? cellsOf(referrals) : new Map<string, number | null>();
  const values = [...new Set([...(persons.values[0] ?? []), ...(referrals?.values[0] ?? [])])];
  const byPersons = [...values].sort((a, b) => (p.get(b) ?? -1) - (p.get(a) ?? -1) || a.localeCompare(b));
  const charted = (top ? byPersons.slice(0, top) : byPersons).filter((v) => (p.get(v) ?? null) !== null);
  const title = `${text.dims[dimension] ?? dimension}`;
  const id = `persons-${dimension}`;
  return (
    <section aria-labelledby={id} class="report-table">
      <h3 id={id}>{top ? text.topOrigins : title}</h3>
      {chart && charted.length ? (
        <BarChart
          id={`chart-${id}`}
          title={text.chart(`${text.persons}, ${top ? text.topOrigins : title}`)}
          rows={charted.map((v) => ({ label: valueLabel(dimension, v, lang), value: p.get(v) ?? 0 }))}
        />
      ) : null}
      <DataTable
        caption={title}
        name={persons.name}
        rows={[...byPersons, TOTAL]}
        columns={[
          { header: title, rowHeader: true, cell: (v) => valueLabel(dimension, v, lang) },
          {
            header: text.persons,
            num: true,
            cell: (v) => shown(figure(p, v)),
            attributes: (v) => ({ 'data-cell': `${persons.name}|${v}` }),
          },
          {
            header: text.referrals,
            num: true,
            cell: (v) => shown(figure(r, v)),
            attributes: (v) => ({ 'data-cell': referrals ? `${referrals.name}|${v}` : undefined }),
          },
        ]}
      />
    </section>
  );
}

/** A two- or three-way table: rows are the first dimension(s), columns the last, totals last in both. */
function CrossTable({ table, title, lang }: { table: ReportTable; title: string; lang: Lang }) {
  const text = TEXT[lang];
  const cells = cellsOf(table);
  const dims = table.dimensions;
  const rowDims = dims.slice(0, -1);
  const colDim = dims[dims.length - 1]!;
  const cols = [...(table.values[dims.length - 1] ?? []), TOTAL];
  let rows: string[][] = [[]];
  for (const [i] of rowDims.entries())
    rows = rows.flatMap((r) => [...(table.values[i] ?? []), TOTAL].map((v) => [...r, v]));
  const id = `table-${table.name}`;
  if (!table.cells.some((c) => c.count !== 0)) {
    return (
      <section aria-labelledby={id} class="report-table">
        <h3 id={id}>{title}</h3>
        <p>{text.none}</p>
      </section>
    );
  }
  return (
    <section aria-labelledby={id} class="report-table">
      <h3 id={id}>{title}</h3>
      <DataTable
        caption={title}
        name={table.name}
        rows={rows}
        columns={[
          ...rowDims.map((d, i) => ({
            header: text.dims[d] ?? d,
            // The innermost dimension names the row; the outer ones say what it is part of.
            rowHeader: i === rowDims.length - 1,
            cell: (row: string[]) => valueLabel(d, row[i]!, lang),
          })),
          ...cols.map((c) => ({
            header: valueLabel(colDim, c, lang),
            num: true,
            cell: (row: string[]) => shown(figure(cells, key([...row, c]))),
            attributes: (row: string[]) => ({ 'data-cell': `${table.name}|${key([...row, c])}` }),
          })),
        ]}
      />
    </section>
  );
}

export function YearlyReportPage({ ctx, report }: { ctx: PageContext; report: YearlyReport }) {
  const text = TEXT[ctx.lang];
  const lang = ctx.lang;
  const table = (name: string) => report.tables.find((t) => t.name === name);
  const oneWay = ['purpose', 'ageGroup', 'gender', 'region', 'referringType'] as const;
  const cross = (name: string, title: string) => {
    const t = table(name);
    return t ? <CrossTable table={t} title={title} lang={lang} /> : null;
  };
  const permits = table('permits-by-kind-applicant');
  return (
    <TitledPage ctx={ctx} title={text.title(report.year)}>
      <p>{text.intro}</p>
      <form method="get" action="/reports/yearly" class="report-year">
        <div class="field">
          <label class="label" for="year">
            {text.year}
          </label>
          <input
            class="input input-short"
            id="year"
            name="year"
            type="number"
            min="2000"
            max="2999"
            value={report.year}
          />
        </div>
        <button type="submit" class="button">
          {text.show}
        </button>
      </form>
      <div class="grid">
        <StatCard title={text.persons} value={shown(report.persons)} name="persons" />
        <StatCard title={text.referrals} value={shown(report.referrals)} name="referrals" />
      </div>
      <p>{text.suppressed}</p>
      <h2 id="persons">{text.sections.persons}</h2>
      {oneWay.map((d) => {
        const persons = table(`persons-by-${d}`);
        return persons ? (
          <PersonsAndReferrals persons={persons} referrals={table(`referrals-by-${d}`)} lang={lang} />
        ) : null;
      })}
      {table('persons-by-citizenship') ? (
        <PersonsAndReferrals
          persons={table('persons-by-citizenship')!}
          referrals={table('referrals-by-citizenship')}
          lang={lang}
          top={5}
        />
      ) : null}
      <h2 id="children">{text.sections.children}</h2>
      {table('related-children-by-whereabouts-region')?.cells.length ? (
        cross('related-children-by-whereabouts-region', text.sections.children)
      ) : (
        <p>{text.none}</p>
      )}
      <h2 id="greta">{text.sections.greta}</h2>
      {cross(
        'persons-by-gender-age-purpose',
        `${text.dims.gender} × ${text.dims.ageGroup} × ${text.dims.purpose}`,
      )}
      {cross(
        'persons-by-gender-age-citizenship',
        `${text.dims.gender} × ${text.dims.ageGroup} × ${text.dims.citizenship}`,
      )}
      <h2 id="outcomes">{text.sections.outcomes}</h2>
      {cross('outcomes-by-region', `${text.dims.outcome} × ${text.dims.region}`)}
      {cross('outcomes-by-purpose', `${text.dims.outcome} × ${text.dims.purpose}`)}
      <h2 id="gaps">{text.sections.gaps}</h2>
      {cross(
        'handoffs-not-taken-by-region-receiver',
        `${text.dims.region} × ${text.dims.receivingType} × ${text.dims.answer}`,
      )}
      {cross('handoffs-not-taken-by-receiver-reason', `${text.dims.receivingType} × ${text.dims.reason}`)}
      <h2 id="permits">{text.sections.permits}</h2>
      {permits?.cells.length ? (
        cross('permits-by-kind-applicant', text.sections.permits)
      ) : (
        <p>{text.sections.noPermits}</p>
      )}
      <p class="report-csv">
        <a href={`/reports/yearly.csv?year=${report.year}`} download={`nrm-yearly-report-${report.year}.csv`}>
          {text.csv}
        </a>
      </p>
      <p class="report-print">{text.print}</p>
    </TitledPage>
  );
}
