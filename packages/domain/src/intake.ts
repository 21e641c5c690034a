// Intake: turns one validated submission into the referrals it creates — the person's own and one linked child
// referral per accompanying child — each with its received event and the personal data kept beside it.
import { type ConsentScope, consentId } from './handoffs';
import type { ReferralFacts, ReferralReceived } from './referral';
import { type Age, ageGroup, ageInYears, type Location, trackFor } from './routing';
import type { OrganisationType } from './vocabulary';

export interface SubmissionPerson {
  readonly age: Age;
  readonly gender: string;
  readonly citizenships?: readonly string[];
  readonly [field: string]: unknown;
}

export interface Submission {
  readonly person: SubmissionPerson;
  readonly location: Location;
  readonly exploitation: { readonly purposes: readonly string[]; readonly [field: string]: unknown };
  readonly needs: { readonly acuteProtection: boolean; readonly [field: string]: unknown };
  readonly consent: {
    readonly status: 'given' | 'not-given';
    /** With whom and for what the adult agreed their case may be shared. */
    readonly sharing?: readonly ConsentScope[];
    readonly [field: string]: unknown;
  };
  readonly accompanyingChildren?: readonly { readonly age: Age; readonly location?: Location }[];
  readonly [field: string]: unknown;
}

export interface PlannedReferral {
  readonly id: string;
  readonly received: ReferralReceived;
  /** What identifies the person; null for an anonymous notification, which keeps no identifying data at all. */
  readonly personalData: Record<string, unknown> | null;
}

/** Age as the received event records it: years and the minority statement, never the date of birth. */
function factsAge(age: Age, today: string): Pick<ReferralFacts, 'ageYears' | 'mayBeMinor'> {
  const mayBeMinor = 'mayBeMinor' in age ? age.mayBeMinor : undefined;
  const years =
    'dateOfBirth' in age
      ? ageInYears(age.dateOfBirth, today)
      : 'estimatedYears' in age
        ? age.estimatedYears
        : undefined;
  return {
    ...(years !== undefined ? { ageYears: years } : {}),
    ...(mayBeMinor !== undefined ? { mayBeMinor } : {}),
  };
}

/**
 * An adult who has not consented is notified anonymously (domain.md §6, the UK "duty to notify"): the statistics
 * stay complete, but nothing that could identify the person is persisted. Children have no consent gate.
 */
export function isAnonymousNotification(submission: Submission, today: string): boolean {
  return submission.consent.status === 'not-given' && trackFor(submission.person.age, today) === 'adult';
}

export function planIntake(args: {
  readonly submission: Submission;
  readonly referrer: { readonly organisationId: string; readonly organisationType: OrganisationType };
  readonly channel: 'api' | 'web';
  readonly today: string;
  /** One id and one reference per referral, parent first. */
  readonly ids: readonly string[];
  readonly references: readonly string[];
  /** The person's pseudonymous key, when the submission identifies them; never for an anonymous notification. */
  readonly personKey?: string;
}): PlannedReferral[] {
  const { submission, referrer, channel, today, ids, references } = args;
  const children = submission.accompanyingChildren ?? [];
  if (ids.length !== children.length + 1 || references.length !== ids.length) {
    throw new Error('planIntake needs one id and one reference per referral');
  }
  const [parentId, ...childIds] = ids as [string, ...string[]];
  const anonymous = isAnonymousNotification(submission, today);
  const track = trackFor(submission.person.age, today);
  const purposes = submission.exploitation.purposes;

  const parentFacts: ReferralFacts = {
    // An anonymous notification keeps no age at all, only the adult-track decision that made it anonymous.
    ...(anonymous ? { mayBeMinor: false } : factsAge(submission.person.age, today)),
    ageGroup: ageGroup(submission.person.age, today),
    location: submission.location,
    gender: submission.person.gender,
    citizenships: submission.person.citizenships ?? [],
    purposes,
    acuteProtection: submission.needs.acuteProtection,
    consent: track === 'child' ? 'not-required' : submission.consent.status,
    anonymous,
  };

  // The referrer records the sharing the adult agreed to; a child's hand-offs rest on a legal basis instead.
  const consents =
    track === 'adult' && submission.consent.status === 'given'
      ? uniqueScopes(submission.consent.sharing ?? []).map((scope, i) => ({
          consentId: consentId(i + 1),
          ...scope,
        }))
      : [];

  const parent: PlannedReferral = {
    id: parentId,
    received: {
      type: 'referral.received.v1',
      data: {
        reference: references[0]!,
        channel,
        referrer,
        facts: parentFacts,
        linkedReferrals: childIds,
        ...(args.personKey && !anonymous ? { personKey: args.personKey } : {}),
        ...(consents.length ? { consents } : {}),
      },
    },
    personalData: anonymous ? null : withoutChildren(submission),
  };

  const childReferrals = children.map((child, index): PlannedReferral => {
    const location = child.location ?? submission.location;
    return {
      id: childIds[index]!,
      received: {
        type: 'referral.received.v1',
        data: {
          reference: references[index + 1]!,
          channel,
          referrer,
          facts: {
            ...factsAge(child.age, today),
            ageGroup: ageGroup(child.age, today),
            location,
            gender: 'unknown',
            citizenships: [],
            purposes,
            acuteProtection: submission.needs.acuteProtection,
            consent: 'not-required',
            anonymous: false,
          },
          parentReferralId: parentId,
          linkedReferrals: [parentId, ...childIds.filter((id) => id !== childIds[index])],
        },
      },
      personalData: { accompanyingChildOf: parentId, child },
    };
  });

  return [parent, ...childReferrals];
}

function uniqueScopes(scopes: readonly ConsentScope[]): ConsentScope[] {
  const seen = new Set<string>();
  return scopes.filter((s) => {
    const key = `${s.recipientType} ${s.purpose}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function withoutChildren(submission: Submission): Record<string, unknown> {
  const { accompanyingChildren: _children, ...rest } = submission;
  return rest;
}
