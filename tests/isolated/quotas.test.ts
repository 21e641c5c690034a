// Issue 15: submissions are bounded per organisation and per person each clock hour (429 + Retry-After, nothing
// stored), and one referral takes at most ten accompanying children (422). Before, 200 submissions from one client
// all got 201, and one referral with 20 children in 20 municipalities made 21 referrals and 41 e-mails.
import { type Platform, startPlatform } from '@nrm/local';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adultReferral, referral } from '../support/fixtures';
import { type ApiClient, apiClient, namedFields } from '../support/http';

// Low limits for this platform of its own; configuration is read once per process, before the platform starts.
process.env.NRM_QUOTA_PERSON_PER_HOUR = '3';
process.env.NRM_QUOTA_ORGANISATION_PER_HOUR = '8';

let platform: Platform;
let api: ApiClient;

beforeAll(async () => {
  platform = await startPlatform({ port: 0, visibilitySeconds: 2, logLevel: 'ERROR' });
  api = apiClient(platform.url);
});

afterAll(async () => {
  await platform?.stop();
});

const child = (municipalityCode: string) => ({ age: { estimatedYears: 5 }, location: { municipalityCode } });

describe('submission quotas', () => {
  it('lets a person submit three referrals an hour, then answers 429 with Retry-After and stores nothing', async () => {
    for (let i = 0; i < 3; i++) {
      expect((await api.post('/v1/referrals', adultReferral(), 'cso-stodgruppen')).status).toBe(201);
    }
    const refused = await api.post('/v1/referrals', adultReferral(), 'cso-stodgruppen');
    expect(refused.status).toBe(429);
    expect(refused.headers.get('content-type')).toContain('application/problem+json');
    const retryAfter = Number(refused.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(3600);
    const mine = await api.get('/v1/referrals?mine=true', 'cso-stodgruppen');
    expect(mine.body.items).toHaveLength(3);
  });

  it('counts an organisation’s referrals with their accompanying children', async () => {
    const family = (n: number) =>
      referral({ accompanyingChildren: Array.from({ length: n }, () => child('1280')) });
    expect((await api.post('/v1/referrals', family(3), 'police-syd-system')).status).toBe(201);
    expect((await api.post('/v1/referrals', family(3), 'police-syd-system')).status).toBe(201);
    expect((await api.post('/v1/referrals', family(1), 'police-syd-system')).status).toBe(429);
    const mine = await api.get('/v1/referrals?mine=true', 'police-syd-system');
    expect(mine.body.items).toHaveLength(8);
  });

  it('refuses more than ten accompanying children with 422 naming the field', async () => {
    const res = await api.post(
      '/v1/referrals',
      referral({
        accompanyingChildren: Array.from({ length: 11 }, (_, i) => child(i % 2 ? '1280' : '0180')),
      }),
      'migrationsverket-system',
    );
    expect(namedFields(res, 422)).toEqual(['accompanyingChildren']);
  });
});
