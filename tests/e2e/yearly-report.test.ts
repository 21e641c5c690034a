// Issue 18, what it must show 4: the national coordinator opens the yearly report from the dashboard, in Swedish and
// English; the page passes axe and the layout guard, is screenshot for review, shows exactly the API's figures, and
// the CSV it downloads is the API's CSV of the report, byte for byte.
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { eventually, type Schema } from '../support/http';
import { axeViolations, clickThrough, screenshot, useBrowser } from './browser';

const { url, api, signedIn } = useBrowser();
const year = String(new Date().getUTCFullYear());

beforeAll(async () => {
  const person = (gender: string) => ({
    name: 'Maria Exempel',
    age: { dateOfBirth: '1990-01-01' },
    gender,
    citizenships: ['RO', 'HU'],
    identityNumber: '19900101-0017',
  });
  const base = {
    location: { municipalityCode: '1280' },
    exploitation: { purposes: ['sexual'] },
    needs: { acuteProtection: false },
    consent: { status: 'given' },
  };
  // One woman referred twice by two organisations, with a child in Sweden and one abroad; two more people.
  const bodies: [unknown, string][] = [
    [
      {
        ...base,
        person: person('female'),
        accompanyingChildren: [
          { age: { estimatedYears: 4 }, inSweden: true },
          { age: { estimatedYears: 9 }, inSweden: false },
        ],
      },
      'police-syd-system',
    ],
    [{ ...base, person: person('unknown') }, 'migrationsverket-system'],
    [
      { ...base, person: { age: { estimatedYears: 30 }, gender: 'male', citizenships: ['UA'] } },
      'police-syd-system',
    ],
    [
      {
        ...base,
        exploitation: { purposes: ['labour'] },
        person: { age: { estimatedYears: 16 }, gender: 'male', citizenships: ['TH'] },
      },
      'police-syd-system',
    ],
  ];
  // Enough others that the published tables have figures of 3 and more to draw.
  for (let i = 0; i < 9; i++) {
    bodies.push([
      {
        ...base,
        exploitation: { purposes: [i % 3 ? 'sexual' : 'labour'] },
        person: { age: { estimatedYears: 20 + i }, gender: i % 2 ? 'female' : 'male', citizenships: ['RO'] },
      },
      i % 2 ? 'police-syd-system' : 'migrationsverket-system',
    ]);
  }
  const before = await api.get(`/v1/stats/yearly-report?year=${year}`, 'national-coordinator');
  const counted = (r: Schema<'YearlyReport'>) =>
    r.tables.find((t) => t.name === 'referrals-by-gender')!.cells.find((c) => c.at[0] === '*')?.count ?? 0;
  for (const [body, as] of bodies) {
    const res = await api.post('/v1/referrals', body, as);
    if (res.status !== 201) throw new Error(`submit: ${res.status} ${JSON.stringify(res.body)}`);
  }
  await eventually(async () => {
    const now = await api.get(`/v1/stats/yearly-report?year=${year}`, 'national-coordinator');
    return counted(now.body) >= counted(before.body) + bodies.length ? true : undefined;
  }, 30_000);
});

describe.each(['sv', 'en'] as const)('the yearly report (%s)', (lang) => {
  it('opens from the dashboard, passes axe, shows the API figures and downloads the API CSV', async () => {
    const page = await signedIn('national-coordinator', { lang });
    const context = page.context();
    await page.goto(`${url}/dashboard`);
    await clickThrough(page, 'a[data-yearly-report]');
    expect(new URL(page.url()).pathname).toBe('/reports/yearly');
    const violations = await axeViolations(page);
    await screenshot(page, `yearly-report-${lang}`);
    expect(violations).toEqual([]);
    expect(await page.getAttribute('html', 'lang')).toBe(lang);
    expect(await page.$$eval('h1', (h) => h.map((e) => e.textContent))).toEqual([
      lang === 'sv' ? `Årsrapport ${year}` : `Yearly report ${year}`,
    ]);
    expect(await page.$$eval('svg.chart', (s) => s.length)).toBeGreaterThan(3);
    // Every row is named in words: no statistics code (`several`, `unknown`, an organisation type) shown as it is.
    const rowNames = await page.$$eval('tbody th', (ths) => ths.map((th) => th.textContent!.trim()));
    expect(rowNames.filter((name) => /^[a-z][a-z-]*$/.test(name))).toEqual([]);

    // Every figure on the page is the API's.
    const report = (await api.get(`/v1/stats/yearly-report?year=${year}`, 'national-coordinator')).body;
    const shown = new Map(
      await page.$$eval('td[data-cell]', (tds) =>
        tds.map((td) => [td.getAttribute('data-cell')!, td.textContent!.trim()] as [string, string]),
      ),
    );
    expect(shown.size).toBeGreaterThan(20);
    const api_ = new Map<string, string>();
    for (const t of report.tables) {
      for (const c of t.cells)
        api_.set(`${t.name}|${c.at.join('|')}`, c.count === null ? '..' : String(c.count));
    }
    for (const [cell, text] of shown) expect(text, cell).toBe(api_.get(cell) ?? '0');
    expect(await page.textContent('[data-total=persons]')).toBe(
      report.persons === null ? '..' : String(report.persons),
    );
    // The person referred twice is one person: fewer persons than referrals.
    expect(report.persons ?? 0).toBeLessThan(report.referrals ?? 0);

    const [download] = await Promise.all([page.waitForEvent('download'), page.click('.report-csv a')]);
    const csv = readFileSync((await download.path())!, 'utf8');
    const fromApi = await api.request('GET', `/v1/stats/yearly-report.csv?year=${year}`, {
      as: 'national-coordinator',
    });
    expect(csv).toBe(fromApi.body);
    await context.close();
  });
});

describe('the yearly report is the national coordinator’s', () => {
  it('a regional coordinator is refused', async () => {
    const page = await signedIn('coordinator-syd', { lang: 'en' });
    const context = page.context();
    const response = await page.goto(`${url}/reports/yearly`);
    expect(response?.status()).toBe(403);
    await context.close();
  });
});
