// Routing rules (domain.md §4): where a referral goes, decided from where the person is and whether they may be a child.
import { regionOfCounty, regionOfMunicipality } from './geography';
import { NATIONAL_TRIAGE, type QueueId, queueOf, type Region, type Track } from './vocabulary';

export type Age =
  | { readonly dateOfBirth: string }
  | { readonly estimatedYears: number; readonly mayBeMinor?: boolean }
  | { readonly unknown: true; readonly mayBeMinor?: boolean };

export type Location =
  | { readonly municipalityCode: string }
  | { readonly countyCode: string }
  | { readonly abroad: string }
  | {
      readonly unknown: true;
      readonly noFixedAbode?: boolean;
      /** Outside Sweden, country not known: an accompanying child the referrer said is not in Sweden. */
      readonly outsideSweden?: true;
    };

/** Statistics' age group: what was known at intake, not the track the presumption of minority chose. */
export type AgeGroup = 'child' | 'adult' | 'unknown';

export interface Route {
  readonly region: Region | null;
  readonly track: Track;
  readonly queue: QueueId;
}

/** Completed years on `on` (YYYY-MM-DD), counted by calendar date as Swedish law does, not by elapsed milliseconds. */
export function ageInYears(dateOfBirth: string, on: string): number {
  const [by, bm, bd] = dateOfBirth.split('-').map(Number) as [number, number, number];
  const [y, m, d] = on.split('-').map(Number) as [number, number, number];
  return y - by - (m < bm || (m === bm && d < bd) ? 1 : 0);
}

export function ageGroup(age: Age, today: string): AgeGroup {
  if ('dateOfBirth' in age) return ageInYears(age.dateOfBirth, today) < 18 ? 'child' : 'adult';
  if ('estimatedYears' in age) return age.estimatedYears < 18 ? 'child' : 'adult';
  return 'unknown';
}

/**
 * Child or adult track. Presumption of minority (Directive 2011/36 art. 13(2)): when the age is uncertain and there is
 * any reason to believe the person may be a child, or nobody said either way, the child track applies.
 */
export function trackFor(age: Age, today: string): Track {
  if ('dateOfBirth' in age) return ageInYears(age.dateOfBirth, today) < 18 ? 'child' : 'adult';
  if ('estimatedYears' in age) return age.estimatedYears < 18 || age.mayBeMinor === true ? 'child' : 'adult';
  return age.mayBeMinor === false ? 'adult' : 'child';
}

/** The police region responsible for a location; null sends the referral to the national coordinator's triage. */
export function regionFor(location: Location): Region | null {
  if ('municipalityCode' in location) return regionOfMunicipality(location.municipalityCode) ?? null;
  if ('countyCode' in location) return regionOfCounty(location.countyCode) ?? null;
  return null;
}

export function route(input: { readonly age: Age; readonly location: Location }, today: string): Route {
  const track = trackFor(input.age, today);
  const region = regionFor(input.location);
  return { region, track, queue: region ? queueOf(region, track) : NATIONAL_TRIAGE };
}
