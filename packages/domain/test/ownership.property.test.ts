// Random lives of a referral (acknowledge, record or withdraw consent, hand off, accept, decline, revoke, transfer,
// close, reopen, pause, resume, and the escalator looking in at random times). After every step the rules of domain.md §2–§5 must hold,
// restated here from the brief rather than taken from the code: exactly one accountable owner, each clock running
// exactly while its condition holds, and a history that only ever grows.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CLOCK_POLICY_CATALOGUE } from '../src/clocks';
import { findOrganisation } from '../src/directory';
import { consentFor, type HandoffPurpose } from '../src/handoffs';
import {
  CommandRejected,
  FieldRequired,
  type ReferralCommand,
  timerOf,
  UnknownTarget,
} from '../src/ownership';
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
];

type Step =
  | { kind: 'acknowledge' }
  | { kind: 'offer'; offer: number; asSent: boolean }
  | { kind: 'consent'; offer: number }
  | { kind: 'withdraw'; consent: number }
  | { kind: 'accept' | 'decline' | 'revoke' | 'decide'; handoff: number }
  | { kind: 'transfer'; queue: number }
  | { kind: 'close' | 'reopen' | 'note' }
  | { kind: 'pause' | 'resume' | 'escalate'; clock: number };

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
  fc.record({ kind: fc.constant('transfer' as const), queue: fc.nat(ALL_QUEUES.length - 1) }),
  fc.constantFrom({ kind: 'close' as const }, { kind: 'reopen' as const }, { kind: 'note' as const }),
  fc.record({
    kind: fc.constantFrom('pause' as const, 'resume' as const, 'escalate' as const, 'escalate' as const),
    clock: fc.nat(12),
  }),
);

// Minutes to wait before each step: mostly short, sometimes a day or a week, so clocks warn, breach and escalate.
const wait = fc.oneof(fc.integer({ min: 0, max: 90 }), fc.integer({ min: 60, max: 60 * 24 * 8 }));

function commandFor(s: Step, life: Life): ReferralCommand | undefined {
  const { state } = life;
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
        s.kind === 'resume' ? isClockPaused(k) : isClockActive(k) && !isClockPaused(k),
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
  for (const h of before.handoffs) {
    if (h.status !== 'offered') expect(state.handoffs.find((x) => x.id === h.id)?.status).toBe(h.status);
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

  // Exactly one accountable owner: a coordinator office, or an organisation that accepted a hand-off.
  const { owner } = state;
  if (owner.type === 'organisation') {
    expect(state.handoffs.some((h) => h.status === 'accepted' && h.recipient.id === owner.id)).toBe(true);
  } else {
    expect(ALL_QUEUES.map((q) => `coordinator-office:${q}`)).toContain(owner.id);
  }
  if (JSON.stringify(owner) !== JSON.stringify(before.owner)) {
    expect(fresh.some((e) => OWNER_CHANGING.includes(e.type))).toBe(true);
  }

  // Each clock runs exactly while its condition holds, and only one clock per condition.
  const active = state.clocks.filter(isClockActive);
  const keys = active.map((c) => c.key).sort();
  expect(new Set(keys).size).toBe(keys.length);
  const expected: string[] = [];
  if (open && awaitingAcknowledgement(log)) expected.push(`acknowledge:${state.route!.queue}`);
  if (open && owner.type === 'coordinator-office') expected.push('owner-gap');
  // The referrer's first feedback: from routing until the referral was first acknowledged, handed on or closed.
  const fedBack = log.some((e) =>
    ['referral.acknowledged.v1', 'handoff.accepted.v1', 'referral.closed.v1'].includes(e.type),
  );
  if (open && state.status === 'routed' && !fedBack) expected.push('referrer-feedback');
  for (const h of state.handoffs) {
    if (h.status === 'offered') expected.push(`handoff-accept:${h.id}`);
    // The 14-day decision is a child-protection clock: it runs while the case is on the child track.
    if (
      open &&
      state.route?.track === 'child' &&
      h.purpose === 'report-of-concern' &&
      ['offered', 'accepted'].includes(h.status) &&
      !h.decision
    ) {
      expected.push(`child-decision:${h.id}`);
    }
  }
  expect(keys).toEqual(expected.sort());
  if (!open) expect(state.handoffs.some((h) => h.status === 'offered')).toBe(false);

  // A clock is armed (has a timer) only while it counts; a stopped or paused clock never is.
  for (const clock of state.clocks) {
    const timer = timerOf(clock, now);
    if (!isClockActive(clock) || isClockPaused(clock)) expect(timer).toBeUndefined();
    else if (!clock.breached) expect(timer?.action).toMatch(/warn|breach/);
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
    ['child', childFacts()],
    ['adult', adultFacts()],
  ])('keeps exactly one owner, clocks armed iff due, and an append-only history (%s)', (_track, facts) => {
    fc.assert(
      fc.property(fc.array(fc.tuple(wait, step), { minLength: 1, maxLength: 40 }), (steps) => {
        let time = START;
        const life = new Life(received(facts, new Date(time).toISOString()));
        life.run({ type: 'route', today: '2026-03-06', handoffId: 'H-auto' }, new Date(time).toISOString());
        for (const [minutes, s] of steps) {
          time += minutes * 60_000;
          const now = new Date(time).toISOString();
          const before = life.state;
          const history = [...life.log];
          const command = commandFor(s, life);
          if (!command) continue;
          try {
            life.run(command, now);
          } catch (error) {
            if (
              !(
                error instanceof CommandRejected ||
                error instanceof UnknownTarget ||
                error instanceof FieldRequired
              )
            )
              throw error;
            expect(life.log).toEqual(history);
          }
          checkInvariants(life, before, history, now);
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
