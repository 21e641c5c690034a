// Hand-offs as first-class records: one organisation is asked to take on part of a case. Two kinds (domain.md §2):
// handing over *responsibility* moves the accountable owner when accepted; referring to a *service* never does —
// services run in parallel under the same owner, each with its own lifecycle (offered → accepted → active → ended
// with an outcome; or declined, revoked, expired) and clocks. The vocabulary of purposes, statuses and coded reasons
// lives here.
import type { HandoffStatus } from '../access';
import type { OrganisationType, Track } from '../vocabulary';
import type { DisclosureBasis } from './disclosure';

export type { HandoffStatus };

export const HANDOFF_PURPOSES = [
  'report-of-concern',
  'social-services-investigation',
  'protection-assessment',
  'barnahus',
  'nsp-shelter',
  'return-programme',
  'reflection-period-permit',
  'health-care',
  'criminal-investigation',
  'out-of-hours-protection',
] as const;
export type HandoffPurpose = (typeof HANDOFF_PURPOSES)[number];

/** Whether accepting moves the accountable owner (responsibility) or runs beside the owner (service). */
export const HANDOFF_KINDS = ['responsibility', 'service'] as const;
export type HandoffKind = (typeof HANDOFF_KINDS)[number];

export interface PurposeRule {
  readonly title: string;
  readonly kind: HandoffKind;
  /** Organisation types that take hand-offs for this purpose. */
  readonly recipients: readonly OrganisationType[];
  /** The track the purpose is for; absent when both. */
  readonly track?: Track;
}

/** Which organisations take which hand-offs, and for whom (domain.md §2, §4). */
export const PURPOSE_RULES: { readonly [P in HandoffPurpose]: PurposeRule } = {
  'report-of-concern': {
    kind: 'responsibility',
    title:
      'Report of concern (orosanmälan): protection assessment and a decision on investigation (SoL 11:1a)',
    recipients: ['social-services'],
    track: 'child',
  },
  'social-services-investigation': {
    kind: 'responsibility',
    title: 'Investigation of support needs by social services of the responsible municipality',
    recipients: ['social-services'],
  },
  'protection-assessment': {
    kind: 'service',
    title: 'Immediate protection assessment by social services',
    recipients: ['social-services'],
  },
  barnahus: {
    kind: 'service',
    title: 'Barnahus: joint interviews, medical examination and crisis support for the child',
    recipients: ['barnahus'],
    track: 'child',
  },
  'nsp-shelter': {
    kind: 'service',
    title: 'Shelter place and support in the national support programme (NSP)',
    recipients: ['nsp'],
    track: 'adult',
  },
  'return-programme': {
    kind: 'service',
    title: 'Safe and voluntary return through the return programme (ÅMP, IOM)',
    recipients: ['return-programme'],
  },
  'reflection-period-permit': {
    kind: 'service',
    title: 'Application for a reflection-period residence permit',
    recipients: ['migrationsverket', 'police'],
  },
  'health-care': {
    kind: 'service',
    title: 'Health care by the health-care region',
    recipients: ['health-care'],
  },
  'criminal-investigation': {
    kind: 'service',
    title: 'Criminal investigation (never a condition for support)',
    recipients: ['police'],
  },
  'out-of-hours-protection': {
    kind: 'service',
    title:
      "Out-of-hours social services (socialjour): the child's immediate protection until the day service takes over",
    recipients: ['social-services'],
    track: 'child',
  },
};

/** Whether accepting a hand-off for `purpose` makes the recipient the case's accountable owner. */
export function movesOwnership(purpose: HandoffPurpose): boolean {
  return PURPOSE_RULES[purpose].kind === 'responsibility';
}

export const HANDOFF_STATUSES: readonly HandoffStatus[] = [
  'offered',
  'accepted',
  'active',
  'ended',
  'declined',
  'revoked',
  'expired',
];

/** How a service ended: what the person got, or why not (coded; any comment is a note item). */
export const SERVICE_OUTCOMES = [
  'completed',
  'person-declined',
  'person-left',
  'no-longer-needed',
  'transferred-elsewhere',
  'other',
] as const;
export type ServiceOutcome = (typeof SERVICE_OUTCOMES)[number];

export const DECLINE_REASONS = [
  'not-responsible',
  'no-capacity',
  'criteria-not-met',
  'person-declined',
  'duplicate',
  'other',
] as const;
export type DeclineReason = (typeof DECLINE_REASONS)[number];

export const REVOKE_REASONS = [
  'no-longer-needed',
  'wrong-recipient',
  'referral-closed',
  'consent-withdrawn',
  /** A corrected age moved the referral to the other track, where this purpose does not apply. */
  'track-changed',
  'other',
] as const;
export type RevokeReason = (typeof REVOKE_REASONS)[number];

export const INVESTIGATION_DECISIONS = ['investigation-opened', 'no-investigation'] as const;
export type InvestigationDecision = (typeof INVESTIGATION_DECISIONS)[number];

/**
 * Whether the social services that accepted this report of concern still owe their decision on opening an
 * investigation (SoL 11:1a; its 14-day clock runs until it is recorded): the one state `record-decision` accepts.
 */
export const awaitsInvestigationDecision = (handoff: {
  readonly purpose: string;
  readonly status: string;
  readonly decision?: string | undefined;
}): boolean => handoff.purpose === 'report-of-concern' && handoff.status === 'accepted' && !handoff.decision;

export interface Recipient {
  readonly type: OrganisationType;
  readonly id: string;
}

/** A hand-off as the referral's state holds it. Reasons are codes: free text never enters an event. */
export interface Handoff {
  readonly id: string;
  readonly recipient: Recipient;
  readonly purpose: HandoffPurpose;
  readonly kind: HandoffKind;
  readonly status: HandoffStatus;
  /** What the disclosure rests on: the adult's consent, or the legal basis recorded for a child. */
  readonly basis: DisclosureBasis;
  readonly offeredAt: string;
  /** When it was accepted, declined, revoked or expired (when the offer was answered or lapsed). */
  readonly closedAt?: string;
  /** A service: when the recipient recorded that it began, and when and how it ended. */
  readonly startedAt?: string;
  readonly endedAt?: string;
  readonly outcome?: ServiceOutcome;
  readonly declineReason?: DeclineReason;
  readonly revokeReason?: RevokeReason;
  readonly decision?: InvestigationDecision;
}

/** Whether a recipient of this type may take a hand-off for this purpose on this track. */
export function purposeFits(purpose: HandoffPurpose, recipient: OrganisationType, track: Track): boolean {
  const rule = PURPOSE_RULES[purpose];
  return rule.recipients.includes(recipient) && (!rule.track || rule.track === track);
}
