import { describe, expect, inject, it } from 'vitest';
import { adultReferral, referral } from '../support/fixtures';
import { apiClient, eventually } from '../support/http';
import { asView, caseView } from '../support/referral-flow';

const { url } = inject('platform');
const api = apiClient(url);

async function submit(body: unknown, as: string): Promise<string> {
  const res = await api.post('/v1/referrals', body, as);
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.id;
}

const routed = (id: string, as = 'national-coordinator') =>
  eventually(async () => {
    const view = await caseView(api, id, as);
    return view.status === 'routed' ? view : undefined;
  }, 5000);

describe('every intake channel', () => {
  it('the support phone: the national coordinator registers a call, routed to the region like any referral', async () => {
    const id = await submit(
      adultReferral({ location: { municipalityCode: '1280' } }),
      'national-coordinator',
    );
    const view = await routed(id);
    expect(view).toMatchObject({ view: 'case', channel: 'phone', route: { queue: 'syd:adult' } });
    // The office that registered it is its referrer: it reads the case as the national coordinator does.
    const own = await api.get('/v1/referrals?mine=true', 'national-coordinator');
    expect(own.body.items.map((r) => r.id)).toContain(id);
    // An office that registered the referral itself needs no feedback clock.
    expect(view.clocks.map((c) => c.kind)).not.toContain('referrer-feedback');
  });

  it('outreach: a children’s coordinator registers a child met in outreach, routed to the children’s queue', async () => {
    const id = await submit(referral({ location: { municipalityCode: '0180' } }), 'child-coordinator-syd');
    const view = await routed(id);
    expect(view).toMatchObject({ channel: 'outreach', route: { queue: 'stockholm:child' } });
    // The registering office sees it among its own referrals, in the status view.
    const mine = await api.get('/v1/referrals?mine=true', 'child-coordinator-syd');
    expect(mine.body.items.find((r) => r.id === id)).toMatchObject({ view: 'status', status: 'routed' });
  });

  it('receivers and the auditor still register nothing', async () => {
    for (const as of ['receiver-nsp', 'auditor']) {
      expect((await api.post('/v1/referrals', adultReferral(), as)).status, as).toBe(403);
    }
  });
});

describe('referrer feedback', () => {
  it('tells the referrer "not yet", then "no" when the referral is closed without support', async () => {
    const id = await submit(adultReferral({ location: { municipalityCode: '1280' } }), 'police-syd-system');
    const view = await routed(id);
    const feedback = view.clocks.find((c) => c.kind === 'referrer-feedback');
    expect(feedback).toMatchObject({ state: 'running' });
    const before = await api.get(`/v1/referrals/${id}`, 'police-syd-system');
    expect(before.body).toMatchObject({ view: 'status', status: 'routed', supportReceived: 'not-yet' });

    // Acknowledging is the referrer's first feedback: its clock stops.
    expect((await api.post(`/v1/referrals/${id}/acknowledge`, {}, 'coordinator-syd')).status).toBe(200);
    const acknowledged = await api.get(`/v1/referrals/${id}`, 'coordinator-syd');
    expect(
      asView(acknowledged.body, 'case').clocks.find((c) => c.kind === 'referrer-feedback'),
    ).toMatchObject({
      state: 'stopped',
    });

    expect(
      (await api.post(`/v1/referrals/${id}/close`, { reason: 'person-declined-support' }, 'coordinator-syd'))
        .status,
    ).toBe(200);
    const after = await api.get(`/v1/referrals/${id}`, 'police-syd-system');
    expect(after.body).toMatchObject({ status: 'closed', supportReceived: 'no' });
  });
});
