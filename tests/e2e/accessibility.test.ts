// axe-core on every page, in Swedish and in English (issue 7, "what it must show" 3), with a full-page screenshot of
// each for review (4). The data the pages show is made through the API first, as agency systems would.
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { eventually } from '../support/http';
import { axeViolations, clickThrough, newContext, screenshot, signIn, useBrowser } from './browser';

const { url, api, browser } = useBrowser();
const LANGS = ['sv', 'en'] as const;

const created: { adult?: string; child?: string; handoff?: string } = {};

beforeAll(async () => {
  const submit = async (body: unknown) => {
    const res = await api.post('/v1/referrals', body, 'police-syd-system');
    if (res.status !== 201) throw new Error(`submit: ${res.status}`);
    await eventually(async () => {
      const r = await api.get(`/v1/referrals/${res.body.id}`, 'national-coordinator');
      return r.body.status === 'received' ? undefined : true;
    }, 30_000);
    return res.body.id;
  };
  // An adult in Malmö (syd:adult) handed to NSP, and a child in Malmö (syd:child), whose report of concern goes to
  // social services of Malmö.
  created.adult = await submit({
    person: { age: { estimatedYears: 25 }, gender: 'female', citizenships: ['NG'] },
    location: { municipalityCode: '1280' },
    exploitation: { purposes: ['sexual'] },
    needs: { acuteProtection: true },
    consent: {
      status: 'given',
      sharing: [{ recipientType: 'social-services', purpose: 'protection-assessment' }],
    },
  });
  created.child = await submit({
    person: { age: { estimatedYears: 15 }, gender: 'male', citizenships: ['RO'] },
    location: { municipalityCode: '1280' },
    exploitation: { purposes: ['criminal'] },
    needs: { acuteProtection: false },
    consent: { status: 'given' },
  });
  await api.post(`/v1/referrals/${created.adult}/acknowledge`, {}, 'coordinator-syd');
  const offered = await api.post(
    `/v1/referrals/${created.adult}/handoffs`,
    { recipient: { id: 'social-services:1280' }, purpose: 'protection-assessment' },
    'coordinator-syd',
  );
  created.handoff = offered.body.id;
});

async function check(page: Page, name: string, lang: string) {
  const violations = await axeViolations(page);
  await screenshot(page, `${name}-${lang}`);
  expect(violations, `${name} (${lang})`).toEqual([]);
  expect(await page.getAttribute('html', 'lang')).toBe(lang);
  expect(await page.$$eval('h1', (h) => h.length)).toBe(1);
}

/** Opens `path`, then checks the page under `name`. */
async function visitAndCheck(page: Page, path: string, name: string, lang: string) {
  await page.goto(`${url}${path}`);
  await check(page, name, lang);
}

/** Clicks `selector`, then checks the page it leads to under `name`. */
async function clickAndCheck(page: Page, selector: string, name: string, lang: string) {
  await clickThrough(page, selector);
  await check(page, name, lang);
}

/** Opens each page in turn and checks it, under its name. */
async function checkPages(
  page: Page,
  lang: string,
  pages: readonly (readonly [path: string, name: string])[],
) {
  for (const [path, name] of pages) await visitAndCheck(page, path, name, lang);
}

async function pageAs(identity: string | undefined, lang: string): Promise<Page> {
  const context = await newContext(browser);
  const page = await context.newPage();
  await page.goto(`${url}/sign-in?lang=${lang}`);
  if (identity) await signIn(page, url, identity);
  return page;
}

describe.each(LANGS)('every page passes axe (%s)', (lang) => {
  it('sign-in, its error, the accessibility statement and the 404 page', async () => {
    const page = await pageAs(undefined, lang);
    await check(page, 'sign-in', lang);
    await clickAndCheck(page, 'main button[type=submit]', 'sign-in-error', lang);
    await checkPages(page, lang, [
      ['/accessibility', 'accessibility'],
      ['/outbox', 'outbox'],
    ]);
    await signIn(page, url, 'coordinator-syd');
    await visitAndCheck(page, '/referrals/01ARZ3NDEKTSV4RRFFQ69G5FAV', 'not-found', lang);
    await page.context().close();
  });

  it('the referrer: home, every form step, a step with errors, review, receipt, own referrals', async () => {
    const page = await pageAs('cso-stodgruppen', lang);
    await check(page, 'referrer-home', lang);
    await visitAndCheck(page, '/referrals/new', 'referral-new', lang);
    await clickThrough(page, 'main form[action="/referrals/new"] button');
    await clickAndCheck(page, 'button[value=next]', 'form-person-errors', lang);
    await page.check('#f-ageKind');
    await page.fill('#f-dateOfBirth', '2001-02-03');
    await page.check('#f-gender');
    await clickThrough(page, 'button[value=next]');
    const steps: [string, () => Promise<void>][] = [
      [
        'form-where',
        async () => {
          await page.check('#f-locationKind');
          await page.selectOption('#f-municipalityCode', '0180');
        },
      ],
      ['form-exploitation', () => page.check('#f-purposes')],
      [
        'form-needs',
        async () => {
          await page.check('#f-acuteProtection');
          await page.check('#f-consent');
        },
      ],
      [
        'form-children',
        async () => {
          await page.check('#f-hasChildren');
          await page.check('#f-child-0-ageKind-unknown');
        },
      ],
      ['form-narrative', () => page.fill('#f-narrative', 'Kort beskrivning.')],
    ];
    for (const [name, fill] of steps) {
      await check(page, name, lang);
      await fill();
      await clickThrough(page, 'button[value=next]');
    }
    await page.goto(page.url().replace(/\/[a-z]+$/, '/person'));
    await check(page, 'form-person', lang);
    await page.goto(page.url().replace(/\/person$/, '/review'));
    await check(page, 'form-review', lang);
    await clickAndCheck(page, '#submit', 'receipt', lang);
    await visitAndCheck(page, '/mine', 'mine', lang);
    await clickAndCheck(page, 'main table a', 'mine-detail', lang);
    await clickAndCheck(page, 'main form button[type=submit]', 'mine-detail-error', lang);
    await page.context().close();
  });

  it('the coordinator: queues, a queue, a referral, a refused action', async () => {
    const page = await pageAs('coordinator-syd', lang);
    await check(page, 'coordinator-home', lang);
    await checkPages(page, lang, [
      ['/queues', 'queues'],
      ['/queues/syd:adult', 'queue'],
      [`/referrals/${created.adult}`, 'referral'],
    ]);
    await clickAndCheck(page, `form[action$="/handoffs"] button`, 'referral-errors', lang);
    // The correction form, sent empty: its errors beside its fields, in its disclosure opened again.
    await page.click('details:has(form[action$="/corrections"]) > summary');
    await clickAndCheck(page, `form[action$="/corrections"] button`, 'referral-correction-errors', lang);
    await page.context().close();
  });

  it('the children’s coordinator and the national coordinator: a child referral, the dashboard', async () => {
    const child = await pageAs('child-coordinator-syd', lang);
    await visitAndCheck(child, `/referrals/${created.child}`, 'referral-child', lang);
    await child.context().close();
    const national = await pageAs('national-coordinator', lang);
    await visitAndCheck(national, '/dashboard', 'dashboard', lang);
    await visitAndCheck(national, '/queues', 'queues-national', lang);
    await national.context().close();
  });

  it('the receiving organisation: hand-offs, an offer and the decline page', async () => {
    const page = await pageAs('receiver-socialtjanst-malmo', lang);
    await check(page, 'receiver-home', lang);
    await checkPages(page, lang, [
      ['/handoffs', 'handoffs'],
      [`/handoffs/${created.handoff}`, 'handoff-offer'],
      [`/handoffs/${created.handoff}/decline`, 'handoff-decline'],
    ]);
    await clickAndCheck(page, 'main form button[type=submit]', 'handoff-decline-error', lang);
    await page.context().close();
  });
});
