// api.md: a POST that creates something accepts Idempotency-Key — the same key and body answer the first result and
// create nothing more; the same key with another body is 422. For notes, supplements and hand-offs, including
// concurrent retries racing each other.
import { describe, expect, inject, it } from 'vitest';
import { adultReferral } from '../support/fixtures';
import { apiClient } from '../support/http';
import { asView, submitRouted } from '../support/referral-flow';

const { url } = inject('platform');
const api = apiClient(url);

const key = (name: string) => ({
  'Idempotency-Key': `${name}-${Date.now()}-${Math.random().toString(36).slice(2)}`,
});

async function acknowledged() {
  const routed = await submitRouted(api, adultReferral({ location: { municipalityCode: '1280' } }));
  expect((await api.post(`/v1/referrals/${routed.id}/acknowledge`, {}, 'coordinator-syd')).status).toBe(200);
  return `/v1/referrals/${routed.id}` as const;
}

const notesOf = async (ref: `/v1/referrals/${string}`) =>
  (await api.get(`${ref}/notes`, 'coordinator-syd')).body.items;

describe('Idempotency-Key on the actions that create something', () => {
  it('stores a retried note and supplement once and answers the first result', async () => {
    const ref = await acknowledged();
    const noteKey = key('note');
    const first = await api.post(`${ref}/notes`, { text: 'Samtal bokat.' }, 'coordinator-syd', noteKey);
    expect(first.status).toBe(201);
    const again = await api.post(`${ref}/notes`, { text: 'Samtal bokat.' }, 'coordinator-syd', noteKey);
    expect(again.status).toBe(200);
    expect(again.body).toEqual(first.body);
    const other = await api.post(`${ref}/notes`, { text: 'Något annat.' }, 'coordinator-syd', noteKey);
    expect(other.status).toBe(422);

    const supplementKey = key('supplement');
    const supplements = await Promise.all(
      Array.from({ length: 8 }, () =>
        api.post(`${ref}/supplements`, { text: 'Ny adress.' }, 'police-syd-system', supplementKey),
      ),
    );
    expect(supplements.map((r) => r.status).sort()).toEqual([200, 200, 200, 200, 200, 200, 200, 201]);
    expect(new Set(supplements.map((r) => r.body.id)).size).toBe(1);
    expect((await notesOf(ref)).map((n) => n.kind)).toEqual(['note', 'supplement']);
  });

  it('offers a retried hand-off once, even when the retries race', async () => {
    const ref = await acknowledged();
    const offerKey = key('offer');
    const body = { recipient: { id: 'nsp' }, purpose: 'nsp-shelter' };
    const answers = await Promise.all(
      Array.from({ length: 6 }, () => api.post(`${ref}/handoffs`, body, 'coordinator-syd', offerKey)),
    );
    expect(answers.map((r) => r.status).sort()).toEqual([200, 200, 200, 200, 200, 201]);
    expect(new Set(answers.map((r) => r.body.id)).size).toBe(1);
    const view = asView((await api.get(ref, 'coordinator-syd')).body, 'case');
    expect(view.handoffs.map((h) => h.id)).toEqual([answers[0]!.body.id]);
    // Without a key, a second identical offer is the state's refusal: it is already waiting for an answer.
    expect((await api.post(`${ref}/handoffs`, body, 'coordinator-syd')).status).toBe(409);
    // The same key on another endpoint is another request.
    expect((await api.post(`${ref}/notes`, { text: 'x' }, 'coordinator-syd', offerKey)).status).toBe(422);
  });
});
