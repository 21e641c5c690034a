import { describe, expect, it } from 'vitest';
import { briefReferral } from '../support/fixtures';
import { submitUntil } from '../support/referral-flow';
import { expectNotFoundPage, useBrowser } from './browser';

const { url, api, signedIn } = useBrowser();

describe('need to know, through the web', () => {
  it('gives a syd coordinator the 404 page for a nord referral, and the attempt is audited', async () => {
    const { id, reference } = await submitUntil(
      api,
      briefReferral({
        person: { age: { estimatedYears: 40 }, gender: 'male', citizenships: ['TH'] },
        municipalityCode: '2580',
        purpose: 'labour',
      }),
      { reader: 'coordinator-nord', until: (view) => view.route?.queue === 'nord:adult' },
    );

    const page = await signedIn('coordinator-syd');
    await expectNotFoundPage(page, `${url}/referrals/${id}`, reference, 'need-to-know-404');

    // Their own queue is open to them; another region's is not.
    expect((await page.goto(`${url}/queues/syd:adult`))?.status()).toBe(200);
    expect((await page.goto(`${url}/queues/nord:adult`))?.status()).toBe(403);

    const trail = await api.get(`/v1/referrals/${id}/audit`, 'auditor');
    expect(trail.status).toBe(200);
    expect(trail.body.entries).toContainEqual(
      expect.objectContaining({
        action: 'referral.read',
        outcome: 'denied',
        actor: expect.objectContaining({ sub: 'coordinator-syd' }),
      }),
    );
    await page.context().close();
  });
});
