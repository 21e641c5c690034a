// Which clocks a referral must be running, and what its running clocks need next: a warning, a breach or a further
// escalation. Pure: the due times come from the clock engine, computed from the clock's events, the policy and the
// calendar; nothing here stores a due time.
import { type Calendar, swedishCalendar } from '../calendar/calendar';
import {
  CLOCK_POLICY_CATALOGUE,
  type ClockKind,
  type ClockPauseReason,
  type ClockPolicy,
  type ClockPolicyCatalogue,
  type ClockSituation,
  type ClockState,
  computeClock,
  findClockPolicy,
} from '../clocks';
import { PERMIT_RULES, permitExpiresAt } from '../permits';
import type { ReferralState, TrackedClock } from '../referral';
import { isClockActive, isClockPaused } from '../referral';
import type { Track } from '../vocabulary';

export interface TrackingOptions {
  readonly catalogue?: ClockPolicyCatalogue;
  readonly calendar?: Calendar;
}

/** A clock the referral's situation calls for, identified by its key: at most one active clock per key. */
export interface RequiredClock {
  readonly key: string;
  readonly kind: ClockKind;
  readonly situation: ClockSituation;
  readonly handoffId?: string;
  readonly permitId?: string;
  /** A clock that counts from a recorded date (a permit's first valid day) rather than from now. */
  readonly startsAt?: string;
  /** The end a decision set (a permit's expiry). */
  readonly endsAt?: string;
  readonly eighteenthBirthday?: string;
}

/**
 * The track whose rules apply now: a child who turned 18 during the case keeps the child's queue and services
 * (domain.md §4) but is an adult for what is offered next and for the child-only clocks.
 */
export function effectiveTrack(state: ReferralState): Track {
  if (!state.route) return 'child';
  return state.cameOfAgeAt ? 'adult' : state.route.track;
}

/**
 * The clocks that must be running, by the rules of domain.md §5: a coordinator must acknowledge a routed,
 * transferred or reopened referral; a case owned by a coordinator office has no accepted owner yet; every offered
 * hand-off waits for an answer; a child's report of concern must be made, and then waits for social services'
 * decision on an investigation; a child with a known birthday approaches 18; a granted permit runs to its end.
 * An anonymous notification runs none: it is counted, not worked (it closes itself when routed).
 */
export function requiredClocks(state: ReferralState, options: TrackingOptions = {}): RequiredClock[] {
  if (state.status === 'closed' || !state.route || state.facts.anonymous) return [];
  const { track } = state.route;
  const childNow = effectiveTrack(state) === 'child';
  const required: RequiredClock[] = [];
  if (state.awaitingAcknowledgement) {
    required.push({
      key: `acknowledge:${state.route.queue}`,
      kind: 'acknowledge',
      situation: { track, acute: state.facts.acuteProtection },
    });
  }
  if (state.owner.type === 'coordinator-office') {
    required.push({ key: 'owner-gap', kind: 'owner-gap', situation: { track } });
  }
  // The referrer's first status feedback (domain.md §5, 1 working day; issue 17): from routing until the referrer's
  // status says more than that it arrived (acknowledged, handed on or closed). Once only: a reopened referral's
  // referrer has had its first feedback. An office that registered the referral itself needs none.
  if (
    state.status === 'routed' &&
    state.referrer.organisationType !== 'coordinator-office' &&
    state.referrer.organisationType !== 'national-coordinator' &&
    !state.clocks.some((c) => c.kind === 'referrer-feedback' && !isClockActive(c))
  ) {
    required.push({ key: 'referrer-feedback', kind: 'referrer-feedback', situation: { track } });
  }
  for (const handoff of state.handoffs) {
    if (handoff.status === 'offered') {
      required.push({
        key: `handoff-accept:${handoff.id}`,
        kind: 'handoff-accept',
        situation: { track, recipient: handoff.recipient.type, purpose: handoff.purpose },
        handoffId: handoff.id,
      });
    }
    // The 14-day decision on a report of concern is a child-protection clock: it ends if the person is an adult.
    if (
      childNow &&
      handoff.purpose === 'report-of-concern' &&
      (handoff.status === 'offered' || handoff.status === 'accepted') &&
      !handoff.decision
    ) {
      required.push({
        key: `child-decision:${handoff.id}`,
        kind: 'child-decision',
        situation: { track },
        handoffId: handoff.id,
      });
    }
  }
  // A child in Sweden whose report of concern cannot be made yet (known only by county) or was declined, revoked or
  // lapsed: the children's coordinator names the municipality or another recipient, around the clock.
  const reported = state.handoffs.some(
    (h) => h.purpose === 'report-of-concern' && (h.status === 'offered' || h.status === 'accepted'),
  );
  if (childNow && !reported && !('abroad' in state.facts.location)) {
    required.push({ key: 'report-of-concern', kind: 'report-of-concern', situation: { track } });
  }
  if (childNow && state.facts.turns18On) {
    required.push({
      key: `turning-18:${state.facts.turns18On}`,
      kind: 'turning-18',
      situation: {},
      eighteenthBirthday: state.facts.turns18On,
    });
  }
  const calendar = options.calendar ?? swedishCalendar;
  for (const permit of state.permits) {
    if (permit.status !== 'granted' || !permit.validFrom || !permit.validUntil) continue;
    required.push({
      key: `permit:${permit.id}:${permit.validUntil}`,
      kind: PERMIT_RULES[permit.kind].clock,
      situation: {},
      permitId: permit.id,
      startsAt: calendar.atLocalTime(permit.validFrom, '00:00').toISOString(),
      endsAt: permitExpiresAt(permit.validUntil, calendar).toISOString(),
    });
  }
  return required;
}

export function policyOf(clock: TrackedClock, catalogue = CLOCK_POLICY_CATALOGUE): ClockPolicy {
  const policy = findClockPolicy(catalogue, clock.policyId);
  if (!policy) throw new RangeError(`Catalogue ${catalogue.version} has no policy ${clock.policyId}`);
  return policy;
}

/** The clock as the engine sees it at `now` (never earlier than its own last event, so a clock never un-starts). */
export function clockStateAt(clock: TrackedClock, now: string, options: TrackingOptions = {}): ClockState {
  const last = clock.events[clock.events.length - 1]!.at;
  return computeClock({
    policy: policyOf(clock, options.catalogue),
    events: clock.events.map((e) =>
      e.type === 'paused'
        ? { type: 'paused', at: e.at, reason: (e.reason as ClockPauseReason | undefined) ?? 'other' }
        : { type: e.type, at: e.at },
    ),
    now: now > last ? now : last,
    calendar: options.calendar ?? swedishCalendar,
    ...(clock.endsAt ? { endsAt: clock.endsAt } : {}),
    ...(clock.eighteenthBirthday ? { eighteenthBirthday: clock.eighteenthBirthday } : {}),
  });
}

export type TimerAction = 'warn' | 'breach' | 'escalate';

/** What the escalator must do for a clock, and when: the item the due-index holds while the clock is armed. */
export interface Timer {
  readonly clockId: string;
  readonly action: TimerAction;
  /** Escalation step the action records: 0 the warning, 1 the breach, 2… later escalations. */
  readonly step: number;
  readonly dueAt: string;
}

/**
 * When escalation step `step` (≥ 2) falls due: each step after the breach waits as long again as the warning came
 * before the due time, counted in the clock's own basis (working time for working clocks).
 */
export function escalationStepAt(
  clock: TrackedClock,
  state: ClockState,
  step: number,
  options: TrackingOptions = {},
): string {
  const calendar = options.calendar ?? swedishCalendar;
  const policy = policyOf(clock, options.catalogue);
  const working = policy.duration.basis === 'working';
  const elapsed = (from: string, to: string) =>
    working ? calendar.workingMillisBetween(from, to) : Date.parse(to) - Date.parse(from);
  const lead = state.warnAt
    ? elapsed(state.warnAt, state.dueAt)
    : Math.round(elapsed(state.startedAt, state.dueAt) / 4);
  const wait = Math.max(lead, 60_000) * (step - 1);
  const at = working
    ? calendar.addWorkingMillis(state.dueAt, wait)
    : new Date(Date.parse(state.dueAt) + wait);
  return at.toISOString();
}

/**
 * The clock's next timer, decided by what has been recorded (not by the time), so a timer whose moment has passed
 * stays due until the escalator records it. None while paused or stopped, and none once the chain is spent.
 */
export function timerOf(clock: TrackedClock, now: string, options: TrackingOptions = {}): Timer | undefined {
  if (!isClockActive(clock) || isClockPaused(clock)) return undefined;
  // After its alarm, the turning-18 clock waits for the birthday itself, when the case comes of age.
  if (clock.kind === 'turning-18' && clock.breached && clock.eighteenthBirthday) {
    return { clockId: clock.id, action: 'escalate', step: 2, dueAt: birthdayAt(clock, options) };
  }
  const state = clockStateAt(clock, now, options);
  if (!clock.breached) {
    if (!clock.warned && state.warnAt !== null) {
      return { clockId: clock.id, action: 'warn', step: 0, dueAt: state.warnAt };
    }
    return { clockId: clock.id, action: 'breach', step: 1, dueAt: state.dueAt };
  }
  const step = Math.max(2, clock.escalationStep + 1);
  if (step >= policyOf(clock, options.catalogue).escalation.length) return undefined;
  return {
    clockId: clock.id,
    action: 'escalate',
    step,
    dueAt: escalationStepAt(clock, state, step, options),
  };
}

/** The instant a child of the case turns 18: midnight of the birthday in Stockholm. */
export function birthdayAt(clock: TrackedClock, options: TrackingOptions = {}): string {
  const calendar = options.calendar ?? swedishCalendar;
  return calendar.atLocalTime(clock.eighteenthBirthday!, '00:00').toISOString();
}

/** Every clock's timer, or undefined for a clock that has none (the store disarms it). */
export function timersOf(
  state: ReferralState,
  now: string,
  options: TrackingOptions = {},
): Map<string, Timer | undefined> {
  return new Map(state.clocks.map((clock) => [clock.id, timerOf(clock, now, options)]));
}

/** The most urgent due time among counting clocks: the coordinator queue lists the referral by it. */
export function nextDueAt(state: ReferralState, now: string, options: TrackingOptions = {}): string | null {
  let next: string | null = null;
  for (const clock of state.clocks) {
    if (!isClockActive(clock) || isClockPaused(clock)) continue;
    const { dueAt } = clockStateAt(clock, now, options);
    if (next === null || dueAt < next) next = dueAt;
  }
  return next;
}
