// Issue 3 through the API: ownership, hand-offs and their clocks, as coordinators, receivers and referrers meet them.
import { describe, expect, inject, it } from 'vitest';
import { adultReferral, referral } from '../support/fixtures';
import { apiClient, namedFields, problem } from '../support/http';
import { caseView, type FullView, submitRouted } from '../support/referral-flow';

const { url } = inject('platform');
const api = apiClient(url);

const CHILD_MALMO = referral({ location: { municipalityCode: '1280' } });
const ADULT_MALMO = adultReferral({ location: { municipalityCode: '1280' } });

const clockStates = (view: FullView) =>
  Object.fromEntries(view.clocks.map((c) => [c.kind, c.state])) as Record<string, string>;

const read = (id: string, as = 'national-coordinator') => caseView(api, id, as);

/** A note (the owner's) or a supplement (the referrer's) is added by its writer, and refused to the other. */
async function onlyWriterAdds(
  path: string,
  text: string,
  { writer, other }: { writer: string; other: string },
) {
  expect((await api.post(path, { text }, writer)).status).toBe(201);
  expect((await api.post(path, { text: 'x' }, other)).status).toBe(403);
}

describe('a child referral in Malmö', () => {
  it('is offered to social services in Malmö at once, who see only their hand-off and accept it', async () => {
    const routed = await submitRouted(api, CHILD_MALMO);
    expect(routed.owner).toEqual({ type: 'coordinator-office', id: 'coordinator-office:syd:child' });
    expect(routed.handoffs).toEqual([
      expect.objectContaining({
        recipient: { type: 'social-services', id: 'social-services:1280' },
        purpose: 'report-of-concern',
        status: 'offered',
      }),
    ]);
    expect(clockStates(routed)).toEqual({
      acknowledge: 'running',
      'owner-gap': 'running',
      'handoff-accept': 'running',
      'child-decision': 'running',
      // Until the referrer's status says more than "arrived" (issue 17).
      'referrer-feedback': 'running',
      // Her date of birth is known: the transition alarm counts back from her 18th birthday.
      'turning-18': expect.stringMatching(/running|breached/),
    });
    const acknowledge = routed.clocks.find((c) => c.kind === 'acknowledge')!;
    expect(Date.parse(acknowledge.dueAt) - Date.parse(acknowledge.startedAt)).toBe(4 * 3_600_000);

    const waiting = await api.get('/v1/handoffs?status=offered', 'receiver-socialtjanst-malmo');
    expect(waiting.status).toBe(200);
    const mine = waiting.body.items.find((h) => h.referralId === routed.id)!;
    expect(mine).toMatchObject({ purpose: 'report-of-concern', reference: routed.reference });
    expect(mine.answerBy).toBeDefined();

    const seen = await api.get(`/v1/referrals/${routed.id}`, 'receiver-socialtjanst-malmo');
    expect(seen.status).toBe(200);
    expect(Object.keys(seen.body).sort()).toEqual(
      ['clocks', 'handoffs', 'id', 'owner', 'reference', 'status', 'submittedAt', 'track', 'view'].sort(),
    );
    expect(await api.get(`/v1/referrals/${routed.id}`, 'receiver-nsp')).toMatchObject({ status: 404 });

    const accepted = await api.post(`/v1/handoffs/${mine.id}/accept`, {}, 'receiver-socialtjanst-malmo');
    expect(accepted.status).toBe(200);
    expect(accepted.body.status).toBe('accepted');
    const after = await read(routed.id);
    expect(after.owner).toEqual({ type: 'organisation', id: 'social-services:1280' });
    expect(after.status).toBe('handed-off');
    expect(clockStates(after)).toMatchObject({ 'handoff-accept': 'stopped', 'owner-gap': 'stopped' });

    const again = await api.post(`/v1/handoffs/${mine.id}/accept`, {}, 'receiver-socialtjanst-malmo');
    expect(again.status).toBe(409);
    expect(again.headers.get('content-type')).toContain('application/problem+json');

    const referrer = await api.get(`/v1/referrals/${routed.id}`, 'police-syd-system');
    expect(referrer.body).toEqual({
      view: 'status',
      id: routed.id,
      reference: routed.reference,
      status: 'handed-on',
      submittedAt: expect.any(String),
      // Social services accepted the report of concern: the person received support (issue 17).
      supportReceived: 'yes',
    });

    const decided = await api.post(
      `/v1/handoffs/${mine.id}/decision`,
      { decision: 'investigation-opened' },
      'receiver-socialtjanst-malmo',
    );
    expect(decided.status).toBe(200);
    expect(clockStates(await read(routed.id))['child-decision']).toBe('stopped');
  });

  it('is acknowledged once, by a coordinator of its own queue', async () => {
    const routed = await submitRouted(api, CHILD_MALMO);
    const path = `/v1/referrals/${routed.id}/acknowledge` as const;
    expect((await api.post(path, {}, 'child-coordinator-nord')).status).toBe(404);
    expect((await api.post(path, {}, 'police-syd-system')).status).toBe(403);
    const acknowledged = await api.post(path, {}, 'child-coordinator-syd');
    expect(acknowledged.status).toBe(200);
    expect(acknowledged.body.status).toBe('acknowledged');
    expect(clockStates(acknowledged.body).acknowledge).toBe('stopped');
    const twice = await api.post(path, {}, 'child-coordinator-syd');
    expect(twice.status).toBe(409);
    expect(problem(twice).detail).toMatch(/already acknowledged/);
  });

  it('needs a reason to decline, and names every bad field', async () => {
    const routed = await submitRouted(api, CHILD_MALMO);
    const handoffId = routed.handoffs[0]!.id;
    const bad = await api.post(
      `/v1/handoffs/${handoffId}/decline`,
      { because: 'busy' },
      'receiver-socialtjanst-malmo',
    );
    expect(namedFields(bad, 400).sort()).toEqual(['because', 'reason']);
    const declined = await api.post(
      `/v1/handoffs/${handoffId}/decline`,
      { reason: 'not-responsible', comment: 'Familjen bor i Lund' },
      'receiver-socialtjanst-malmo',
    );
    expect(declined.status).toBe(200);
    const after = await read(routed.id);
    expect(after.owner.id).toBe('coordinator-office:syd:child');
    expect(after.handoffs[0]?.status).toBe('declined');
    // Declined: the organisation no longer has a need to know.
    expect((await api.get(`/v1/referrals/${routed.id}`, 'receiver-socialtjanst-malmo')).status).toBe(404);
  });
});

describe('the owning office', () => {
  it('hands an adult on to NSP and may revoke the offer while it waits', async () => {
    const routed = await submitRouted(api, ADULT_MALMO);
    await api.post(`/v1/referrals/${routed.id}/acknowledge`, {}, 'coordinator-syd');
    const offered = await api.post(
      `/v1/referrals/${routed.id}/handoffs`,
      { recipient: { id: 'nsp' }, purpose: 'nsp-shelter' },
      'coordinator-syd',
    );
    expect(offered.status).toBe(201);
    expect(offered.headers.get('location')).toBe(`/v1/handoffs/${offered.body.id}`);
    expect(offered.body).toMatchObject({ status: 'offered', recipient: { type: 'nsp', id: 'nsp' } });

    const revoked = await api.post(
      `/v1/handoffs/${offered.body.id}/revoke`,
      { reason: 'no-longer-needed' },
      'coordinator-syd',
    );
    expect(revoked.body.status).toBe('revoked');
    expect((await api.post(`/v1/handoffs/${offered.body.id}/accept`, {}, 'receiver-nsp')).status).toBe(404);
  });

  it('gets 400 naming the fields for a recipient that is not in the directory or does not take the purpose', async () => {
    const routed = await submitRouted(api, ADULT_MALMO);
    const path = `/v1/referrals/${routed.id}/handoffs` as const;
    const unknown = await api.post(
      path,
      { recipient: { id: 'nowhere' }, purpose: 'health-care' },
      'coordinator-syd',
    );
    expect(unknown.status).toBe(400);
    expect(problem(unknown).errors).toEqual([{ path: 'recipient.id', message: expect.any(String) }]);
    const mismatch = await api.post(
      path,
      { recipient: { id: 'nsp', type: 'police' }, purpose: 'health-care' },
      'coordinator-syd',
    );
    expect(problem(mismatch).errors?.map((e) => e.path)).toEqual(['recipient.type', 'purpose']);
    const childOnly = await api.post(
      path,
      { recipient: { id: 'barnahus:malmo' }, purpose: 'barnahus' },
      'coordinator-syd',
    );
    expect(childOnly.status).toBe(409);
  });

  it("transfers to another region's queue, which must acknowledge before it owns the referral", async () => {
    const routed = await submitRouted(api, ADULT_MALMO);
    await api.post(`/v1/referrals/${routed.id}/acknowledge`, {}, 'coordinator-syd');
    const moved = await api.post(
      `/v1/referrals/${routed.id}/transfer`,
      { queue: 'vast:adult', reason: 'person-moved', comment: 'Flyttar till en väninna i Göteborg' },
      'coordinator-syd',
    );
    expect(moved.status).toBe(200);
    expect(moved.body.route?.queue).toBe('vast:adult');
    expect(moved.body.owner.id).toBe('coordinator-office:syd:adult');
    expect((await api.get(`/v1/referrals/${routed.id}`, 'coordinator-syd')).status).toBe(404);
    const listed = await api.get('/v1/queues/vast:adult/referrals?limit=100', 'coordinator-vast');
    expect(listed.body.items.map((i) => i.id)).toContain(routed.id);
    const taken = await api.post(`/v1/referrals/${routed.id}/acknowledge`, {}, 'coordinator-vast');
    expect(taken.body.owner.id).toBe('coordinator-office:vast:adult');
  });

  it('closes with a reason and reopens under the same id; notes and supplements are kept beside it', async () => {
    const routed = await submitRouted(api, ADULT_MALMO);
    const ref = `/v1/referrals/${routed.id}` as const;
    await api.post(`${ref}/acknowledge`, {}, 'coordinator-syd');
    await onlyWriterAdds(`${ref}/notes`, 'Ringde, inget svar.', {
      writer: 'coordinator-syd',
      other: 'police-syd-system',
    });

    const closed = await api.post(`${ref}/close`, { reason: 'unreachable' }, 'coordinator-syd');
    expect(closed.body.status).toBe('closed');
    expect(closed.body.clocks.every((c) => c.state === 'stopped')).toBe(true);
    expect((await api.post(`${ref}/close`, { reason: 'other' }, 'coordinator-syd')).status).toBe(409);
    expect((await api.get(ref, 'police-syd-system')).body).toMatchObject({ status: 'closed' });

    await onlyWriterAdds(`${ref}/supplements`, 'Hon har hört av sig igen.', {
      writer: 'police-syd-system',
      other: 'coordinator-syd',
    });

    const reopened = await api.post(`${ref}/reopen`, { reason: 'relapse' }, 'coordinator-syd');
    expect(reopened.status).toBe(200);
    expect(reopened.body).toMatchObject({ id: routed.id, status: 'routed' });
    expect(clockStates(reopened.body).acknowledge).toBe('running');
  });
});

describe('the queue', () => {
  it('lists the most urgent clock first: an acute referral before an earlier ordinary one', async () => {
    const ordinary = await submitRouted(api, adultReferral({ location: { municipalityCode: '2580' } }));
    const acute = await submitRouted(
      api,
      adultReferral({ location: { municipalityCode: '2580' }, needs: { acuteProtection: true } }),
    );
    const listed = await api.get('/v1/queues/nord:adult/referrals?limit=100', 'coordinator-nord');
    const ids = listed.body.items.map((i) => i.id);
    expect(ids.indexOf(acute.id)).toBeLessThan(ids.indexOf(ordinary.id));
    const dues = listed.body.items.map((i) => i.nextDueAt).filter((d): d is string => d !== null);
    expect(dues).toEqual([...dues].sort());
  });
});

describe('the directory of receiving organisations', () => {
  it('lists social services of all 290 municipalities and filters by municipality', async () => {
    const all = await api.get('/v1/directory/organisations?type=social-services', 'coordinator-syd');
    // The day service and the out-of-hours service (socialjour) of every municipality.
    expect(all.body.items.filter((o) => o.id.startsWith('social-services:'))).toHaveLength(290);
    expect(all.body.items.filter((o) => o.id.startsWith('social-services-out-of-hours:'))).toHaveLength(290);
    const malmo = await api.get('/v1/directory/organisations?municipalityCode=1280', 'receiver-nsp');
    expect(malmo.body.items.map((o) => o.id)).toEqual([
      'social-services:1280',
      'social-services-out-of-hours:1280',
      'barnahus:malmo',
    ]);
    expect((await api.get('/v1/directory/organisations?purpose=sleeping', 'coordinator-syd')).status).toBe(
      400,
    );
  });

  it('is documented in the OpenAPI document with every action', async () => {
    const doc = await api.get('/openapi.json');
    expect(Object.keys(doc.body.paths)).toEqual(
      expect.arrayContaining([
        '/v1/referrals/{id}/acknowledge',
        '/v1/referrals/{id}/handoffs',
        '/v1/referrals/{id}/transfer',
        '/v1/referrals/{id}/supplements',
        '/v1/referrals/{id}/notes',
        '/v1/referrals/{id}/close',
        '/v1/referrals/{id}/reopen',
        '/v1/handoffs',
        '/v1/handoffs/{id}/accept',
        '/v1/handoffs/{id}/decline',
        '/v1/handoffs/{id}/revoke',
        '/v1/directory/organisations',
      ]),
    );
  });
});
