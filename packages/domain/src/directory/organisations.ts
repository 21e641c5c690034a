// The directory of receiving organisations (domain.md §2): social services of every municipality, Barnahus, the
// national support programme, the return programme, Migrationsverket, the police regions and the health-care regions.
// Ids are stable and are the organisation ids tokens carry (`nrm:org`), so a hand-off's recipient is who may answer it.
import {
  COUNTIES,
  findMunicipality,
  MUNICIPALITIES,
  REGION_NAMES,
  regionOfCounty,
  regionOfMunicipality,
} from '../geography';
import type { HandoffPurpose } from '../handoffs';
import { HANDOFF_PURPOSES, PURPOSE_RULES } from '../handoffs';
import { type OrganisationType, REGIONS, type Region } from '../vocabulary';

export interface ReceivingOrganisation {
  readonly id: string;
  readonly type: OrganisationType;
  readonly name: string;
  /** The police region it serves; null for national organisations. */
  readonly region: Region | null;
  /** Set for municipal organisations and for the municipality a Barnahus sits in. */
  readonly municipalityCode?: string;
  /** Set for health-care regions (one per county). */
  readonly countyCode?: string;
  readonly purposes: readonly HandoffPurpose[];
}

// Out-of-hours social services (socialjour) take only the night's protection of a child; the day service takes
// every other social-services purpose.
const OUT_OF_HOURS_PURPOSES: readonly HandoffPurpose[] = ['out-of-hours-protection'];

function purposesOf(type: OrganisationType): HandoffPurpose[] {
  return HANDOFF_PURPOSES.filter(
    (purpose) => PURPOSE_RULES[purpose].recipients.includes(type) && !OUT_OF_HOURS_PURPOSES.includes(purpose),
  );
}

export function socialServicesId(municipalityCode: string): string {
  return `social-services:${municipalityCode}`;
}

export function outOfHoursSocialServicesId(municipalityCode: string): string {
  return `social-services-out-of-hours:${municipalityCode}`;
}

const socialServices: ReceivingOrganisation[] = MUNICIPALITIES.map((m) => ({
  id: socialServicesId(m.code),
  type: 'social-services',
  name: `Socialtjänsten i ${m.shortName}`,
  region: regionOfMunicipality(m.code) ?? null,
  municipalityCode: m.code,
  purposes: purposesOf('social-services'),
}));

const outOfHours: ReceivingOrganisation[] = MUNICIPALITIES.map((m) => ({
  id: outOfHoursSocialServicesId(m.code),
  type: 'social-services',
  name: `Socialjouren för ${m.shortName}`,
  region: regionOfMunicipality(m.code) ?? null,
  municipalityCode: m.code,
  purposes: OUT_OF_HOURS_PURPOSES,
}));

// Barnahus in the larger towns of every police region; a child is taken to the nearest by the owner's choice.
const BARNAHUS: readonly { readonly slug: string; readonly municipalityCode: string }[] = [
  { slug: 'stockholm', municipalityCode: '0180' },
  { slug: 'sodertalje', municipalityCode: '0181' },
  { slug: 'uppsala', municipalityCode: '0380' },
  { slug: 'gavle', municipalityCode: '2180' },
  { slug: 'linkoping', municipalityCode: '0580' },
  { slug: 'jonkoping', municipalityCode: '0680' },
  { slug: 'malmo', municipalityCode: '1280' },
  { slug: 'lund', municipalityCode: '1281' },
  { slug: 'kalmar', municipalityCode: '0880' },
  { slug: 'goteborg', municipalityCode: '1480' },
  { slug: 'halmstad', municipalityCode: '1380' },
  { slug: 'orebro', municipalityCode: '1880' },
  { slug: 'karlstad', municipalityCode: '1780' },
  { slug: 'sundsvall', municipalityCode: '2281' },
  { slug: 'umea', municipalityCode: '2480' },
  { slug: 'lulea', municipalityCode: '2580' },
];

const barnahus: ReceivingOrganisation[] = BARNAHUS.map(({ slug, municipalityCode }) => {
  const municipality = findMunicipality(municipalityCode);
  if (!municipality) throw new Error(`Barnahus ${slug}: unknown municipality ${municipalityCode}`);
  return {
    id: `barnahus:${slug}`,
    type: 'barnahus',
    name: `Barnahus ${municipality.shortName}`,
    region: regionOfMunicipality(municipalityCode) ?? null,
    municipalityCode,
    purposes: purposesOf('barnahus'),
  };
});

const national: ReceivingOrganisation[] = [
  {
    id: 'nsp',
    type: 'nsp',
    name: 'Nationellt stödprogram (NSP), Plattformen Civila Sverige mot människohandel',
    region: null,
    purposes: purposesOf('nsp'),
  },
  {
    id: 'return-programme',
    type: 'return-programme',
    name: 'Återvändandeprogrammet (ÅMP), IOM',
    region: null,
    purposes: purposesOf('return-programme'),
  },
  {
    id: 'migrationsverket',
    type: 'migrationsverket',
    name: 'Migrationsverket',
    region: null,
    purposes: purposesOf('migrationsverket'),
  },
];

const policeRegions: ReceivingOrganisation[] = REGIONS.map((region) => ({
  id: `police:${region}`,
  type: 'police',
  name: `Polisregion ${REGION_NAMES[region]}`,
  region,
  purposes: purposesOf('police'),
}));

const healthCareRegions: ReceivingOrganisation[] = COUNTIES.map((county) => ({
  id: `health-care:${county.code}`,
  type: 'health-care',
  name: `Region ${county.shortName}`,
  region: regionOfCounty(county.code) ?? null,
  countyCode: county.code,
  purposes: purposesOf('health-care'),
}));

export const DIRECTORY: readonly ReceivingOrganisation[] = [
  ...socialServices,
  ...outOfHours,
  ...barnahus,
  ...national,
  ...policeRegions,
  ...healthCareRegions,
];

const byId = new Map(DIRECTORY.map((organisation) => [organisation.id, organisation]));

export function findOrganisation(id: string): ReceivingOrganisation | undefined {
  return byId.get(id);
}

/** Social services of the municipality where the person is, if the location names one. */
export function socialServicesFor(municipalityCode: string): ReceivingOrganisation | undefined {
  return byId.get(socialServicesId(municipalityCode));
}

/** The out-of-hours social services (socialjour) that answer for the municipality at night and at weekends. */
export function outOfHoursSocialServicesFor(municipalityCode: string): ReceivingOrganisation | undefined {
  return byId.get(outOfHoursSocialServicesId(municipalityCode));
}

export interface DirectoryQuery {
  readonly type?: OrganisationType;
  readonly region?: Region;
  readonly purpose?: HandoffPurpose;
  readonly municipalityCode?: string;
}

export function searchDirectory(query: DirectoryQuery = {}): ReceivingOrganisation[] {
  return DIRECTORY.filter(
    (o) =>
      (!query.type || o.type === query.type) &&
      (!query.region || o.region === query.region) &&
      (!query.purpose || o.purposes.includes(query.purpose)) &&
      (!query.municipalityCode || o.municipalityCode === query.municipalityCode),
  );
}
