// Referral bodies used across suites: api.md's example and variations of it.
export type Body = Record<string, unknown>;

/** api.md's example person: a girl born in 2009, Romanian, who speaks Romanian and needs an interpreter. */
export function examplePerson(): Body {
  return {
    age: { dateOfBirth: '2009-05-01' },
    gender: 'female',
    citizenships: ['RO'],
    languages: ['ro'],
    interpreterNeeded: true,
  };
}

export function referral(overrides: Partial<Record<string, unknown>> = {}): Body {
  return {
    person: examplePerson(),
    location: { municipalityCode: '0180' },
    exploitation: { purposes: ['sexual'] },
    needs: { acuteProtection: false },
    consent: { status: 'given' },
    accompanyingChildren: [],
    ...overrides,
  };
}

/** The short referral the browser suites submit: a person as given, one place and one purpose, nothing acute. */
export function briefReferral(p: {
  readonly person: Body;
  readonly municipalityCode: string;
  readonly purpose: string;
  readonly needs?: Body;
  readonly consent?: Body;
}): Body {
  return {
    person: p.person,
    location: { municipalityCode: p.municipalityCode },
    exploitation: { purposes: [p.purpose] },
    needs: { acuteProtection: false, ...p.needs },
    consent: p.consent ?? { status: 'given' },
  };
}

/** The sharing an adult consents to in the fixtures: every adult hand-off the suites make rests on one of these. */
export const ADULT_SHARING = [
  { recipientType: 'nsp', purpose: 'nsp-shelter' },
  { recipientType: 'return-programme', purpose: 'return-programme' },
  { recipientType: 'social-services', purpose: 'social-services-investigation' },
  { recipientType: 'social-services', purpose: 'protection-assessment' },
  { recipientType: 'health-care', purpose: 'health-care' },
] as const;

export function adultReferral(overrides: Partial<Record<string, unknown>> = {}): Body {
  return referral({
    person: { age: { estimatedYears: 30 }, gender: 'male', citizenships: ['UA'] },
    exploitation: { purposes: ['labour'] },
    consent: { status: 'given', sharing: ADULT_SHARING },
    ...overrides,
  });
}
