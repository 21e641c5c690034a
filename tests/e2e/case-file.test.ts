// The case file in a browser (issue 12): the coordinator's case page leads with the person; the shelter sees the
// offer summary without a name, then after accepting what a shelter needs (not the narrative), and the 404 page once
// the person withdraws consent; a coordinator corrects a fact with JavaScript off.
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { briefReferral, examplePerson, referral } from '../support/fixtures';
import { eventually } from '../support/http';
import { asView, submitUntil } from '../support/referral-flow';
import {
  axeViolations,
  checkLayoutNow,
  clickThrough,
  expectNotFoundPage,
  screenshot,
  submitForm,
  useBrowser,
} from './browser';

const { url, api, signedIn: as } = useBrowser();
const NAME = 'Ana Popescu';
const SUPPLEMENT = 'Personen har en syster i Lund som också kan vara utsatt.';
const NARRATIVE = 'Lovades arbete på restaurang; tvingades sälja sex i en lägenhet i Malmö.';

let id = '';
let reference = '';
let childId = '';
let handoffId = '';

beforeAll(async () => {
  const created = await api.post(
    '/v1/referrals',
    referral({
      person: { ...examplePerson(), name: NAME, age: { dateOfBirth: '2001-02-03' } },
      location: { municipalityCode: '1280' },
      needs: { acuteProtection: true, shelter: true, medical: true },
      consent: { status: 'given', sharing: [{ recipientType: 'nsp', purpose: 'nsp-shelter' }] },
      accompanyingChildren: [
        { age: { estimatedYears: 6 }, location: { municipalityCode: '1280' }, inSweden: true },
      ],
      narrative: NARRATIVE,
    }),
    'police-syd-system',
  );
  expect(created.status).toBe(201);
  ({ id, reference } = created.body);
  const supplement = await api.post(
    `/v1/referrals/${id}/supplements`,
    { text: SUPPLEMENT },
    'police-syd-system',
    { 'Idempotency-Key': `case-file-${id}` },
  );
  expect(supplement.status).toBe(201);
  // Routed, with the child's own referral linked.
  childId = await eventually(async () => {
    const file = await api.get(`/v1/referrals/${id}/case`, 'coordinator-syd');
    return file.status === 200 ? file.body.children?.items?.[0]?.referralId : undefined;
  }, 30_000);
});

/** The layout guard on the page with its forms (closed disclosures when the page loads) open as well. */
async function guardWithFormsOpen(page: Page) {
  for (const details of await page.$$('main details'))
    await details.evaluate((d) => d.setAttribute('open', ''));
  await checkLayoutNow(page, 'every disclosure open');
}

describe('the case file in the web', () => {
  it('leads the coordinator’s case page with the person: name, age, languages, interpreter and needs', async () => {
    const page = await as('coordinator-syd');
    await page.goto(`${url}/referrals/${id}`);
    const person = (await page.textContent('.case-person')) ?? '';
    expect(await page.textContent('.case-person h2')).toBe(NAME);
    expect(person).toMatch(/2001-02-03 \(\d+ år\)/);
    expect(person).toContain('rumänska');
    expect(person).toContain('Tolk behövs');
    expect(person).toContain('Akut skyddsbehov');
    expect(person).toContain('Behöver boende');
    expect(person).toContain('Behöver vård');
    expect(person).toContain('Malmö');
    // What happened, and the child with a link to the child's own referral.
    expect(await page.textContent('.case-narrative')).toContain(NARRATIVE);
    expect(await page.$(`a[href="/referrals/${childId}"]`)).not.toBeNull();
    // What the referrer added later has its own section, not among the coordinators' notes.
    expect(await page.textContent('section:has(#case-supplements)')).toContain(SUPPLEMENT);
    expect(((await page.textContent('main')) ?? '').split(SUPPLEMENT).length - 1).toBe(1);
    await screenshot(page, 'case-file-coordinator');
    await guardWithFormsOpen(page);

    // The queue plans the day by age group, language and interpreter, and the need flags.
    await page.goto(`${url}/queues/syd:adult`);
    const row = (await page.textContent(`tr:has(a[href="/referrals/${id}"])`)) ?? '';
    expect(row).toContain('Vuxen');
    expect(row).toContain('rumänska');
    expect(row).toContain('Tolk');
    expect(row).toContain('Behöver boende');
    await screenshot(page, 'case-file-queue');
    await page.context().close();
  });

  it('shows the shelter the offer without a name, then what a shelter needs after accepting — not the narrative', async () => {
    expect((await api.post(`/v1/referrals/${id}/acknowledge`, {}, 'coordinator-syd')).status).toBe(200);
    const offered = await api.post(
      `/v1/referrals/${id}/handoffs`,
      { recipient: { id: 'nsp' }, purpose: 'nsp-shelter' },
      'coordinator-syd',
    );
    expect(offered.status).toBe(201);
    handoffId = offered.body.id;

    const nsp = await as('receiver-nsp');
    await nsp.goto(`${url}/handoffs`);
    // The organisation's list reads an index that follows the offer within moments.
    await eventually(
      async () =>
        (await nsp.reload()) && (await nsp.$(`a[href="/handoffs/${handoffId}"]`)) ? true : undefined,
      30_000,
      500,
    );
    await clickThrough(nsp, `a[href="/handoffs/${handoffId}"]`);
    const offer = (await nsp.textContent('main')) ?? '';
    expect(offer).toContain(reference);
    expect(offer).not.toContain(NAME);
    expect(offer).not.toContain('2001-02-03');
    expect(offer).not.toContain(NARRATIVE);
    const summary = (await nsp.textContent('.case-person')) ?? '';
    for (const fact of ['Vuxen', 'Kvinna/flicka', 'rumänska', 'Tolk behövs', 'Malmö', 'Behöver boende'])
      expect(summary).toContain(fact);
    expect(offer).toContain('Sexuella ändamål');
    expect(offer).toContain('1 medföljande barn');
    await screenshot(nsp, 'case-file-offer');

    await clickThrough(nsp, `form[action="/handoffs/${handoffId}/accept"] button`);
    expect(new URL(nsp.url()).pathname).toBe(`/handoffs/${handoffId}`);
    expect(await nsp.textContent('.notice-success')).toContain('Ert svar är registrerat');
    expect(await nsp.textContent('.case-person h2')).toBe(NAME);
    const disclosed = (await nsp.textContent('main')) ?? '';
    expect(disclosed).toContain('rumänska');
    expect(disclosed).toContain('Medföljande barn');
    expect(disclosed).toContain('Ungefärlig ålder: 6');
    expect(disclosed).not.toContain(NARRATIVE);
    await screenshot(nsp, 'case-file-disclosed');
    expect(await axeViolations(nsp), 'the disclosed case file').toEqual([]);
    await nsp.context().close();
  });

  it('gives the shelter the 404 page once the person withdraws the consent it rests on', async () => {
    const referral = await api.get(`/v1/referrals/${id}`, 'coordinator-syd');
    const consent = asView(referral.body, 'case').consents.find((c) => c.purpose === 'nsp-shelter')!;
    // The shelter is a service beside the case: the coordinators, who still own it, record the person's withdrawal.
    const withdrawn = await api.post(
      `/v1/referrals/${id}/consents/${consent.id}/withdraw`,
      {},
      'coordinator-syd',
    );
    expect(withdrawn.status).toBe(200);

    const nsp = await as('receiver-nsp');
    await expectNotFoundPage(nsp, `${url}/handoffs/${handoffId}`, NAME, 'case-file-withdrawn-404');
    await nsp.context().close();
  });

  it('lets a coordinator correct a fact without JavaScript, with the errors beside the fields', async () => {
    const page = await as('coordinator-syd', { javaScriptEnabled: false });
    await page.goto(`${url}/referrals/${id}`);
    await page.click('summary:text-is("Rätta uppgifter")');
    await page.fill('#f-correct-name', 'Ana Maria Popescu');
    await page.check('#f-correct-interpreterNeeded-no');
    // No reason: the server says so at the field and keeps what was typed.
    await submitForm(page, '/corrections');
    expect(await page.textContent('.error-summary')).toContain('Välj skäl');
    expect(await page.getAttribute('.error-summary a', 'href')).toBe('#f-correct-reason');
    expect(await page.inputValue('#f-correct-name')).toBe('Ana Maria Popescu');
    await screenshot(page, 'case-file-correction-error');
    await page.check('#f-correct-reason-identity-established');
    await page.fill('#f-correct-comment', 'Pass uppvisat.');
    await submitForm(page, '/corrections');
    expect(await page.textContent('.notice-success')).toContain('Rättelse');
    expect(await page.textContent('.case-person h2')).toBe('Ana Maria Popescu');
    expect(await page.textContent('.case-person')).not.toContain('Tolk behövs');
    const corrections = (await page.textContent('section:has(#case-corrections)')) ?? '';
    expect(corrections).toContain('Identiteten är fastställd');
    expect(corrections).toContain('Namn');
    await screenshot(page, 'case-file-corrected');

    // An age assessment finds the person is 16: the referral moves to the children's queue, which this regional
    // coordinator does not work, so the page goes back to the queues; the children's coordinator reads the assessment.
    await page.click('summary:text-is("Registrera en åldersbedömning")');
    await page.selectOption('#f-assess-method', 'medical-dental');
    await page.fill('#f-assess-estimatedYears', '16');
    await page.fill('#f-assess-date', '2026-11-20');
    await page.fill('#f-assess-assessedBy', 'Rättsmedicinalverket');
    await submitForm(page, '/age-assessment');
    expect(new URL(page.url()).pathname).toBe('/queues');
    await page.context().close();
    const child = await as('child-coordinator-syd');
    await child.goto(`${url}/referrals/${id}`);
    expect(await child.textContent('section:has(#case-assessments)')).toContain('Rättsmedicinalverket');
    expect(await child.textContent('.case-person')).toContain('Ungefärlig ålder: 16');
    await screenshot(child, 'case-file-age-assessed');
    await child.context().close();
  });

  it('shows an anonymous notification as having no personal data, and opens a case when the person consents', async () => {
    const { id: anonymous } = await submitUntil(
      api,
      briefReferral({
        person: { age: { estimatedYears: 35 }, gender: 'male', citizenships: ['UA'] },
        municipalityCode: '1280',
        purpose: 'labour',
        consent: { status: 'not-given' },
      }),
      // Routed, and closed as a counted notification in the same step.
      { reader: 'coordinator-syd', until: (view) => view.status === 'closed' },
    );

    const page = await as('coordinator-syd');
    await page.goto(`${url}/referrals/${anonymous}`);
    expect(await page.textContent('.case-person h2')).toBe('Anonym anmälan – inga personuppgifter');
    expect(await page.$('form[action$="/corrections"]')).toBeNull();
    await screenshot(page, 'case-file-anonymous');

    await page.click('details:has(form[action$="/case"]) > summary');
    // The form starts from what the notification says of the person; a wrong date is named at its field.
    expect(await page.inputValue('#f-citizenship1')).toBe('UA');
    expect(await page.isChecked('#f-gender-male')).toBe(true);
    await page.check('#f-ageKind');
    await page.fill('#f-dateOfBirth', '1990-13-45');
    await submitForm(page, '/case');
    expect(await page.textContent('.error-summary')).toContain('ÅÅÅÅ-MM-DD');
    expect(await page.getAttribute('.error-summary a', 'href')).toBe('#f-dateOfBirth');
    expect(await axeViolations(page), 'the open-case form with its errors').toEqual([]);
    await page.fill('#f-name', 'Taras Koval');
    await page.check('#f-ageKind-estimate');
    await page.fill('#f-estimatedYears', '35');
    await page.check('#f-ageKind-estimate');
    await page.check('input[name="sharing"][value="nsp nsp-shelter"]');
    await submitForm(page, '/case');
    expect(await page.textContent('.notice-success')).toContain('Ärendet är öppnat');
    expect(await page.textContent('.case-person h2')).toBe('Taras Koval');
    expect(await page.textContent('.case-person')).toContain('Ukraina');
    expect(await page.textContent('main')).toContain(
      'Nationellt stödprogram (NSP) – Skyddat boende och stöd (NSP)',
    );
    await screenshot(page, 'case-file-opened');
    await page.context().close();
  });
});
