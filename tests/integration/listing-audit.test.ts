// Issue 15: every listing is audited, and a referral's own trail shows each listing that disclosed it (before, a
// receiver's GET /v1/handoffs wrote no entry, and listings were only in the queue's or referrer's chain).
import { describe, expect, inject, it } from 'vitest';
import { adultReferral } from '../support/fixtures';
import { apiClient } from '../support/http';
import { submitRouted } from '../support/referral-flow';

const { url } = inject('platform');
const api = apiClient(url);

describe('listings in the audit trail', () => {
  it("shows the queue's, the referrer's and the receiver's listings in the listed referral's trail", async () => {
    const referral = await submitRouted(api, adultReferral({ location: { municipalityCode: '0580' } }));
    expect(referral.route?.queue).toBe('ost:adult');
    const offer = await api.post(
      `/v1/referrals/${referral.id}/handoffs`,
      { recipient: { id: 'nsp' }, purpose: 'nsp-shelter' },
      'coordinator-ost',
    );
    expect(offer.status).toBe(201);

    const queue = await api.get('/v1/queues/ost:adult/referrals?limit=100', 'coordinator-ost');
    expect(queue.body.items.map((i) => i.id)).toContain(referral.id);
    const handoffs = await api.get('/v1/handoffs?limit=100', 'receiver-nsp');
    expect(handoffs.body.items.map((h) => h.referralId)).toContain(referral.id);
    const mine = await api.get('/v1/referrals?mine=true&limit=5', 'police-syd-system');
    expect(mine.body.items.map((i) => i.id)).toContain(referral.id);

    const trail = await api.get(`/v1/referrals/${referral.id}/audit`, 'auditor');
    expect(trail.status).toBe(200);
    expect(trail.body.intact).toBe(true);
    expect(trail.body.listings.map((l) => [l.action, l.actor.sub, l.subject])).toEqual([
      ['referral.list-queue', 'coordinator-ost', 'queue:ost:adult'],
      ['handoff.list-own', 'receiver-nsp', 'handoffs:nsp'],
      ['referral.list-own', 'police-syd-system', 'referrer:police'],
    ]);
  });
});
