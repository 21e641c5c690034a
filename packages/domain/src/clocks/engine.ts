// The clock engine: folds a clock's events into its state as at `now`, purely, so the SLA sweeper, the API and the
// statistics all read the same due time from the same inputs.
//
// A clock measures ACTIVE time in its own basis: working time for working clocks, elapsed time for calendar clocks.
// Time spent paused is not active, so a pause moves the due time (and a warning not yet reached) later by exactly
// the paused time in that basis: a working clock paused overnight loses only the working hours of the pause.
// A clock still paused at `now` reports the due time it would have if it resumed now.
import { type Calendar, swedishCalendar } from '../calendar/calendar';
import { type InstantInput, toMillis } from '../calendar/zoned';
import { eighteenthBirthday } from './age';
import type { ClockKind, ClockPolicy } from './policies';

export const CLOCK_PAUSE_REASONS = [
  'person-unreachable',
  'in-hospital',
  'awaiting-interpreter',
  'other',
] as const;
export type ClockPauseReason = (typeof CLOCK_PAUSE_REASONS)[number];

export type ClockEvent =
  | { readonly type: 'started'; readonly at: InstantInput }
  | { readonly type: 'paused'; readonly at: InstantInput; readonly reason: ClockPauseReason }
  | { readonly type: 'resumed'; readonly at: InstantInput }
  | { readonly type: 'stopped'; readonly at: InstantInput };

export type ClockStatus = 'running' | 'paused' | 'warned' | 'breached' | 'stopped';

export interface ClockState {
  readonly kind: ClockKind;
  readonly policyId: string;
  /** Instants are UTC ISO strings, so they sort as text in an index. */
  readonly startedAt: string;
  readonly dueAt: string;
  /** Null when the policy has no warning. */
  readonly warnAt: string | null;
  readonly state: ClockStatus;
  /** Paused time so far, in the clock's basis (working milliseconds for a working clock). */
  readonly pausedMillis: number;
  /** Active time left until due, in the clock's basis; negative once overdue. Frozen when the clock stops. */
  readonly remaining: number;
  /** Whether the due time was reached before the clock stopped (or by now): the SLA outcome for statistics. */
  readonly breached: boolean;
  readonly pauseReason?: ClockPauseReason;
  readonly stoppedAt?: string;
}

export interface ClockOptions {
  readonly calendar?: Calendar;
  /** Local date 'YYYY-MM-DD'; clocks counted from the 18th birthday need it, or `eighteenthBirthday`. */
  readonly dateOfBirth?: string;
  /** Local date 'YYYY-MM-DD' of the 18th birthday, when that is what the caller keeps (not the date of birth). */
  readonly eighteenthBirthday?: string;
  /**
   * An end set by a decision (a permit valid until a date): the clock is due then, whatever its policy's duration.
   * The policy still gives the warning fraction, the escalation and what the clock is.
   */
  readonly endsAt?: InstantInput;
}

export interface ClockInput extends ClockOptions {
  readonly policy: ClockPolicy;
  /** In any order; events after `now` are not yet known and are ignored. Repeats (redelivery) are harmless. */
  readonly events: readonly ClockEvent[];
  readonly now: InstantInput;
}

interface Basis {
  elapsed(from: number, to: number): number;
  advance(from: number, millis: number): number;
}

function basisOf(policy: ClockPolicy, calendar: Calendar): Basis {
  return policy.duration.basis === 'working'
    ? {
        elapsed: (from, to) => calendar.workingMillisBetween(new Date(from), new Date(to)),
        advance: (from, millis) => calendar.addWorkingMillis(new Date(from), millis).getTime(),
      }
    : { elapsed: (from, to) => to - from, advance: (from, millis) => from + millis };
}

/** When a clock started at `startedAt` is due if nothing pauses it. */
export function scheduledDueAt(
  policy: ClockPolicy,
  startedAt: InstantInput,
  options: ClockOptions = {},
): Date {
  const calendar = options.calendar ?? swedishCalendar;
  const start = new Date(toMillis(startedAt));
  if (options.endsAt !== undefined) return new Date(toMillis(options.endsAt));
  const duration = policy.duration;
  switch (duration.unit) {
    case 'hours':
      return duration.basis === 'working'
        ? calendar.addWorkingHours(start, duration.amount)
        : calendar.addCalendarHours(start, duration.amount);
    case 'days':
      return duration.basis === 'working'
        ? calendar.addWorkingDays(start, duration.amount)
        : calendar.addCalendarDays(start, duration.amount);
    case 'months':
      return calendar.addCalendarMonths(start, duration.amount);
    case 'years':
      return calendar.addCalendarMonths(start, duration.amount * 12);
    case 'same-day': {
      const counting = calendar.nextWorkingTime(start);
      const day = calendar.localDateOf(counting);
      const close = calendar.atLocalTime(day, calendar.config.workingHours.closesAt);
      return counting < calendar.atLocalTime(day, duration.cutOff)
        ? close
        : calendar.addWorkingDays(close, 1);
    }
    case 'days-before-18th-birthday': {
      const day =
        options.eighteenthBirthday ??
        (options.dateOfBirth ? eighteenthBirthday(options.dateOfBirth) : undefined);
      if (!day) throw new RangeError(`Policy ${policy.id} needs the date of birth`);
      const birthday = calendar.atLocalTime(day, duration.atLocalTime);
      return calendar.addCalendarDays(birthday, -duration.amount);
    }
  }
}

/** The active time a clock needs, in its basis; an alarm whose time has already passed is due at once. */
function requiredMillis(policy: ClockPolicy, start: number, basis: Basis, options: ClockOptions): number {
  return Math.max(0, basis.elapsed(start, scheduledDueAt(policy, new Date(start), options).getTime()));
}

export function computeClock(input: ClockInput): ClockState {
  const { policy } = input;
  const calendar = input.calendar ?? swedishCalendar;
  const basis = basisOf(policy, calendar);
  const now = toMillis(input.now);
  const known = input.events
    .map((event) => ({ event, at: toMillis(event.at) }))
    .filter(({ at }) => at <= now)
    .sort((a, b) => a.at - b.at);

  const start = known.find(({ event }) => event.type === 'started')?.at;
  if (start === undefined)
    throw new RangeError(`Clock ${policy.id} has not started by ${new Date(now).toISOString()}`);

  const pauses: [number, number][] = [];
  let pausedSince: number | undefined;
  let pauseReason: ClockPauseReason | undefined;
  let stoppedAt: number | undefined;
  for (const { event, at } of known) {
    if (at < start || stoppedAt !== undefined) continue;
    if (event.type === 'paused' && pausedSince === undefined) {
      pausedSince = at;
      pauseReason = event.reason;
    } else if (event.type === 'resumed' && pausedSince !== undefined) {
      pauses.push([pausedSince, at]);
      pausedSince = undefined;
    } else if (event.type === 'stopped') {
      stoppedAt = at;
    }
  }
  const end = stoppedAt ?? now;
  const pausedNow = pausedSince !== undefined && stoppedAt === undefined;
  if (pausedSince !== undefined) pauses.push([pausedSince, end]);

  // The instant at which the clock has been active for `target`, skipping the pauses.
  const activeFor = (target: number): number => {
    let cursor = start;
    let left = target;
    for (const [pausedFrom, resumedAt] of pauses) {
      const active = basis.elapsed(cursor, pausedFrom);
      if (active >= left) return basis.advance(cursor, left);
      left -= active;
      cursor = resumedAt;
    }
    return basis.advance(cursor, left);
  };

  const required = requiredMillis(policy, start, basis, input);
  const pausedMillis = pauses.reduce((sum, [from, to]) => sum + basis.elapsed(from, to), 0);
  const dueAt = activeFor(required);
  const warnAt =
    policy.warningFraction === null ? null : activeFor(Math.round(required * policy.warningFraction));
  const breached = end >= dueAt;

  const state: ClockStatus =
    stoppedAt !== undefined
      ? 'stopped'
      : pausedNow
        ? 'paused'
        : breached
          ? 'breached'
          : warnAt !== null && now >= warnAt
            ? 'warned'
            : 'running';

  return {
    kind: policy.kind,
    policyId: policy.id,
    startedAt: new Date(start).toISOString(),
    dueAt: new Date(dueAt).toISOString(),
    warnAt: warnAt === null ? null : new Date(warnAt).toISOString(),
    state,
    pausedMillis,
    remaining: required - (basis.elapsed(start, end) - pausedMillis),
    breached,
    ...(pausedNow && pauseReason ? { pauseReason } : {}),
    ...(stoppedAt !== undefined ? { stoppedAt: new Date(stoppedAt).toISOString() } : {}),
  };
}

/**
 * The next instant at which the escalator must look at the clock: the warning if it is still ahead, otherwise the
 * due time. None while paused (resuming recomputes), once stopped, or once breached (the breach is acted on when it
 * is observed; later escalation steps are the escalator's schedule, see escalationTarget).
 */
export function nextTimerAt(clock: ClockState): string | undefined {
  if (clock.state === 'running') return clock.warnAt ?? clock.dueAt;
  if (clock.state === 'warned') return clock.dueAt;
  return undefined;
}
