// The case file: what a reader is shown of a referral's personal data, built from the personal-data item, the
// supplements, corrections and linked children, cut to the categories the reader's access discloses (profiles.ts).
// Pure: the caller loads the data and decides the access; this only projects.
import { LIVE_HANDOFF } from '../access';
import type { ConsentRecord, Handoff, HandoffPurpose } from '../handoffs';
import type { CaseData } from '../intake';
import type { CorrectionReason, ReferralState } from '../referral';
import type { Age, AgeGroup, Location } from '../routing';
import {
  ALL_VISIBLE,
  CASE_CATEGORIES,
  type CaseCategory,
  DISCLOSURE_PROFILES,
  type Disclosure,
  NEEDS,
  type Need,
  profileDisclosure,
  REFERRER_DISCLOSURE,
  widest,
} from './profiles';

export const AGE_ASSESSMENT_METHODS = [
  'medical-dental',
  'medical-skeletal',
  'psychosocial-interview',
  'documents',
  'other',
] as const;
export type AgeAssessmentMethod = (typeof AGE_ASSESSMENT_METHODS)[number];

export interface RecordedBy {
  readonly sub: string;
  readonly role: string;
  readonly organisationId: string;
}

/** An age assessment: how, with what result, when it was made and by whom (free text), and who recorded it. */
export interface AgeAssessment {
  readonly method: AgeAssessmentMethod;
  readonly result: Age;
  readonly date: string;
  readonly assessedBy: string;
  readonly recordedAt: string;
  readonly recordedBy: RecordedBy;
}

/** One correction as the personal-data item keeps it: which fields, why, who and when — not the earlier values. */
export interface CorrectionRecord {
  readonly id: string;
  readonly fields: readonly string[];
  readonly reason: CorrectionReason;
  readonly comment?: string;
  readonly at: string;
  readonly by: RecordedBy;
}

/** The personal-data item: the case as it stands, as it was submitted, and how it changed. */
export interface PersonalRecord {
  readonly data: CaseData;
  /** The submission as the referrer sent it, kept once the case is first corrected (for the referrer's read-back). */
  readonly submitted?: CaseData;
  readonly corrections?: readonly CorrectionRecord[];
  readonly ageAssessments?: readonly AgeAssessment[];
  /** For a notification that became a case: who recorded the person's consent, and when. */
  readonly caseOpened?: { readonly at: string; readonly by: RecordedBy };
}

export interface SupplementText {
  readonly id: string;
  readonly text: string;
  readonly createdAt: string;
  readonly author: { readonly sub: string; readonly organisationId: string };
}

export interface LinkedChild {
  readonly referralId: string;
  readonly reference: string;
  readonly age?: Age;
  readonly location?: Location;
  readonly inSweden?: boolean;
}

/** Everything a case file may be built from; the caller loads only what the access needs. */
export interface CaseSource {
  readonly state: ReferralState;
  /** Absent for an anonymous notification (nothing identifying was kept) or after erasure. */
  readonly personal?: PersonalRecord;
  readonly supplements: readonly SupplementText[];
  readonly children: readonly LinkedChild[];
}

/**
 * How the reader may see the case: the whole of it (coordinators of its queue, national in triage), what its own
 * organisation submitted (the referrer), or what live hand-offs to its organisation disclose.
 */
export type CaseAccess =
  | { readonly view: 'case' }
  | { readonly view: 'referrer'; readonly organisationId: string }
  | {
      readonly view: 'offer' | 'disclosed';
      readonly disclosure: Record<CaseCategory, Disclosure>;
      readonly needs: readonly Need[];
      readonly handoffs: readonly Handoff[];
    };

/** Whether what a hand-off disclosed still rests on something: the consent in force, or a child's legal basis. */
export function basisHolds(state: ReferralState, handoff: Handoff): boolean {
  if (handoff.basis.type === 'legal-basis') return true;
  const { consentId } = handoff.basis;
  return state.consents.some((c) => c.id === consentId && !c.withdrawnAt);
}

/**
 * What an organisation's hand-offs disclose: offers in summary, accepted ones by their purpose's profile — only
 * while the referral is open and each hand-off's basis holds. Undefined when nothing is disclosed.
 */
export function receiverAccess(state: ReferralState, organisationId: string): CaseAccess | undefined {
  if (state.status === 'closed') return undefined;
  const live = state.handoffs.filter(
    (h) => h.recipient.id === organisationId && LIVE_HANDOFF.includes(h.status) && basisHolds(state, h),
  );
  if (!live.length) return undefined;
  const engaged = (h: Handoff) => h.status !== 'offered';
  return {
    view: live.some(engaged) ? 'disclosed' : 'offer',
    disclosure: widest(live.map((h) => profileDisclosure(h.purpose, engaged(h) ? 'accepted' : 'offer'))),
    needs: NEEDS.filter((need) => live.some((h) => DISCLOSURE_PROFILES[h.purpose].needs.includes(need))),
    handoffs: live,
  };
}

/** The disclosure a reader with this access gets, category by category (what the audit entry records). */
export function disclosureOf(access: CaseAccess): Record<CaseCategory, Disclosure> {
  if (access.view === 'case') return ALL_VISIBLE;
  if (access.view === 'referrer') return REFERRER_DISCLOSURE;
  return access.disclosure;
}

/** The categories shown, with `:summary` for those shown in summary form: what an audit entry names. */
export function disclosedCategories(disclosure: Record<CaseCategory, Disclosure>): string[] {
  return CASE_CATEGORIES.filter((c) => disclosure[c] !== 'hidden').map((c) =>
    disclosure[c] === 'summary' ? `${c}:summary` : c,
  );
}

const NEED_FIELDS: Record<Need, string> = {
  acuteProtection: 'acuteProtection',
  shelter: 'shelter',
  medical: 'medical',
  safetyThreat: 'safetyThreat',
};

function pick<T extends object>(source: T, fields: readonly string[]): Partial<T> {
  const record = source as Record<string, unknown>;
  return Object.fromEntries(
    fields.filter((f) => record[f] !== undefined).map((f) => [f, record[f]]),
  ) as Partial<T>;
}

function ageView(state: ReferralState, data: CaseData | undefined, assessments: readonly AgeAssessment[]) {
  const { ageYears, mayBeMinor, ageGroup } = state.facts;
  return {
    ageGroup: ageGroup as AgeGroup,
    ...(ageYears !== undefined ? { ageYears } : {}),
    ...(mayBeMinor !== undefined ? { mayBeMinor } : {}),
    ...(data ? { stated: data.person.age } : {}),
    ...(assessments.length ? { assessments } : {}),
  };
}

export interface CaseFileView {
  readonly id: string;
  readonly reference: string;
  readonly view: CaseAccess['view'];
  readonly anonymous: boolean;
  readonly disclosure: Record<CaseCategory, Disclosure>;
  readonly [section: string]: unknown;
}

/** The case file `access` may see. Categories it may not see are absent, never empty. */
export function buildCaseFile(source: CaseSource, access: CaseAccess): CaseFileView {
  const { state } = source;
  const disclosure = disclosureOf(access);
  // The referrer reads back its own submission, not what others corrected since.
  const data =
    access.view === 'referrer'
      ? (source.personal?.submitted ?? source.personal?.data)
      : source.personal?.data;
  const facts = state.facts;
  const person = data?.person as Record<string, unknown> | undefined;
  const shown = (c: CaseCategory) => disclosure[c] === 'visible';
  const summarised = (c: CaseCategory) => disclosure[c] === 'summary';
  const sections: Record<string, unknown> = {};
  const needs = access.view === 'offer' || access.view === 'disclosed' ? access.needs : NEEDS;

  if (shown('identity') && person) {
    const identity = pick(person, ['name', 'alias', 'identityNumber']);
    if (Object.keys(identity).length) sections.identity = identity;
  }
  if (shown('age')) {
    sections.age = ageView(
      state,
      data,
      access.view === 'referrer' ? [] : (source.personal?.ageAssessments ?? []),
    );
  } else if (summarised('age')) sections.age = { ageGroup: facts.ageGroup };
  if (shown('gender') || summarised('gender')) sections.gender = (person?.gender as string) ?? facts.gender;
  if (shown('citizenship')) sections.citizenships = (person?.citizenships as string[]) ?? facts.citizenships;
  if (shown('languages') || summarised('languages')) {
    const codes = (person?.languages as string[] | undefined) ?? facts.languages ?? [];
    const interpreterNeeded = (person?.interpreterNeeded as boolean | undefined) ?? facts.interpreterNeeded;
    sections.languages = { codes, ...(interpreterNeeded !== undefined ? { interpreterNeeded } : {}) };
  }
  if (shown('residence-status') && person?.residenceStatus) sections.residenceStatus = person.residenceStatus;
  if (shown('location')) {
    sections.location = {
      now: data?.location ?? facts.location,
      ...(data?.exploitationLocation ? { exploitation: data.exploitationLocation } : {}),
    };
  } else if (summarised('location')) sections.location = { now: facts.location };
  if (shown('exploitation')) {
    sections.exploitation = data
      ? pick(data.exploitation, ['purposes', 'indicators', 'indicatorsText', 'onlineArenas'])
      : { purposes: facts.purposes };
  } else if (summarised('exploitation')) sections.exploitation = { purposes: facts.purposes };
  if (shown('needs') || summarised('needs')) {
    const stated = (data?.needs ?? { acuteProtection: facts.acuteProtection }) as Record<string, unknown>;
    const flags = facts.needFlags ?? [];
    const fromFacts: Record<Need, boolean | undefined> = {
      acuteProtection: facts.acuteProtection,
      shelter: flags.includes('shelter') || undefined,
      medical: flags.includes('medical') || undefined,
      safetyThreat: flags.includes('safety-threat') || undefined,
    };
    const relevant = shown('needs') ? NEEDS : needs;
    sections.needs = Object.fromEntries(
      relevant
        .map((need) => [need, (stated[NEED_FIELDS[need]] as boolean | undefined) ?? fromFacts[need]] as const)
        .filter(([, value]) => value !== undefined),
    );
  }
  const vulnerabilities = data?.needs.vulnerabilities as string[] | undefined;
  if (shown('vulnerabilities') && vulnerabilities?.length) sections.vulnerabilities = vulnerabilities;
  if (shown('children')) {
    sections.children = { count: source.children.length, items: source.children };
  } else if (summarised('children')) sections.children = { count: state.linkedReferrals.length };
  if (shown('narrative') && typeof data?.narrative === 'string') sections.narrative = data.narrative;
  if (shown('police-cooperation') && typeof data?.willingToCooperateWithPolice === 'boolean') {
    sections.policeCooperation = data.willingToCooperateWithPolice;
  }
  if (shown('supplements')) {
    sections.supplements =
      access.view === 'referrer'
        ? source.supplements.filter((s) => s.author.organisationId === access.organisationId)
        : source.supplements;
  }
  if (shown('corrections')) {
    sections.corrections = source.personal?.corrections ?? [];
    if (source.personal?.caseOpened) sections.caseOpened = source.personal.caseOpened;
  }
  if (shown('consents')) sections.consents = state.consents.map(consentSection);

  return {
    id: state.id,
    reference: state.reference,
    view: access.view,
    anonymous: facts.anonymous,
    disclosure,
    ...(access.view === 'offer' || access.view === 'disclosed'
      ? { handoffs: access.handoffs.map(handoffSection) }
      : {}),
    ...sections,
  };
}

function consentSection(c: ConsentRecord) {
  return {
    id: c.id,
    recipientType: c.recipientType,
    purpose: c.purpose,
    recordedAt: c.recordedAt,
    recordedBy: c.recordedBy,
    ...(c.withdrawnAt ? { withdrawnAt: c.withdrawnAt } : {}),
  };
}

function handoffSection(h: Handoff): { id: string; purpose: HandoffPurpose; status: string; basis: unknown } {
  return { id: h.id, purpose: h.purpose, status: h.status, basis: h.basis };
}
