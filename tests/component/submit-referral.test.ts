// submitReferral against DynamoDB Local: what one submission stores, the Idempotency-Key's replay and mismatch (also
// when two requests with one key race), and the bound on one request's fan-out.
import { IdempotencyMismatch, InvalidField } from '@nrm/domain';
import { getPersonalRecord, getReferralEvents, getReferralState, listByReferrer } from '@nrm/store';
import { ulid } from 'ulid';
import { describe, expect, it } from 'vitest';
import { submitReferral } from '../../packages/usecases/src/submit-referral';
import { at, childSubmission, principal } from './support';

const police = principal('police-syd-system');
const now = at('2026-03-10T09:00:00Z');

describe('submitReferral', () => {
  it('stores the referral, its received event and the personal data beside it, and one linked referral per child', async () => {
    const body = childSubmission({
      location: { municipalityCode: '1280' },
      accompanyingChildren: [{ age: { estimatedYears: 4 } }, { age: { estimatedYears: 7 } }],
    });
    const result = await submitReferral({ submission: body, principal: police, channel: 'api', now });
    expect(result).toMatchObject({ status: 'received', created: true });
    expect(result.reference).toMatch(/^NRM-2026-\d{6}$/);

    const state = await getReferralState(result.id, { consistent: true });
    expect(state).toMatchObject({
      id: result.id,
      version: 1,
      status: 'received',
      channel: 'api',
      referrer: { organisationId: police.organisationId },
      route: null,
      handoffs: [],
      clocks: [],
      notes: 0,
    });
    expect(state!.linkedReferrals).toHaveLength(2);
    const events = await getReferralEvents(result.id);
    expect(events.map((e) => e.type)).toEqual(['referral.received.v1']);
    // The event carries what routing and statistics need; the person's details live in the PERSONAL item only.
    expect(JSON.stringify(events)).not.toContain('2009-05-01');
    expect((await getPersonalRecord(result.id))?.data.person.age).toEqual({ dateOfBirth: '2009-05-01' });

    for (const childId of state!.linkedReferrals) {
      const child = await getReferralState(childId, { consistent: true });
      expect(child).toMatchObject({ status: 'received', parentReferralId: result.id });
      expect(child!.reference).not.toBe(result.reference);
    }
  });

  it('answers a retry with the same key and body with the first result, and creates nothing more', async () => {
    const key = `component-${ulid()}`;
    const body = childSubmission();
    const referrer = principal('socialtjanst-malmo-handlaggare');
    const first = await submitReferral({
      submission: body,
      principal: referrer,
      channel: 'web',
      idempotencyKey: key,
      now,
    });
    const retry = await submitReferral({
      submission: body,
      principal: referrer,
      channel: 'web',
      idempotencyKey: key,
      now: at('2026-03-10T09:05:00Z'),
    });
    expect(first.created).toBe(true);
    expect(retry).toEqual({ id: first.id, reference: first.reference, status: 'received', created: false });
    const mine = await listByReferrer(referrer.organisationId, { limit: 100 });
    expect(mine.items.filter((s) => s.id === first.id)).toHaveLength(1);
    expect(mine.items.filter((s) => s.submittedAt === at('2026-03-10T09:05:00Z').toISOString())).toEqual([]);
  });

  it('refuses the same key with another body (idempotency-mismatch, 422 over HTTP)', async () => {
    const key = `component-${ulid()}`;
    await submitReferral({
      submission: childSubmission(),
      principal: police,
      channel: 'api',
      idempotencyKey: key,
      now,
    });
    const other = childSubmission({ needs: { acuteProtection: true } });
    const refused = submitReferral({
      submission: other,
      principal: police,
      channel: 'api',
      idempotencyKey: key,
      now,
    });
    await expect(refused).rejects.toBeInstanceOf(IdempotencyMismatch);
    await expect(refused).rejects.toMatchObject({ code: 'idempotency-mismatch' });
  });

  it('creates one referral when two requests with one key race, and answers both with it', async () => {
    const key = `component-${ulid()}`;
    const body = childSubmission({ location: { municipalityCode: '0180' } });
    const racing = await Promise.all(
      [0, 1, 2].map(() =>
        submitReferral({ submission: body, principal: police, channel: 'api', idempotencyKey: key, now }),
      ),
    );
    expect(new Set(racing.map((r) => r.id)).size).toBe(1);
    expect(racing.filter((r) => r.created)).toHaveLength(1);
  });

  it('refuses more accompanying children than one request may fan out to, naming the field', async () => {
    const children = Array.from({ length: 11 }, () => ({ age: { estimatedYears: 5 } }));
    const refused = submitReferral({
      submission: childSubmission({ accompanyingChildren: children }),
      principal: police,
      channel: 'api',
      now,
    });
    await expect(refused).rejects.toBeInstanceOf(InvalidField);
    await expect(refused).rejects.toMatchObject({ field: 'accompanyingChildren', code: 'invalid-field' });
  });
});
