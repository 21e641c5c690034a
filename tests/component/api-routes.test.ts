// API routes through `createApp().request()` — the app the Lambda and the local server serve, its middleware
// included (JWT verified against the local issuer's JWKS, problem+json, the one onError) — against DynamoDB Local,
// without an HTTP server or workers: the router's step is the use case, run in the test.
import { getReferralEvents, listNotes, readTrail } from '@nrm/store';
import { ulid } from 'ulid';
import { beforeAll, describe, expect, it } from 'vitest';
import { offerHandoff } from '../../packages/usecases/src/referral-actions';
import { routeReferral } from '../../packages/usecases/src/route-referral';
import { adultReferral, referral } from '../support/fixtures';
import { app, call, principal } from './support';

const api = app();
const POLICE = 'police-syd-system';
const CHILD_COORDINATOR = 'child-coordinator-syd';
const PROBLEM = 'application/problem+json';
const NSP_CONSENT = { status: 'given', sharing: [{ recipientType: 'nsp', purpose: 'nsp-shelter' }] };
const day = (offsetDays: number) => new Date(Date.now() + offsetDays * 86_400_000).toISOString().slice(0, 10);

interface Problem {
  type: string;
  status: number;
  detail?: string;
  errors?: { path: string; message: string }[];
}

async function submitted(body = referral({ location: { municipalityCode: '1280' } })) {
  const created = await call<{ id: string }>(api, 'POST', '/v1/referrals', POLICE, body);
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  return created.body.id;
}

describe('POST /v1/referrals', () => {
  it('creates (201), replays the same key and body (200, same referral), refuses the key with another body (422)', async () => {
    const key = `component-${ulid()}`;
    const body = referral();
    const first = await call<{ id: string; reference: string }>(api, 'POST', '/v1/referrals', POLICE, body, {
      'idempotency-key': key,
    });
    expect(first.status).toBe(201);
    expect(first.headers.get('location')).toBe(`/v1/referrals/${first.body.id}`);
    const replay = await call(api, 'POST', '/v1/referrals', POLICE, body, { 'idempotency-key': key });
    expect(replay.status).toBe(200);
    expect(replay.body).toEqual({ ...first.body, status: 'received' });
    const other = await call<Problem>(
      api,
      'POST',
      '/v1/referrals',
      POLICE,
      referral({ needs: { acuteProtection: true } }),
      {
        'idempotency-key': key,
      },
    );
    expect(other.status).toBe(422);
    expect(other.type).toContain(PROBLEM);
    expect(other.body.detail).toMatch(/Idempotency-Key/);
  });

  it('refuses a request without a token (401) and a body the schema refuses (400, naming the field)', async () => {
    const anonymous = await api.request('/v1/referrals', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(referral()),
    });
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers.get('www-authenticate')).toContain('Bearer');
    const invalid = await call<Problem>(api, 'POST', '/v1/referrals', POLICE, referral({ needs: {} }));
    expect(invalid.status).toBe(400);
    expect(invalid.body.errors).toContainEqual(expect.objectContaining({ path: 'needs.acuteProtection' }));
  });
});

describe('GET /v1/referrals/{id}', () => {
  let id: string;
  beforeAll(async () => {
    id = await submitted();
    expect(await routeReferral(id, new Date())).toBe('routed');
  });

  it('answers each caller in its view, 404 to one who may not know it exists, and audits every decision', async () => {
    const asReferrer = await call<{ view: string }>(api, 'GET', `/v1/referrals/${id}`, POLICE);
    expect(asReferrer).toMatchObject({ status: 200, body: { view: 'status' } });
    const asCoordinator = await call<{ view: string }>(api, 'GET', `/v1/referrals/${id}`, CHILD_COORDINATOR);
    expect(asCoordinator).toMatchObject({ status: 200, body: { view: 'case' } });
    const elsewhere = await call<Problem>(api, 'GET', `/v1/referrals/${id}`, 'child-coordinator-nord');
    expect(elsewhere).toMatchObject({ status: 404, body: { detail: 'No such referral.' } });
    const trail = await readTrail(`referral:${id}`);
    expect(trail.map((e) => [e.actor.sub, e.action, e.outcome])).toEqual(
      expect.arrayContaining([
        [POLICE, 'referral.read', 'allowed'],
        [CHILD_COORDINATOR, 'referral.read', 'allowed'],
        ['child-coordinator-nord', 'referral.read', 'denied'],
      ]),
    );
  });

  it('acknowledges once (200); a second acknowledgement is a conflict (409 problem+json)', async () => {
    const first = await call(api, 'POST', `/v1/referrals/${id}/acknowledge`, CHILD_COORDINATOR, {});
    expect(first.status).toBe(200);
    const second = await call<Problem>(api, 'POST', `/v1/referrals/${id}/acknowledge`, CHILD_COORDINATOR, {});
    expect(second.status).toBe(409);
    expect(second.type).toContain(PROBLEM);
    expect(second.body).toMatchObject({ status: 409, detail: 'The referral is already acknowledged.' });
  });
});

describe('refusals answered by the one onError', () => {
  it('answers a cursor the platform did not make with 400, in the feed and in the hand-off list', async () => {
    const feed = await call<Problem>(api, 'GET', '/v1/feed?after=not-a-cursor', POLICE);
    expect(feed).toMatchObject({ status: 400, body: { detail: 'The cursor is not valid.' } });
    const handoffs = await call<Problem>(api, 'GET', '/v1/handoffs?cursor=not-a-cursor', 'receiver-nsp');
    expect(handoffs).toMatchObject({ status: 400, body: { detail: 'The cursor is not valid.' } });
  });

  it("refuses another region's queue and the statistics, and audits the refusals", async () => {
    const queue = await call<Problem>(api, 'GET', '/v1/queues/syd:child/referrals', 'child-coordinator-nord');
    expect([403, 404]).toContain(queue.status);
    expect(queue.type).toContain(PROBLEM);
    const denied = await readTrail('queue:syd:child');
    expect(denied).toContainEqual(
      expect.objectContaining({
        action: 'referral.list-queue',
        outcome: 'denied',
        actor: expect.objectContaining({ sub: 'child-coordinator-nord' }),
      }),
    );
    const stats = await call<Problem>(api, 'GET', '/v1/stats/summary', CHILD_COORDINATOR);
    expect(stats).toMatchObject({ status: 403, body: { detail: 'Your role may not do this.' } });
    expect(await readTrail('statistics')).toContainEqual(
      expect.objectContaining({
        outcome: 'denied',
        actor: expect.objectContaining({ sub: CHILD_COORDINATOR }),
      }),
    );
  });

  it("keeps a decline's comment as a note the event names by id, and a bare decline without one", async () => {
    const now = new Date();
    const withComment = await submitted(
      adultReferral({ location: { municipalityCode: '1280' }, consent: NSP_CONSENT }),
    );
    const bare = await submitted(
      adultReferral({ location: { municipalityCode: '1280' }, consent: NSP_CONSENT }),
    );
    for (const id of [withComment, bare]) await routeReferral(id, now);
    const offer = { recipientId: 'nsp', purpose: 'nsp-shelter' } as const;
    const args = { principal: principal('coordinator-syd'), now, authorize: () => {} };
    const first = await offerHandoff(withComment, offer, args);
    const second = await offerHandoff(bare, offer, args);

    const declined = await call<{ status: string }>(
      api,
      'POST',
      `/v1/handoffs/${first.handoffId}/decline`,
      'receiver-nsp',
      {
        reason: 'no-capacity',
        comment: 'Fullt i helgen.',
      },
    );
    expect(declined).toMatchObject({ status: 200, body: { status: 'declined' } });
    const [note] = await listNotes(withComment);
    expect(note).toMatchObject({ kind: 'comment', text: 'Fullt i helgen.' });
    const event = (await getReferralEvents(withComment)).find((e) => e.type === 'handoff.declined.v1');
    expect(event?.data).toEqual({ handoffId: first.handoffId, reason: 'no-capacity', commentId: note!.id });

    const plain = await call(api, 'POST', `/v1/handoffs/${second.handoffId}/decline`, 'receiver-nsp', {
      reason: 'no-capacity',
    });
    expect(plain.status).toBe(200);
    expect(await listNotes(bare)).toEqual([]);
    const bareEvent = (await getReferralEvents(bare)).find((e) => e.type === 'handoff.declined.v1');
    expect(bareEvent?.data).toEqual({ handoffId: second.handoffId, reason: 'no-capacity' });
  });

  it('answers a permit grant shorter than the law allows with 422 naming validUntil', async () => {
    const id = await submitted(
      adultReferral({
        location: { municipalityCode: '1280' },
        consent: {
          status: 'given',
          sharing: [{ recipientType: 'police', purpose: 'criminal-investigation' }],
        },
      }),
    );
    await routeReferral(id, new Date());
    const applied = await call<{ id: string }>(
      api,
      'POST',
      `/v1/referrals/${id}/permits`,
      'coordinator-syd',
      {
        kind: 'criminal-investigation',
        appliedBy: 'preliminary-investigation-leader',
        appliedOn: day(-10),
      },
    );
    expect(applied.status, JSON.stringify(applied.body)).toBe(201);
    const decided = await call<Problem>(
      api,
      'POST',
      `/v1/referrals/${id}/permits/${applied.body.id}/decision`,
      'coordinator-syd',
      { decision: 'granted', decidedOn: day(-2), validUntil: day(20) },
    );
    expect(decided.status).toBe(422);
    expect(decided.body.errors).toEqual([expect.objectContaining({ path: 'validUntil' })]);
  });
});
