// Issue 15: every request does bounded work. A statistics range is real dates and at most 36 months (the red team's
// `from=1000-01-01&to=2999-12-31` ran ~24 000 parallel queries; `9999-99-99` never terminated).
import { describe, expect, inject, it } from 'vitest';
import { apiClient } from '../support/http';

const { url } = inject('platform');
const api = apiClient(url);

const times = (query: string) =>
  api.get<{ errors?: { path: string }[] }>(`/v1/stats/handoff-times?${query}`, 'national-coordinator');

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
    expect(res.body.errors?.length).toBeGreaterThan(0);
  });

  it('answers a range of 36 months', async () => {
    expect((await times('from=2024-01-01&to=2026-12-31')).status).toBe(200);
  });
});
