// What a hand-off's disclosure rests on (domain.md §8). Sharing an adult's case with another organisation needs the
// person's consent for that kind of recipient and that purpose (SOU 2023:97 L13063–13066); a child's case is shared on
// a legal basis recorded with each hand-off — the duty to report a concern, the guardian's or the child's own
// consent, or a provision of the secrecy act that allows the disclosure (L13253–13257).
import type { OrganisationType } from '../vocabulary';
import { HANDOFF_PURPOSES, type HandoffPurpose, PURPOSE_RULES } from './handoff';

export const CHILD_LEGAL_BASES = [
  /** Anmälningsskyldighet: anyone working with children must report a concern to social services. */
  'duty-to-report',
  /** The guardian (vårdnadshavare) consented to this disclosure. */
  'guardian-consent',
  /** The child, old and mature enough to decide, consented. */
  'child-consent',
  /** A provision of the Public Access to Information and Secrecy Act allows or requires the disclosure. */
  'secrecy-act-provision',
] as const;
export type ChildLegalBasis = (typeof CHILD_LEGAL_BASES)[number];

export type DisclosureBasis =
  | { readonly type: 'consent'; readonly consentId: string }
  | { readonly type: 'legal-basis'; readonly code: ChildLegalBasis };

/** Which organisation types an adult may consent to share with: every type some purpose hands off to. */
export const CONSENT_RECIPIENT_TYPES = [
  ...new Set(HANDOFF_PURPOSES.flatMap((purpose) => PURPOSE_RULES[purpose].recipients)),
] as readonly OrganisationType[];

/** One consent, as the person gave it: to share with this kind of organisation, for this purpose. */
export interface ConsentScope {
  readonly recipientType: OrganisationType;
  readonly purpose: HandoffPurpose;
}

export interface ConsentRecord extends ConsentScope {
  readonly id: string;
  readonly recordedAt: string;
  /** Who recorded it: the user and organisation, never the person's own details. */
  readonly recordedBy: { readonly sub: string; readonly role: string; readonly organisationId: string };
  readonly withdrawnAt?: string;
}

/** The consent in force for sharing with `recipientType` for `purpose`, if the person gave one. */
export function consentFor<C extends ConsentScope & { readonly withdrawnAt?: string }>(
  consents: readonly C[],
  scope: ConsentScope,
): C | undefined {
  return consents.find(
    (c) => !c.withdrawnAt && c.recipientType === scope.recipientType && c.purpose === scope.purpose,
  );
}

/** Whether a consent for this scope could ever be used: an adult hand-off for the purpose goes to this type. */
export function consentScopeFits(scope: ConsentScope): boolean {
  const rule = PURPOSE_RULES[scope.purpose];
  return rule.recipients.includes(scope.recipientType) && rule.track !== 'child';
}

/** Every scope an adult can consent to, in the order of the purposes: what a form offers to choose from. */
export const ADULT_CONSENT_SCOPES: readonly ConsentScope[] = HANDOFF_PURPOSES.flatMap((purpose) =>
  PURPOSE_RULES[purpose].recipients.map((recipientType) => ({ recipientType, purpose })),
).filter(consentScopeFits);

/** The ids consents get on a referral, in the order they were recorded. */
export const consentId = (ordinal: number) => `consent-${ordinal}`;
