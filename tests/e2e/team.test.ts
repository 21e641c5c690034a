// Issue 20, what it must show 4: in the browser, the regional lead moves a case from one coordinator to another with a
// reason, and both coordinators see it move in "My cases". Plain forms: no JavaScript needed.
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { briefReferral } from '../support/fixtures';
import { SEEDED_IN_SEARCH } from '../support/personal-data';
import { routedInSyd, submitUntil } from '../support/referral-flow';
import { axeViolations, clickThrough, submitForm, useBrowser } from './browser';

const { url, api, signedIn: as } = useBrowser();

let id = '';
let reference = '';

beforeAll(async () => {
  // Both coordinators are known to the office once they have opened their cases.
  for (const who of ['coordinator-syd', 'coordinator-syd-2']) {
    expect((await api.get('/v1/my/cases', who)).status).toBe(200);
  }
  ({ id, reference } = await routedInSyd(api));
  expect((await api.post(`/v1/referrals/${id}/assign`, {}, 'coordinator-syd')).status).toBe(200);
});

async function myCases(page: Page): Promise<string> {
  await page.goto(`${url}/my-cases`);
  return (await page.textContent('main')) ?? '';
}

describe('the regional lead in the web', () => {
  it('moves a case from one coordinator to another; both see it move in My cases', async () => {
    const first = await as('coordinator-syd');
    const second = await as('coordinator-syd-2');
    expect(await myCases(first)).toContain(reference);
    expect(await myCases(second)).not.toContain(reference);

    expect(await axeViolations(first)).toEqual([]);
    const lead = await as('lead-syd');
    await lead.goto(`${url}/team/syd:adult`);
    expect(await lead.textContent('main')).toContain('coordinator-syd-2');
    expect(await axeViolations(lead)).toEqual([]);
    await lead.selectOption(`#f-assignee-${id}`, 'coordinator-syd-2');
    await lead.selectOption(`#f-reason-${id}`, 'absence');
    await submitForm(lead, `/referrals/${id}/assign`);
    expect(lead.url()).toContain('moved=1');

    expect(await myCases(first)).not.toContain(reference);
    expect(await myCases(second)).toContain(reference);
  });
});

describe('finding a case in the web', () => {
  it('by number and by name + date of birth, posted so nothing is in the URL; another region finds nothing', async () => {
    const { name, dateOfBirth } = SEEDED_IN_SEARCH;
    const named = await submitUntil(
      api,
      briefReferral({
        person: { name, age: { dateOfBirth }, gender: 'female', citizenships: ['RO'] },
        municipalityCode: '1280',
        purpose: 'sexual',
      }),
      { reader: 'coordinator-syd' },
    );

    const coordinator = await as('coordinator-syd');
    const urls: string[] = [];
    coordinator.on('request', (request) => urls.push(request.url()));
    await coordinator.goto(`${url}/search`);
    await coordinator.fill('#f-reference', reference);
    await clickThrough(coordinator, 'form:has(#f-reference) button');
    expect(coordinator.url()).toBe(`${url}/referrals/${id}`);

    await coordinator.goto(`${url}/search`);
    await coordinator.fill('#f-name', name.toUpperCase());
    await coordinator.fill('#f-dateOfBirth', dateOfBirth);
    await clickThrough(coordinator, 'form:has(#f-name) button');
    expect(await coordinator.textContent('main')).toContain(named.reference);
    expect(await axeViolations(coordinator)).toEqual([]);

    const elsewhere = await as('coordinator-nord');
    await elsewhere.goto(`${url}/search`);
    await elsewhere.fill('#f-name', name);
    await elsewhere.fill('#f-dateOfBirth', dateOfBirth);
    await clickThrough(elsewhere, 'form:has(#f-name) button');
    expect(await elsewhere.textContent('main')).not.toContain(named.reference);

    for (const seen of urls) {
      for (const value of [name, encodeURIComponent(name), dateOfBirth]) expect(seen).not.toContain(value);
    }
  });

  it('lets a coordinator take a case from the queue, and find one by its number from the header of any page', async () => {
    const fresh = await routedInSyd(api);

    const coordinator = await as('coordinator-syd-2');
    await coordinator.goto(`${url}/queues/syd:adult`);
    const row = coordinator.locator('tr', { hasText: fresh.reference });
    await Promise.all([coordinator.waitForNavigation(), row.getByRole('button').click()]);
    expect(coordinator.url()).toBe(`${url}/queues/syd:adult`);
    expect(await coordinator.locator('tr', { hasText: fresh.reference }).textContent()).toContain('Du');
    expect(await myCases(coordinator)).toContain(fresh.reference);

    // The header's search box, from another page: the number is posted, never put in a URL.
    await coordinator.goto(`${url}/my-cases`);
    await coordinator.fill('#header-reference', fresh.reference);
    await clickThrough(coordinator, '.header-search button');
    expect(coordinator.url()).toBe(`${url}/referrals/${fresh.id}`);
    expect(await coordinator.textContent('main')).toContain('Du');
    expect(await axeViolations(coordinator)).toEqual([]);
  });
});
