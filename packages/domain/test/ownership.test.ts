// Ownership and clocks through a referral's life: who owns it after each action, which clocks run, what is due when.
import { describe, expect, it } from 'vitest';
import { Conflict, ConsentRequired, InvalidField, NotFound } from '../src/errors';
import { notificationFor } from '../src/notifications';
import { nextDueAt, timerOf, timersOf } from '../src/ownership';
import { isClockActive } from '../src/referral';
import { adultFacts, childFacts, facts, Life, received } from './ownership.fixtures';
import { at, T0 } from './time';

function routed(referralFacts = childFacts()) {
  const life = new Life(received(referralFacts, T0));
  life.run({ type: 'route', today: '2026-03-10', handoffId: 'H-auto' }, T0);
  return life;
}

const running = (life: Life) =>
  life.state.clocks
    .filter(isClockActive)
    .map((c) => c.key)
    .sort();

describe('routing', () => {
  it('offers a child referral to social services where the child is, with its clocks', () => {
    const life = routed();
    expect(life.state.status).toBe('routed');
    expect(life.state.owner).toEqual({ type: 'coordinator-office', id: 'coordinator-office:syd:child' });
    expect(life.state.handoffs).toEqual([
      {
        id: 'H-auto',
        recipient: { type: 'social-services', id: 'social-services:1280' },
        purpose: 'report-of-concern',
        kind: 'responsibility',
        status: 'offered',
        basis: { type: 'legal-basis', code: 'duty-to-report' },
        offeredAt: T0,
      },
    ]);
    expect(running(life)).toEqual([
      'acknowledge:syd:child',
      'child-decision:H-auto',
      'handoff-accept:H-auto',
      'owner-gap',
      'referrer-feedback',
    ]);
    expect(life.clock('acknowledge')?.policyId).toBe('acknowledge-child');
    expect(life.clock('handoff-accept')?.policyId).toBe('handoff-accept-child-social-services');
    expect(life.clock('child-decision')?.policyId).toBe('child-decision');
  });

  it('gives an adult referral the acknowledgement and owner clocks and no automatic hand-off', () => {
    const life = routed(adultFacts());
    expect(life.state.handoffs).toEqual([]);
    expect(running(life)).toEqual(['acknowledge:syd:adult', 'owner-gap', 'referrer-feedback']);
    expect(life.clock('acknowledge')?.policyId).toBe('acknowledge-adult');
    // The referrer's first feedback is due in a working day and stops when the coordinators acknowledge it.
    expect(life.clock('referrer-feedback')?.policyId).toBe('referrer-feedback');
    life.run({ type: 'acknowledge' }, at(1));
    expect(running(life)).toEqual(['owner-gap']);
  });

  it('picks the 4-hour acknowledgement for an adult in acute need', () => {
    const life = routed(facts({ ageYears: 40, ageGroup: 'adult', acuteProtection: true }));
    expect(life.clock('acknowledge')?.policyId).toBe('acknowledge-acute');
  });

  it.each([
    ['a county', { countyCode: '12' }],
    ['abroad', { abroad: 'DE' }],
    ['unknown', { unknown: true as const }],
  ])('makes no automatic hand-off for a child whose municipality is not known (%s)', (_label, location) => {
    const life = routed(childFacts(location));
    expect(life.state.handoffs).toEqual([]);
  });

  it('records nothing when routed twice', () => {
    const life = routed();
    expect(life.run({ type: 'route', today: '2026-03-10', handoffId: 'H-2' }, at(1))).toEqual([]);
  });
});

describe('acknowledging', () => {
  it('stops the acknowledgement clock; the office owns the referral', () => {
    const life = routed();
    life.run({ type: 'acknowledge' }, at(1));
    expect(life.state.status).toBe('acknowledged');
    expect(life.state.owner.id).toBe('coordinator-office:syd:child');
    expect(running(life)).not.toContain('acknowledge:syd:child');
    expect(timersOf(life.state, at(1)).get(life.clock('acknowledge')!.id)).toBeUndefined();
  });

  it('is refused a second time and on a closed referral', () => {
    const life = routed();
    life.run({ type: 'acknowledge' }, at(1));
    expect(() => life.run({ type: 'acknowledge' }, at(2))).toThrow(Conflict);
    life.run({ type: 'close', reason: 'duplicate' }, at(3));
    expect(() => life.run({ type: 'acknowledge' }, at(4))).toThrow(Conflict);
  });

  it('is refused before the referral is routed', () => {
    const life = new Life(received(childFacts(), T0));
    expect(() => life.run({ type: 'acknowledge' }, T0)).toThrow(/not routed/);
  });
});

describe('hand-offs', () => {
  it('moves ownership only when the recipient accepts', () => {
    const life = routed();
    life.run({ type: 'acknowledge' }, at(1));
    life.run(
      {
        type: 'offer-handoff',
        handoffId: 'H-bh',
        recipientId: 'barnahus:malmo',
        purpose: 'barnahus',
        legalBasis: 'guardian-consent',
      },
      at(2),
    );
    expect(life.state.owner.type).toBe('coordinator-office');
    expect(running(life)).toContain('handoff-accept:H-bh');

    life.run({ type: 'accept-handoff', handoffId: 'H-auto' }, at(3));
    expect(life.state.owner).toEqual({ type: 'organisation', id: 'social-services:1280' });
    expect(life.state.status).toBe('handed-off');
    expect(running(life)).toEqual(['child-decision:H-auto', 'handoff-accept:H-bh']);
  });

  it('keeps the owner when a hand-off is declined, and needs an offered hand-off to answer', () => {
    const life = routed();
    life.run({ type: 'decline-handoff', handoffId: 'H-auto', reason: 'not-responsible' }, at(1));
    expect(life.state.owner.type).toBe('coordinator-office');
    expect(life.state.handoffs[0]).toMatchObject({ status: 'declined', declineReason: 'not-responsible' });
    // The child's report of concern must still be made: the coordinator is on the clock to name another recipient.
    expect(running(life)).toEqual([
      'acknowledge:syd:child',
      'owner-gap',
      'referrer-feedback',
      'report-of-concern',
    ]);
    expect(() => life.run({ type: 'accept-handoff', handoffId: 'H-auto' }, at(2))).toThrow(Conflict);
    expect(() => life.run({ type: 'accept-handoff', handoffId: 'nope' }, at(2))).toThrow(NotFound);
  });

  it('lets the owner revoke an offer, not an accepted hand-off', () => {
    const life = routed();
    life.run({ type: 'revoke-handoff', handoffId: 'H-auto', reason: 'wrong-recipient' }, at(1));
    expect(life.state.handoffs[0]?.status).toBe('revoked');
    life.run(
      {
        type: 'offer-handoff',
        handoffId: 'H-2',
        recipientId: 'social-services:1281',
        purpose: 'report-of-concern',
        legalBasis: 'duty-to-report',
      },
      at(2),
    );
    life.run({ type: 'accept-handoff', handoffId: 'H-2' }, at(3));
    expect(() =>
      life.run({ type: 'revoke-handoff', handoffId: 'H-2', reason: 'no-longer-needed' }, at(4)),
    ).toThrow(Conflict);
  });

  it.each([
    ['NSP shelter for a child', 'nsp', 'nsp-shelter'],
    ['Barnahus for a purpose it does not take', 'barnahus:malmo', 'health-care'],
  ] as const)('refuses %s', (_label, recipientId, purpose) => {
    const life = routed();
    expect(() => life.run({ type: 'offer-handoff', handoffId: 'H-x', recipientId, purpose }, at(1))).toThrow(
      Conflict,
    );
  });

  it('refuses the same offer twice while it waits, and an unknown organisation', () => {
    const life = routed();
    expect(() =>
      life.run(
        {
          type: 'offer-handoff',
          handoffId: 'H-x',
          recipientId: 'social-services:1280',
          purpose: 'report-of-concern',
        },
        at(1),
      ),
    ).toThrow(/already offered/);
    expect(() =>
      life.run(
        { type: 'offer-handoff', handoffId: 'H-y', recipientId: 'nowhere', purpose: 'barnahus' },
        at(1),
      ),
    ).toThrow(NotFound);
  });

  it('stops the 14-day clock when social services record their decision', () => {
    const life = routed();
    expect(() =>
      life.run({ type: 'record-decision', handoffId: 'H-auto', decision: 'investigation-opened' }, at(1)),
    ).toThrow(/accept it/);
    life.run({ type: 'accept-handoff', handoffId: 'H-auto' }, at(1));
    life.run({ type: 'record-decision', handoffId: 'H-auto', decision: 'investigation-opened' }, at(48));
    expect(running(life)).toEqual(['acknowledge:syd:child']);
    expect(life.state.handoffs[0]?.decision).toBe('investigation-opened');
  });
});

describe('what a disclosure rests on', () => {
  const nsp = {
    type: 'offer-handoff',
    handoffId: 'H-nsp',
    recipientId: 'nsp',
    purpose: 'nsp-shelter',
  } as const;

  it("refuses an adult's hand-off without the person's consent for that kind of recipient and purpose", () => {
    const life = routed(adultFacts());
    life.run({ type: 'acknowledge' }, at(1));
    expect(() => life.run(nsp, at(2))).toThrow(ConsentRequired);
    // A consent to share with another kind of recipient for another purpose does not count.
    life.run(
      { type: 'record-consent', recipientType: 'return-programme', purpose: 'return-programme' },
      at(2),
    );
    expect(() => life.run(nsp, at(2))).toThrow(
      /not consented to sharing with a nsp organisation for 'nsp-shelter'/,
    );
    expect(life.state.handoffs).toEqual([]);

    life.run({ type: 'record-consent', recipientType: 'nsp', purpose: 'nsp-shelter' }, at(3));
    life.run(nsp, at(4));
    expect(life.state.handoffs[0]?.basis).toEqual({ type: 'consent', consentId: 'consent-2' });
    expect(life.state.consents.map((c) => [c.id, c.purpose, c.recordedAt, c.recordedBy.sub])).toEqual([
      ['consent-1', 'return-programme', at(2), 'child-coordinator-syd'],
      ['consent-2', 'nsp-shelter', at(3), 'child-coordinator-syd'],
    ]);
  });

  it('takes the consents the referrer recorded at intake', () => {
    const first = received(adultFacts(), T0);
    const life = new Life({
      ...first,
      data: {
        ...(first.data as object),
        consents: [{ consentId: 'consent-1', recipientType: 'nsp', purpose: 'nsp-shelter' }],
      },
    } as typeof first);
    life.run({ type: 'route', today: '2026-03-10', handoffId: 'H-auto' }, T0);
    expect(life.state.consents[0]).toMatchObject({ id: 'consent-1', recordedAt: T0 });
    life.run(nsp, at(1));
    expect(life.state.handoffs[0]?.basis).toEqual({ type: 'consent', consentId: 'consent-1' });
  });

  it('records the same consent once; withdrawing it revokes the offers resting on it, not what was accepted', () => {
    const life = routed(adultFacts());
    life.run({ type: 'record-consent', recipientType: 'nsp', purpose: 'nsp-shelter' }, at(1));
    expect(life.run({ type: 'record-consent', recipientType: 'nsp', purpose: 'nsp-shelter' }, at(1))).toEqual(
      [],
    );
    life.run(
      { type: 'record-consent', recipientType: 'return-programme', purpose: 'return-programme' },
      at(1),
    );
    life.run(nsp, at(2));
    life.run(
      {
        type: 'offer-handoff',
        handoffId: 'H-rp',
        recipientId: 'return-programme',
        purpose: 'return-programme',
      },
      at(2),
    );
    life.run({ type: 'accept-handoff', handoffId: 'H-rp' }, at(3));

    const events = life.run({ type: 'withdraw-consent', consentId: 'consent-1' }, at(4));
    expect(events.map((e) => e.type)).toEqual([
      'consent.withdrawn.v1',
      'handoff.revoked.v1',
      'clock.stopped.v1',
    ]);
    expect(life.state.handoffs.map((h) => [h.id, h.status, h.revokeReason])).toEqual([
      ['H-nsp', 'revoked', 'consent-withdrawn'],
      ['H-rp', 'accepted', undefined],
    ]);
    expect(life.run({ type: 'withdraw-consent', consentId: 'consent-1' }, at(5))).toEqual([]);
    expect(() => life.run({ ...nsp, handoffId: 'H-nsp2' }, at(5))).toThrow(ConsentRequired);
    expect(() => life.run({ type: 'withdraw-consent', consentId: 'consent-9' }, at(5))).toThrow(NotFound);
  });

  it("records a child's legal basis with the hand-off instead, and takes no consent for a child", () => {
    const life = routed();
    const barnahus = {
      type: 'offer-handoff',
      handoffId: 'H-bh',
      recipientId: 'barnahus:malmo',
      purpose: 'barnahus',
    } as const;
    expect(() => life.run(barnahus, at(1))).toThrow(InvalidField);
    life.run({ ...barnahus, legalBasis: 'secrecy-act-provision' }, at(1));
    expect(life.state.handoffs[1]?.basis).toEqual({ type: 'legal-basis', code: 'secrecy-act-provision' });
    expect(() =>
      life.run({ type: 'record-consent', recipientType: 'barnahus', purpose: 'barnahus' }, at(2)),
    ).toThrow(/legal basis/);
  });

  it('names the field when the request does not fit the track or the scope', () => {
    const life = routed(adultFacts());
    life.run({ type: 'record-consent', recipientType: 'nsp', purpose: 'nsp-shelter' }, at(1));
    try {
      life.run({ ...nsp, legalBasis: 'duty-to-report' }, at(2));
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(InvalidField);
      expect((error as InvalidField).field).toBe('legalBasis');
    }
    expect(() =>
      life.run({ type: 'record-consent', recipientType: 'nsp', purpose: 'report-of-concern' }, at(2)),
    ).toThrow(InvalidField);
  });
});

describe('transfer, close and reopen', () => {
  it('moves the referral to the new queue, where it must be acknowledged before the owner changes', () => {
    const life = routed(adultFacts());
    life.run({ type: 'acknowledge' }, at(1));
    life.run({ type: 'transfer', to: 'vast:adult', reason: 'person-moved' }, at(2));
    expect(life.state.route).toEqual({ region: 'vast', track: 'adult', queue: 'vast:adult' });
    expect(life.state.status).toBe('routed');
    expect(life.state.owner.id).toBe('coordinator-office:syd:adult');
    expect(running(life)).toEqual(['acknowledge:vast:adult', 'owner-gap']);
    life.run({ type: 'acknowledge' }, at(3));
    expect(life.state.owner.id).toBe('coordinator-office:vast:adult');
    expect(() => life.run({ type: 'transfer', to: 'vast:adult', reason: 'other' }, at(4))).toThrow(Conflict);
  });

  it('transfers to national triage with no region', () => {
    const life = routed(adultFacts());
    life.run({ type: 'transfer', to: 'national:triage', reason: 'wrong-region' }, at(1));
    expect(life.state.route).toEqual({ region: null, track: 'adult', queue: 'national:triage' });
  });

  it('closes with its offers revoked and every clock stopped, and reopens under the same id', () => {
    const life = routed();
    life.run({ type: 'close', reason: 'duplicate' }, at(1));
    expect(life.state.status).toBe('closed');
    expect(life.state.handoffs[0]?.status).toBe('revoked');
    expect(running(life)).toEqual([]);
    expect(nextDueAt(life.state, at(1))).toBeNull();
    expect(() => life.run({ type: 'close', reason: 'other' }, at(2))).toThrow(Conflict);

    life.run({ type: 'reopen', reason: 'relapse' }, at(24));
    expect(life.state.id).toBe('R1');
    expect(life.state.status).toBe('routed');
    expect(life.state.owner).toEqual({ type: 'coordinator-office', id: 'coordinator-office:syd:child' });
    expect(running(life)).toEqual(['acknowledge:syd:child', 'owner-gap', 'report-of-concern']);
    expect(life.clock('acknowledge')?.id).toBe('acknowledge-2');
  });
});

describe('escalation of the child acknowledgement clock (4 h around the clock)', () => {
  it('warns at 3 h, breaches at 4 h and tells the regional lead, then the national coordinator', () => {
    const life = routed();
    const clockId = life.clock('acknowledge')!.id;
    expect(timerOf(life.clock('acknowledge')!, T0)).toEqual({
      clockId,
      action: 'warn',
      step: 0,
      dueAt: at(3),
    });
    expect(life.run({ type: 'escalate', clockId }, at(2.9))).toEqual([]);

    expect(life.run({ type: 'escalate', clockId }, at(3)).map((e) => e.type)).toEqual(['clock.warned.v1']);
    expect(life.run({ type: 'escalate', clockId }, at(3.5))).toEqual([]);
    expect(timerOf(life.clock('acknowledge')!, at(3.5))).toMatchObject({ action: 'breach', dueAt: at(4) });

    const breach = life.run({ type: 'escalate', clockId }, at(4));
    expect(breach).toEqual([
      { type: 'clock.breached.v1', data: { clockId, kind: 'acknowledge', dueAt: at(4) } },
      {
        type: 'clock.escalated.v1',
        data: { clockId, kind: 'acknowledge', step: 1, target: 'regional-lead', dueAt: at(4) },
      },
    ]);
    expect(life.run({ type: 'escalate', clockId }, at(4.1))).toEqual([]);
    expect(timerOf(life.clock('acknowledge')!, at(4.1))).toMatchObject({
      action: 'escalate',
      step: 2,
      dueAt: at(5),
    });
    expect(life.run({ type: 'escalate', clockId }, at(5)).map((e) => e.type)).toEqual(['clock.escalated.v1']);
    expect(timerOf(life.clock('acknowledge')!, at(5))).toBeUndefined();
  });

  it('records only the breach when the warning time was missed altogether', () => {
    const life = routed();
    const clockId = life.clock('acknowledge')!.id;
    const types = life.run({ type: 'escalate', clockId }, at(4.5)).map((e) => e.type);
    expect(types).toEqual(['clock.breached.v1', 'clock.escalated.v1']);
  });

  it('never breaches once acknowledged in time', () => {
    const life = routed();
    const clockId = life.clock('acknowledge')!.id;
    life.run({ type: 'escalate', clockId }, at(3));
    life.run({ type: 'acknowledge' }, at(3.5));
    expect(life.run({ type: 'escalate', clockId }, at(4))).toEqual([]);
    expect(life.log.some((e) => e.type === 'clock.breached.v1')).toBe(false);
  });

  it('moves the deadline by the time spent paused', () => {
    const life = routed();
    const clockId = life.clock('acknowledge')!.id;
    life.run({ type: 'pause-clock', clockId, reason: 'awaiting-interpreter' }, at(1));
    expect(timerOf(life.clock('acknowledge')!, at(1))).toBeUndefined();
    expect(() => life.run({ type: 'pause-clock', clockId, reason: 'other' }, at(1.5))).toThrow(Conflict);
    life.run({ type: 'resume-clock', clockId }, at(3));
    expect(timerOf(life.clock('acknowledge')!, at(3))).toMatchObject({ action: 'warn', dueAt: at(5) });
  });
});

describe('an offer nobody answers', () => {
  it('expires when its acceptance clock has run through the escalation chain; the owner keeps the case', () => {
    const life = routed(adultFacts());
    life.run({ type: 'acknowledge' }, at(0.5));
    life.run({ type: 'record-consent', recipientType: 'nsp', purpose: 'nsp-shelter' }, at(0.5));
    life.run(
      { type: 'offer-handoff', handoffId: 'H-nsp', recipientId: 'nsp', purpose: 'nsp-shelter' },
      at(1),
    );
    const clockId = life.clock('handoff-accept')!.id;
    // 2 working days from Tuesday 11:00 is Thursday 11:00; the chain's last step 4.5 working hours later.
    const events = life.run({ type: 'escalate', clockId }, '2026-03-12T14:30:00.000Z');
    expect(events.map((e) => e.type)).toEqual([
      'clock.breached.v1',
      'clock.escalated.v1',
      'clock.escalated.v1',
      'handoff.expired.v1',
      'clock.stopped.v1',
    ]);
    expect(life.state.handoffs[0]?.status).toBe('expired');
    expect(life.state.owner.id).toBe('coordinator-office:syd:adult');
  });
});

describe('notifications', () => {
  it('address mailboxes and say only the reference, what is due and by when', () => {
    const life = routed();
    const clockId = life.clock('acknowledge')!.id;
    life.run({ type: 'escalate', clockId }, at(3));
    life.run({ type: 'escalate', clockId }, at(4));
    life.run({ type: 'escalate', clockId }, at(5));
    const sent = life.log
      .map((e) => ({ type: e.type, n: notificationFor(e, life.state) }))
      .filter((x) => x.n);
    expect(sent.map(({ type, n }) => [type, n!.to])).toEqual([
      ['referral.routed.v1', ['coordinator-office:syd:child']],
      ['handoff.offered.v1', ['social-services:1280']],
      ['clock.warned.v1', ['coordinator-office:syd:child']],
      ['clock.breached.v1', ['coordinator-office:syd:child']],
      ['clock.escalated.v1', ['regional-lead:syd:child']],
      ['clock.escalated.v1', ['national-coordinator']],
    ]);
    const warned = sent.find((s) => s.type === 'clock.warned.v1')!.n!;
    expect(warned.subject).toBe('Referral NRM-2026-000123 needs acknowledgement by 2026-03-10 14:00.');
  });
});
