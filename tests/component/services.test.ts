// Services beside the case against DynamoDB Local: a service offered, accepted, started and ended with a comment
// (the owner never changes), a clock paused and resumed, and the permit ledger's idempotent application and its
// refusal of a grant shorter than the law allows, naming the field.
import { InvalidField, PermitRuleBroken } from '@nrm/domain';
import { getReferralState, listNotes } from '@nrm/store';
import { ulid } from 'ulid';
import { describe, expect, it } from 'vitest';
import { actOnReferral, offerHandoff } from '../../packages/usecases/src/referral-actions';
import {
  applyForPermit,
  decidePermit,
  endService,
  pauseClock,
  resumeClock,
  startService,
} from '../../packages/usecases/src/services';
import { adultSubmission, anyone, at, principal, routed } from './support';

const coordinator = { principal: principal('coordinator-syd'), authorize: anyone };
const shelter = { principal: principal('receiver-nsp'), authorize: anyone };
const sharing = [
  { recipientType: 'nsp', purpose: 'nsp-shelter' },
  { recipientType: 'police', purpose: 'criminal-investigation' },
];
const adult = () =>
  adultSubmission({ location: { municipalityCode: '1280' }, consent: { status: 'given', sharing } });

describe('a service runs beside the case', () => {
  it('is offered, accepted, started and ended with an outcome and a comment; the owner stays', async () => {
    const now = at('2026-04-07T08:00:00Z');
    const id = await routed(adult(), now);
    const owner = (await getReferralState(id, { consistent: true }))!.owner;
    const { handoffId } = await offerHandoff(
      id,
      { recipientId: 'nsp', purpose: 'nsp-shelter' },
      { ...coordinator, now },
    );
    await actOnReferral(id, () => ({ type: 'accept-handoff', handoffId }), {
      ...shelter,
      now: at('2026-04-07T09:00:00Z'),
    });
    await startService(id, handoffId, { ...shelter, now: at('2026-04-07T10:00:00Z') });
    const ended = await endService(
      id,
      handoffId,
      { outcome: 'completed', comment: 'Flyttade till eget boende.' },
      { ...shelter, now: at('2026-05-07T10:00:00Z') },
    );
    expect(ended.state.handoffs.find((h) => h.id === handoffId)).toMatchObject({
      kind: 'service',
      status: 'ended',
      outcome: 'completed',
    });
    expect(ended.state.owner).toEqual(owner);
    const [comment] = (await listNotes(id)).filter((n) => n.kind === 'comment');
    expect(comment).toMatchObject({ text: 'Flyttade till eget boende.', id: ended.noteId });
    // The event refers to the comment by id; its text stays in the note item.
    expect(JSON.stringify(ended.events)).not.toContain('eget boende');
  });
});

describe('clocks', () => {
  it('pauses the acknowledgement clock with a reason and resumes it', async () => {
    const now = at('2026-04-08T08:00:00Z');
    const id = await routed(adult(), now);
    const clock = (await getReferralState(id, { consistent: true }))!.clocks.find(
      (c) => c.kind === 'acknowledge',
    )!;
    const paused = await pauseClock(
      id,
      { clockId: clock.id, reason: 'person-unreachable' },
      { ...coordinator, now: at('2026-04-08T09:00:00Z') },
    );
    expect(paused.state.clocks.find((c) => c.id === clock.id)!.events.at(-1)).toMatchObject({
      type: 'paused',
      reason: 'person-unreachable',
    });
    const resumed = await resumeClock(id, clock.id, { ...coordinator, now: at('2026-04-08T11:00:00Z') });
    expect(resumed.state.clocks.find((c) => c.id === clock.id)!.events.map((e) => e.type)).toEqual([
      'started',
      'paused',
      'resumed',
    ]);
  });
});

describe('the permit ledger', () => {
  it('answers a retried application with the first permit, and refuses a grant shorter than the law allows', async () => {
    const now = at('2026-04-09T08:00:00Z');
    const id = await routed(adult(), now);
    const application = {
      kind: 'criminal-investigation',
      appliedBy: 'preliminary-investigation-leader',
      appliedOn: '2026-04-09',
    } as const;
    const args = { ...coordinator, now, idempotencyKey: `permit-${ulid()}` };
    const first = await applyForPermit(id, application, args);
    const retry = await applyForPermit(id, application, { ...args, now: at('2026-04-09T08:01:00Z') });
    expect(retry.permitId).toBe(first.permitId);
    expect((await getReferralState(id, { consistent: true }))!.permits).toHaveLength(1);

    const version = (await getReferralState(id, { consistent: true }))!.version;
    const tooShort = decidePermit(
      id,
      first.permitId,
      { decision: 'granted', decidedOn: '2026-04-20', validUntil: '2026-06-01' },
      { ...coordinator, now: at('2026-04-21T08:00:00Z') },
    );
    // One refusal, as the permit rules raised it: an InvalidField naming the field (422 over HTTP).
    await expect(tooShort).rejects.toBeInstanceOf(PermitRuleBroken);
    await expect(tooShort).rejects.toBeInstanceOf(InvalidField);
    await expect(tooShort).rejects.toMatchObject({ field: 'validUntil', code: 'invalid-field' });
    expect((await getReferralState(id, { consistent: true }))!.version).toBe(version);
  });
});
