// Statutory dates read straight from the catalogue's numbers: what a coordinator or a form needs to show, without
// starting a clock. Day and month periods keep the wall-clock time of their start, as the clocks do; none is moved
// off a weekend or holiday, because for the person's protection the earliest reading is the one to act on.
import { type Calendar, swedishCalendar } from '../calendar/calendar';
import type { InstantInput } from '../calendar/zoned';
import { scheduledDueAt } from './engine';
import {
  CLOCK_POLICY_CATALOGUE,
  type ClockKind,
  type ClockPolicyCatalogue,
  selectClockPolicy,
} from './policies';

export interface StatutoryOptions {
  readonly calendar?: Calendar;
  readonly catalogue?: ClockPolicyCatalogue;
}

function dueAfter(
  kind: ClockKind,
  start: InstantInput,
  options: StatutoryOptions,
  dateOfBirth?: string,
): Date {
  const policy = selectClockPolicy(options.catalogue ?? CLOCK_POLICY_CATALOGUE, kind);
  return scheduledDueAt(policy, start, { calendar: options.calendar ?? swedishCalendar, dateOfBirth });
}

/** End of the reflection period (30 days from the grant). */
export function reflectionPeriodEnd(grantedAt: InstantInput, options: StatutoryOptions = {}): Date {
  return dueAfter('reflection-period', grantedAt, options);
}

/** The earliest a residence permit of this kind may end (at least 6 months from the grant). */
export function permitEarliestEnd(
  grantedAt: InstantInput,
  kind: 'permit-investigation' | 'exit-plan-permit' = 'permit-investigation',
  options: StatutoryOptions = {},
): Date {
  return dueAfter(kind, grantedAt, options);
}

/** The latest an exit-plan permit may end with all its extensions (2 years in total from the first grant). */
export function exitPlanPermitMaxEnd(firstGrantedAt: InstantInput, options: StatutoryOptions = {}): Date {
  const policy = selectClockPolicy(options.catalogue ?? CLOCK_POLICY_CATALOGUE, 'exit-plan-permit');
  const calendar = options.calendar ?? swedishCalendar;
  if (!policy.maxTotal) throw new RangeError(`Policy ${policy.id} sets no maximum`);
  const { amount, unit } = policy.maxTotal;
  if (unit === 'days') return calendar.addCalendarDays(firstGrantedAt, amount);
  return calendar.addCalendarMonths(firstGrantedAt, unit === 'years' ? amount * 12 : amount);
}

/** When social services must have decided whether to open an investigation (14 days from the report). */
export function childDecisionDue(reportedAt: InstantInput, options: StatutoryOptions = {}): Date {
  return dueAfter('child-decision', reportedAt, options);
}

/** When the transition alarm for a child approaching 18 goes off (60 days before the birthday, at 08:00). */
export function turning18AlarmAt(dateOfBirth: string, options: StatutoryOptions = {}): Date {
  // The alarm does not depend on when its clock started; the birth date itself is a valid start.
  const calendar = options.calendar ?? swedishCalendar;
  return dueAfter('turning-18', calendar.atLocalTime(dateOfBirth, '00:00'), options, dateOfBirth);
}
