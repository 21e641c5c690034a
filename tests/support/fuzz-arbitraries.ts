// What the fuzzers send (issue 8's suite and `pnpm fuzz`): path values, bodies, content types and credentials,
// including known-good bodies with one part broken, so requests get past validation as well as fail it.
import fc from 'fast-check';
import { adultReferral, referral } from './fixtures';

export const FUZZ_IDENTITIES = [
  'police-syd-system',
  'cso-stodgruppen',
  'coordinator-syd',
  'child-coordinator-nord',
  'national-coordinator',
  'receiver-socialtjanst-malmo',
  'receiver-nsp',
  'auditor',
];

export const pathValue = fc.oneof(
  fc.constant('REAL'),
  fc.string({ maxLength: 40 }),
  fc.constantFrom(
    '..',
    '%2e%2e',
    '%00',
    'null',
    '-1',
    '0'.repeat(300),
    'syd:adult',
    'national:triage',
    '∞',
    ' ',
    'valueOf',
    'constructor',
    '__proto__',
    'consent-1',
  ),
);

const GOOD_BODIES: readonly unknown[] = [
  adultReferral(),
  referral(),
  { reason: 'new-information', person: { alias: 'Mira', age: { estimatedYears: 16 } } },
  {
    reason: 'age-assessment',
    ageAssessment: {
      method: 'medical-dental',
      result: { estimatedYears: 20 },
      date: '2026-01-02',
      assessedBy: 'x',
    },
  },
  { person: { age: { unknown: true }, gender: 'unknown' }, consent: {} },
  { recipient: { id: 'nsp' }, purpose: 'nsp-shelter' },
  { recipientType: 'nsp', purpose: 'nsp-shelter' },
  { queue: 'mitt:adult', reason: 'person-moved' },
  { reason: 'support-established' },
  { text: 'x' },
  {},
];

/** A known-good body with one value replaced by anything JSON can hold. */
const brokenGood = fc
  .tuple(fc.constantFrom(...GOOD_BODIES), fc.jsonValue({ maxDepth: 3 }), fc.nat())
  .map(([good, value, pick]) => {
    const copy = structuredClone(good) as Record<string, unknown>;
    const keys = Object.keys(copy);
    if (keys.length) copy[keys[pick % keys.length]!] = value;
    return JSON.stringify(copy);
  });

export const body = fc.oneof(
  fc.constant(undefined),
  fc.jsonValue({ maxDepth: 4 }).map((v) => JSON.stringify(v)),
  fc.string({ maxLength: 200 }),
  fc.constant('{"person":'),
  fc.constantFrom(...GOOD_BODIES).map((b) => JSON.stringify(b)),
  brokenGood,
);

export const contentType = fc.constantFrom(
  'application/json',
  'text/plain',
  'application/x-www-form-urlencoded',
  undefined,
);

export const auth = fc.oneof(
  fc.constantFrom(...FUZZ_IDENTITIES).map((id) => ({ identity: id })),
  fc.constantFrom('Bearer ', 'Bearer x.y.z', 'Basic dXNlcjpwYXNz', '').map((header) => ({ header })),
);

export const query = fc.oneof(
  fc.constant(''),
  fc.constantFrom(
    '?mine=true',
    '?limit=1',
    '?limit=0',
    '?cursor=abc',
    '?from=1000-01-01&to=2999-12-31',
    '?period=2026',
    '?status=accepted',
  ),
  fc.string({ maxLength: 30 }).map((s) => `?${encodeURIComponent(s)}=${encodeURIComponent(s)}`),
);
