// Lead responsibility and parallel services in a browser (issue 14): the coordinator's referral page shows who is
// accountable and the services running beside the case, pauses a clock with a reason, and keeps the permit ledger
// with each permit's expiry counted from the server's clock; the police start their investigation from their own
// hand-off page. The referral and its hand-offs are set up over the API, as the other browser suites do.
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { briefReferral } from '../support/fixtures';
import { caseView, submitUntil } from '../support/referral-flow';
import { axeViolations, screenshot, submitForm, useBrowser } from './browser';

const { url, api, signedIn: as } = useBrowser();
const COORDINATOR = 'coordinator-syd';
const DAY = 86_400_000;

let id = '';
let investigation = '';
let shelter = '';

/** Today in Stockholm, as the permit forms' dates are written. */
const today = () => new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Stockholm' }).format(new Date());

async function offer(recipient: string, purpose: string) {
  const offered = await api.post(
    `/v1/referrals/${id}/handoffs`,
    { recipient: { id: recipient }, purpose },
    COORDINATOR,
  );
  expect(offered.status, JSON.stringify(offered.body)).toBe(201);
  return offered.body.id;
}

beforeAll(async () => {
  const sharing = [
    { recipientType: 'police', purpose: 'criminal-investigation' },
    { recipientType: 'nsp', purpose: 'nsp-shelter' },
  ];
  ({ id } = await submitUntil(
    api,
    briefReferral({
      person: { age: { estimatedYears: 29 }, gender: 'female', citizenships: ['NG'] },
      municipalityCode: '1280',
      purpose: 'sexual',
      needs: { shelter: true },
      consent: { status: 'given', sharing },
    }),
    { reader: COORDINATOR },
  ));
  expect((await api.post(`/v1/referrals/${id}/acknowledge`, {}, COORDINATOR)).status).toBe(200);
  // A police investigation accepted, and a shelter place offered: both run beside the coordinators' case.
  investigation = await offer('police:syd', 'criminal-investigation');
  expect((await api.post(`/v1/handoffs/${investigation}/accept`, {}, 'receiver-police-syd')).status).toBe(
    200,
  );
  shelter = await offer('nsp', 'nsp-shelter');
});

const text = async (page: Page, selector: string) => (await page.textContent(selector)) ?? '';

/** The state column of the case page's running services, top to bottom. */
const serviceStates = (page: Page) =>
  page.$$eval('#services-running + .table-wrap tbody tr', (trs) =>
    trs.map((tr) => tr.querySelectorAll('td')[1]?.textContent?.trim()),
  );

describe('lead responsibility and parallel services in the web', () => {
  it('shows the coordinators accountable while an investigation and a shelter offer run beside the case', async () => {
    const page = await as(COORDINATOR);
    await page.goto(`${url}/referrals/${id}`);
    const services = await text(page, 'section:has(#services)');
    expect(services).toContain('Ansvarig för ärendet');
    expect(services).toContain('Syd – Vuxen');
    const rows = await page.$$eval('#services-running + .table-wrap tbody tr', (trs) =>
      trs.map((tr) => Array.from(tr.querySelectorAll('td')).map((td) => td.textContent?.trim())),
    );
    expect(rows.map((r) => r.slice(0, 3))).toEqual([
      ['Brottsutredning', 'Accepterad, inte påbörjad', 'Polisregion Syd'],
      [
        'Skyddat boende och stöd (NSP)',
        'Erbjuden',
        'Nationellt stödprogram (NSP), Plattformen Civila Sverige mot människohandel',
      ],
    ]);
    expect(services).toContain('Inga överlämningar av ansvaret.');
    await page.context().close();

    // The police record from their hand-off page that the investigation began; the case stays the coordinators'.
    const police = await as('receiver-police-syd');
    await police.goto(`${url}/handoffs/${investigation}`);
    expect(await text(police, 'main')).toContain('Accepterad, inte påbörjad');
    expect(await axeViolations(police), 'the police hand-off page with its service').toEqual([]);
    await screenshot(police, 'services-receiver');
    await submitForm(police, `/handoffs/${investigation}/start`);
    expect(await text(police, '.notice-success')).toContain('Ert svar är registrerat');
    expect(await text(police, '.summary-list')).toContain('Pågår');
    await police.goto(`${url}/handoffs`);
    expect(await text(police, 'main')).toContain('Pågående insatser');
    await police.context().close();

    const again = await as(COORDINATOR);
    await again.goto(`${url}/referrals/${id}#services`);
    const running = await serviceStates(again);
    expect(running).toEqual(['Pågår', 'Erbjuden']);
    expect(await text(again, 'section:has(#services)')).toContain('Syd – Vuxen');
    await again.context().close();
  });

  it('the shelter ends its stay with an outcome, which the coordinator reads beside the running investigation', async () => {
    expect((await api.post(`/v1/handoffs/${shelter}/accept`, {}, 'receiver-nsp')).status).toBe(200);
    const nsp = await as('receiver-nsp');
    await nsp.goto(`${url}/handoffs/${shelter}`);
    await nsp.click(`details:has(form[action$="/handoffs/${shelter}/end"]) > summary`);
    await submitForm(nsp, `/handoffs/${shelter}/end`);
    expect(await text(nsp, '.error-summary')).toContain('Välj utfall');
    expect(await nsp.getAttribute('.error-summary a', 'href')).toBe(`#f-end-${shelter}-outcome`);
    await nsp.selectOption(`#f-end-${shelter}-outcome`, 'completed');
    await nsp.fill(`#f-end-${shelter}-comment`, 'Flyttade till eget boende.');
    await submitForm(nsp, `/handoffs/${shelter}/end`);
    expect(new URL(nsp.url()).pathname).toBe('/handoffs');
    expect(await text(nsp, '.notice-success')).toContain('Ert svar är registrerat');
    await nsp.context().close();

    const page = await as(COORDINATOR);
    await page.goto(`${url}/referrals/${id}`);
    const states = await serviceStates(page);
    expect(states).toEqual(['Pågår', 'Avslutad: Genomförd']);
    // The comment is kept as a comment on the case, not in the event.
    expect(await text(page, '.notes')).toContain('Flyttade till eget boende.');
    await page.context().close();
  });

  it('pauses a clock with a reason, shows it paused, and resumes it', async () => {
    const view = await caseView(api, id, COORDINATOR);
    const clock = view.clocks.find((c) => c.kind === 'owner-gap' && c.state !== 'stopped')!;
    expect(clock.pausable).toBe(true);
    const page = await as(COORDINATOR);
    await page.goto(`${url}/referrals/${id}`);
    const form = `form[action$="/clocks/${clock.id}/pause"]`;
    await page.click(`details:has(${form}) > summary`);
    // "Another reason" needs a comment: named at the comment, with the form still open.
    await page.selectOption(`#f-pause-${clock.id}-reason`, 'other');
    await submitForm(page, `/clocks/${clock.id}/pause`);
    expect(await text(page, '.error-summary')).toContain('Skriv varför tidsgränsen pausas');
    expect(await page.getAttribute('.error-summary a', 'href')).toBe(`#f-pause-${clock.id}-comment`);
    expect(await page.isVisible(`#f-pause-${clock.id}-comment`)).toBe(true);
    expect(await page.inputValue(`#f-pause-${clock.id}-reason`)).toBe('other');
    expect(await axeViolations(page), 'the pause form with its error').toEqual([]);

    await page.selectOption(`#f-pause-${clock.id}-reason`, 'in-hospital');
    await submitForm(page, `/clocks/${clock.id}/pause`);
    expect(await text(page, '.notice-success')).toContain('Tidsgränsen är pausad');
    const row = await text(page, `section:has(#clocks) tr:has-text("Ärende utan ägare")`);
    expect(row).toContain('Pausad sedan');
    expect(row).toContain('Personen är på sjukhus');
    expect((await caseView(api, id, COORDINATOR)).clocks).toContainEqual(
      expect.objectContaining({ id: clock.id, state: 'paused', pauseReason: 'in-hospital' }),
    );
    expect(await text(page, '.timeline')).toContain(
      'Tidsgräns pausad: Ärende utan ägare (Personen är på sjukhus)',
    );
    await screenshot(page, 'services-clock-paused');

    await submitForm(page, `/clocks/${clock.id}/resume`);
    expect(await text(page, '.notice-success')).toContain('Tidsgränsen löper igen');
    expect((await caseView(api, id, COORDINATOR)).clocks).toContainEqual(
      expect.objectContaining({ id: clock.id, state: 'running' }),
    );
    await page.context().close();
  });

  it('records a granted reflection-period permit and counts down to its end; refuses an exit plan past 2 years', async () => {
    const page = await as(COORDINATOR);
    await page.goto(`${url}/referrals/${id}`);
    await page.click('summary:text-is("Registrera en ansökan om uppehållstillstånd")');
    await page.selectOption('#f-permit-kind', 'reflection-period');
    await page.selectOption('#f-permit-appliedBy', 'preliminary-investigation-leader');
    expect(await page.inputValue('#f-permit-appliedOn')).toBe(today());
    await submitForm(page, '/permits');
    expect(await text(page, '.notice-success')).toContain('Ansökan registrerad');
    const applied = (await caseView(api, id, COORDINATOR)).permits;
    expect(applied).toMatchObject([{ kind: 'reflection-period', status: 'applied' }]);
    const permit = applied[0]!.id;

    const decision = `form[action$="/permits/${permit}/decision"]`;
    await page.click(`details:has(${decision}) > summary`);
    await page.check(`#f-decision-${permit}-decision`);
    await submitForm(page, `/permits/${permit}/decision`);
    expect(await text(page, '.notice-success')).toContain('Beslutet registrerat');
    const granted = (await caseView(api, id, COORDINATOR)).permits[0]!;
    expect(granted.status).toBe('granted');
    // The days it still holds, today included, by the ledger's last valid day: the law's 30 days from today's grant.
    const days = Math.round((Date.parse(granted.validUntil!) - Date.parse(today())) / DAY) + 1;
    expect(days).toBeGreaterThanOrEqual(30);
    const ledger = await text(page, 'section:has(#permits) tbody');
    expect(ledger).toContain('Beviljat');
    expect(ledger).toContain(`Upphör om ${days} dagar`);
    // The reflection period is the law's clock: it runs to the permit's end and cannot be paused.
    const lawClock = await text(page, 'section:has(#clocks) tr:has-text("Betänketid")');
    expect(lawClock).toContain('Kan inte pausas');
    expect(await axeViolations(page), 'the referral page with services, clocks and permits').toEqual([]);
    await screenshot(page, 'services-permit-granted');

    // An exit-plan permit: granted, then an extension past the law's 2 years is refused with the API's reason.
    await page.click('summary:text-is("Registrera en ansökan om uppehållstillstånd")');
    await page.selectOption('#f-permit-kind', 'exit-plan');
    await page.selectOption('#f-permit-appliedBy', 'social-services');
    await submitForm(page, '/permits');
    const exitPlan = (await caseView(api, id, COORDINATOR)).permits.find((p) => p.kind === 'exit-plan')!.id;
    await page.click(`details:has(form[action$="/permits/${exitPlan}/decision"]) > summary`);
    await page.check(`#f-decision-${exitPlan}-decision`);
    await submitForm(page, `/permits/${exitPlan}/decision`);
    await page.click(`details:has(form[action$="/permits/${exitPlan}/extension"]) > summary`);
    const year = Number(today().slice(0, 4));
    await page.fill(`#f-extension-${exitPlan}-validUntil`, `${year + 3}-01-01`);
    await submitForm(page, `/permits/${exitPlan}/extension`);
    expect(await text(page, '.error-summary')).toContain('at most 2 years in total');
    expect(await page.getAttribute('.error-summary a', 'href')).toBe(`#f-extension-${exitPlan}-validUntil`);
    expect(await page.inputValue(`#f-extension-${exitPlan}-validUntil`)).toBe(`${year + 3}-01-01`);
    await screenshot(page, 'services-permit-refused');
    await page.context().close();
  });
});
