// Random lives of a referral (acknowledge, record or withdraw consent, hand over responsibility or refer to services
// that run in parallel, accept, decline, revoke, start and end services, transfer, close, reopen, pause, resume,
// record permits, and the escalator looking in at random times — up to and past a child's 18th birthday). After
// every step the rules of domain.md §2–§5 must hold, restated here from the brief rather than taken from the code:
// exactly one accountable owner whatever services run, each clock running exactly while its condition holds, paused
// time excluded from due times, and a history that only ever grows.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { swedishCalendar } from '../src/calendar';
import { CLOCK_POLICY_CATALOGUE, computeClock } from '../src/clocks';
import { findOrganisation } from '../src/directory';
import { Conflict, InvalidField, NotFound } from '../src/errors';
import { consentFor, type HandoffPurpose, movesOwnership } from '../src/handoffs';
import { clockStateAt, policyOf, type ReferralCommand, timerOf } from '../src/ownership';
import { PERMIT_KINDS, PERMIT_RULES, permitExpiresAt } from '../src/permits';
import {
  type EventEnvelope,
  foldEvents,
  isClockActive,
  isClockPaused,
  type ReferralState,
} from '../src/referral';
import { ALL_QUEUES } from '../src/vocabulary';
import { adultFacts, childFacts, Life, received } from './ownership.fixtures';

const START = Date.parse('2026-03-06T15:30:00Z'); // a Friday afternoon, so working clocks cross a weekend

const OFFERS: readonly { recipientId: string; purpose: HandoffPurpose }[] = [
  { recipientId: 'social-services:1280', purpose: 'report-of-concern' },
  { recipientId: 'social-services:1280', purpose: 'social-services-investigation' },
  { recipientId: 'barnahus:malmo', purpose: 'barnahus' },
  { recipientId: 'nsp', purpose: 'nsp-shelter' },
  { recipientId: 'return-programme', purpose: 'return-programme' },
  { recipientId: 'health-care:12', purpose: 'health-care' },
  { recipientId: 'police:syd', purpose: 'criminal-investigation' },
  { recipientId: 'migrationsverket', purpose: 'reflection-period-permit' },
];

type Step =
  | { kind: 'acknowledge' }
  | { kind: 'offer'; offer: number; asSent: boolean }
  | { kind: 'consent'; offer: number }
  | { kind: 'withdraw'; consent: number }
  | { kind: 'accept' | 'decline' | 'revoke' | 'decide' | 'start' | 'end'; handoff: number }
  | { kind: 'apply'; permit: number; applicant: number }
  | { kind: 'grant' | 'refuse' | 'extend' | 'revoke-permit'; permit: number; months: number }
  | { kind: 'transfer'; queue: number }
  | { kind: 'close' | 'reopen' | 'note' }
  | { kind: 'pause' | 'resume' | 'escalate'; clock: number };

// Services, their lifecycle and the permit ledger come twice as often: each needs a few steps in a row to be reached.
const step: fc.Arbitrary<Step> = fc.oneof(
  fc.constant({ kind: 'acknowledge' as const }),
  fc.record({
    kind: fc.constant('offer' as const),
    offer: fc.nat(OFFERS.length - 1),
    // Mostly as a coordinator would send it (a legal basis for a child, none for an adult), sometimes not.
    asSent: fc.constantFrom(true, true, true, true, false),
  }),
  // One branch for both, so the other steps come as often as before consent existed.
  fc.oneof(
    fc.record({ kind: fc.constant('consent' as const), offer: fc.nat(OFFERS.length - 1) }),
    fc.record({ kind: fc.constant('withdraw' as const), consent: fc.nat(5) }),
  ),
  fc.record({
    kind: fc.constantFrom('accept' as const, 'decline' as const, 'revoke' as const, 'decide' as const),
    handoff: fc.nat(5),
  }),
  fc.record({ kind: fc.constantFrom('start' as const, 'end' as const), handoff: fc.nat(5) }),
  fc.record({ kind: fc.constant('accept' as const), handoff: fc.nat(5) }),
  fc.record({ kind: fc.constant('apply' as const), permit: fc.nat(2), applicant: fc.nat(1) }),
  fc.record({
    kind: fc.constantFrom(
      'grant' as const,
      'grant' as const,
      'refuse' as const,
      'extend' as const,
      'extend' as const,
      'revoke-permit' as const,
    ),
    permit: fc.nat(2),
    months: fc.integer({ min: 0, max: 30 }),
  }),
  fc.record({ kind: fc.constant('transfer' as const), queue: fc.nat(ALL_QUEUES.length - 1) }),
  fc.constantFrom({ kind: 'close' as const }, { kind: 'reopen' as const }, { kind: 'note' as const }),
  fc.record({
    kind: fc.constantFrom('pause' as const, 'resume' as const, 'escalate' as const, 'escalate' as const),
    clock: fc.nat(12),
  }),
);

// Minutes to wait before each step: mostly short, sometimes a day or a week, so clocks warn, breach and escalate.
const wait = fc.oneof(fc.integer({ min: 0, max: 90 }), fc.integer({ min: 60, max: 60 * 24 * 8 }));

const dayOf = (now: string) => swedishCalendar.localDateOf(now);
const monthsAfter = (day: string, months: number) =>
  swedishCalendar.localDateOf(
    swedishCalendar.addCalendarMonths(swedishCalendar.atLocalTime(day, '12:00'), months),
  );

function commandFor(s: Step, life: Life, now: string): ReferralCommand | undefined {
  const { state } = life;
  const permit = (i: number) => state.permits[i % Math.max(1, state.permits.length)];
  const handoff = (i: number) => state.handoffs[i % Math.max(1, state.handoffs.length)];
  const clock = (i: number) => state.clocks[i % Math.max(1, state.clocks.length)];
  switch (s.kind) {
    case 'acknowledge':
      return { type: 'acknowledge' };
    case 'note':
      return { type: 'add-note', noteId: life.nextId() };
    case 'offer': {
      const child = state.route?.track === 'child';
      return {
        type: 'offer-handoff',
        handoffId: life.nextId(),
        ...OFFERS[s.offer]!,
        ...(child === s.asSent ? { legalBasis: 'guardian-consent' as const } : {}),
      };
    }
    case 'consent': {
      const offer = OFFERS[s.offer]!;
      const recipientType = findOrganisation(offer.recipientId)!.type;
      return { type: 'record-consent', recipientType, purpose: offer.purpose };
    }
    case 'withdraw': {
      const consent = state.consents[s.consent % Math.max(1, state.consents.length)];
      return consent ? { type: 'withdraw-consent', consentId: consent.id } : undefined;
    }
    case 'accept':
    case 'decline':
    case 'revoke':
    case 'decide': {
      const h = handoff(s.handoff);
      if (!h) return undefined;
      if (s.kind === 'accept') return { type: 'accept-handoff', handoffId: h.id };
      if (s.kind === 'decline') return { type: 'decline-handoff', handoffId: h.id, reason: 'no-capacity' };
      if (s.kind === 'revoke') return { type: 'revoke-handoff', handoffId: h.id, reason: 'no-longer-needed' };
      return { type: 'record-decision', handoffId: h.id, decision: 'no-investigation' };
    }
    case 'start':
    case 'end': {
      // Mostly a service the step can act on, sometimes any hand-off, so refusals are exercised too.
      const fitting = state.handoffs.filter(
        (x) =>
          !movesOwnership(x.purpose) &&
          (s.kind === 'start' ? x.status === 'accepted' : ['accepted', 'active'].includes(x.status)),
      );
      const h =
        s.handoff % 4 !== 0 && fitting.length ? fitting[s.handoff % fitting.length] : handoff(s.handoff);
      if (!h) return undefined;
      return s.kind === 'start'
        ? { type: 'start-service', handoffId: h.id }
        : { type: 'end-service', handoffId: h.id, outcome: 'completed' };
    }
    case 'apply': {
      const kind = PERMIT_KINDS[s.permit]!;
      const applicants = PERMIT_RULES[kind].applicants;
      return {
        type: 'apply-permit',
        permitId: life.nextId(),
        kind,
        appliedBy: applicants[s.applicant % applicants.length]!,
        appliedOn: dayOf(now),
      };
    }
    case 'grant':
    case 'refuse':
    case 'extend':
    case 'revoke-permit': {
      const wanted = s.kind === 'grant' || s.kind === 'refuse' ? 'applied' : 'granted';
      const fitting = state.permits.filter((x) => x.status === wanted);
      const p = s.months % 4 !== 0 && fitting.length ? fitting[s.permit % fitting.length] : permit(s.permit);
      if (!p) return undefined;
      const today = dayOf(now);
      if (s.kind === 'refuse') {
        return { type: 'decide-permit', permitId: p.id, decision: 'refused', decidedOn: today };
      }
      if (s.kind === 'grant') {
        // Sometimes the law's minimum (no end given), sometimes an end months ahead — too short, fine or past a cap.
        return {
          type: 'decide-permit',
          permitId: p.id,
          decision: 'granted',
          decidedOn: today,
          ...(s.months % 3 === 0 ? {} : { validUntil: monthsAfter(today, s.months) }),
        };
      }
      if (s.kind === 'extend') {
        return {
          type: 'extend-permit',
          permitId: p.id,
          decidedOn: today,
          validUntil: monthsAfter(p.validUntil ?? today, s.months),
        };
      }
      return { type: 'revoke-permit', permitId: p.id, decidedOn: today };
    }
    case 'transfer':
      return { type: 'transfer', to: ALL_QUEUES[s.queue]!, reason: 'person-moved' };
    case 'close':
      return { type: 'close', reason: 'support-established' };
    case 'reopen':
      return { type: 'reopen', reason: 'relapse' };
    case 'pause':
    case 'resume':
    case 'escalate': {
      // Mostly a clock the step can act on (a paused one to resume, a running one to pause), so pause and resume
      // are reached in every run; sometimes any clock, so refusals are exercised too.
      const fitting = state.clocks.filter((k) =>
        s.kind === 'resume'
          ? isClockPaused(k)
          : isClockActive(k) && !isClockPaused(k) && (s.kind === 'escalate' || policyOf(k).pausable),
      );
      const c = s.clock % 4 !== 0 && fitting.length ? fitting[s.clock % fitting.length] : clock(s.clock);
      if (!c) return undefined;
      if (s.kind === 'pause') return { type: 'pause-clock', clockId: c.id, reason: 'person-unreachable' };
      if (s.kind === 'resume') return { type: 'resume-clock', clockId: c.id };
      return { type: 'escalate', clockId: c.id };
    }
  }
}

/** Whether a coordinator still has to acknowledge: routed, transferred or reopened since the last acknowledgement. */
function awaitingAcknowledgement(log: readonly EventEnvelope[]): boolean {
  let awaiting = false;
  for (const e of log) {
    if (['referral.routed.v1', 'referral.transferred.v1', 'referral.reopened.v1'].includes(e.type))
      awaiting = true;
    if (e.type === 'referral.acknowledged.v1') awaiting = false;
  }
  return awaiting;
}

/** Whether the person was a child on the day of `now`, by the facts' birthday (none known: by the track). */
function cameOfAge(log: readonly EventEnvelope[]): boolean {
  return log.some((e) => e.type === 'referral.came-of-age.v1');
}

const OWNER_CHANGING = [
  'referral.routed.v1',
  'referral.acknowledged.v1',
  'handoff.accepted.v1',
  'referral.reopened.v1',
];

function checkInvariants(life: Life, before: ReferralState, history: readonly EventEnvelope[], now: string) {
  const { state, log } = life;
  const open = state.status !== 'closed';
  const fresh = log.slice(history.length);

  // History is append-only: what was recorded before is still there, unchanged, and the state is its fold.
  expect(log.slice(0, history.length)).toEqual(history);
  expect(log.map((e) => e.seq)).toEqual(log.map((_, i) => i + 1));
  expect(foldEvents(log)).toEqual(state);
  expect(state.handoffs.slice(0, before.handoffs.length).map((h) => h.id)).toEqual(
    before.handoffs.map((h) => h.id),
  );
  // A hand-off's status only moves forward: an offer is answered once; a service goes on to active and ended.
  const NEXT: Record<string, readonly string[]> = {
    accepted: ['accepted', 'active', 'ended'],
    active: ['active', 'ended'],
  };
  for (const h of before.handoffs) {
    if (h.status === 'offered') continue;
    expect(NEXT[h.status] ?? [h.status]).toContain(state.handoffs.find((x) => x.id === h.id)?.status);
  }

  // Every disclosure rests on something: a child's on a legal basis; an adult's on a consent in force when offered,
  // and an offer still waiting never rests on a withdrawn consent.
  for (const e of fresh) {
    if (e.type !== 'handoff.offered.v1') continue;
    const { basis, recipient, purpose } = e.data;
    if (before.route?.track === 'child' || e.data.purpose === 'report-of-concern') {
      expect(basis.type).toBe('legal-basis');
    } else {
      expect(basis).toEqual({
        type: 'consent',
        consentId: consentFor(before.consents, { recipientType: recipient.type, purpose })?.id,
      });
    }
  }
  for (const h of state.handoffs) {
    if (h.status !== 'offered' || h.basis.type !== 'consent') continue;
    const { consentId } = h.basis;
    expect(state.consents.find((c) => c.id === consentId)?.withdrawnAt).toBeUndefined();
  }

  // Exactly one accountable owner: a coordinator office, or an organisation that accepted a hand-over of
  // responsibility. Services never own, whatever number of them run in parallel, and never move the owner.
  const { owner } = state;
  if (owner.type === 'organisation') {
    expect(
      state.handoffs.some(
        (h) => h.status === 'accepted' && h.recipient.id === owner.id && movesOwnership(h.purpose),
      ),
    ).toBe(true);
  } else {
    expect(ALL_QUEUES.map((q) => `coordinator-office:${q}`)).toContain(owner.id);
  }
  if (JSON.stringify(owner) !== JSON.stringify(before.owner)) {
    expect(fresh.some((e) => OWNER_CHANGING.includes(e.type))).toBe(true);
    const service = fresh.some(
      (e) =>
        e.type === 'handoff.accepted.v1' &&
        !movesOwnership(state.handoffs.find((h) => h.id === e.data.handoffId)!.purpose),
    );
    const otherOwnerChange = fresh.some(
      (e) => OWNER_CHANGING.includes(e.type) && e.type !== 'handoff.accepted.v1',
    );
    expect(service && !otherOwnerChange).toBe(false);
  }
  for (const e of fresh) {
    if (e.type !== 'handoff.accepted.v1') continue;
    const h = state.handoffs.find((x) => x.id === e.data.handoffId)!;
    expect(e.data.owner !== undefined).toBe(movesOwnership(h.purpose));
  }
  // Coming of age changes nothing about who works the case or where: the same owner, queue and services.
  if (fresh.some((e) => e.type === 'referral.came-of-age.v1')) {
    expect(state.owner).toEqual(before.owner);
    expect(state.route).toEqual(before.route);
    expect(state.handoffs.map((h) => h.status)).toEqual(before.handoffs.map((h) => h.status));
  }

  // Each clock runs exactly while its condition holds, and only one clock per condition.
  const active = state.clocks.filter(isClockActive);
  const keys = active.map((c) => c.key).sort();
  expect(new Set(keys).size).toBe(keys.length);
  const expected: string[] = [];
  const child = state.route?.track === 'child' && !cameOfAge(log);
  if (open && awaitingAcknowledgement(log)) expected.push(`acknowledge:${state.route!.queue}`);
  if (open && owner.type === 'coordinator-office') expected.push('owner-gap');
  // The referrer's first feedback: from routing until the referral was first acknowledged, handed over (an accepted
  // hand-off that moved ownership; a service beside the owner leaves the referrer's status as it was) or closed.
  const fedBack = log.some(
    (e) =>
      e.type === 'referral.acknowledged.v1' ||
      e.type === 'referral.closed.v1' ||
      (e.type === 'handoff.accepted.v1' && e.data.owner !== undefined),
  );
  if (open && state.status === 'routed' && !fedBack) expected.push('referrer-feedback');
  for (const h of state.handoffs) {
    if (h.status === 'offered') expected.push(`handoff-accept:${h.id}`);
    // The 14-day decision is a child-protection clock: it runs while the person is a child.
    if (
      open &&
      child &&
      h.purpose === 'report-of-concern' &&
      ['offered', 'accepted'].includes(h.status) &&
      !h.decision
    ) {
      expected.push(`child-decision:${h.id}`);
    }
  }
  // A child's report of concern must be made: while none is waiting or accepted, the coordinator is on the clock.
  const reported = state.handoffs.some(
    (h) => h.purpose === 'report-of-concern' && ['offered', 'accepted'].includes(h.status),
  );
  if (open && child && !reported) expected.push('report-of-concern');
  // The transition alarm runs for a child with a known birthday until the birthday.
  if (open && child && state.facts.turns18On) expected.push(`turning-18:${state.facts.turns18On}`);
  // A granted permit runs to its end, extensions included; a refused or revoked one runs no clock.
  for (const p of state.permits) {
    if (open && p.status === 'granted') expected.push(`permit:${p.id}:${p.validUntil}`);
  }
  expect(keys).toEqual(expected.sort());
  if (!open) expect(state.handoffs.some((h) => h.status === 'offered')).toBe(false);

  // A permit clock ends when the permit does; the law's minimum and the exit-plan cap hold for every grant.
  for (const clock of active.filter((c) => c.permitId)) {
    const p = state.permits.find((x) => x.id === clock.permitId)!;
    expect(clock.kind).toBe(PERMIT_RULES[p.kind].clock);
    expect(clockStateAt(clock, now).dueAt).toBe(permitExpiresAt(p.validUntil!).toISOString());
  }

  // Paused time is excluded: a calendar clock's due time moves by exactly the time it spent paused.
  for (const clock of active) {
    const policy = policyOf(clock);
    if (policy.duration.basis !== 'calendar' || clock.endsAt || clock.eighteenthBirthday) continue;
    const withPauses = clockStateAt(clock, now);
    const unpaused = computeClock({
      policy,
      events: [{ type: 'started', at: clock.events[0]!.at }],
      now: clock.events[0]!.at,
    });
    // A pause after the due time cannot undo the breach; only pauses before it move it.
    if (clock.events.some((e) => e.type === 'paused' && e.at >= unpaused.dueAt)) continue;
    expect(Date.parse(withPauses.dueAt) - Date.parse(unpaused.dueAt)).toBe(withPauses.pausedMillis);
  }
  if (!open) expect(state.handoffs.some((h) => h.status === 'offered')).toBe(false);

  // A clock is armed (has a timer) only while it counts; a stopped or paused clock never is.
  for (const clock of state.clocks) {
    const timer = timerOf(clock, now);
    if (!isClockActive(clock) || isClockPaused(clock)) expect(timer).toBeUndefined();
    else if (!clock.breached) expect(timer?.action).toMatch(/warn|breach/);
    // Only a clock its policy allows to pause was ever paused (the law's clocks and the birthday run on).
    if (clock.events.some((e) => e.type === 'paused')) expect(policyOf(clock).pausable).toBe(true);
  }
  // At most one breach per clock, ever.
  for (const clock of state.clocks) {
    const breaches = log.filter((e) => e.type === 'clock.breached.v1' && e.data.clockId === clock.id);
    expect(breaches.length).toBeLessThanOrEqual(1);
  }
}

// Every kind of event the runs reached, so a generator that stopped exercising something would be noticed.
const reached = new Set<string>();

describe('a referral under any sequence of actions', () => {
  it.each([
    // A child who turns 18 five weeks in: the alarm is due at once, the birthday within reach of a run.
    ['child', { ...childFacts(), turns18On: '2026-04-10' }],
    ['adult', adultFacts()],
  ])('keeps exactly one owner, clocks armed iff due, and an append-only history (%s)', (_track, facts) => {
    fc.assert(
      fc.property(fc.array(fc.tuple(wait, step), { minLength: 1, maxLength: 40, size: 'large' }), (steps) => {
        let time = START;
        const life = new Life(received(facts, new Date(time).toISOString()));
        life.run({ type: 'route', today: '2026-03-06', handoffId: 'H-auto' }, new Date(time).toISOString());
        for (const [minutes, s] of steps) {
          time += minutes * 60_000;
          const now = new Date(time).toISOString();
          const before = life.state;
          const history = [...life.log];
          const command = commandFor(s, life, now);
          if (!command) continue;
          try {
            life.run(command, now);
          } catch (error) {
            if (!(error instanceof Conflict || error instanceof NotFound || error instanceof InvalidField))
              throw error;
            expect(life.log).toEqual(history);
          }
          checkInvariants(life, before, history, now);
        }
        // Finally the escalator looks in once more, half a year on: every clock still counting is past its due time
        // (a child's birthday included), and the rules must still hold.
        const later = new Date(time + 183 * 24 * 3_600_000).toISOString();
        for (const clock of life.state.clocks.filter(isClockActive)) {
          const before = life.state;
          const history = [...life.log];
          life.run({ type: 'escalate', clockId: clock.id }, later);
          checkInvariants(life, before, history, later);
        }
        for (const e of life.log) reached.add(e.type);
      }),
      { numRuns: 400 },
    );
  });

  it('reached every kind of event along the way', () => {
    const missing = (
      [
        'clock.breached.v1',
        'clock.escalated.v1',
        'clock.paused.v1',
        'clock.resumed.v1',
        'clock.warned.v1',
        'consent.recorded.v1',
        'consent.withdrawn.v1',
        'handoff.accepted.v1',
        'handoff.declined.v1',
        'handoff.decision-recorded.v1',
        'handoff.expired.v1',
        'handoff.revoked.v1',
        'referral.acknowledged.v1',
        'referral.closed.v1',
        'referral.reopened.v1',
        'referral.transferred.v1',
        'handoff.service-started.v1',
        'handoff.service-ended.v1',
        'permit.applied.v1',
        'permit.decided.v1',
        'permit.extended.v1',
        'permit.revoked.v1',
        'referral.came-of-age.v1',
      ] as const
    ).filter((type) => !reached.has(type));
    expect(missing).toEqual([]);
  });

  it('records policy and catalogue version with every clock it starts', () => {
    const life = new Life(received(childFacts()));
    life.run({ type: 'route', today: '2026-03-10', handoffId: 'H-auto' }, '2026-03-10T09:00:00Z');
    for (const clock of life.state.clocks)
      expect(clock.catalogueVersion).toBe(CLOCK_POLICY_CATALOGUE.version);
  });
});
