// Issue 14, over HTTP against the running platform: services run in parallel under one owner (a police investigation
// never makes the police the owner), clocks are paused with a reason and resumed, and the permit ledger records
// applications and decisions — by whom the access policy allows — and arms the statutory clocks.
import { describe, expect, inject, it } from 'vitest';
import { adultReferral } from '../support/fixtures';
import { apiClient, namedFields, problem } from '../support/http';
import { caseView, submitRouted } from '../support/referral-flow';

const { url } = inject('platform');
const api = apiClient(url);

const COORDINATOR = 'coordinator-syd';
const read = (id: string, as = COORDINATOR) => caseView(api, id, as);
const today = () => new Date().toISOString().slice(0, 10);

async function acknowledgedAdult() {
  const sharing = [
    { recipientType: 'police', purpose: 'criminal-investigation' },
    { recipientType: 'nsp', purpose: 'nsp-shelter' },
    { recipientType: 'migrationsverket', purpose: 'reflection-period-permit' },
  ];
  const routed = await submitRouted(
    api,
    adultReferral({ location: { municipalityCode: '1280' }, consent: { status: 'given', sharing } }),
  );
  expect((await api.post(`/v1/referrals/${routed.id}/acknowledge`, {}, COORDINATOR)).status).toBe(200);
  return routed.id;
}

async function offerAndAccept(id: string, recipient: string, purpose: string, receiver: string) {
  const offered = await api.post(
    `/v1/referrals/${id}/handoffs`,
    { recipient: { id: recipient }, purpose },
    COORDINATOR,
  );
  expect(offered.status, JSON.stringify(offered.body)).toBe(201);
  const accepted = await api.post(`/v1/handoffs/${offered.body.id}/accept`, {}, receiver);
  expect(accepted.status, JSON.stringify(accepted.body)).toBe(200);
  return offered.body.id;
}

describe('a police investigation runs beside the case', () => {
  it('leaves the owner unchanged; the coordinator notes, offers a shelter place and transfers the case', async () => {
    const id = await acknowledgedAdult();
    const investigation = await offerAndAccept(
      id,
      'police:syd',
      'criminal-investigation',
      'receiver-police-syd',
    );
    expect((await read(id)).owner).toEqual({
      type: 'coordinator-office',
      id: 'coordinator-office:syd:adult',
    });

    // The investigating police record that the investigation opened; the coordinator works on meanwhile.
    const started = await api.post(`/v1/handoffs/${investigation}/start`, {}, 'receiver-police-syd');
    expect(started.status).toBe(200);
    expect(started.body.status).toBe('active');
    expect((await api.post(`/v1/referrals/${id}/notes`, { text: 'Förhör bokat.' }, COORDINATOR)).status).toBe(
      201,
    );
    const shelter = await offerAndAccept(id, 'nsp', 'nsp-shelter', 'receiver-nsp');
    const moved = await api.post(
      `/v1/referrals/${id}/transfer`,
      { queue: 'vast:adult', reason: 'person-moved' },
      COORDINATOR,
    );
    expect(moved.status, JSON.stringify(moved.body)).toBe(200);
    expect(moved.body.owner).toEqual({ type: 'coordinator-office', id: 'coordinator-office:syd:adult' });
    expect(moved.body.handoffs.map((h) => [h.purpose, h.kind, h.status])).toEqual([
      ['criminal-investigation', 'service', 'active'],
      ['nsp-shelter', 'service', 'accepted'],
    ]);
    // The shelter's stay ends with an outcome; the police may not end another organisation's service.
    expect(
      (await api.post(`/v1/handoffs/${shelter}/end`, { outcome: 'completed' }, 'receiver-police-syd')).status,
    ).toBe(404);
    const ended = await api.post(`/v1/handoffs/${shelter}/end`, { outcome: 'completed' }, 'receiver-nsp');
    expect(ended.body).toMatchObject({ status: 'ended', outcome: 'completed' });
  });
});

describe('pausing a clock', () => {
  it('pauses with a coded reason, shows it on the clock, resumes with the paused time added, and audits both', async () => {
    const id = await acknowledgedAdult();
    const ownerGap = (await read(id)).clocks.find((c) => c.kind === 'owner-gap' && c.state !== 'stopped')!;
    expect(ownerGap.pausable).toBe(true);
    const missing = await api.post(
      `/v1/referrals/${id}/clocks/${ownerGap.id}/pause`,
      { reason: 'other' },
      COORDINATOR,
    );
    expect(namedFields(missing, 400)).toContain('comment');

    const paused = await api.post(
      `/v1/referrals/${id}/clocks/${ownerGap.id}/pause`,
      { reason: 'in-hospital' },
      COORDINATOR,
    );
    expect(paused.status, JSON.stringify(paused.body)).toBe(200);
    expect(paused.body.clocks.find((c) => c.id === ownerGap.id)).toMatchObject({
      state: 'paused',
      pauseReason: 'in-hospital',
    });
    const again = await api.post(
      `/v1/referrals/${id}/clocks/${ownerGap.id}/pause`,
      { reason: 'in-hospital' },
      COORDINATOR,
    );
    expect(again.status).toBe(409);
    // Someone outside the case may not pause it, and learns nothing of it.
    expect(
      (
        await api.post(
          `/v1/referrals/${id}/clocks/${ownerGap.id}/pause`,
          { reason: 'in-hospital' },
          'coordinator-vast',
        )
      ).status,
    ).toBe(404);

    const resumed = await api.post(`/v1/referrals/${id}/clocks/${ownerGap.id}/resume`, {}, COORDINATOR);
    expect(resumed.status).toBe(200);
    const clock = resumed.body.clocks.find((c) => c.id === ownerGap.id)!;
    expect(clock.state).not.toBe('paused');
    expect(Date.parse(clock.dueAt)).toBeGreaterThanOrEqual(Date.parse(ownerGap.dueAt));

    const history = await api.get(`/v1/referrals/${id}/events`, COORDINATOR);
    expect(
      history.body.events.filter((e) => e.type.startsWith('clock.p') || e.type === 'clock.resumed.v1'),
    ).toMatchObject([
      { type: 'clock.paused.v1', data: { clockId: ownerGap.id, reason: 'in-hospital' } },
      { type: 'clock.resumed.v1', data: { clockId: ownerGap.id } },
    ]);
    const trail = await api.get(`/v1/referrals/${id}/audit`, 'auditor');
    expect(trail.body.entries.filter((e) => e.action === 'clock.pause').map((e) => e.outcome)).toEqual([
      'allowed',
      'allowed',
      'denied',
      'allowed',
    ]);
  });
});

describe('the permit ledger', () => {
  it('takes the application from the investigating police and the decision from Migrationsverket, and arms the reflection period', async () => {
    const id = await acknowledgedAdult();
    await offerAndAccept(id, 'police:syd', 'criminal-investigation', 'receiver-police-syd');
    await offerAndAccept(id, 'migrationsverket', 'reflection-period-permit', 'receiver-migrationsverket');

    const application = {
      kind: 'reflection-period',
      appliedBy: 'preliminary-investigation-leader',
      appliedOn: today(),
    };
    // The shelter has no part in a permit application; Migrationsverket decides but does not apply.
    expect((await api.post(`/v1/referrals/${id}/permits`, application, 'receiver-nsp')).status).toBe(404);
    expect(
      (await api.post(`/v1/referrals/${id}/permits`, application, 'receiver-migrationsverket')).status,
    ).toBe(403);
    const applied = await api.post(`/v1/referrals/${id}/permits`, application, 'receiver-police-syd');
    expect(applied.status, JSON.stringify(applied.body)).toBe(201);
    expect(applied.body).toMatchObject({ kind: 'reflection-period', status: 'applied' });

    const decision = { decision: 'granted', decidedOn: today() };
    expect(
      (
        await api.post(
          `/v1/referrals/${id}/permits/${applied.body.id}/decision`,
          decision,
          'receiver-police-syd',
        )
      ).status,
    ).toBe(403);
    const granted = await api.post(
      `/v1/referrals/${id}/permits/${applied.body.id}/decision`,
      decision,
      'receiver-migrationsverket',
    );
    expect(granted.status, JSON.stringify(granted.body)).toBe(200);
    expect(granted.body).toMatchObject({ status: 'granted', validFrom: today() });
    const clock = (await read(id)).clocks.find(
      (c) => c.kind === 'reflection-period' && c.state !== 'stopped',
    )!;
    expect(clock.permitId).toBe(applied.body.id);
    expect(clock.pausable).toBe(false);
    expect(clock.dueAt).toBe(granted.body.expiresAt);

    const pause = await api.post(
      `/v1/referrals/${id}/clocks/${clock.id}/pause`,
      { reason: 'in-hospital' },
      COORDINATOR,
    );
    expect(pause.status).toBe(409);
  });

  it('refuses an exit-plan extension past 2 years with a 422 naming the field', async () => {
    const id = await acknowledgedAdult();
    const applied = await api.post(
      `/v1/referrals/${id}/permits`,
      { kind: 'exit-plan', appliedBy: 'social-services', appliedOn: today() },
      COORDINATOR,
    );
    expect(applied.status).toBe(201);
    const granted = await api.post(
      `/v1/referrals/${id}/permits/${applied.body.id}/decision`,
      { decision: 'granted', decidedOn: today() },
      COORDINATOR,
    );
    expect(granted.status).toBe(200);
    const year = Number(today().slice(0, 4));
    const past = await api.post(
      `/v1/referrals/${id}/permits/${applied.body.id}/extension`,
      { decidedOn: today(), validUntil: `${year + 3}-01-01` },
      COORDINATOR,
    );
    expect(past.status).toBe(422);
    expect(problem(past).errors?.[0]?.path).toBe('validUntil');
    expect(problem(past).detail).toMatch(/at most 2 years in total/);
    const within = await api.post(
      `/v1/referrals/${id}/permits/${applied.body.id}/extension`,
      { decidedOn: today(), validUntil: `${year + 1}-12-31` },
      COORDINATOR,
    );
    expect(within.status, JSON.stringify(within.body)).toBe(200);
    expect(within.body).toMatchObject({ validUntil: `${year + 1}-12-31`, extensions: 1 });
  });
});
