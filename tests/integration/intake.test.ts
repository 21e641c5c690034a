// Issue 2: idempotent submission and clear, complete answers to bad input.
import { ReferralRequest } from '@nrm/schemas';
import fc from 'fast-check';
import { describe, expect, inject, it } from 'vitest';
import { dynamoClient } from '../support/aws';
import { adultReferral, referral } from '../support/fixtures';
import { apiClient, namedFields, problem } from '../support/http';
import { ledger } from '../support/ledger';

const platform = inject('platform');
const api = apiClient(platform.url);

const countReferralStates = ledger(dynamoClient(platform), platform.tablePrefix).referralsStored;

describe('Idempotency-Key', () => {
  it('creates exactly one referral when the same key is sent 20 times at once', async () => {
    const before = await countReferralStates();
    const key = `test-${crypto.randomUUID()}`;
    const body = adultReferral({ location: { municipalityCode: '0380' } });
    const responses = await Promise.all(
      Array.from({ length: 20 }, () =>
        api.post('/v1/referrals', body, 'migrationsverket-system', {
          'Idempotency-Key': key,
        }),
      ),
    );
    expect(responses.map((r) => r.status).filter((s) => s !== 201 && s !== 200)).toEqual([]);
    expect(responses.filter((r) => r.status === 201)).toHaveLength(1);
    expect(new Set(responses.map((r) => r.body.id)).size).toBe(1);
    expect(new Set(responses.map((r) => r.body.reference)).size).toBe(1);
    expect(await countReferralStates()).toBe(before + 1);
  });

  it('refuses the same key with a different body', async () => {
    const key = `test-${crypto.randomUUID()}`;
    const first = await api.post('/v1/referrals', adultReferral(), 'police-syd-system', {
      'Idempotency-Key': key,
    });
    expect(first.status).toBe(201);
    const second = await api.post(
      '/v1/referrals',
      adultReferral({ needs: { acuteProtection: true } }),
      'police-syd-system',
      { 'Idempotency-Key': key },
    );
    expect(second.status).toBe(422);
    expect(second.headers.get('content-type')).toContain('application/problem+json');
  });

  it('keeps keys of different organisations apart', async () => {
    const key = `test-${crypto.randomUUID()}`;
    const a = await api.post('/v1/referrals', adultReferral(), 'police-syd-system', {
      'Idempotency-Key': key,
    });
    const b = await api.post('/v1/referrals', adultReferral(), 'cso-stodgruppen', {
      'Idempotency-Key': key,
    });
    expect([a.status, b.status]).toEqual([201, 201]);
    expect(a.body.id).not.toBe(b.body.id);
  });
});

describe('bad input', () => {
  async function expectProblem(body: unknown, status: number, paths: string[] = []) {
    const res = await api.post('/v1/referrals', body, 'police-syd-system');
    expect(namedFields(res, status).sort()).toEqual([...paths].sort());
    expect(res.body).toMatchObject({ status, title: expect.any(String), type: expect.any(String) });
    return problem(res);
  }

  it('names every bad field at once: wrong types, missing fields, unknown fields', async () => {
    const body = referral({
      person: { age: { estimatedYears: 'sixteen' }, gender: 42, shoeSize: 44 },
      exploitation: { purposes: [] },
      needs: {},
      surprise: true,
    });
    delete (body as Record<string, unknown>).location;
    await expectProblem(body, 400, [
      'person.age.estimatedYears',
      'person.gender',
      'person.shoeSize',
      'location',
      'exploitation.purposes',
      'needs.acuteProtection',
      'surprise',
    ]);
  });

  it('rejects an unknown municipality code and a malformed date', async () => {
    const problem = await expectProblem(
      referral({
        person: { age: { dateOfBirth: '2009-13-45' }, gender: 'female' },
        location: { municipalityCode: '9999' },
      }),
      400,
      ['person.age.dateOfBirth', 'location.municipalityCode'],
    );
    expect(problem.errors?.find((e) => e.path === 'location.municipalityCode')?.message).toMatch(
      /municipality/,
    );
  });

  it('rejects unknown country and language codes', async () => {
    await expectProblem(
      referral({
        person: { age: { unknown: true }, gender: 'male', citizenships: ['XX'], languages: ['qq'] },
      }),
      400,
      ['person.citizenships.0', 'person.languages.0'],
    );
  });

  it('answers 413 to a 1 MB body', async () => {
    const res = await api.request('POST', '/v1/referrals', {
      as: 'police-syd-system',
      rawBody: JSON.stringify(referral({ narrative: 'x'.repeat(1024 * 1024) })),
      headers: { 'content-type': 'application/json' },
    });
    expect(res.status).toBe(413);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
  });

  it('answers 415 to a body that is not JSON, and 400 to malformed JSON', async () => {
    const text = await api.request('POST', '/v1/referrals', {
      as: 'police-syd-system',
      rawBody: 'person=anna',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(text.status).toBe(415);
    const malformed = await api.request('POST', '/v1/referrals', {
      as: 'police-syd-system',
      rawBody: '{"person":',
      headers: { 'content-type': 'application/json' },
    });
    expect(malformed.status).toBe(400);
    expect(malformed.headers.get('content-type')).toContain('application/problem+json');
  });

  it('answers 401 without a token and never shows a stack trace', async () => {
    const res = await api.request('POST', '/v1/referrals', { body: referral() });
    expect(res.status).toBe(401);
    expect(res.headers.get('www-authenticate')).toContain('Bearer');
    expect(JSON.stringify(res.body)).not.toMatch(/at .*\.ts:\d+/);
  });

  it('never answers 500 and never accepts an invalid referral, whatever the body (property-based)', async () => {
    const valid = referral();
    // Mutations of a valid referral reach deep into the schema; arbitrary JSON covers the rest.
    const mutated = fc
      .tuple(
        fc.constantFrom(
          'person',
          'location',
          'exploitation',
          'needs',
          'consent',
          'accompanyingChildren',
          'narrative',
        ),
        fc.oneof(fc.jsonValue(), fc.constant(undefined), fc.string(), fc.object()),
      )
      .map(([field, value]) => ({ ...valid, [field]: value }));
    const bodies = fc.oneof(mutated, fc.jsonValue(), fc.object({ maxDepth: 3 }));
    let requests = 0;
    await fc.assert(
      fc.asyncProperty(bodies, async (body) => {
        requests++;
        const res = await api.post('/v1/referrals', body, 'police-syd-system');
        expect(res.status).toBeLessThan(500);
        if (res.status === 201) {
          expect(ReferralRequest.safeParse(body).success).toBe(true);
        } else {
          expect(res.status).toBe(400);
          expect(res.headers.get('content-type')).toContain('application/problem+json');
          expect(JSON.stringify(res.body)).not.toMatch(/\s+at\s+\S+:\d+:\d+/);
        }
      }),
      { numRuns: 150 },
    );
    expect(requests).toBeGreaterThanOrEqual(150);
  });
});
