// The whole chain in a browser (issue 7, "what it must show" 1): a civil-society user fills in the form with the
// keyboard only, leaves half-way and comes back to the draft, submits and gets a reference; the referral reaches
// the right coordinator's queue; the coordinator acknowledges and hands off to social services; social services
// accept; the national dashboard shows the hand-off; the organisation sees "handed on" and nothing more.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import {
  axeViolations,
  checkBox,
  chooseRadio,
  pressButton,
  screenshot,
  selectByKeyboard,
  typeInto,
  useBrowser,
} from './browser';

const { url, signedIn: asUser } = useBrowser();
const NARRATIVE = 'Arbetade tolv timmar om dagen på en byggarbetsplats; passet togs av arbetsgivaren.';

/** Reloads until the text appears (routing and the read side take a moment). */
async function reloadUntil(page: Page, text: string, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await page.content()).includes(text)) {
    if (Date.now() > deadline) throw new Error(`"${text}" did not appear on ${page.url()}`);
    await new Promise((r) => setTimeout(r, 500));
    await page.reload();
  }
}

describe('the referral journey in a browser', () => {
  let reference = '';
  let referralPath = '';

  it('a civil-society user completes the form with the keyboard only, leaving half-way and returning to the draft', async () => {
    const page = await asUser('cso-stodgruppen');
    await pressButton(page, 'main form[action="/referrals/new"] button');
    expect(page.url()).toMatch(/\/drafts\/[0-9a-f-]{36}\/person$/);

    // Step 1: the person. Nothing chosen yet: the error summary takes focus and links to the fields.
    await pressButton(page, 'button[value=next]');
    expect(await page.evaluate(() => document.activeElement?.className)).toContain('error-summary');
    expect(await page.title()).toMatch(/^Fel: /);
    await typeInto(page, '#f-alias', 'Ana');
    await chooseRadio(page, 'ageKind', 'estimate');
    await typeInto(page, '#f-estimatedYears', '30');
    await chooseRadio(page, 'mayBeMinor', 'no');
    await chooseRadio(page, 'gender', 'female');
    await selectByKeyboard(page, '#f-citizenship1', 'RO');
    await selectByKeyboard(page, '#f-language1', 'ro');
    await chooseRadio(page, 'interpreterNeeded', 'yes');
    await pressButton(page, 'button[value=next]');
    expect(page.url()).toMatch(/\/where\?saved=1$/);

    // Step 2: where. Then the user leaves and comes back later.
    await chooseRadio(page, 'locationKind', 'municipality');
    await selectByKeyboard(page, '#f-municipalityCode', '1280');
    await chooseRadio(page, 'exploitationLocationKind', 'municipality');
    await selectByKeyboard(page, '#f-exploitationMunicipalityCode', '1280');
    await pressButton(page, 'button[value=save]');
    expect(new URL(page.url()).pathname).toBe('/');
    await page.context().close();

    const back = await asUser('cso-stodgruppen');
    await pressButton(back, 'main a[href^="/drafts/"]');
    expect(back.url()).toMatch(/\/where$/);
    expect(await back.$eval('#f-municipalityCode', (el) => (el as HTMLSelectElement).value)).toBe('1280');
    await pressButton(back, 'button[value=next]');

    // Step 3: exploitation.
    await checkBox(back, 'purposes', 'labour');
    await checkBox(back, 'indicators', 'document-confiscation');
    await checkBox(back, 'indicators', 'excessive-working-hours');
    await pressButton(back, 'button[value=next]');

    // Step 4: needs and consent (an adult: the consent question is asked).
    await chooseRadio(back, 'acuteProtection', 'no');
    await checkBox(back, 'otherNeeds', 'shelter');
    await chooseRadio(back, 'consent', 'given');
    await checkBox(back, 'contactByCoordinator', 'yes');
    // The person agreed to social services looking into their needs: the hand-off below rests on this consent.
    await checkBox(back, 'sharing', 'social-services social-services-investigation');
    await pressButton(back, 'button[value=next]');

    // Step 5: no accompanying children. Step 6: the narrative.
    await chooseRadio(back, 'hasChildren', 'no');
    await pressButton(back, 'button[value=next]');
    await typeInto(back, '#f-narrative', NARRATIVE);
    await pressButton(back, 'button[value=next]');

    // Review, then send.
    expect(back.url()).toMatch(/\/review$/);
    const review = await back.textContent('main');
    expect(review).toContain('Malmö');
    expect(review).toContain('Tvångsarbete');
    await screenshot(back, 'journey-review');
    await pressButton(back, '#submit');
    expect(back.url()).toMatch(/\/receipts\/[0-9A-Z]{26}$/);
    reference = (await back.textContent('.panel-reference'))!.trim();
    expect(reference).toMatch(/^NRM-\d{4}-\d{6}$/);
    expect(await axeViolations(back)).toEqual([]);
    await screenshot(back, 'journey-receipt');
    await back.context().close();
  });

  it('the referral appears in the right coordinator queue; the coordinator acknowledges and hands off to social services', async () => {
    const page = await asUser('coordinator-syd');
    await page.goto(`${url}/queues/syd:adult`);
    await reloadUntil(page, reference);
    await screenshot(page, 'journey-queue');
    await pressButton(page, `a:text-is("${reference}")`);
    referralPath = new URL(page.url()).pathname;
    expect(await page.textContent('main')).toContain('Syd – Vuxen');

    await pressButton(page, `form[action="${referralPath}/acknowledge"] button`);
    expect(await page.textContent('.notice-success')).toContain('Ta emot hänvisningen');
    await selectByKeyboard(page, '#f-recipient', 'social-services:1280');
    await selectByKeyboard(page, '#f-purpose', 'social-services-investigation');
    await pressButton(page, `form[action="${referralPath}/handoffs"] button`);
    const text = await page.textContent('main');
    expect(text).toContain('Socialtjänsten i Malmö');
    expect(text).toContain('Erbjuden');
    // The consent the organisation recorded with the referral, and the hand-off resting on it.
    expect(text).toContain('Socialtjänsten – Utredning av stödbehov (socialtjänst)');
    expect(text).toContain('Personens samtycke');
    await screenshot(page, 'journey-referral');
    await page.context().close();
  });

  it('social services accept the hand-off', async () => {
    const page = await asUser('receiver-socialtjanst-malmo');
    await page.goto(`${url}/handoffs`);
    await reloadUntil(page, reference);
    await pressButton(page, `button:text-is("Ta emot ${reference}")`);
    expect(await page.textContent('.notice-success')).toContain('Ert svar är registrerat');
    const accepted = await page.textContent('main');
    expect(accepted).toContain(reference);
    // What the disclosure to them rests on: the consent the organisation recorded with the referral.
    expect(accepted).toContain('Personens samtycke');
    expect(accepted).not.toContain(NARRATIVE);
    await screenshot(page, 'journey-handoffs-accepted');
    await page.context().close();
  });

  it('the national dashboard shows the hand-off', async () => {
    const page = await asUser('national-coordinator');
    await page.goto(`${url}/dashboard`);
    expect(await page.textContent('h1')).toBe('Nationell översikt');
    // The statistics count the hand-off from its events within seconds; the page shows its time (median, p90).
    await reloadUntil(page, 'Överlämning accepterad');
    const row = await page.textContent('tr:has(th:text-is("Överlämning accepterad"))');
    expect(row).toMatch(/\d+\.\d/);
    expect(await page.textContent('main')).toContain('Överlämning accepterad · Syd');
    await screenshot(page, 'journey-dashboard');
    // The referral page shows the accepted hand-off and the organisation as the owner now.
    await page.goto(`${url}${referralPath}`);
    const handoffs = await page.textContent('table:has(th:text-is("Mottagare")) tbody');
    expect(handoffs).toContain('Socialtjänsten i Malmö');
    expect(handoffs).toContain('Accepterad');
    expect(await page.textContent('.summary-list')).toContain('Överlämnad');
    await page.context().close();
  });

  it('the organisation sees the status "handed on" and nothing more', async () => {
    const page = await asUser('cso-stodgruppen');
    await page.goto(`${url}/mine`);
    await reloadUntil(page, reference);
    const row = await page.textContent(`tr:has(a:text-is("${reference}"))`);
    expect(row).toContain('Överlämnad');
    await pressButton(page, `a:text-is("${reference}")`);
    const detail = (await page.textContent('main'))!;
    expect(detail).toContain('Överlämnad');
    for (const hidden of [NARRATIVE, 'Ana', 'Malmö', 'Socialtjänsten', 'syd'])
      expect(detail).not.toContain(hidden);
    await screenshot(page, 'journey-mine-detail');
    await page.context().close();
  });
});
