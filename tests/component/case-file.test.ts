// The case file against DynamoDB Local: reading it in the caseworker's and the referrer's view, a correction that
// moves an adult to the children's track in the same transaction (replayed by its Idempotency-Key), and an anonymous
// notification opened as a case once — the second time is a conflict.
import { Conflict } from '@nrm/domain';
import { getPersonalRecord, getReferralState } from '@nrm/store';
import { ulid } from 'ulid';
import { describe, expect, it } from 'vitest';
import { correctReferral, openCase, readCaseFile } from '../../packages/usecases/src/case-file';
import { adultSubmission, anyone, at, principal, routed } from './support';

const police = principal('police-syd-system');
const coordinator = { principal: principal('coordinator-syd'), authorize: anyone };

describe('reading the case file', () => {
  it('gives the caseworker the person, and the referrer back what it sent', async () => {
    const now = at('2026-05-04T08:00:00Z');
    const id = await routed(
      adultSubmission({
        person: {
          name: 'Ana Komponent',
          age: { estimatedYears: 30 },
          gender: 'female',
          citizenships: ['RO'],
        },
        location: { municipalityCode: '1280' },
      }),
      now,
    );
    const state = (await getReferralState(id, { consistent: true }))!;
    const caseView = await readCaseFile(state, { view: 'case' });
    expect(caseView).toMatchObject({
      id,
      view: 'case',
      anonymous: false,
      identity: { name: 'Ana Komponent' },
    });
    const referrerView = await readCaseFile(state, {
      view: 'referrer',
      organisationId: police.organisationId,
    });
    expect(referrerView.view).toBe('referrer');
    expect(referrerView.location).toMatchObject({ now: { municipalityCode: '1280' } });
  });
});

describe('correctReferral', () => {
  it("moves a person found to be a child to the children's queue in the same step, once per Idempotency-Key", async () => {
    const now = at('2026-05-05T08:00:00Z');
    const id = await routed(adultSubmission({ location: { municipalityCode: '1280' } }), now);
    expect((await getReferralState(id, { consistent: true }))!.route).toMatchObject({ queue: 'syd:adult' });
    const input = {
      reason: 'age-assessment',
      changes: { person: { age: { dateOfBirth: '2011-02-03' } } },
    } as const;
    const args = { ...coordinator, now: at('2026-05-05T09:00:00Z'), idempotencyKey: `correct-${ulid()}` };
    const corrected = await correctReferral(id, input, args);
    expect(corrected.fields).toContain('person.age');
    expect(corrected.state.route).toMatchObject({ queue: 'syd:child', track: 'child' });
    expect(corrected.state.handoffs).toContainEqual(
      expect.objectContaining({ purpose: 'report-of-concern', status: 'offered' }),
    );
    const record = await getPersonalRecord(id);
    expect(record!.data.person.age).toEqual({ dateOfBirth: '2011-02-03' });
    expect(record!.corrections).toEqual([
      expect.objectContaining({ id: corrected.correctionId, reason: 'age-assessment' }),
    ]);

    const retry = await correctReferral(id, input, { ...args, now: at('2026-05-05T09:00:30Z') });
    expect(retry.correctionId).toBe(corrected.correctionId);
    expect(retry.events).toEqual([]);
    expect((await getPersonalRecord(id))!.corrections).toHaveLength(1);
  });
});

describe('openCase', () => {
  it('opens an anonymous notification as a case under the same id, and refuses a second opening', async () => {
    const now = at('2026-05-06T08:00:00Z');
    const id = await routed(adultSubmission({ consent: { status: 'not-given' } }), now);
    const counted = (await getReferralState(id, { consistent: true }))!;
    expect(counted).toMatchObject({ status: 'closed', facts: { anonymous: true } });
    expect(await getPersonalRecord(id)).toBeUndefined();

    const input = {
      person: { age: { estimatedYears: 30 }, gender: 'male', citizenships: ['UA'] },
      consent: { sharing: [{ recipientType: 'nsp', purpose: 'nsp-shelter' }] },
    } as const;
    const opened = await openCase(id, input, { ...coordinator, now: at('2026-05-07T08:00:00Z') });
    expect(opened.state).toMatchObject({ id, reference: counted.reference, facts: { anonymous: false } });
    expect(opened.state.status).not.toBe('closed');
    expect((await getPersonalRecord(id))!.caseOpened).toMatchObject({ by: { sub: 'coordinator-syd' } });

    await expect(
      openCase(id, input, { ...coordinator, now: at('2026-05-07T09:00:00Z') }),
    ).rejects.toBeInstanceOf(Conflict);
  });
});
