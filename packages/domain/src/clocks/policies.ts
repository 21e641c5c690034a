// The clock policy catalogue: how long each clock runs, on which basis, when it warns and whom it escalates to
// (domain.md §5). Data, versioned: a store records the catalogue version and policy id with every clock it starts.
import type { HandoffPurpose } from '../handoffs';
import type { OrganisationType, Track } from '../vocabulary';

export const CLOCK_KINDS = [
  'acknowledge',
  'handoff-accept',
  'referrer-feedback',
  'owner-gap',
  'turning-18',
  'reflection-period',
  'permit-investigation',
  'exit-plan-permit',
  'child-decision',
  'report-of-concern',
  'state-compensation',
] as const;
export type ClockKind = (typeof CLOCK_KINDS)[number];

/**
 * Clocks that mark a date to plan by — the 18th birthday, a permit's end, a compensation period — not a service level
 * someone meets or misses: the statistics never count them as met or breached, and the dashboard lists none as a
 * breach.
 */
export const DATE_CLOCK_KINDS: readonly ClockKind[] = [
  'turning-18',
  'reflection-period',
  'permit-investigation',
  'exit-plan-permit',
  'state-compensation',
];

export const ESCALATION_TARGETS = ['assignee', 'regional-lead', 'national-coordinator'] as const;
export type EscalationTarget = (typeof ESCALATION_TARGETS)[number];

export type ClockBasis = 'working' | 'calendar';

export interface CalendarSpan {
  readonly amount: number;
  readonly unit: 'days' | 'months' | 'years';
}

export type ClockDuration =
  | { readonly basis: 'calendar'; readonly amount: number; readonly unit: 'hours' | CalendarSpan['unit'] }
  | { readonly basis: 'working'; readonly amount: number; readonly unit: 'hours' | 'days' }
  /**
   * "Same day": due at the close of the working day in which the clock starts (or, started outside working hours,
   * of the day it starts counting). A clock that starts counting at or after `cutOff` is due at the close of the
   * next working day instead, so a hand-off sent at 16:55 is not breached five minutes later.
   */
  | { readonly basis: 'working'; readonly unit: 'same-day'; readonly cutOff: string }
  /** Due `amount` days before the 18th birthday, at the wall-clock time `atLocalTime`; needs the date of birth. */
  | {
      readonly basis: 'calendar';
      readonly unit: 'days-before-18th-birthday';
      readonly amount: number;
      readonly atLocalTime: string;
    };

/** Which situations a policy is for: every field given must equal the situation's; none given matches all. */
export interface ClockSituation {
  readonly track?: Track;
  readonly acute?: boolean;
  /** The receiving organisation's type, for hand-off clocks. */
  readonly recipient?: OrganisationType;
  /** What the hand-off is for, for hand-off clocks. */
  readonly purpose?: HandoffPurpose;
}

export interface ClockPolicy {
  /** Kebab-case, stable across catalogue versions while the policy means the same thing. */
  readonly id: string;
  readonly kind: ClockKind;
  readonly title: string;
  readonly appliesTo: ClockSituation;
  readonly duration: ClockDuration;
  /** The longest the thing may last with all extensions, where the law sets one. */
  readonly maxTotal?: CalendarSpan;
  /** Share of the duration after which the clock warns; null for clocks whose due time is itself the alarm. */
  readonly warningFraction: number | null;
  /** Who is told, in order: see escalationTarget. */
  readonly escalation: readonly EscalationTarget[];
  /**
   * Whether the owner may pause it while the person cannot be reached, is in hospital or waits for an interpreter.
   * The law's clocks (permits, the 14-day decision) and the birthday run whatever happens.
   */
  readonly pausable: boolean;
  /** Where the number comes from: lines of SOU 2023:97 or 'policy default'. */
  readonly source: string;
}

export interface ClockPolicyCatalogue {
  readonly version: string;
  /** Searched in order; for each kind the specific policies come before the general one. */
  readonly policies: readonly ClockPolicy[];
}

const WARN_AT = 0.75;
const CHAIN: readonly EscalationTarget[] = ESCALATION_TARGETS;
// An alarm or an expiry is the owner's to act on: told at the warning and the due time, escalated to nobody.
const OWNER_ONLY: readonly EscalationTarget[] = ['assignee'];

// The helpers below are pure: a bundle that never reads the catalogue leaves it out (esbuild keeps a call otherwise).
/** A duration in working time (Swedish office hours and working days). */
/* @__NO_SIDE_EFFECTS__ */
function working(amount: number, unit: 'hours' | 'days'): ClockDuration {
  return { basis: 'working', amount, unit };
}

/** A duration in elapsed time, around the clock. */
/* @__NO_SIDE_EFFECTS__ */
function calendarTime(amount: number, unit: 'hours' | CalendarSpan['unit']): ClockDuration {
  return { basis: 'calendar', amount, unit };
}

/**
 * A policy with what most say left out: for every situation, warned at 75 %, escalated along the whole chain,
 * pausable, and set by the platform ('policy default') rather than by a line of the law.
 */
/* @__NO_SIDE_EFFECTS__ */
function policy(
  rule: Pick<ClockPolicy, 'id' | 'kind' | 'title' | 'duration'> & Partial<ClockPolicy>,
): ClockPolicy {
  return {
    appliesTo: {},
    warningFraction: WARN_AT,
    escalation: CHAIN,
    pausable: true,
    source: 'policy default',
    ...rule,
  };
}

export const CLOCK_POLICY_CATALOGUE: ClockPolicyCatalogue = {
  version: '2026.2',
  policies: [
    policy({
      id: 'acknowledge-child',
      kind: 'acknowledge',
      title: 'Coordinator acknowledges a new child referral, around the clock (GRETA: "immediately")',
      appliesTo: { track: 'child' },
      duration: calendarTime(4, 'hours'),
    }),
    policy({
      id: 'acknowledge-acute',
      kind: 'acknowledge',
      title: 'Coordinator acknowledges a referral with an acute protection need, around the clock',
      appliesTo: { acute: true },
      duration: calendarTime(4, 'hours'),
    }),
    policy({
      id: 'acknowledge-adult',
      kind: 'acknowledge',
      title: 'Coordinator acknowledges a new adult referral without an acute need',
      duration: working(1, 'days'),
    }),
    policy({
      id: 'handoff-accept-out-of-hours',
      kind: 'handoff-accept',
      title:
        'Out-of-hours social services (socialjour) accept or decline a child’s protection, around the clock',
      appliesTo: { purpose: 'out-of-hours-protection' },
      duration: calendarTime(1, 'hours'),
      pausable: false,
    }),
    policy({
      id: 'handoff-accept-child-social-services',
      kind: 'handoff-accept',
      title: "Children's social services accept or decline a hand-off the same day",
      appliesTo: { track: 'child', recipient: 'social-services' },
      duration: { basis: 'working', unit: 'same-day', cutOff: '13:00' },
    }),
    policy({
      id: 'handoff-accept',
      kind: 'handoff-accept',
      title: 'Receiving organisation accepts or declines a hand-off',
      duration: working(2, 'days'),
    }),
    policy({
      id: 'referrer-feedback',
      kind: 'referrer-feedback',
      title: 'Referrer gets a first status feedback',
      duration: working(1, 'days'),
    }),
    policy({
      id: 'owner-gap',
      kind: 'owner-gap',
      title: 'Case without an accepted owner escalates (L12380–12382)',
      duration: working(3, 'days'),
    }),
    policy({
      id: 'turning-18',
      kind: 'turning-18',
      title: 'Child approaching 18: plan the transition so support and contacts continue (L14459–14461)',
      duration: { basis: 'calendar', unit: 'days-before-18th-birthday', amount: 60, atLocalTime: '08:00' },
      warningFraction: null,
      escalation: OWNER_ONLY,
      pausable: false,
    }),
    policy({
      id: 'reflection-period',
      kind: 'reflection-period',
      title: 'Reflection period (betänketid) residence permit, from the grant',
      duration: calendarTime(30, 'days'),
      escalation: OWNER_ONLY,
      pausable: false,
      source: 'SOU 2023:97 L4297–4303, L4340–4342',
    }),
    policy({
      id: 'permit-investigation',
      kind: 'permit-investigation',
      title: 'Residence permit for taking part in a criminal investigation: at least 6 months, renewable',
      duration: calendarTime(6, 'months'),
      escalation: OWNER_ONLY,
      pausable: false,
      source: 'SOU 2023:97 L4288–4295',
    }),
    policy({
      id: 'exit-plan-permit',
      kind: 'exit-plan-permit',
      title: 'Proposed exit-plan residence permit: at least 6 months, at most 2 years with extensions',
      duration: calendarTime(6, 'months'),
      maxTotal: { amount: 2, unit: 'years' },
      escalation: OWNER_ONLY,
      pausable: false,
      source: 'SOU 2023:97 L654–721, L13514–13519',
    }),
    policy({
      id: 'child-decision',
      kind: 'child-decision',
      title:
        'Social services decide whether to open an investigation, from the report of concern (SoL 11:1a)',
      duration: calendarTime(14, 'days'),
      pausable: false,
      source: 'SOU 2023:97 L3593–3597',
    }),
    policy({
      id: 'report-of-concern',
      kind: 'report-of-concern',
      title:
        "A child's report of concern is made: the children's coordinator names the municipality (or a new recipient after a decline), around the clock",
      duration: calendarTime(4, 'hours'),
      pausable: false,
      source: 'SOU 2023:97 L3440–3446 (duty to report); policy default for the time',
    }),
    policy({
      id: 'state-compensation',
      kind: 'state-compensation',
      title: 'State compensation to a municipality: at most 12 months per application',
      duration: calendarTime(12, 'months'),
      pausable: false,
      source: 'SOU 2023:97 L13838–13843',
    }),
  ],
};

function applies(policy: ClockPolicy, situation: ClockSituation): boolean {
  return (Object.keys(policy.appliesTo) as (keyof ClockSituation)[]).every(
    (field) => policy.appliesTo[field] === situation[field],
  );
}

/** The first policy of the kind that applies to the situation, e.g. a child track picks the 4-hour acknowledgement. */
export function selectClockPolicy(
  catalogue: ClockPolicyCatalogue,
  kind: ClockKind,
  situation: ClockSituation = {},
): ClockPolicy {
  const policy = catalogue.policies.find(
    (candidate) => candidate.kind === kind && applies(candidate, situation),
  );
  if (!policy)
    throw new RangeError(`Catalogue ${catalogue.version} has no '${kind}' policy for this situation`);
  return policy;
}

/** The policy a stored clock was started under. */
export function findClockPolicy(catalogue: ClockPolicyCatalogue, id: string): ClockPolicy | undefined {
  return catalogue.policies.find((policy) => policy.id === id);
}

/**
 * Whom to tell at escalation step `step`: step 0 is the clock's first notice (its warning, or its due time when it has
 * no warning), each later step the next escalation after the breach. Undefined once the chain is spent.
 */
export function escalationTarget(policy: ClockPolicy, step: number): EscalationTarget | undefined {
  return policy.escalation[step];
}
