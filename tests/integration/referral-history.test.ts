// Issue 7's workspace needs, through the API: a referring organisation lists its own referrals (status only); the
// coordinators read a referral's timeline of events (codes, never free text or the person key) and its notes, and an
// organisation that took the case on reads the notes it wrote itself.
import { describe, expect, inject, it } from 'vitest';
import { adultReferral } from '../support/fixtures';
import { apiClient, namedFields } from '../support/http';
import { STATUS_VIEW_FIELDS, submitRouted } from '../support/referral-flow';

const { url } = inject('platform');
const api = apiClient(url);

const NOTE = 'Ringde kontaktpersonen på boendet; möte bokat på torsdag.';
const SUPPLEMENT = 'Personen har flyttat till en väninna i Lund.';

describe("a referring organisation's own referrals", () => {
  it('lists them newest first, in the status view, and pages', async () => {
    const first = await submitRouted(api, adultReferral(), 'cso-stodgruppen');
    const second = await submitRouted(api, adultReferral(), 'cso-stodgruppen');
    const page = await api.get('/v1/referrals?mine=true&limit=1', 'cso-stodgruppen');
    expect(page.status).toBe(200);
    expect(page.body.items.map((r) => r.id)).toEqual([second.id]);
    expect(Object.keys(page.body.items[0]!).sort()).toEqual(STATUS_VIEW_FIELDS);
    const next = await api.get(
      `/v1/referrals?mine=true&limit=1&cursor=${encodeURIComponent(page.body.nextCursor!)}`,
      'cso-stodgruppen',
    );
    expect(next.body.items.map((r) => r.id)).toEqual([first.id]);

    // Another organisation's list does not have them; nobody lists across organisations.
    const police = await api.get('/v1/referrals?mine=true&limit=100', 'police-syd-system');
    expect(police.body.items.map((r) => r.id)).not.toContain(first.id);
    // A coordinator's office lists only what it registered itself (support phone, outreach: issue 17), not these.
    const office = await api.get('/v1/referrals?mine=true&limit=100', 'coordinator-syd');
    expect(office.status).toBe(200);
    expect(office.body.items.map((r) => r.id)).not.toContain(first.id);
    expect((await api.get('/v1/referrals?mine=true', 'auditor')).status).toBe(403);
    const all = await api.get('/v1/referrals', 'cso-stodgruppen');
    expect(namedFields(all, 400)).toEqual(['query.mine']);
  });
});

describe("a referral's timeline and notes", () => {
  it('shows the coordinators every event with who recorded it, and the notes in full', async () => {
    const routed = await submitRouted(api, adultReferral({ location: { municipalityCode: '1280' } }));
    const ref = `/v1/referrals/${routed.id}` as const;
    await api.post(`${ref}/acknowledge`, {}, 'coordinator-syd');
    await api.post(`${ref}/notes`, { text: NOTE }, 'coordinator-syd');
    await api.post(`${ref}/supplements`, { text: SUPPLEMENT }, 'police-syd-system');
    // Social services of the responsible municipality take responsibility for the case: they own it and keep notes.
    const offered = await api.post(
      `${ref}/handoffs`,
      { recipient: { id: 'social-services:1280' }, purpose: 'social-services-investigation' },
      'coordinator-syd',
    );
    const owner = 'receiver-socialtjanst-malmo';
    expect((await api.post(`/v1/handoffs/${offered.body.id}/accept`, {}, owner)).status).toBe(200);
    expect((await api.post(`${ref}/notes`, { text: 'Utredning inledd.' }, owner)).status).toBe(201);

    const history = await api.get(`${ref}/events`, 'coordinator-syd');
    expect(history.status).toBe(200);
    const types = history.body.events.map((e) => e.type);
    expect(types).toEqual(
      expect.arrayContaining([
        'referral.received.v1',
        'referral.routed.v1',
        'referral.acknowledged.v1',
        'referral.note-added.v1',
        'referral.supplemented.v1',
        'handoff.offered.v1',
        'handoff.accepted.v1',
      ]),
    );
    expect(history.body.events.map((e) => e.seq)).toEqual(history.body.events.map((_, i) => i + 1));
    expect(history.body.events.find((e) => e.type === 'referral.acknowledged.v1')?.actor.role).toBe(
      'regional-coordinator',
    );
    const raw = JSON.stringify(history.body);
    expect(raw).not.toContain(NOTE);
    expect(raw).not.toContain(SUPPLEMENT);
    expect(raw).not.toContain('personKey');

    const notes = await api.get(`${ref}/notes`, 'coordinator-syd');
    expect(notes.body.items.map((n) => [n.kind, n.text])).toEqual([
      ['note', NOTE],
      ['supplement', SUPPLEMENT],
      ['note', 'Utredning inledd.'],
    ]);
    // The organisation that took the case on reads what it wrote, not the coordinators' notes.
    const own = await api.get(`${ref}/notes`, owner);
    expect(own.body.items.map((n) => n.text)).toEqual(['Utredning inledd.']);
    // The referrer and the organisation's history: refused; another region does not know the referral.
    expect((await api.get(`${ref}/events`, 'police-syd-system')).status).toBe(403);
    expect((await api.get(`${ref}/notes`, 'police-syd-system')).status).toBe(403);
    expect((await api.get(`${ref}/events`, owner)).status).toBe(403);
    expect((await api.get(`${ref}/events`, 'coordinator-nord')).status).toBe(404);
    expect((await api.get(`${ref}/notes`, 'coordinator-nord')).status).toBe(404);
  });
});
