// Issue 4, consent: an adult's hand-off is refused without the person's consent for that kind of recipient and
// purpose; consent is recorded per purpose and recipient type with who recorded it, and can be withdrawn; a child's
// hand-off records its legal basis instead. Every hand-off says what its disclosure rests on.
import { describe, expect, inject, it } from 'vitest';
import { adultReferral, referral } from '../support/fixtures';
import { apiClient, namedFields, problem } from '../support/http';
import { asView, caseView, submitRouted } from '../support/referral-flow';

const { url } = inject('platform');
const api = apiClient(url);

const NSP = { recipient: { id: 'nsp' }, purpose: 'nsp-shelter' };
const read = (id: string) => caseView(api, id, 'coordinator-syd');

async function acknowledgedAdult(consent: unknown = { status: 'given' }) {
  const routed = await submitRouted(api, adultReferral({ location: { municipalityCode: '1280' }, consent }));
  expect((await api.post(`/v1/referrals/${routed.id}/acknowledge`, {}, 'coordinator-syd')).status).toBe(200);
  return routed.id;
}

describe("an adult's hand-off", () => {
  it('is refused without consent, offered once the coordinator records it, and revoked when it is withdrawn', async () => {
    const id = await acknowledgedAdult();
    const refused = await api.post(`/v1/referrals/${id}/handoffs`, NSP, 'coordinator-syd');
    expect(refused.status).toBe(409);
    expect(problem(refused).type).toBe('https://nrm.example.se/problems/consent-required');
    expect(problem(refused).detail).toContain("sharing with a nsp organisation for 'nsp-shelter'");
    expect((await read(id)).handoffs).toEqual([]);

    const scope = { recipientType: 'nsp', purpose: 'nsp-shelter' };
    const recorded = await api.post(`/v1/referrals/${id}/consents`, scope, 'coordinator-syd');
    expect(recorded.status).toBe(201);
    expect(recorded.body).toMatchObject({
      id: 'consent-1',
      ...scope,
      recordedBy: {
        sub: 'coordinator-syd',
        role: 'regional-coordinator',
        organisationId: 'coordinator-office:syd:adult',
      },
    });
    // Recording it again is the same consent (a retried request changes nothing).
    const again = await api.post(`/v1/referrals/${id}/consents`, scope, 'coordinator-syd');
    expect(again.status).toBe(200);
    expect(again.body.id).toBe('consent-1');

    const offered = await api.post(`/v1/referrals/${id}/handoffs`, NSP, 'coordinator-syd');
    expect(offered.status).toBe(201);
    expect(offered.body.basis).toEqual({ type: 'consent', consentId: 'consent-1' });
    // The recipient sees what the disclosure to it rests on.
    const asNsp = await api.get(`/v1/referrals/${id}`, 'receiver-nsp');
    expect(asView(asNsp.body, 'offer').handoffs[0]?.basis).toEqual({
      type: 'consent',
      consentId: 'consent-1',
    });

    const withdrawn = await api.post(
      `/v1/referrals/${id}/consents/consent-1/withdraw`,
      {},
      'coordinator-syd',
    );
    expect(withdrawn.status).toBe(200);
    expect(withdrawn.body.consents[0]?.withdrawnAt).toBeDefined();
    expect(withdrawn.body.handoffs[0]).toMatchObject({ status: 'revoked' });
    const handoff = await api.get(`/v1/handoffs/${offered.body.id}`, 'coordinator-syd');
    expect(handoff.body.revokeReason).toBe('consent-withdrawn');
    expect((await api.post(`/v1/referrals/${id}/handoffs`, NSP, 'coordinator-syd')).status).toBe(409);
    expect(
      (await api.post(`/v1/referrals/${id}/consents/consent-7/withdraw`, {}, 'coordinator-syd')).status,
    ).toBe(404);
  });

  it('rests on the consent the referrer recorded at intake, per purpose and recipient type', async () => {
    const id = await acknowledgedAdult({
      status: 'given',
      sharing: [
        { recipientType: 'nsp', purpose: 'nsp-shelter' },
        { recipientType: 'nsp', purpose: 'nsp-shelter' },
      ],
    });
    const view = await read(id);
    expect(view.consents).toEqual([
      expect.objectContaining({
        id: 'consent-1',
        recipientType: 'nsp',
        purpose: 'nsp-shelter',
        recordedBy: expect.objectContaining({ organisationId: 'police' }),
      }),
    ]);
    expect((await api.post(`/v1/referrals/${id}/handoffs`, NSP, 'coordinator-syd')).status).toBe(201);
    // The consent covers NSP's shelter, not sharing with social services.
    const other = await api.post(
      `/v1/referrals/${id}/handoffs`,
      { recipient: { id: 'social-services:1280' }, purpose: 'social-services-investigation' },
      'coordinator-syd',
    );
    expect(other.status).toBe(409);
  });

  it('takes no legal basis, and a consent must fit a purpose some adult hand-off has', async () => {
    const id = await acknowledgedAdult();
    const withBasis = await api.post(
      `/v1/referrals/${id}/handoffs`,
      { ...NSP, legalBasis: 'duty-to-report' },
      'coordinator-syd',
    );
    expect(namedFields(withBasis, 422)).toEqual(['legalBasis']);
    const misfit = await api.post(
      `/v1/referrals/${id}/consents`,
      { recipientType: 'nsp', purpose: 'report-of-concern' },
      'coordinator-syd',
    );
    expect(namedFields(misfit, 400)).toEqual(['purpose']);
    const atIntake = await api.post(
      '/v1/referrals',
      adultReferral({
        consent: { status: 'given', sharing: [{ recipientType: 'barnahus', purpose: 'barnahus' }] },
      }),
      'police-syd-system',
    );
    expect(namedFields(atIntake, 400)).toEqual(['consent.sharing.0.purpose']);
  });

  it('leaves an audit entry for recording and withdrawing consent', async () => {
    const id = await acknowledgedAdult();
    await api.post(
      `/v1/referrals/${id}/consents`,
      { recipientType: 'nsp', purpose: 'nsp-shelter' },
      'coordinator-syd',
    );
    await api.post(`/v1/referrals/${id}/consents/consent-1/withdraw`, {}, 'coordinator-syd');
    const trail = await api.get(`/v1/referrals/${id}/audit`, 'auditor');
    expect(trail.body.intact).toBe(true);
    expect(
      trail.body.entries
        .filter((e) => e.action.startsWith('consent.'))
        .map((e) => [e.action, e.outcome, e.actor.sub]),
    ).toEqual([
      ['consent.record', 'allowed', 'coordinator-syd'],
      ['consent.withdraw', 'allowed', 'coordinator-syd'],
    ]);
  });
});

describe("a child's hand-off", () => {
  it('records its legal basis: the duty to report for the automatic report of concern, the one given otherwise', async () => {
    const routed = await submitRouted(api, referral({ location: { municipalityCode: '1280' } }));
    const child = await caseView(api, routed.id, 'child-coordinator-syd');
    expect(child.handoffs[0]?.basis).toEqual({ type: 'legal-basis', code: 'duty-to-report' });

    const barnahus = (
      await api.get('/v1/directory/organisations?type=barnahus&region=syd', 'child-coordinator-syd')
    ).body.items[0]!.id;
    const path = `/v1/referrals/${routed.id}/handoffs` as const;
    const offer = { recipient: { id: barnahus }, purpose: 'barnahus' };
    const missing = await api.post(path, offer, 'child-coordinator-syd');
    expect(missing.status).toBe(422);
    expect(problem(missing).errors).toEqual([
      { path: 'legalBasis', message: expect.stringContaining('legal basis') },
    ]);
    const given = await api.post(path, { ...offer, legalBasis: 'guardian-consent' }, 'child-coordinator-syd');
    expect(given.status).toBe(201);
    expect(given.body.basis).toEqual({ type: 'legal-basis', code: 'guardian-consent' });

    const consent = await api.post(
      `/v1/referrals/${routed.id}/consents`,
      { recipientType: 'barnahus', purpose: 'barnahus' },
      'child-coordinator-syd',
    );
    expect(consent.status).toBe(400);
    const adultScope = await api.post(
      `/v1/referrals/${routed.id}/consents`,
      { recipientType: 'nsp', purpose: 'nsp-shelter' },
      'child-coordinator-syd',
    );
    expect(adultScope.status).toBe(409);
    expect(problem(adultScope).detail).toContain('legal basis');
  });
});
