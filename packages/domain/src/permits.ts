// The permit ledger (domain.md §5): residence permits a presumed victim may be granted, who applies for each, and the
// statutory limits a decision must respect. The clocks the law sets are armed from the recorded grants (ownership/
// clocks.ts); this module holds the rules and the date arithmetic, purely.
//
// Dates are local dates in Stockholm ('YYYY-MM-DD'), as decisions state them. A permit is valid from `validFrom`
// through `validUntil` inclusive ("giltigt till och med"); it expires at the start of the following day.
import { type Calendar, swedishCalendar } from './calendar/calendar';
import { formatLocalDay, isLocalDate, parseLocalDate } from './calendar/zoned';
import type { ClockKind } from './clocks';
import { exitPlanPermitMaxEnd, permitEarliestEnd, reflectionPeriodEnd } from './clocks/statutory';
import { InvalidField } from './errors';

export const PERMIT_KINDS = ['reflection-period', 'criminal-investigation', 'exit-plan'] as const;
export type PermitKind = (typeof PERMIT_KINDS)[number];

export const PERMIT_APPLICANTS = ['preliminary-investigation-leader', 'social-services'] as const;
export type PermitApplicant = (typeof PERMIT_APPLICANTS)[number];

export const PERMIT_STATUSES = ['applied', 'granted', 'refused', 'revoked'] as const;
export type PermitStatus = (typeof PERMIT_STATUSES)[number];

export interface PermitRule {
  readonly title: string;
  /** Who may apply (Utlänningslagen 5:15 and the proposed exit-plan permit). */
  readonly applicants: readonly PermitApplicant[];
  /** The statutory clock a grant arms: it runs to the end of the permit. */
  readonly clock: Extract<ClockKind, 'reflection-period' | 'permit-investigation' | 'exit-plan-permit'>;
  readonly source: string;
}

export const PERMIT_RULES: { readonly [K in PermitKind]: PermitRule } = {
  'reflection-period': {
    title:
      'Reflection-period residence permit (betänketid): 30 days from the grant, extendable for special reasons',
    applicants: ['preliminary-investigation-leader', 'social-services'],
    clock: 'reflection-period',
    source: 'SOU 2023:97 L4297–4303, L4340–4342',
  },
  'criminal-investigation': {
    title: 'Residence permit for taking part in a criminal investigation: at least 6 months, renewable',
    applicants: ['preliminary-investigation-leader'],
    clock: 'permit-investigation',
    source: 'SOU 2023:97 L4288–4295',
  },
  'exit-plan': {
    title: 'Proposed exit-plan residence permit: at least 6 months, at most 2 years with extensions',
    applicants: ['social-services'],
    clock: 'exit-plan-permit',
    source: 'SOU 2023:97 L654–721, L13514–13519',
  },
};

/** A permit as the referral's state holds it, folded from the permit events. */
export interface Permit {
  readonly id: string;
  readonly kind: PermitKind;
  readonly appliedBy: PermitApplicant;
  readonly appliedOn: string;
  readonly status: PermitStatus;
  readonly decidedOn?: string;
  readonly validFrom?: string;
  /** The last day it holds, extensions included. */
  readonly validUntil?: string;
  /** How many times it was extended. */
  readonly extensions: number;
  readonly revokedOn?: string;
}

/**
 * A permit decision or extension the law does not allow is the vocabulary's InvalidField, naming what to change
 * (HTTP 422): the rules raise it themselves, so no layer renames it. The alias names it where the rules are read.
 */
export const PermitRuleBroken = InvalidField;

const midnight = (day: string, calendar: Calendar) => calendar.atLocalTime(day, '00:00');
const dayBefore = (instant: Date, calendar: Calendar) =>
  formatLocalDay(parseLocalDate(calendar.localDateOf(instant)) - 1);

/** The instant a permit valid through `validUntil` ends: the start of the next day in Stockholm. */
export function permitExpiresAt(validUntil: string, calendar: Calendar = swedishCalendar): Date {
  return midnight(formatLocalDay(parseLocalDate(validUntil) + 1), calendar);
}

/** The shortest validity the law gives a permit of this kind granted from `validFrom`: its last day. */
export function minimumValidUntil(
  kind: PermitKind,
  validFrom: string,
  calendar: Calendar = swedishCalendar,
): string {
  const start = midnight(validFrom, calendar);
  const end =
    kind === 'reflection-period'
      ? reflectionPeriodEnd(start, { calendar })
      : permitEarliestEnd(start, kind === 'exit-plan' ? 'exit-plan-permit' : 'permit-investigation', {
          calendar,
        });
  return dayBefore(end, calendar);
}

/** The last day an exit-plan permit first valid from `firstValidFrom` may hold, all extensions included. */
export function exitPlanCap(firstValidFrom: string, calendar: Calendar = swedishCalendar): string {
  return dayBefore(exitPlanPermitMaxEnd(midnight(firstValidFrom, calendar), { calendar }), calendar);
}

function requireDate(field: string, value: string): void {
  if (!isLocalDate(value)) throw new InvalidField(field, `${field} is not a date (YYYY-MM-DD).`);
}

/**
 * The validity a grant gets: `validUntil` as decided, or the law's minimum when the decision names none. A decided
 * end shorter than the law's minimum, or an exit-plan permit past its cap, is refused.
 */
export function grantValidity(
  kind: PermitKind,
  validFrom: string,
  validUntil: string | undefined,
  calendar: Calendar = swedishCalendar,
): { readonly validFrom: string; readonly validUntil: string } {
  requireDate('validFrom', validFrom);
  if (validUntil !== undefined) requireDate('validUntil', validUntil);
  const minimum = minimumValidUntil(kind, validFrom, calendar);
  const until = validUntil ?? minimum;
  if (until < minimum) {
    throw new InvalidField(
      'validUntil',
      `A ${kind} permit granted from ${validFrom} holds at least until ${minimum}.`,
    );
  }
  if (kind === 'exit-plan' && until > exitPlanCap(validFrom, calendar)) {
    throw new InvalidField(
      'validUntil',
      `An exit-plan permit holds at most 2 years in total: until ${exitPlanCap(validFrom, calendar)}.`,
    );
  }
  return { validFrom, validUntil: until };
}

/** Checks an extension of a granted permit to `validUntil`: later than now, and within the exit-plan cap. */
export function checkExtension(
  permit: Permit,
  validUntil: string,
  calendar: Calendar = swedishCalendar,
): void {
  requireDate('validUntil', validUntil);
  if (!permit.validUntil || !permit.validFrom) {
    throw new InvalidField('permitId', 'Only a granted permit can be extended.');
  }
  if (validUntil <= permit.validUntil) {
    throw new InvalidField(
      'validUntil',
      `An extension ends after the permit's current end (${permit.validUntil}).`,
    );
  }
  if (permit.kind === 'exit-plan') {
    const cap = exitPlanCap(permit.validFrom, calendar);
    if (validUntil > cap) {
      throw new InvalidField(
        'validUntil',
        `An exit-plan permit holds at most 2 years in total, extensions included: until ${cap}.`,
      );
    }
  }
}
