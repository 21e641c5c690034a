/** @jsxImportSource hono/jsx */
// The national dashboard's volumes: a person's citizenship is one country, `several` or `unknown` (README,
// Statistics), and the page names each in the page's language, never as the code the statistics store.
import { describe, expect, it } from 'vitest';
import { type Lang, translator } from '../src/i18n/messages';
import { DashboardPage } from '../src/pages/dashboard';

const html = (lang: Lang) =>
  String(
    <DashboardPage
      ctx={{ lang, t: translator(lang), csrf: 'x', path: '/dashboard', localTools: false, now: new Date() }}
      data={{ queues: [], volumes: { citizenship: { RO: 4, unknown: 3, several: 2 } } }}
    />,
  );

const citizenships = (page: string) =>
  page.slice(
    page.indexOf('id="volumes-citizenship"'),
    page.indexOf('</section>', page.indexOf('id="volumes-citizenship"')),
  );

describe('the dashboard', () => {
  it.each([
    ['sv', ['Rumänien', 'Okänt', 'Flera']],
    ['en', ['Romania', 'Unknown', 'Several']],
  ] as const)('names every citizenship value in %s', (lang, names) => {
    const section = citizenships(html(lang));
    for (const name of names) expect(section).toContain(name);
    expect(section).not.toMatch(/>(unknown|several|RO)</);
  });
});
