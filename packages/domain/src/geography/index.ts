// Municipality → county → police region lookups used by routing and the directory of receiving organisations.
import type { Region } from '../vocabulary';
import { COUNTIES, type County } from './counties';
import { MUNICIPALITIES, type Municipality } from './municipalities';

export { COUNTIES, type County, MUNICIPALITIES, type Municipality };

const municipalityByCode = new Map(MUNICIPALITIES.map((m) => [m.code, m]));
const countyByCode = new Map(COUNTIES.map((c) => [c.code, c]));

export function findMunicipality(code: string): Municipality | undefined {
  return municipalityByCode.get(code);
}

export function findCounty(code: string): County | undefined {
  return countyByCode.get(code);
}

export function isMunicipalityCode(code: string): boolean {
  return municipalityByCode.has(code);
}

export function isCountyCode(code: string): boolean {
  return countyByCode.has(code);
}

/** The police regions' names: proper names, the same in Swedish and English. */
export const REGION_NAMES: Readonly<Record<Region, string>> = {
  nord: 'Nord',
  mitt: 'Mitt',
  stockholm: 'Stockholm',
  ost: 'Öst',
  vast: 'Väst',
  syd: 'Syd',
  bergslagen: 'Bergslagen',
};

export function regionOfCounty(countyCode: string): Region | undefined {
  return countyByCode.get(countyCode)?.region;
}

export function regionOfMunicipality(municipalityCode: string): Region | undefined {
  const municipality = municipalityByCode.get(municipalityCode);
  return municipality && regionOfCounty(municipality.countyCode);
}
