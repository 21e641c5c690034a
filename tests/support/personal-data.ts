// Personal data the suites send on purpose, so that later checks can prove it never reaches logs, events, queues,
// notifications or (for anonymous notifications) the database. Identity numbers are from Skatteverket's test range.
export const SEEDED = {
  name: 'Ilinca Testovici-Marinescu',
  alias: 'Kiki Nordstjärna',
  dateOfBirth: '1991-07-13',
  identityNumber: '191212121212',
  narrative: 'Hon berättade om lägenheten på Testgatan 17 där passen låstes in',
} as const;

/** What corrections bring in later (issue 12): it must reach the personal-data item and nothing else either. */
export const SEEDED_IN_CORRECTIONS = {
  name: 'Zinaida Rättelsesdotter',
  identityNumber: '198112189876',
  dateOfBirth: '2010-09-17',
} as const;

/** What coordinators search for (issue 20): a name, an alias and a date of birth only that suite sends. */
export const SEEDED_IN_SEARCH = {
  name: 'Oriana Sökbar-Lindqvist',
  alias: 'Ori Letarsson',
  dateOfBirth: '1994-02-27',
} as const;

/** The seeded adult as a referral's `person`: name, identity number, date of birth, and whatever else a suite adds. */
export function seededPerson(extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    name: SEEDED.name,
    identityNumber: SEEDED.identityNumber,
    age: { dateOfBirth: SEEDED.dateOfBirth },
    gender: 'female',
    ...extra,
  };
}

export const SEEDED_VALUES: readonly string[] = [
  ...Object.values(SEEDED),
  ...Object.values(SEEDED_IN_CORRECTIONS),
  ...Object.values(SEEDED_IN_SEARCH),
];
