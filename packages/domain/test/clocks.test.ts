// SLA clocks: which policy a situation gets, when a clock warns and breaches, and what pausing does to it.
import { describe, expect, it } from 'vitest';
import {
  CLOCK_KINDS,
  CLOCK_POLICY_CATALOGUE,
  type ClockEvent,
  type ClockKind,
  type ClockSituation,
  computeClock,
  ESCALATION_TARGETS,
  escalationTarget,
  findClockPolicy,
  nextTimerAt,
  scheduledDueAt,
  selectClockPolicy,
} from '../src/clocks';
import { local } from './time';

const HOUR = 3_600_000;
const MINUTE = 60_000;
const policy = (id: string) => {
  const found = findClockPolicy(CLOCK_POLICY_CATALOGUE, id);
  if (!found) throw new Error(`no policy ${id}`);
  return found;
};
const started = (at: string): ClockEvent => ({ type: 'started', at });

describe('policy catalogue', () => {
  it('is versioned', () => {
    expect(CLOCK_POLICY_CATALOGUE.version).toMatch(/\S/);
  });

  it('names every policy once, in kebab-case', () => {
    const ids = CLOCK_POLICY_CATALOGUE.policies.map((p) => p.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
  });

  it.each(CLOCK_KINDS)('has a catch-all policy for %s, so selection never fails', (kind) => {
    expect(
      CLOCK_POLICY_CATALOGUE.policies.some((p) => p.kind === kind && Object.keys(p.appliesTo).length === 0),
    ).toBe(true);
  });

  it('warns before breaching, escalates along the chain and says where each number comes from', () => {
    for (const p of CLOCK_POLICY_CATALOGUE.policies) {
      if (p.warningFraction !== null) {
        expect(p.warningFraction).toBeGreaterThan(0);
        expect(p.warningFraction).toBeLessThan(1);
      }
      // An alarm or an expiry (turning 18, a permit ending) is the owner's to act on; every other clock goes up
      // the whole chain on breach.
      const ownersOnly = ['turning-18', 'reflection-period', 'permit-investigation', 'exit-plan-permit'];
      expect(p.escalation).toEqual(ownersOnly.includes(p.kind) ? ['assignee'] : ESCALATION_TARGETS);
      expect(p.source).toMatch(/^(policy default|SOU 2023:97 L\d)/);
    }
  });
});

describe('selectClockPolicy', () => {
  it.each<[ClockKind, ClockSituation, string]>([
    ['acknowledge', { track: 'child', acute: false }, 'acknowledge-child'],
    ['acknowledge', { track: 'child', acute: true }, 'acknowledge-child'],
    ['acknowledge', { track: 'adult', acute: true }, 'acknowledge-acute'],
    ['acknowledge', { track: 'adult', acute: false }, 'acknowledge-adult'],
    [
      'handoff-accept',
      { track: 'child', recipient: 'social-services' },
      'handoff-accept-child-social-services',
    ],
    ['handoff-accept', { track: 'child', recipient: 'barnahus' }, 'handoff-accept'],
    ['handoff-accept', { track: 'adult', recipient: 'social-services' }, 'handoff-accept'],
    [
      'handoff-accept',
      { track: 'child', recipient: 'social-services', purpose: 'out-of-hours-protection' },
      'handoff-accept-out-of-hours',
    ],
    ['referrer-feedback', {}, 'referrer-feedback'],
    ['owner-gap', { track: 'child' }, 'owner-gap'],
    ['reflection-period', {}, 'reflection-period'],
  ])('%s for %j is %s', (kind, situation, expected) => {
    expect(selectClockPolicy(CLOCK_POLICY_CATALOGUE, kind, situation).id).toBe(expected);
  });

  it('fails loudly when a catalogue has no policy for the kind', () => {
    expect(() => selectClockPolicy({ version: 'empty', policies: [] }, 'acknowledge')).toThrow(/empty/);
  });
});

describe('scheduledDueAt: each default policy from Friday 2026-03-06 16:55', () => {
  it.each([
    ['acknowledge-child', '2026-03-06T20:55:00+01:00', '4 hours round the clock'],
    ['acknowledge-acute', '2026-03-06T20:55:00+01:00', '4 hours round the clock'],
    ['acknowledge-adult', '2026-03-09T16:55:00+01:00', '1 working day'],
    ['handoff-accept', '2026-03-10T16:55:00+01:00', '2 working days'],
    [
      'handoff-accept-child-social-services',
      '2026-03-09T17:00:00+01:00',
      'same day, but sent after 13:00: next close',
    ],
    ['referrer-feedback', '2026-03-09T16:55:00+01:00', '1 working day'],
    ['owner-gap', '2026-03-11T16:55:00+01:00', '3 working days'],
    ['reflection-period', '2026-04-05T16:55:00+02:00', '30 days, summer time by then'],
    ['permit-investigation', '2026-09-06T16:55:00+02:00', '6 months'],
    ['exit-plan-permit', '2026-09-06T16:55:00+02:00', '6 months'],
    ['child-decision', '2026-03-20T16:55:00+01:00', '14 days'],
    ['state-compensation', '2027-03-06T16:55:00+01:00', '12 months'],
  ])('%s is due %s (%s)', (id, expected) => {
    expect(local(scheduledDueAt(policy(id), '2026-03-06T16:55:00+01:00'))).toBe(expected);
  });
});

describe('"same day" for a child hand-off to social services', () => {
  // Due at the close of the day it starts counting, unless it starts counting at or after the 13:00 cut-off.
  it.each([
    ['2026-03-10T10:00:00+01:00', '2026-03-10T17:00:00+01:00', 'Tuesday morning: by Tuesday 17:00'],
    ['2026-03-10T12:59:00+01:00', '2026-03-10T17:00:00+01:00', 'just before the cut-off: 4 hours left'],
    [
      '2026-03-10T13:00:00+01:00',
      '2026-03-11T17:00:00+01:00',
      'at the cut-off: the close of the next working day',
    ],
    [
      '2026-03-10T07:00:00+01:00',
      '2026-03-10T17:00:00+01:00',
      'before opening: counts from 08:00, the same day',
    ],
    ['2026-03-10T19:00:00+01:00', '2026-03-11T17:00:00+01:00', 'in the evening: the next working day'],
    ['2026-03-07T10:00:00+01:00', '2026-03-09T17:00:00+01:00', 'Saturday: Monday'],
    [
      '2026-04-02T14:00:00+02:00',
      '2026-04-07T17:00:00+02:00',
      'Maundy Thursday afternoon: the Tuesday after Easter',
    ],
    [
      '2026-12-23T16:55:00+01:00',
      '2026-12-28T17:00:00+01:00',
      'the day before Christmas Eve, late: Monday 28th',
    ],
    ['2026-06-19T23:30:00+02:00', '2026-06-22T17:00:00+02:00', 'Midsummer Eve night: Monday'],
  ])('handed off %s: due %s (%s)', (at, expected) => {
    expect(local(scheduledDueAt(policy('handoff-accept-child-social-services'), at))).toBe(expected);
  });
});

describe('computeClock: adult acknowledgement started Friday 2026-03-06 16:55', () => {
  // 1 working day = 9 working hours: 5 minutes on Friday, 8 h 55 on Monday. Warning at 75 % = 6 h 45 working.
  const events = [started('2026-03-06T16:55:00+01:00')];
  const adult = policy('acknowledge-adult');

  it('is due Monday 16:55 and warns Monday 14:40', () => {
    const clock = computeClock({ policy: adult, events, now: '2026-03-06T17:00:00+01:00' });
    expect(clock).toMatchObject({ kind: 'acknowledge', policyId: 'acknowledge-adult', pausedMillis: 0 });
    expect(local(clock.startedAt)).toBe('2026-03-06T16:55:00+01:00');
    expect(local(clock.dueAt)).toBe('2026-03-09T16:55:00+01:00');
    expect(local(clock.warnAt)).toBe('2026-03-09T14:40:00+01:00');
  });

  it.each([
    [
      '2026-03-06T17:00:00+01:00',
      'running',
      8 * HOUR + 55 * MINUTE,
      '2026-03-09T14:40:00+01:00',
      'after Friday close',
    ],
    [
      '2026-03-09T14:39:00+01:00',
      'running',
      2 * HOUR + 16 * MINUTE,
      '2026-03-09T14:40:00+01:00',
      'a minute before warning',
    ],
    ['2026-03-09T14:40:00+01:00', 'warned', 2 * HOUR + 15 * MINUTE, '2026-03-09T16:55:00+01:00', 'at 75 %'],
    ['2026-03-09T16:55:00+01:00', 'breached', 0, undefined, 'at the due time'],
    ['2026-03-10T09:00:00+01:00', 'breached', -65 * MINUTE, undefined, 'overdue by 5 working minutes + 1 h'],
  ])('at %s: %s, %d ms working time left, next timer %s (%s)', (now, state, remaining, timer, _why) => {
    const clock = computeClock({ policy: adult, events, now });
    expect(clock.state).toBe(state);
    expect(clock.remaining).toBe(remaining);
    expect(local(nextTimerAt(clock))).toBe(timer);
  });

  it('records a met deadline when stopped in time, and freezes what was left', () => {
    const clock = computeClock({
      policy: adult,
      events: [...events, { type: 'stopped', at: '2026-03-09T10:00:00+01:00' }],
      now: '2026-03-12T10:00:00+01:00',
    });
    expect(clock).toMatchObject({ state: 'stopped', breached: false, remaining: 6 * HOUR + 55 * MINUTE });
    expect(local(clock.stoppedAt)).toBe('2026-03-09T10:00:00+01:00');
    expect(nextTimerAt(clock)).toBeUndefined();
  });

  it('records a breach when stopped late', () => {
    const clock = computeClock({
      policy: adult,
      events: [...events, { type: 'stopped', at: '2026-03-09T17:30:00+01:00' }],
      now: '2026-03-12T10:00:00+01:00',
    });
    expect(clock).toMatchObject({ state: 'stopped', breached: true });
  });
});

describe('computeClock: pausing a working clock (adult acknowledgement started Tuesday 2026-03-10 09:00)', () => {
  const adult = policy('acknowledge-adult');
  const start = started('2026-03-10T09:00:00+01:00');

  it.each([
    [
      'paused 10:00–14:00 the same day',
      [
        { type: 'paused', at: '2026-03-10T10:00:00+01:00', reason: 'awaiting-interpreter' },
        { type: 'resumed', at: '2026-03-10T14:00:00+01:00' },
      ],
      4 * HOUR,
      '2026-03-11T10:45:00+01:00', // 1 h before the pause, 3 h Tuesday afternoon, 2 h 45 Wednesday
      '2026-03-11T13:00:00+01:00', // Wednesday 09:00 moved by the 4 paused working hours
    ],
    [
      'paused overnight, 16:00 to 09:00 next day: only 2 working hours count',
      [
        { type: 'paused', at: '2026-03-10T16:00:00+01:00', reason: 'person-unreachable' },
        { type: 'resumed', at: '2026-03-11T09:00:00+01:00' },
      ],
      2 * HOUR,
      '2026-03-10T15:45:00+01:00', // reached before the pause, so not moved
      '2026-03-11T11:00:00+01:00',
    ],
    [
      'the same pause delivered twice and out of order',
      [
        { type: 'resumed', at: '2026-03-10T14:00:00+01:00' },
        { type: 'paused', at: '2026-03-10T10:00:00+01:00', reason: 'awaiting-interpreter' },
        { type: 'paused', at: '2026-03-10T10:00:00+01:00', reason: 'awaiting-interpreter' },
        { type: 'resumed', at: '2026-03-10T14:00:00+01:00' },
      ],
      4 * HOUR,
      '2026-03-11T10:45:00+01:00',
      '2026-03-11T13:00:00+01:00',
    ],
  ] as const)('%s', (_, pauses, pausedMillis, warnAt, dueAt) => {
    const clock = computeClock({
      policy: adult,
      events: [start, ...pauses],
      now: '2026-03-11T09:30:00+01:00',
    });
    expect(clock.pausedMillis).toBe(pausedMillis);
    expect(local(clock.warnAt)).toBe(warnAt);
    expect(local(clock.dueAt)).toBe(dueAt);
  });

  it('while still paused, is not breached, arms no timer and shows the due time if resumed now', () => {
    const clock = computeClock({
      policy: adult,
      events: [start, { type: 'paused', at: '2026-03-10T10:00:00+01:00', reason: 'in-hospital' }],
      now: '2026-03-11T10:00:00+01:00', // past the unpaused due time, Wednesday 09:00
    });
    expect(clock).toMatchObject({ state: 'paused', pauseReason: 'in-hospital', breached: false });
    expect(clock.pausedMillis).toBe(9 * HOUR); // Tuesday 10–17 and Wednesday 08–10
    expect(clock.remaining).toBe(8 * HOUR);
    expect(local(clock.dueAt)).toBe('2026-03-12T09:00:00+01:00'); // 8 h from Wednesday 10:00
    expect(nextTimerAt(clock)).toBeUndefined();
  });

  it('paused only after the breach keeps the breach and its due time', () => {
    const clock = computeClock({
      policy: adult,
      events: [start, { type: 'paused', at: '2026-03-11T10:00:00+01:00', reason: 'other' }],
      now: '2026-03-11T11:00:00+01:00',
    });
    expect(clock).toMatchObject({ state: 'paused', breached: true });
    expect(local(clock.dueAt)).toBe('2026-03-11T09:00:00+01:00');
  });

  it('ignores events after now, and refuses a clock that has not started', () => {
    const clock = computeClock({
      policy: adult,
      events: [start, { type: 'stopped', at: '2026-03-10T12:00:00+01:00' }],
      now: '2026-03-10T11:00:00+01:00',
    });
    expect(clock.state).toBe('running');
    expect(() => computeClock({ policy: adult, events: [start], now: '2026-03-10T08:00:00+01:00' })).toThrow(
      RangeError,
    );
  });
});

describe('computeClock: round-the-clock child acknowledgement (4 hours)', () => {
  const child = policy('acknowledge-child');

  it.each([
    [
      '2026-03-29T00:30:00+01:00',
      '2026-03-29T04:30:00+02:00',
      '2026-03-29T05:30:00+02:00',
      'across the spring change',
    ],
    [
      '2026-10-25T01:30:00+02:00',
      '2026-10-25T03:30:00+01:00',
      '2026-10-25T04:30:00+01:00',
      'across the autumn change',
    ],
    [
      '2027-03-28T00:30:00+01:00',
      '2027-03-28T04:30:00+02:00',
      '2027-03-28T05:30:00+02:00',
      'spring change 2027, Easter',
    ],
    [
      '2026-06-19T23:30:00+02:00',
      '2026-06-20T02:30:00+02:00',
      '2026-06-20T03:30:00+02:00',
      'Midsummer Eve night',
    ],
    [
      '2026-12-24T22:00:00+01:00',
      '2026-12-25T01:00:00+01:00',
      '2026-12-25T02:00:00+01:00',
      'Christmas Eve night',
    ],
  ])('started %s warns %s and is due %s (%s)', (at, warnAt, dueAt) => {
    const clock = computeClock({ policy: child, events: [started(at)], now: at });
    expect(local(clock.warnAt)).toBe(warnAt);
    expect(local(clock.dueAt)).toBe(dueAt);
    expect(local(nextTimerAt(clock))).toBe(warnAt);
  });

  it.each([
    ['2026-03-29T04:29:00+02:00', 'running', '2 h 59 after the start: the hour 02–03 never happened'],
    ['2026-03-29T04:30:00+02:00', 'warned', '3 hours = 75 %'],
    ['2026-03-29T05:30:00+02:00', 'breached', '4 hours'],
  ])('at %s it is %s (%s)', (now, state) => {
    expect(computeClock({ policy: child, events: [started('2026-03-29T00:30:00+01:00')], now }).state).toBe(
      state,
    );
  });

  it('a pause extends it by the elapsed paused time', () => {
    const clock = computeClock({
      policy: child,
      events: [
        started('2026-03-10T10:00:00+01:00'),
        { type: 'paused', at: '2026-03-10T11:00:00+01:00', reason: 'awaiting-interpreter' },
        { type: 'resumed', at: '2026-03-10T12:30:00+01:00' },
      ],
      now: '2026-03-10T13:00:00+01:00',
    });
    expect(clock.pausedMillis).toBe(90 * MINUTE);
    expect(local(clock.warnAt)).toBe('2026-03-10T14:30:00+01:00');
    expect(local(clock.dueAt)).toBe('2026-03-10T15:30:00+01:00');
  });
});

describe('computeClock: turning 18', () => {
  const turning18 = policy('turning-18');

  it('raises its alarm 60 days before the birthday at 08:00, with no warning before it', () => {
    const events = [started('2026-01-15T10:00:00+01:00')];
    const before = computeClock({
      policy: turning18,
      events,
      now: '2026-06-21T07:59:00+02:00',
      dateOfBirth: '2008-08-20',
    });
    expect(before).toMatchObject({ state: 'running', warnAt: null });
    expect(local(nextTimerAt(before))).toBe('2026-06-21T08:00:00+02:00');
    const at = computeClock({
      policy: turning18,
      events,
      now: '2026-06-21T08:00:00+02:00',
      dateOfBirth: '2008-08-20',
    });
    expect(at.state).toBe('breached');
  });

  it('raises it at once for a child registered inside the last 60 days', () => {
    const clock = computeClock({
      policy: turning18,
      events: [started('2026-07-01T10:00:00+02:00')],
      now: '2026-07-01T10:00:00+02:00',
      dateOfBirth: '2008-08-20',
    });
    expect(local(clock.dueAt)).toBe('2026-07-01T10:00:00+02:00');
    expect(clock.state).toBe('breached');
  });

  it('needs the date of birth', () => {
    expect(() =>
      computeClock({
        policy: turning18,
        events: [started('2026-01-15T10:00:00+01:00')],
        now: '2026-01-15T10:00:00+01:00',
      }),
    ).toThrow(/date of birth/);
  });
});

describe('escalationTarget', () => {
  it.each([
    [0, 'assignee', 'the warning'],
    [1, 'regional-lead', 'the breach'],
    [2, 'national-coordinator', 'the next escalation'],
    [3, undefined, 'nobody left'],
  ])('step %d goes to %s (%s)', (step, expected, _why) => {
    expect(escalationTarget(policy('handoff-accept'), step)).toBe(expected);
  });
});
