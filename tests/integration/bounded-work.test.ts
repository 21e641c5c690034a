// Issue 15: every request does bounded work. A statistics range is real dates and at most 36 months (the red team's
// `from=1000-01-01&to=2999-12-31` ran ~24 000 parallel queries; `9999-99-99` never terminated). Pagination cursors
// are opaque and signed: 11 of 13 forged cursors answered 500 when they were the raw database key.
import { describe, expect, inject, it } from 'vitest';
import { adultReferral } from '../support/fixtures';
import { apiClient, problem } from '../support/http';
import { submitRouted } from '../support/referral-flow';

const { url } = inject('platform');
const api = apiClient(url);

const times = (query: string) => api.get(`/v1/stats/handoff-times?${query}`, 'national-coordinator');

describe('statistics ranges', () => {
  it.each([
    ['from=1000-01-01&to=2999-12-31', 'a thousand years'],
    ['from=2026-01-01&to=9999-99-99', 'not a date'],
    ['from=2026-02-30&to=2026-03-01', 'the 30th of February'],
    ['from=2023-01-01&to=2026-01-31', '37 months'],
  ])('refuses %s (%s) with 400 naming the field', async (query) => {
    const res = await times(query);
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    expect(problem(res).errors?.length).toBeGreaterThan(0);
  });

  it('answers a range of 36 months', async () => {
    expect((await times('from=2024-01-01&to=2026-12-31')).status).toBe(200);
  });
});

describe('pagination cursors', () => {
  it('refuse a forged, altered or foreign cursor with 400 and follow a genuine one', async () => {
    for (let i = 0; i < 3; i++)
      await submitRouted(api, adultReferral({ location: { municipalityCode: '2180' } }));
    const first = await api.get('/v1/queues/mitt:adult/referrals?limit=1', 'coordinator-mitt');
    expect(first.body.nextCursor).toBeTruthy();
    const cursor = first.body.nextCursor!;
    const page = (queue: string, c: string, as = 'coordinator-mitt') =>
      api.get(`/v1/queues/${queue}/referrals?limit=1&cursor=${encodeURIComponent(c)}`, as);
    expect((await page('mitt:adult', cursor)).status).toBe(200);

    const [payload, mac] = cursor.split('.') as [string, string];
    const raw = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Record<string, unknown>;
    const forged = [
      payload, // the bare key, as cursors used to be
      `${Buffer.from(JSON.stringify({ ...raw, queuePk: 'QUEUE#syd:adult' })).toString('base64url')}.${mac}`,
      `${payload}.${mac.slice(0, -2)}AA`,
      `${Buffer.from('{"pk":{"S":1}}').toString('base64url')}.${mac}`,
      `${Buffer.from('not json').toString('base64url')}.${mac}`,
      '....',
      'x'.repeat(2000),
      `${payload}.${mac}.${mac}`,
    ];
    for (const c of forged) expect((await page('mitt:adult', c)).status, c.slice(0, 40)).toBe(400);
    // A genuine cursor of another listing is foreign here.
    const mine = await api.get('/v1/referrals?mine=true&limit=1', 'police-syd-system');
    expect((await page('mitt:adult', mine.body.nextCursor!)).status).toBe(400);
  });
});
