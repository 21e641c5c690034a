// Who may read which part of a case (domain.md §9): the categories of a case file, and for each hand-off purpose what
// its recipient sees — an offer summary without identity before it answers, then the categories its purpose needs,
// each with its reason. Policy data like the access policy and the clock catalogue: reviewed as a table, rendered into
// the README, checked against the running API.
import { HANDOFF_PURPOSES, type HandoffPurpose } from '../handoffs';

export const CASE_CATEGORIES = [
  'identity',
  'age',
  'gender',
  'citizenship',
  'languages',
  'residence-status',
  'location',
  'exploitation',
  'needs',
  'vulnerabilities',
  'children',
  'narrative',
  'police-cooperation',
  'supplements',
  'corrections',
  'consents',
] as const;
export type CaseCategory = (typeof CASE_CATEGORIES)[number];

/** What each category holds, in full and in its summary form (absent: the category has no summary form). */
export const CATEGORY_CONTENT: {
  readonly [C in CaseCategory]: { readonly full: string; readonly summary?: string };
} = {
  identity: { full: 'name, alias, personal identity or coordination number' },
  age: { full: 'date of birth, estimated age or unknown; age assessments', summary: 'age group' },
  gender: { full: 'gender', summary: 'gender' },
  citizenship: { full: 'citizenships' },
  languages: { full: 'languages and interpreter need', summary: 'languages and interpreter need' },
  'residence-status': { full: 'residence status' },
  location: {
    full: 'where the person is now and where the exploitation happened',
    summary: 'the municipality or county where the person is',
  },
  exploitation: {
    full: 'purposes of exploitation, indicators observed, online arenas',
    summary: 'purposes of exploitation',
  },
  needs: {
    full: 'acute protection, shelter, medical care, threat to safety',
    summary: 'the needs that matter for the purpose',
  },
  vulnerabilities: { full: 'vulnerability flags (disability, pregnancy, substance use, …)' },
  children: {
    full: 'accompanying children: age, where they are, their linked referrals',
    summary: 'number of accompanying children',
  },
  narrative: { full: "the referrer's account of what happened" },
  'police-cooperation': {
    full: 'whether the person is willing to cooperate with the police (never a condition)',
  },
  supplements: { full: 'what the referrer added after submitting' },
  corrections: { full: 'which facts were corrected, when, by whom and why (never the earlier values)' },
  consents: { full: 'the consents the person gave, who recorded them and when' },
};

export const NEEDS = ['acuteProtection', 'shelter', 'medical', 'safetyThreat'] as const;
export type Need = (typeof NEEDS)[number];

/** How much of a category a reader sees. */
export type Disclosure = 'visible' | 'summary' | 'hidden';

export interface DisclosureProfile {
  /** Before it answers, the recipient decides on these categories in summary form (never identity). */
  readonly offer: Readonly<Partial<Record<CaseCategory, string>>>;
  /** After accepting, while the basis holds: what the purpose needs, each with why. The rest is hidden. */
  readonly accepted: Readonly<
    Partial<Record<CaseCategory, { readonly level: 'visible' | 'summary'; readonly reason: string }>>
  >;
  /** The needs that matter for the purpose, in the offer and in a summary of needs. */
  readonly needs: readonly Need[];
}

// Every offer carries what a recipient needs to say yes or no without learning who the person is.
const OFFER_BASE = {
  age: 'whether the service takes children, adults or both',
  gender: 'placement and staffing (e.g. women-only shelters)',
  languages: 'whether the recipient can talk with the person, or books an interpreter',
  location: 'whether the recipient serves the place the person is in',
  needs: 'whether the recipient can meet the needs in time',
  children: 'whether there is room and support for accompanying children',
} as const;

const visible = (reason: string) => ({ level: 'visible', reason }) as const;
const summary = (reason: string) => ({ level: 'summary', reason }) as const;

// Social services of the responsible municipality take responsibility for the case: they investigate, name a
// coordinator and make the individual plan (SOU 2023:97 L12957–12997), so they read the whole case but for the
// person's stance on the police, which is never a condition for support.
const RESPONSIBILITY: DisclosureProfile['accepted'] = {
  identity: visible('the investigation and the plan are about this person'),
  age: visible('child protection rules and the 14-day decision depend on age'),
  gender: visible('planning support'),
  citizenship: visible('rights to support and contact with other authorities'),
  languages: visible('talking with the person, booking an interpreter'),
  'residence-status': visible('which support the person is entitled to'),
  location: visible('the responsible municipality, and where the risk is'),
  exploitation: visible('assessing risks and needs'),
  needs: visible('acting on acute needs at once'),
  vulnerabilities: visible('adapting support'),
  children: visible('each accompanying child needs its own assessment'),
  narrative: visible('the investigation starts from what happened'),
  supplements: visible('what the referrer learnt later belongs to the investigation'),
  corrections: visible('knowing which facts changed since the referral'),
  consents: visible('what the person agreed may be shared onwards'),
};

export const DISCLOSURE_PROFILES: { readonly [P in HandoffPurpose]: DisclosureProfile } = {
  'report-of-concern': {
    offer: { ...OFFER_BASE, exploitation: 'how urgent the protection assessment is' },
    accepted: RESPONSIBILITY,
    needs: ['acuteProtection', 'shelter', 'medical', 'safetyThreat'],
  },
  'social-services-investigation': {
    offer: { ...OFFER_BASE, exploitation: 'which unit of social services takes the case' },
    accepted: RESPONSIBILITY,
    needs: ['acuteProtection', 'shelter', 'medical', 'safetyThreat'],
  },
  'protection-assessment': {
    offer: { ...OFFER_BASE, exploitation: 'how urgent the assessment is' },
    accepted: {
      identity: visible('the assessment is about this person'),
      age: visible('child or adult protection'),
      gender: visible('placement in protected housing'),
      languages: visible('talking with the person'),
      location: visible('where the person must be protected'),
      exploitation: visible('assessing the threat'),
      needs: visible('acting on acute needs'),
      vulnerabilities: visible('adapting protection'),
      children: visible('protecting the children too'),
      narrative: visible('the threat is in what happened'),
      supplements: visible('later information may change the risk'),
      consents: visible('what may be shared onwards'),
    },
    needs: ['acuteProtection', 'shelter', 'safetyThreat'],
  },
  barnahus: {
    offer: { ...OFFER_BASE, exploitation: 'which competence the interviews need' },
    accepted: {
      identity: visible('the interviews and examinations are of this child'),
      age: visible('interview methods follow the child’s age'),
      gender: visible('choice of interviewer'),
      languages: visible('interpreter for the interviews'),
      location: visible('where the child is'),
      exploitation: visible('what the joint interviews are about'),
      needs: visible('medical examination and crisis support'),
      vulnerabilities: visible('adapting interviews (e.g. disability)'),
      children: summary('siblings may be interviewed too'),
      narrative: visible('what happened is what Barnahus investigates'),
      supplements: visible('later information for the interviews'),
    },
    needs: ['acuteProtection', 'medical', 'safetyThreat'],
  },
  'nsp-shelter': {
    offer: { ...OFFER_BASE, exploitation: 'shelters are specialised by form of exploitation' },
    accepted: {
      identity: visible('the place is booked for this person'),
      age: visible('placement among adults or with children'),
      gender: visible('placement and staffing'),
      languages: visible('talking with the person, booking an interpreter'),
      location: visible('travel to the shelter'),
      exploitation: summary('the shelter’s specialisation; what happened is not needed'),
      needs: visible('health needs and threats to safety shape the stay'),
      vulnerabilities: visible('pregnancy, disability or substance use shape the stay'),
      children: visible('children stay with the parent'),
      consents: visible('what may be shared onwards'),
    },
    needs: ['acuteProtection', 'shelter', 'medical', 'safetyThreat'],
  },
  'return-programme': {
    offer: { ...OFFER_BASE, exploitation: 'eligibility for the programme' },
    accepted: {
      identity: visible('travel documents and the return plan'),
      age: visible('travel and reception arrangements'),
      gender: visible('reception arrangements'),
      citizenship: visible('the country of return'),
      languages: visible('talking with the person'),
      'residence-status': visible('eligibility and travel'),
      location: visible('where the journey starts'),
      exploitation: summary('eligibility; what happened is not needed'),
      needs: summary('health and safety on the journey'),
      children: visible('children return with the parent'),
      consents: visible('what may be shared onwards'),
    },
    needs: ['acuteProtection', 'medical', 'safetyThreat'],
  },
  'reflection-period-permit': {
    offer: { ...OFFER_BASE, exploitation: 'the permit is for presumed victims of trafficking' },
    accepted: {
      identity: visible('the application is for this person'),
      age: visible('the application names the person'),
      gender: visible('the application names the person'),
      citizenship: visible('which state the person is a citizen of'),
      languages: visible('interpreter at the interview'),
      'residence-status': visible('which permit applies'),
      location: visible('the responsible office'),
      exploitation: visible('the grounds of the permit'),
      needs: summary('how urgent the decision is'),
      children: visible('family members in the application'),
      'police-cooperation': visible('the permit gives time to decide on cooperation'),
      consents: visible('what may be shared onwards'),
    },
    needs: ['acuteProtection', 'safetyThreat'],
  },
  'health-care': {
    offer: { ...OFFER_BASE, exploitation: 'which care may be needed' },
    accepted: {
      identity: visible('the patient record'),
      age: visible('examinations and doses depend on age'),
      gender: visible('examinations and care (e.g. gynaecological)'),
      languages: visible('talking with the patient, booking an interpreter'),
      location: visible('which clinic'),
      exploitation: summary('which care may be needed; what happened is not needed'),
      needs: visible('medical and acute needs'),
      vulnerabilities: visible('care (pregnancy, disability, substance use)'),
      children: summary('children who may need care too'),
      consents: visible('what may be shared onwards'),
    },
    needs: ['acuteProtection', 'medical'],
  },
  // Out of office hours the on-call social services protect the child until the day service, which has the report
  // of concern, takes over: what acting tonight needs, not the whole case.
  'out-of-hours-protection': {
    offer: { ...OFFER_BASE, exploitation: 'how acute the threat is' },
    accepted: {
      identity: visible('the child to be protected tonight'),
      age: visible('child protection rules'),
      gender: visible('emergency placement'),
      languages: visible('talking with the child, booking an interpreter'),
      location: visible('where the child must be protected now'),
      exploitation: summary('how acute the threat is; the investigation is the day service’s'),
      needs: visible('acting on acute needs at once'),
      vulnerabilities: visible('adapting an emergency placement'),
      children: visible('siblings to be protected too'),
      consents: visible('what may be shared onwards'),
    },
    needs: ['acuteProtection', 'shelter', 'medical', 'safetyThreat'],
  },
  'criminal-investigation': {
    offer: { ...OFFER_BASE, exploitation: 'which unit investigates' },
    accepted: {
      identity: visible('the investigation concerns this person as injured party'),
      age: visible('child interviews and the charge'),
      gender: visible('the charge'),
      citizenship: visible('international cooperation'),
      languages: visible('interpreter at interviews'),
      location: visible('where the person is and where the crime happened'),
      exploitation: visible('what the crime is'),
      needs: summary('protection of the injured party'),
      children: visible('children may be injured parties too'),
      narrative: visible('an investigation needs what happened'),
      'police-cooperation': visible('whether the person wants to take part'),
      supplements: visible('later information for the investigation'),
      consents: visible('what may be shared onwards'),
    },
    needs: ['acuteProtection', 'safetyThreat'],
  },
};

/** What a recipient sees of each category for one hand-off: in the offer, or accepted. */
export function profileDisclosure(
  purpose: HandoffPurpose,
  stage: 'offer' | 'accepted',
): Record<CaseCategory, Disclosure> {
  const profile = DISCLOSURE_PROFILES[purpose];
  return Object.fromEntries(
    CASE_CATEGORIES.map((category) => {
      if (stage === 'offer') {
        const shown = profile.offer[category] !== undefined && CATEGORY_CONTENT[category].summary;
        return [category, shown ? 'summary' : 'hidden'];
      }
      const grant = profile.accepted[category];
      if (!grant) return [category, 'hidden'];
      const level =
        grant.level === 'summary' && !CATEGORY_CONTENT[category].summary ? 'visible' : grant.level;
      return [category, level];
    }),
  ) as Record<CaseCategory, Disclosure>;
}

const RANK: Record<Disclosure, number> = { hidden: 0, summary: 1, visible: 2 };

/** Several hand-offs to one organisation: each category at the most any of them discloses. */
export function widest(
  disclosures: readonly Record<CaseCategory, Disclosure>[],
): Record<CaseCategory, Disclosure> {
  return Object.fromEntries(
    CASE_CATEGORIES.map((category) => [
      category,
      disclosures.reduce<Disclosure>(
        (best, d) => (RANK[d[category]] > RANK[best] ? d[category] : best),
        'hidden',
      ),
    ]),
  ) as Record<CaseCategory, Disclosure>;
}

export const ALL_VISIBLE = Object.fromEntries(CASE_CATEGORIES.map((c) => [c, 'visible'])) as Record<
  CaseCategory,
  Disclosure
>;

// The referrer reads back what it sent: not what others corrected since, nor consents others recorded.
export const REFERRER_DISCLOSURE: Record<CaseCategory, Disclosure> = {
  ...ALL_VISIBLE,
  corrections: 'hidden',
  consents: 'hidden',
};

/** One row of the disclosure matrix: who reads, at what stage, and each category's disclosure. */
export interface DisclosureRow {
  readonly reader: string;
  readonly cells: Record<CaseCategory, Disclosure>;
}

/** The disclosure matrix (role or purpose × category), as the README shows it and the API answers. */
export function disclosureMatrix(): readonly DisclosureRow[] {
  return [
    {
      reader: "coordinators of the referral's queue (and the national coordinator in triage)",
      cells: ALL_VISIBLE,
    },
    { reader: 'the referring organisation (what it submitted and added)', cells: REFERRER_DISCLOSURE },
    ...HANDOFF_PURPOSES.flatMap((purpose) => [
      { reader: `${purpose}, offered`, cells: profileDisclosure(purpose, 'offer') },
      { reader: `${purpose}, accepted`, cells: profileDisclosure(purpose, 'accepted') },
    ]),
  ];
}
