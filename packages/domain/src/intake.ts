// Intake: turns one validated submission into the referrals it creates — the person's own and one linked child
// referral per accompanying child — each with its received event and the personal data kept beside it.
import { eighteenthBirthday } from './clocks/age';
import { type ConsentScope, consentId } from './handoffs';
import { NEED_FLAGS, type NeedFlag, type ReferralFacts, type ReferralReceived } from './referral';
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
  readonly accompanyingChildren?: readonly {
    readonly age: Age;
    readonly location?: Location;
    readonly inSweden?: boolean;
  }[];
  readonly [field: string]: unknown;
}

/**
 * The most accompanying children one referral takes: each becomes a referral of its own with a report of concern
 * and e-mails, so one request's fan-out stays bounded (a family larger than this is referred in more than one go).
 */
export const MAX_ACCOMPANYING_CHILDREN = 10;

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
  readonly channel: 'api' | 'web' | 'phone' | 'outreach';
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

  const parentFacts: ReferralFacts = anonymous
    ? anonymousFacts(submission, today)
    : factsOf(submission, today);
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
    const location = childLocation(child, submission.location);
    return {
      id: childIds[index]!,
      received: {
        type: 'referral.received.v1',
        data: {
          reference: references[index + 1]!,
          channel,
          referrer,
          facts: factsOf(accompanyingChildCase(child, location, submission, parentId), today),
          parentReferralId: parentId,
          linkedReferrals: [parentId, ...childIds.filter((id) => id !== childIds[index])],
        },
      },
      // The child's case in the shape of any other, so the case file and corrections read it alike.
      personalData: accompanyingChildCase(child, location, submission, parentId),
    };
  });

  return [parent, ...childReferrals];
}

/**
 * Where an accompanying child is. A child the referrer says is not in Sweden is never placed in a Swedish
 * municipality (that would route the child there and send its social services a report of concern): the child's own
 * foreign location, else the parent's if the parent is abroad, else unknown — the national triage (the facts then say
 * "outside Sweden", see `factsOf`). A child in Sweden, or of whom nothing was said, is where the parent is.
 */
export function childLocation(
  child: { readonly location?: Location; readonly inSweden?: boolean },
  parentLocation: Location,
): Location {
  if (child.inSweden !== false) return child.location ?? parentLocation;
  if (child.location && 'abroad' in child.location) return child.location;
  if (!child.location && 'abroad' in parentLocation) return parentLocation;
  return { unknown: true };
}

/** The location the facts carry: a child said not to be in Sweden, with no country known, is "outside Sweden". */
function factsLocation(data: CaseData): Location {
  const { location } = data;
  if (data.accompanyingChildOf && data.inSweden === false && 'unknown' in location) {
    return { unknown: true, outsideSweden: true };
  }
  return location;
}

/**
 * The case as its personal-data item holds it: the submission (as corrected since) without the accompanying
 * children, who are referrals of their own. An accompanying child's item names the parent's referral.
 */
export interface CaseData {
  readonly person: SubmissionPerson;
  readonly location: Location;
  readonly exploitation: Submission['exploitation'];
  readonly needs: Submission['needs'];
  readonly consent?: Submission['consent'];
  readonly accompanyingChildOf?: string;
  readonly [field: string]: unknown;
}

/** The case of an accompanying child, in the shape of any other: what the parent's referral said of the child. */
export function accompanyingChildCase(
  child: { readonly age: Age; readonly location?: Location; readonly inSweden?: boolean },
  location: Location,
  parent: Pick<Submission, 'exploitation' | 'needs'>,
  parentId: string,
): CaseData {
  return {
    accompanyingChildOf: parentId,
    person: { age: child.age, gender: 'unknown' },
    location,
    exploitation: { purposes: parent.exploitation.purposes },
    needs: { acuteProtection: parent.needs.acuteProtection },
    ...(child.inSweden !== undefined ? { inSweden: child.inSweden } : {}),
  };
}

const NEED_FLAG_FIELDS: Record<NeedFlag, string> = {
  shelter: 'shelter',
  medical: 'medical',
  'safety-threat': 'safetyThreat',
};

/**
 * The non-identifying facts routing and statistics read, from a case's data. `today` is the date the age is taken
 * on: the submission date, so the statistics keep the age at referral whenever the facts are recomputed.
 */
export function factsOf(data: CaseData, today: string): ReferralFacts {
  const { person, needs } = data;
  const track = data.accompanyingChildOf ? 'child' : trackFor(person.age, today);
  const languages = Array.isArray(person.languages) ? (person.languages as string[]) : [];
  const needFlags = NEED_FLAGS.filter((flag) => needs[NEED_FLAG_FIELDS[flag]] === true);
  return {
    ...factsAge(person.age, today),
    ageGroup: ageGroup(person.age, today),
    location: factsLocation(data),
    gender: person.gender,
    citizenships: person.citizenships ?? [],
    purposes: data.exploitation.purposes,
    acuteProtection: needs.acuteProtection,
    consent: track === 'child' ? 'not-required' : (data.consent?.status ?? 'not-given'),
    anonymous: false,
    ...(languages.length ? { languages } : {}),
    ...(typeof person.interpreterNeeded === 'boolean' ? { interpreterNeeded: person.interpreterNeeded } : {}),
    ...(needFlags.length ? { needFlags } : {}),
    ...turningEighteen(person.age, today),
  };
}

/** A child with a known date of birth turns 18 on a known day: the transition alarm counts back from it. */
function turningEighteen(age: Age, today: string): Pick<ReferralFacts, 'turns18On'> {
  if (!('dateOfBirth' in age)) return {};
  const birthday = eighteenthBirthday(age.dateOfBirth);
  return birthday > today ? { turns18On: birthday } : {};
}

/**
 * An anonymous notification keeps what the statistics count and nothing more: no age at all (only the adult-track
 * decision that made it anonymous), no languages, no needs beyond the acute flag.
 */
function anonymousFacts(submission: Submission, today: string): ReferralFacts {
  const {
    ageYears: _years,
    turns18On: _birthday,
    languages: _l,
    interpreterNeeded: _i,
    needFlags: _n,
    ...facts
  } = factsOf(submission, today);
  return { ...facts, mayBeMinor: false, consent: 'not-given', anonymous: true };
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
