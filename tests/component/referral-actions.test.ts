// Routing and the commands on a referral against DynamoDB Local: the router's idempotence, the domain's refusals as
// they reach the caller (a conflict, consent required, forbidden) with nothing written, concurrent writers deciding
// again on the fresh state, and the Idempotency-Key of the actions that create something.
import { Conflict, ConsentRequired, Forbidden, IdempotencyMismatch } from '@nrm/domain';
import { getReferralEvents, getReferralState, listNotes } from '@nrm/store';
import { ulid } from 'ulid';
import { describe, expect, it } from 'vitest';
import { addNote, offerHandoff } from '../../packages/usecases/src/referral-actions';
import { actorOf, runCommand } from '../../packages/usecases/src/referral-commands';
import { routeReferral } from '../../packages/usecases/src/route-referral';
import { submitReferral } from '../../packages/usecases/src/submit-referral';
import { adultSubmission, anyone, at, childSubmission, principal, routed } from './support';

const coordinator = principal('child-coordinator-syd');
const adultCoordinator = principal('coordinator-syd');

describe('routeReferral', () => {
  it("routes a child to the region's children's queue with the report of concern offered, once", async () => {
    const now = at('2026-03-11T10:00:00Z');
    const { id } = await submitReferral({
      submission: childSubmission({ location: { municipalityCode: '1280' } }),
      principal: principal('police-syd-system'),
      channel: 'api',
      now,
    });
    expect(await routeReferral(id, now)).toBe('routed');
    const state = await getReferralState(id, { consistent: true });
    expect(state).toMatchObject({
      status: 'routed',
      route: { queue: 'syd:child' },
      awaitingAcknowledgement: true,
    });
    expect(state!.handoffs).toEqual([
      expect.objectContaining({ purpose: 'report-of-concern', status: 'offered' }),
    ]);
    expect(state!.clocks.map((c) => c.kind)).toContain('acknowledge');

    // A redelivered routing message changes nothing.
    expect(await routeReferral(id, at('2026-03-11T10:00:05Z'))).toBe('already-routed');
    expect((await getReferralState(id, { consistent: true }))!.version).toBe(state!.version);
    expect(await routeReferral(ulid(), now)).toBe('unknown-referral');
  });
});

describe('runCommand', () => {
  it('refuses a second acknowledgement as a conflict and writes nothing for it', async () => {
    const now = at('2026-03-11T11:00:00Z');
    const id = await routed(childSubmission({ location: { municipalityCode: '1280' } }), now);
    const args = {
      referralId: id,
      command: { type: 'acknowledge' } as const,
      actor: actorOf(coordinator),
      now,
    };
    const first = await runCommand(args);
    expect(first.events.map((e) => e.type)).toContain('referral.acknowledged.v1');
    const refused = runCommand({ ...args, now: at('2026-03-11T11:01:00Z') });
    await expect(refused).rejects.toBeInstanceOf(Conflict);
    await expect(refused).rejects.toMatchObject({ code: 'conflict' });
    const events = await getReferralEvents(id);
    expect(events.filter((e) => e.type === 'referral.acknowledged.v1')).toHaveLength(1);
    expect(events.at(-1)!.seq).toBe(first.state.version);
  });

  it('asks `authorize` on the state it read and writes nothing when it refuses', async () => {
    const now = at('2026-03-11T12:00:00Z');
    const id = await routed(childSubmission(), now);
    const before = await getReferralState(id, { consistent: true });
    const refused = runCommand({
      referralId: id,
      command: { type: 'acknowledge' },
      actor: actorOf(coordinator),
      now,
      authorize: (state) => {
        expect(state.version).toBe(before!.version);
        throw new Forbidden('Your role may not do this.');
      },
    });
    await expect(refused).rejects.toBeInstanceOf(Forbidden);
    expect((await getReferralState(id, { consistent: true }))!.version).toBe(before!.version);
  });

  it('lets concurrent writers each decide again on the state the other wrote', async () => {
    const now = at('2026-03-11T13:00:00Z');
    const id = await routed(childSubmission(), now);
    const args = { principal: coordinator, now, authorize: anyone };
    const results = await Promise.all(['one', 'two', 'three'].map((text) => addNote(id, text, args)));
    const state = await getReferralState(id, { consistent: true });
    expect(state!.notes).toBe(3);
    expect(new Set(results.map((r) => r.state.version)).size).toBe(3);
    expect((await listNotes(id)).map((n) => n.text).sort()).toEqual(['one', 'three', 'two']);
  });
  it('gives up after a few lost races with a conflict (409), not an unexplained failure, and writes nothing of its own', async () => {
    const now = at('2026-03-11T13:30:00Z');
    const id = await routed(childSubmission(), now);
    let attempts = 0;
    const refused = runCommand({
      referralId: id,
      actor: actorOf(coordinator),
      now,
      // Every attempt, another writer gets in between the read and the write: a note added meanwhile.
      command: async () => {
        attempts++;
        await addNote(id, `meanwhile ${attempts}`, { principal: coordinator, now, authorize: anyone });
        return { command: { type: 'acknowledge' } };
      },
    });
    await expect(refused).rejects.toBeInstanceOf(Conflict);
    await expect(refused).rejects.toMatchObject({ code: 'conflict' });
    expect(attempts).toBeGreaterThan(1);
    const events = await getReferralEvents(id);
    expect(events.filter((e) => e.type === 'referral.acknowledged.v1')).toEqual([]);
    expect((await getReferralState(id, { consistent: true }))!.notes).toBe(attempts);
  });
});

describe('actions with an Idempotency-Key', () => {
  it('answers a retried note with the first note, and the same key with another text as a mismatch', async () => {
    const now = at('2026-03-11T14:00:00Z');
    const id = await routed(childSubmission(), now);
    const args = { principal: coordinator, now, authorize: anyone, idempotencyKey: `note-${ulid()}` };
    const first = await addNote(id, 'Ringde socialtjänsten.', args);
    const retry = await addNote(id, 'Ringde socialtjänsten.', { ...args, now: at('2026-03-11T14:00:30Z') });
    expect(retry.events).toEqual([]);
    expect(retry.replayed).toMatchObject({ noteId: first.noteId, at: now.toISOString() });
    expect((await getReferralState(id, { consistent: true }))!.notes).toBe(1);
    await expect(addNote(id, 'Another text', args)).rejects.toBeInstanceOf(IdempotencyMismatch);
  });

  it('offers one hand-off when two requests with one key race', async () => {
    const now = at('2026-03-11T15:00:00Z');
    const id = await routed(adultSubmission({ location: { municipalityCode: '1280' } }), now);
    const offer = { recipientId: 'nsp', purpose: 'nsp-shelter' } as const;
    const args = { principal: adultCoordinator, now, authorize: anyone, idempotencyKey: `offer-${ulid()}` };
    const answers = await Promise.all([offerHandoff(id, offer, args), offerHandoff(id, offer, args)]);
    expect(answers[0].handoffId).toBe(answers[1].handoffId);
    const state = await getReferralState(id, { consistent: true });
    expect(state!.handoffs.filter((h) => h.purpose === 'nsp-shelter')).toEqual([
      expect.objectContaining({ id: answers[0].handoffId, status: 'offered' }),
    ]);
  });

  it("refuses an adult's hand-off without the person's consent for it (consent-required) and writes nothing", async () => {
    const now = at('2026-03-11T16:00:00Z');
    const id = await routed(adultSubmission({ consent: { status: 'given' } }), now);
    const before = await getReferralState(id, { consistent: true });
    const refused = offerHandoff(
      id,
      { recipientId: 'nsp', purpose: 'nsp-shelter' },
      {
        principal: adultCoordinator,
        now,
        authorize: anyone,
      },
    );
    await expect(refused).rejects.toBeInstanceOf(ConsentRequired);
    await expect(refused).rejects.toMatchObject({ code: 'consent-required' });
    expect((await getReferralState(id, { consistent: true }))!.version).toBe(before!.version);
  });
});
