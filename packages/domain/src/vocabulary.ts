// The platform's shared words: regions, tracks, queues, roles and organisation types (api.md "Region and queue ids").

export const REGIONS = ['nord', 'mitt', 'stockholm', 'ost', 'vast', 'syd', 'bergslagen'] as const;
export type Region = (typeof REGIONS)[number];

/** Each police region's name, the same in Swedish and English. */
export const REGION_NAMES: Record<Region, string> = {
  nord: 'Nord',
  mitt: 'Mitt',
  stockholm: 'Stockholm',
  ost: 'Öst',
  vast: 'Väst',
  syd: 'Syd',
  bergslagen: 'Bergslagen',
};

export const TRACKS = ['adult', 'child'] as const;
export type Track = (typeof TRACKS)[number];

export const NATIONAL_TRIAGE = 'national:triage' as const;
export type QueueId = `${Region}:${Track}` | typeof NATIONAL_TRIAGE;

export const ALL_QUEUES: readonly QueueId[] = [
  ...REGIONS.flatMap((r) => TRACKS.map((t) => `${r}:${t}` as const)),
  NATIONAL_TRIAGE,
];

export function isQueueId(value: string): value is QueueId {
  return (ALL_QUEUES as readonly string[]).includes(value);
}

const OFFICE_PREFIX = 'coordinator-office:';
export type CoordinatorOfficeId = `${typeof OFFICE_PREFIX}${QueueId}`;

/** The office that owns a referral while its coordinators work it; one office per queue. */
export function coordinatorOfficeId(queue: QueueId): CoordinatorOfficeId {
  return `${OFFICE_PREFIX}${queue}`;
}

/** The queue an office works, or undefined for an id that is no coordinator office's. */
export function queueOfOffice(organisationId: string): QueueId | undefined {
  const queue = organisationId.slice(OFFICE_PREFIX.length);
  return organisationId.startsWith(OFFICE_PREFIX) && isQueueId(queue) ? queue : undefined;
}

export function queueOf(region: Region, track: Track): QueueId {
  return `${region}:${track}`;
}

export const ROLES = [
  'referrer',
  'regional-coordinator',
  'child-coordinator',
  'national-coordinator',
  /** Leads a region's coordinators of one track: sees the team's workload, reassigns, is told of breaches. */
  'regional-lead',
  'receiver',
  'auditor',
] as const;
export type Role = (typeof ROLES)[number];

export const ORGANISATION_TYPES = [
  'police',
  'migrationsverket',
  'social-services',
  'health-care',
  'cso',
  'coordinator-office',
  'national-coordinator',
  'barnahus',
  'nsp',
  'return-programme',
  'arbetsmiljoverket',
  'skatteverket',
  'kriminalvarden',
  'school',
] as const;
export type OrganisationType = (typeof ORGANISATION_TYPES)[number];

/** Who is calling, as established from a verified token. Never typed in by the caller. */
export interface Principal {
  /** Subject: the person or the machine client. */
  readonly sub: string;
  readonly role: Role;
  readonly organisationId: string;
  readonly organisationType: OrganisationType;
  /** Set for coordinators (their region) and for regional receivers. */
  readonly region?: Region;
  readonly scopes: readonly string[];
  /** 'person' signs in interactively; 'client' is an agency system using client credentials. */
  readonly kind: 'person' | 'client';
}
