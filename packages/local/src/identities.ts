// Demo identities of the local platform (api.md "Local mode only"): at least one referrer of each main agency type,
// a regional and a children's coordinator for every region, the national coordinator, receivers and an auditor.
import {
  coordinatorOfficeId,
  DIRECTORY,
  type Principal,
  REGION_NAMES,
  REGIONS,
  type Region,
} from '@nrm/domain';

/** Who signs in as it: the principal its tokens name (the subject is its id), with names to show. */
export interface DemoIdentity extends Omit<Principal, 'sub'> {
  readonly id: string;
  readonly name: string;
  readonly organisationName: string;
}

/** The social services of Malmö: a social worker there refers, its intake unit receives hand-offs. */
const MALMO_SOCIAL_SERVICES = {
  organisationType: 'social-services',
  organisationId: 'social-services:1280',
  organisationName: 'Socialtjänsten i Malmö',
  region: 'syd',
  kind: 'person',
  scopes: [],
} as const satisfies Partial<DemoIdentity>;

const referrers: DemoIdentity[] = [
  {
    id: 'police-syd-system',
    name: 'Polismyndigheten, ärendesystem (region Syd)',
    role: 'referrer',
    organisationType: 'police',
    organisationId: 'police',
    organisationName: 'Polismyndigheten',
    region: 'syd',
    kind: 'client',
    // Police Syd's system also registers the organisation's webhook endpoints (issue 17).
    scopes: ['referrals:write', 'referrals:read', 'webhooks:manage'],
  },
  {
    id: 'migrationsverket-system',
    name: 'Migrationsverket, ärendesystem',
    role: 'referrer',
    organisationType: 'migrationsverket',
    organisationId: 'migrationsverket',
    organisationName: 'Migrationsverket',
    kind: 'client',
    scopes: ['referrals:write', 'referrals:read'],
  },
  {
    id: 'socialtjanst-malmo-handlaggare',
    name: 'Socialsekreterare, Malmö stad',
    role: 'referrer',
    ...MALMO_SOCIAL_SERVICES,
  },
  {
    id: 'cso-stodgruppen',
    name: 'Handläggare, Stödgruppen mot människohandel (CSO)',
    role: 'referrer',
    organisationType: 'cso',
    organisationId: 'cso:stodgruppen',
    organisationName: 'Stödgruppen mot människohandel',
    kind: 'person',
    scopes: [],
  },
];

/** A person of a region's coordinator office: the adult or the children's office, which she works or leads. */
function officePerson(
  id: string,
  name: string,
  role: 'regional-coordinator' | 'child-coordinator' | 'regional-lead',
  region: Region,
  track: 'adult' | 'child',
): DemoIdentity {
  const office = track === 'adult' ? 'Regionkoordinatorerna' : 'Barnkoordinatorerna';
  return {
    id,
    name: `${name}, region ${REGION_NAMES[region]}`,
    role,
    organisationType: 'coordinator-office',
    organisationId: coordinatorOfficeId(`${region}:${track}`),
    organisationName: `${office}, region ${REGION_NAMES[region]}`,
    region,
    kind: 'person',
    scopes: [],
  };
}

const coordinators: DemoIdentity[] = REGIONS.flatMap((region) => [
  officePerson(`coordinator-${region}`, 'Regionkoordinator', 'regional-coordinator', region, 'adult'),
  officePerson(`child-coordinator-${region}`, 'Barnkoordinator', 'child-coordinator', region, 'child'),
]);

// The regional leads (one per region and track; their organisation is the office they lead), and a second
// coordinator in each of syd's offices so a team there has someone to share the work with.
const leads: DemoIdentity[] = REGIONS.flatMap((region) => [
  officePerson(`lead-${region}`, 'Regional samordningsansvarig, vuxna', 'regional-lead', region, 'adult'),
  officePerson(
    `child-lead-${region}`,
    'Regional samordningsansvarig, barn',
    'regional-lead',
    region,
    'child',
  ),
]);

const colleagues: DemoIdentity[] = [
  officePerson('coordinator-syd-2', 'Regionkoordinator (2)', 'regional-coordinator', 'syd', 'adult'),
  officePerson('child-coordinator-syd-2', 'Barnkoordinator (2)', 'child-coordinator', 'syd', 'child'),
];

const others: DemoIdentity[] = [
  {
    id: 'national-coordinator',
    name: 'Nationell samordnare, Jämställdhetsmyndigheten',
    role: 'national-coordinator',
    organisationType: 'national-coordinator',
    organisationId: 'coordinator-office:national:triage',
    organisationName: 'Jämställdhetsmyndigheten (NSPM)',
    kind: 'person',
    scopes: [],
  },
  {
    id: 'receiver-socialtjanst-malmo',
    name: 'Mottagningsenheten, socialtjänsten Malmö',
    role: 'receiver',
    ...MALMO_SOCIAL_SERVICES,
  },
  {
    id: 'receiver-socialjour-malmo',
    name: 'Socialjouren, Malmö',
    role: 'receiver',
    organisationType: 'social-services',
    organisationId: 'social-services-out-of-hours:1280',
    organisationName: 'Socialjouren för Malmö',
    region: 'syd',
    kind: 'person',
    scopes: [],
  },
  {
    id: 'receiver-barnahus-malmo',
    name: 'Barnahus Malmö',
    role: 'receiver',
    organisationType: 'barnahus',
    organisationId: 'barnahus:malmo',
    organisationName: 'Barnahus Malmö',
    region: 'syd',
    kind: 'person',
    scopes: [],
  },
  {
    id: 'receiver-nsp',
    name: 'Nationellt stödprogram (NSP), Plattformen Civila Sverige mot människohandel',
    role: 'receiver',
    organisationType: 'nsp',
    organisationId: 'nsp',
    organisationName: 'Nationellt stödprogram (NSP)',
    kind: 'person',
    scopes: [],
  },
  {
    id: 'receiver-return-programme',
    name: 'Återvändandeprogrammet (ÅMP), IOM',
    role: 'receiver',
    organisationType: 'return-programme',
    organisationId: 'return-programme',
    organisationName: 'Återvändandeprogrammet (ÅMP)',
    kind: 'person',
    scopes: [],
  },
  {
    id: 'auditor',
    name: 'Granskare (dataskydd)',
    role: 'auditor',
    organisationType: 'national-coordinator',
    organisationId: 'auditor:nspm',
    organisationName: 'Jämställdhetsmyndigheten, dataskydd',
    kind: 'person',
    scopes: [],
  },
];

/**
 * One receiver for every organisation of the directory that has no hand-written identity above, so every hand-off
 * can be answered locally: `receiver-<organisation id with ':' as '-'>`, e.g. receiver-social-services-0180.
 */
const directoryReceivers: DemoIdentity[] = DIRECTORY.filter(
  (organisation) => !others.some((i) => i.role === 'receiver' && i.organisationId === organisation.id),
).map((organisation) => ({
  id: `receiver-${organisation.id.replaceAll(':', '-')}`,
  name: `Mottagare, ${organisation.name}`,
  role: 'receiver',
  organisationType: organisation.type,
  organisationId: organisation.id,
  organisationName: organisation.name,
  ...(organisation.region ? { region: organisation.region } : {}),
  kind: 'person',
  scopes: [],
}));

export const DEMO_IDENTITIES: readonly DemoIdentity[] = [
  ...referrers,
  ...coordinators,
  ...colleagues,
  ...leads,
  ...others,
  ...directoryReceivers,
];

/** The demo identity that acts for a receiving organisation locally. */
export function receiverFor(organisationId: string): DemoIdentity | undefined {
  return DEMO_IDENTITIES.find((i) => i.role === 'receiver' && i.organisationId === organisationId);
}

export function findIdentity(id: string): DemoIdentity | undefined {
  return DEMO_IDENTITIES.find((i) => i.id === id);
}

export function principalOf(identity: DemoIdentity): Principal {
  return {
    sub: identity.id,
    role: identity.role,
    organisationId: identity.organisationId,
    organisationType: identity.organisationType,
    ...(identity.region ? { region: identity.region } : {}),
    scopes: identity.scopes,
    kind: identity.kind,
  };
}
