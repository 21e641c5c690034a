// The social services that accepted a child's report of concern record, in the browser, their decision on opening an
// investigation (SoL 11:1a), and the 14-day clock stops. Sent without a choice, the form comes back with its error.
import { beforeAll, describe, expect, it } from 'vitest';
import { briefReferral } from '../support/fixtures';
import { caseView, submitUntil } from '../support/referral-flow';
import { screenshot, submitForm, useBrowser } from './browser';

const { url, api, signedIn: as } = useBrowser();

let id = '';
let handoffId = '';

beforeAll(async () => {
  const view = await submitUntil(
    api,
    briefReferral({
      person: { age: { estimatedYears: 15 }, gender: 'female', citizenships: ['RO'] },
      municipalityCode: '1280',
      purpose: 'sexual',
    }),
    {
      reader: 'child-coordinator-syd',
      until: (v) => v.handoffs.some((h) => h.purpose === 'report-of-concern'),
    },
  );
  id = view.id;
  handoffId = view.handoffs.find((h) => h.purpose === 'report-of-concern')!.id;
});

describe('a report of concern, decided in the browser', () => {
  it('is accepted, refused without a decision, then decided: the 14-day clock stops', async () => {
    const page = await as('receiver-socialtjanst-malmo');
    await page.goto(`${url}/handoffs/${handoffId}`);
    expect(await page.locator('#handoff-decision').count()).toBe(0);
    await submitForm(page, `/handoffs/${handoffId}/accept`);
    expect(await page.textContent('.notice-success')).toContain('Ert svar är registrerat');
    expect(await page.textContent('#handoff-decision')).toBe('Beslut om utredning');
    // A hand-over of responsibility is accepted, not "accepted, not begun" as a service would be.
    expect(await page.textContent('.summary-list')).toContain('Accepterad');
    expect(await page.textContent('.summary-list')).not.toContain('inte påbörjad');
    await screenshot(page, 'report-of-concern-accepted');

    await submitForm(page, `/handoffs/${handoffId}/decision`);
    expect(await page.textContent('.error-summary')).toContain('beslutet');
    await screenshot(page, 'report-of-concern-decision-error');
    await page.check('#handoff-decision ~ form input[value="investigation-opened"]');
    await submitForm(page, `/handoffs/${handoffId}/decision`);
    expect(await page.textContent('.notice-success')).toContain('Ert svar är registrerat');
    expect(await page.locator('#handoff-decision').count()).toBe(0);
    expect(await page.textContent('.summary-list')).toContain('Utredning inleds');
    await screenshot(page, 'report-of-concern-decided');
    // The list names the organisation and says which report of concern is decided.
    await page.goto(`${url}/handoffs`);
    expect(await page.textContent('h1')).toBe('Överlämningar till Socialtjänsten i Malmö');
    expect(await page.textContent(`tr:has(a[href="/handoffs/${handoffId}"])`)).toContain('Utredning inleds');
    await screenshot(page, 'report-of-concern-list');
    await page.context().close();

    const clock = (await caseView(api, id, 'child-coordinator-syd')).clocks.find(
      (c) => c.kind === 'child-decision' && c.handoffId === handoffId,
    );
    expect(clock?.state).toBe('stopped');
  });
});
