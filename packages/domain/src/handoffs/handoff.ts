// Hand-offs as first-class records: one organisation is asked to take on part of a case, and ownership moves only
// when it accepts. The vocabulary of purposes, statuses and coded reasons lives here.
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
] as const;
export type HandoffPurpose = (typeof HANDOFF_PURPOSES)[number];

export interface PurposeRule {
  readonly title: string;
  /** Organisation types that take hand-offs for this purpose. */
  readonly recipients: readonly OrganisationType[];
  /** The track the purpose is for; absent when both. */
  readonly track?: Track;
}

/** Which organisations take which hand-offs, and for whom (domain.md §2, §4). */
export const PURPOSE_RULES: { readonly [P in HandoffPurpose]: PurposeRule } = {
  'report-of-concern': {
    title:
      'Report of concern (orosanmälan): protection assessment and a decision on investigation (SoL 11:1a)',
    recipients: ['social-services'],
    track: 'child',
  },
  'social-services-investigation': {
    title: 'Investigation of support needs by social services of the responsible municipality',
    recipients: ['social-services'],
  },
  'protection-assessment': {
    title: 'Immediate protection assessment by social services',
    recipients: ['social-services'],
  },
  barnahus: {
    title: 'Barnahus: joint interviews, medical examination and crisis support for the child',
    recipients: ['barnahus'],
    track: 'child',
  },
  'nsp-shelter': {
    title: 'Shelter place and support in the national support programme (NSP)',
    recipients: ['nsp'],
    track: 'adult',
  },
  'return-programme': {
    title: 'Safe and voluntary return through the return programme (ÅMP, IOM)',
    recipients: ['return-programme'],
  },
  'reflection-period-permit': {
    title: 'Application for a reflection-period residence permit',
    recipients: ['migrationsverket', 'police'],
  },
  'health-care': {
    title: 'Health care by the health-care region',
    recipients: ['health-care'],
  },
  'criminal-investigation': {
    title: 'Criminal investigation (never a condition for support)',
    recipients: ['police'],
  },
};

export const HANDOFF_STATUSES: readonly HandoffStatus[] = [
  'offered',
  'accepted',
  'declined',
  'revoked',
  'expired',
];

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

export interface Recipient {
  readonly type: OrganisationType;
  readonly id: string;
}

/** A hand-off as the referral's state holds it. Reasons are codes: free text never enters an event. */
export interface Handoff {
  readonly id: string;
  readonly recipient: Recipient;
  readonly purpose: HandoffPurpose;
  readonly status: HandoffStatus;
  /** What the disclosure rests on: the adult's consent, or the legal basis recorded for a child. */
  readonly basis: DisclosureBasis;
  readonly offeredAt: string;
  /** When it was accepted, declined, revoked or expired. */
  readonly closedAt?: string;
  readonly declineReason?: DeclineReason;
  readonly revokeReason?: RevokeReason;
  readonly decision?: InvestigationDecision;
}

/** Whether a recipient of this type may take a hand-off for this purpose on this track. */
export function purposeFits(purpose: HandoffPurpose, recipient: OrganisationType, track: Track): boolean {
  const rule = PURPOSE_RULES[purpose];
  return rule.recipients.includes(recipient) && (!rule.track || rule.track === track);
}
