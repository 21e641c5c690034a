// Services in parallel under one owner, the permit ledger and its statutory clocks, turning 18, children out of
// office hours and anonymous notifications (domain.md §2–§5). Clocks are injected as instants: nothing reads the time.
import { describe, expect, it } from 'vitest';
import { swedishCalendar } from '../src/calendar';
import { Conflict, InvalidField } from '../src/errors';
import { notificationFor } from '../src/notifications';
import { clockStateAt, timerOf, timersOf } from '../src/ownership';
import {
  exitPlanCap,
  grantValidity,
  minimumValidUntil,
  PermitRuleBroken,
  permitExpiresAt,
} from '../src/permits';
import { type EventEnvelope, isClockActive } from '../src/referral';
import { permitTallies } from '../src/statistics';
import { adultFacts, childFacts, type facts, Life, received } from './ownership.fixtures';
import { local } from './time';

const running = (life: Life) =>
  life.state.clocks
    .filter(isClockActive)
    .map((c) => c.key)
    .sort();

function routedAt(referralFacts: ReturnType<typeof facts>, at: string) {
  const life = new Life(received(referralFacts, at));
  life.run({ type: 'route', today: at.slice(0, 10), handoffId: 'H-roc', outOfHoursHandoffId: 'H-jour' }, at);
  return life;
}

/** Runs the escalator, as the sweeper would, on every clock of `kind` (or any) that has a timer due at `now`. */
function sweep(life: Life, now: string, kind?: string): EventEnvelope[] {
  const from = life.log.length;
  for (const [clockId, timer] of timersOf(life.state, now)) {
    const clock = life.state.clocks.find((c) => c.id === clockId)!;
    if (timer && timer.dueAt <= now && (!kind || clock.kind === kind)) {
      life.run({ type: 'escalate', clockId }, now);
    }
  }
  return life.log.slice(from);
}

describe('services run in parallel under one owner', () => {
  it('keeps the coordinator office as owner when the police accept an investigation, and lets it work on', () => {
    const life = routedAt(adultFacts(), '2026-03-10T09:00:00Z');
    life.run({ type: 'acknowledge' }, '2026-03-10T09:05:00Z');
    life.run(
      { type: 'record-consent', recipientType: 'police', purpose: 'criminal-investigation' },
      '2026-03-10T09:06:00Z',
    );
    life.run(
      {
        type: 'offer-handoff',
        handoffId: 'H-police',
        recipientId: 'police:syd',
        purpose: 'criminal-investigation',
      },
      '2026-03-10T09:07:00Z',
    );
    const accepted = life.run({ type: 'accept-handoff', handoffId: 'H-police' }, '2026-03-10T10:00:00Z');
    expect(accepted[0]).toEqual({ type: 'handoff.accepted.v1', data: { handoffId: 'H-police' } });
    expect(life.state.owner).toEqual({ type: 'coordinator-office', id: 'coordinator-office:syd:adult' });
    expect(life.state.status).toBe('acknowledged');
    expect(running(life)).toEqual(['owner-gap']);

    life.run({ type: 'start-service', handoffId: 'H-police' }, '2026-03-11T10:00:00Z');
    // Notes, a shelter offer and a transfer go on beside the investigation.
    life.run({ type: 'add-note', noteId: 'N1' }, '2026-03-11T11:00:00Z');
    life.run(
      { type: 'record-consent', recipientType: 'nsp', purpose: 'nsp-shelter' },
      '2026-03-11T11:01:00Z',
    );
    life.run(
      { type: 'offer-handoff', handoffId: 'H-nsp', recipientId: 'nsp', purpose: 'nsp-shelter' },
      '2026-03-11T11:02:00Z',
    );
    life.run({ type: 'accept-handoff', handoffId: 'H-nsp' }, '2026-03-11T12:00:00Z');
    life.run({ type: 'transfer', to: 'vast:adult', reason: 'person-moved' }, '2026-03-12T09:00:00Z');
    expect(life.state.owner.id).toBe('coordinator-office:syd:adult');
    expect(life.state.handoffs.map((h) => [h.id, h.kind, h.status])).toEqual([
      ['H-police', 'service', 'active'],
      ['H-nsp', 'service', 'accepted'],
    ]);

    life.run({ type: 'end-service', handoffId: 'H-nsp', outcome: 'completed' }, '2026-04-12T09:00:00Z');
    expect(life.state.handoffs[1]).toMatchObject({ status: 'ended', outcome: 'completed' });
    expect(() => life.run({ type: 'start-service', handoffId: 'H-nsp' }, '2026-04-12T09:01:00Z')).toThrow(
      Conflict,
    );
  });

  it('moves the owner when social services accept responsibility, and refuses to start or end it as a service', () => {
    const life = routedAt(childFacts(), '2026-03-10T09:00:00Z');
    life.run({ type: 'accept-handoff', handoffId: 'H-roc' }, '2026-03-10T10:00:00Z');
    expect(life.state.owner).toEqual({ type: 'organisation', id: 'social-services:1280' });
    expect(() =>
      life.run({ type: 'end-service', handoffId: 'H-roc', outcome: 'completed' }, '2026-03-10T11:00:00Z'),
    ).toThrow(/responsibility is not a service/);
  });
});

describe('pausing a clock', () => {
  it('excludes the paused time from the due time, and asks why when the reason is other', () => {
    const life = routedAt(adultFacts(), '2026-03-10T09:00:00Z'); // Tuesday 10:00 in Stockholm
    const ack = life.state.clocks.find((c) => c.kind === 'acknowledge')!;
    const before = clockStateAt(ack, '2026-03-10T09:00:00Z').dueAt;
    expect(() =>
      life.run({ type: 'pause-clock', clockId: ack.id, reason: 'other' }, '2026-03-10T10:00:00Z'),
    ).toThrow(InvalidField);
    life.run(
      { type: 'pause-clock', clockId: ack.id, reason: 'awaiting-interpreter' },
      '2026-03-10T10:00:00Z',
    );
    expect(timerOf(life.state.clocks[0]!, '2026-03-10T11:00:00Z')).toBeUndefined();
    life.run({ type: 'resume-clock', clockId: ack.id }, '2026-03-10T12:00:00Z');
    const after = clockStateAt(life.state.clocks.find((c) => c.id === ack.id)!, '2026-03-10T12:00:00Z');
    expect(Date.parse(after.dueAt) - Date.parse(before)).toBe(2 * 3_600_000);
    expect(after.pausedMillis).toBe(2 * 3_600_000);
  });

  it('refuses to pause a clock the law sets', () => {
    const life = routedAt(childFacts(), '2026-03-10T09:00:00Z');
    const decision = life.state.clocks.find((c) => c.kind === 'child-decision')!;
    expect(() =>
      life.run({ type: 'pause-clock', clockId: decision.id, reason: 'in-hospital' }, '2026-03-10T10:00:00Z'),
    ).toThrow(/set by law/);
  });
});

describe('statutory permit dates', () => {
  it.each([
    [
      '2026-03-15',
      '2026-04-13',
      '2026-04-14T00:00:00+02:00',
      'daylight saving starts on 29 March in between',
    ],
    [
      '2026-10-10',
      '2026-11-08',
      '2026-11-09T00:00:00+01:00',
      'daylight saving ends on 25 October in between',
    ],
    ['2026-12-20', '2027-01-18', '2027-01-19T00:00:00+01:00', 'over the year end: days are days'],
  ])('a reflection period granted from %s holds through %s and ends %s (%s)', (from, until, ends) => {
    expect(minimumValidUntil('reflection-period', from)).toBe(until);
    expect(grantValidity('reflection-period', from, undefined)).toEqual({
      validFrom: from,
      validUntil: until,
    });
    expect(local(permitExpiresAt(until))).toBe(ends);
  });

  it.each([
    ['criminal-investigation', '2026-03-31', '2026-09-29', 'September has no 31st'],
    ['criminal-investigation', '2026-05-04', '2026-11-03', 'into winter time'],
    ['exit-plan', '2026-08-31', '2027-02-27', 'February 2027 ends on the 28th'],
  ] as const)('a %s permit granted from %s holds at least through %s (%s)', (kind, from, until) => {
    expect(minimumValidUntil(kind, from)).toBe(until);
    expect(grantValidity(kind, from, until).validUntil).toBe(until);
    const dayShort = swedishCalendar.localDateOf(swedishCalendar.addCalendarDays(`${until}T12:00:00Z`, -1));
    expect(() => grantValidity(kind, from, dayShort)).toThrow(/at least until/);
  });

  it('refuses a grant shorter than the law allows, and an exit-plan permit past 2 years', () => {
    expect(() => grantValidity('criminal-investigation', '2026-03-01', '2026-06-01')).toThrow(
      PermitRuleBroken,
    );
    expect(exitPlanCap('2026-05-04')).toBe('2028-05-03');
    expect(() => grantValidity('exit-plan', '2026-05-04', '2028-05-04')).toThrow(/at most 2 years/);
    expect(grantValidity('exit-plan', '2026-05-04', '2028-05-03').validUntil).toBe('2028-05-03');
  });
});

/** An adult's routed referral with a reflection-period application (P1) by the preliminary-investigation leader. */
function reflectionApplied() {
  const life = routedAt(adultFacts(), '2026-03-10T09:00:00Z');
  life.run(
    {
      type: 'apply-permit',
      permitId: 'P1',
      kind: 'reflection-period',
      appliedBy: 'preliminary-investigation-leader',
      appliedOn: '2026-03-10',
    },
    '2026-03-10T10:00:00Z',
  );
  return life;
}

describe('the permit ledger arms the statutory clocks', () => {
  function withReflectionPermit() {
    const life = reflectionApplied();
    life.run(
      { type: 'decide-permit', permitId: 'P1', decision: 'granted', decidedOn: '2026-03-15' },
      '2026-03-16T09:00:00Z',
    );
    return life;
  }

  it('runs the reflection period from the grant to its end, warns the owner before it ends', () => {
    const life = withReflectionPermit();
    expect(life.state.permits[0]).toMatchObject({
      status: 'granted',
      validFrom: '2026-03-15',
      validUntil: '2026-04-13',
    });
    const clock = life.clock('reflection-period')!;
    const state = clockStateAt(clock, '2026-03-16T09:00:00Z');
    expect(local(state.startedAt)).toBe('2026-03-15T00:00:00+01:00');
    expect(local(state.dueAt)).toBe('2026-04-14T00:00:00+02:00');
    const warned = sweep(life, state.warnAt!, 'reflection-period');
    expect(warned.map((e) => e.type)).toEqual(['clock.warned.v1']);
    expect(notificationFor(warned[0]!, life.state)?.to).toEqual(['coordinator-office:syd:adult']);
  });

  it('moves the clock to the new end when extended, and stops it when revoked', () => {
    const life = withReflectionPermit();
    life.run(
      { type: 'extend-permit', permitId: 'P1', decidedOn: '2026-04-10', validUntil: '2026-05-13' },
      '2026-04-10T09:00:00Z',
    );
    const extended = life.state.clocks.filter(isClockActive).find((c) => c.permitId === 'P1')!;
    expect(extended.key).toBe('permit:P1:2026-05-13');
    expect(local(clockStateAt(extended, '2026-04-10T09:00:00Z').dueAt)).toBe('2026-05-14T00:00:00+02:00');
    life.run({ type: 'revoke-permit', permitId: 'P1', decidedOn: '2026-04-20' }, '2026-04-20T09:00:00Z');
    expect(life.state.clocks.filter(isClockActive).some((c) => c.permitId)).toBe(false);
  });

  it('refuses an exit-plan extension past the 2-year cap, naming the field', () => {
    const life = routedAt(adultFacts(), '2026-03-10T09:00:00Z');
    life.run(
      {
        type: 'apply-permit',
        permitId: 'P2',
        kind: 'exit-plan',
        appliedBy: 'social-services',
        appliedOn: '2026-03-10',
      },
      '2026-03-10T10:00:00Z',
    );
    life.run(
      { type: 'decide-permit', permitId: 'P2', decision: 'granted', decidedOn: '2026-03-12' },
      '2026-03-12T10:00:00Z',
    );
    expect(life.state.permits[0]?.validUntil).toBe('2026-09-11');
    const past = () =>
      life.run(
        { type: 'extend-permit', permitId: 'P2', decidedOn: '2026-09-01', validUntil: '2028-03-12' },
        '2026-09-01T10:00:00Z',
      );
    expect(past).toThrow(InvalidField);
    expect(past).toThrow(/at most 2 years in total.*2028-03-11/);
  });

  it('refuses an applicant the law does not name and a date in the future', () => {
    const life = routedAt(adultFacts(), '2026-03-10T09:00:00Z');
    expect(() =>
      life.run(
        {
          type: 'apply-permit',
          permitId: 'P3',
          kind: 'criminal-investigation',
          appliedBy: 'social-services',
          appliedOn: '2026-03-10',
        },
        '2026-03-10T10:00:00Z',
      ),
    ).toThrow(/preliminary-investigation-leader/);
    expect(() =>
      life.run(
        {
          type: 'apply-permit',
          permitId: 'P3',
          kind: 'reflection-period',
          appliedBy: 'social-services',
          appliedOn: '2026-03-11',
        },
        '2026-03-10T10:00:00Z',
      ),
    ).toThrow(/in the future/);
  });
});

describe('turning 18', () => {
  const child = { ...childFacts(), turns18On: '2026-08-20' };

  it('raises the transition alarm 60 days before the birthday, once, and goes on without a gap on the day', () => {
    const life = routedAt(child, '2026-03-10T09:00:00Z');
    life.run({ type: 'accept-handoff', handoffId: 'H-roc' }, '2026-03-10T10:00:00Z');
    expect(running(life)).toContain('turning-18:2026-08-20');

    expect(sweep(life, '2026-06-21T05:59:00Z', 'turning-18')).toEqual([]);
    const alarm = sweep(life, '2026-06-21T06:00:00Z', 'turning-18'); // 08:00 in Stockholm, 60 days before
    expect(alarm.map((e) => e.type)).toEqual(['clock.breached.v1']);
    expect(notificationFor(alarm[0]!, life.state)?.to).toEqual(['social-services:1280']);
    expect(sweep(life, '2026-07-01T06:00:00Z', 'turning-18')).toEqual([]); // once

    const owner = life.state.owner;
    const route = life.state.route;
    expect(sweep(life, '2026-08-19T21:59:00Z', 'turning-18')).toEqual([]);
    const birthday = sweep(life, '2026-08-19T22:00:00Z', 'turning-18'); // midnight of the birthday in Stockholm
    expect(birthday.map((e) => e.type)).toEqual([
      'referral.came-of-age.v1',
      'clock.stopped.v1',
      'clock.stopped.v1',
    ]);
    expect(birthday.filter((e) => e.type === 'clock.stopped.v1').map((e) => e.data)).toEqual([
      { clockId: 'child-decision-1', kind: 'child-decision', reason: 'turned-18' },
      { clockId: 'turning-18-1', kind: 'turning-18', reason: 'turned-18' },
    ]);
    expect(life.state.owner).toEqual(owner);
    expect(life.state.route).toEqual(route);
    expect(life.state.facts.ageGroup).toBe('child'); // the statistics keep the age at referral
    expect(sweep(life, '2026-09-01T06:00:00Z', 'turning-18')).toEqual([]);
  });
});

describe('a child out of office hours', () => {
  const friday20 = '2026-03-13T19:00:00Z'; // Friday 20:00 in Stockholm

  it('offers an acute child to the socialjour with a round-the-clock answer, and keeps the report with the day service', () => {
    const life = routedAt({ ...childFacts(), acuteProtection: true }, friday20);
    expect(life.state.handoffs.map((h) => [h.id, h.recipient.id, h.purpose])).toEqual([
      ['H-roc', 'social-services:1280', 'report-of-concern'],
      ['H-jour', 'social-services-out-of-hours:1280', 'out-of-hours-protection'],
    ]);
    const jour = life.state.clocks.find((c) => c.handoffId === 'H-jour')!;
    expect(jour.policyId).toBe('handoff-accept-out-of-hours');
    expect(local(clockStateAt(jour, friday20).dueAt)).toBe('2026-03-13T21:00:00+01:00');
    const day = life.state.clocks.find((c) => c.key === 'handoff-accept:H-roc')!;
    expect(local(clockStateAt(day, friday20).dueAt)).toBe('2026-03-16T17:00:00+01:00');
    // Accepting tonight's protection does not make the socialjour the owner.
    life.run({ type: 'accept-handoff', handoffId: 'H-jour' }, '2026-03-13T19:30:00Z');
    expect(life.state.owner.type).toBe('coordinator-office');
  });

  it('makes no socialjour offer in office hours, nor for a child without an acute need', () => {
    expect(
      routedAt({ ...childFacts(), acuteProtection: true }, '2026-03-13T09:00:00Z').state.handoffs,
    ).toHaveLength(1);
    expect(routedAt(childFacts(), friday20).state.handoffs).toHaveLength(1);
  });

  it('puts the coordinator on a round-the-clock clock to name the municipality of a child known by county only', () => {
    const life = routedAt(childFacts({ countyCode: '12' }), friday20);
    expect(life.state.handoffs).toEqual([]);
    const clock = life.clock('report-of-concern')!;
    expect(local(clockStateAt(clock, friday20).dueAt)).toBe('2026-03-14T00:00:00+01:00');
    life.run(
      {
        type: 'correct',
        correctionId: 'C1',
        fields: ['location'],
        reason: 'new-information',
        facts: { ...childFacts({ municipalityCode: '1280' }), acuteProtection: false },
        handoffId: 'H-named',
      },
      '2026-03-13T20:00:00Z',
    );
    expect(life.state.handoffs.map((h) => [h.recipient.id, h.purpose])).toEqual([
      ['social-services:1280', 'report-of-concern'],
    ]);
    expect(running(life)).not.toContain('report-of-concern');
  });
});

describe('an anonymous notification', () => {
  it('is counted and closed when routed, runs no clock and so never escalates; consent opens it as a case', () => {
    const anonymous = { ...adultFacts(), anonymous: true, consent: 'not-given' as const };
    const life = routedAt(anonymous, '2026-03-10T09:00:00Z');
    expect(life.state.status).toBe('closed');
    expect(life.state.clocks).toEqual([]);
    expect(sweep(life, '2026-06-10T09:00:00Z')).toEqual([]);
    expect(life.log.some((e) => e.type.startsWith('clock.'))).toBe(false);
    life.run(
      { type: 'open-case', facts: adultFacts(), consents: [], handoffId: 'H2' },
      '2026-03-20T09:00:00Z',
    );
    // Acknowledgement, owner gap, and (issue 17) the referrer's first feedback on what is now its case.
    expect(life.log.slice(-5).map((e) => e.type)).toEqual([
      'referral.reopened.v1',
      'referral.case-opened.v1',
      'clock.started.v1',
      'clock.started.v1',
      'clock.started.v1',
    ]);
    expect(life.state.status).toBe('routed');
    expect(life.state.facts.anonymous).toBe(false);
  });
});

describe('the permit ledger in the statistics', () => {
  it('counts each application by kind and applicant, and each decision by its application', () => {
    const life = reflectionApplied();
    life.run(
      { type: 'decide-permit', permitId: 'P1', decision: 'refused', decidedOn: '2026-03-12' },
      '2026-03-12T10:00:00Z',
    );
    const tallies = life.log.flatMap((event, i) => permitTallies(event, life.log.slice(0, i), '2026-03-12'));
    expect(tallies.map((t) => t.key)).toEqual([
      ['applied', 'reflection-period', 'preliminary-investigation-leader'],
      ['refused', 'reflection-period', 'preliminary-investigation-leader'],
    ]);
  });
});
