// Names the platform does not keep by hand, in the page's language: countries and languages from ICU (what Node
// ships), and the counties from the domain's geography.
import { COUNTIES, findOrganisation, queueOfOffice } from '@nrm/domain';
import { isCountryCode, isLanguageCode } from '@nrm/schemas/codes';
import { queueName } from './codes';
import { CATALOGUES, type Lang } from './messages';

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
const COUNTRY_CODES = [...ALPHABET].flatMap((a) => [...ALPHABET].map((b) => a + b)).filter(isCountryCode);

// Languages most often needed by the people referred (domain.md §1); any ISO 639 code is valid in the API.
const LANGUAGE_CODES = [
  'ar',
  'am',
  'bg',
  'bn',
  'cs',
  'de',
  'en',
  'es',
  'fa',
  'fr',
  'hi',
  'hu',
  'ka',
  'ku',
  'lt',
  'lv',
  'mn',
  'pl',
  'ps',
  'pt',
  'ro',
  'ru',
  'sk',
  'so',
  'sq',
  'sr',
  'sv',
  'th',
  'ti',
  'tl',
  'tr',
  'uk',
  'ur',
  'uz',
  'vi',
  'yo',
  'zh',
].filter(isLanguageCode);

const collator = { sv: new Intl.Collator('sv'), en: new Intl.Collator('en') };

/** ISO country codes with their names in the page language, sorted by name. */
export function countries(lang: Lang): { code: string; name: string }[] {
  const names = new Intl.DisplayNames([lang], { type: 'region' });
  return COUNTRY_CODES.map((code) => ({ code, name: names.of(code) ?? code })).sort((a, b) =>
    collator[lang].compare(a.name, b.name),
  );
}

export function languages(lang: Lang): { code: string; name: string }[] {
  const names = new Intl.DisplayNames([lang], { type: 'language' });
  return LANGUAGE_CODES.map((code) => ({ code, name: names.of(code) ?? code })).sort((a, b) =>
    collator[lang].compare(a.name, b.name),
  );
}

/**
 * A country's name; a code that is no country is shown as it is (a draft holds what was posted, checked only when
 * its step is done, and Intl.DisplayNames throws on some).
 */
export const countryName = (code: string, lang: Lang): string =>
  isCountryCode(code) ? (new Intl.DisplayNames([lang], { type: 'region' }).of(code) ?? code) : code;

/** A person's citizenship as the statistics hold it: a country, or `unknown` or `several` (README, Statistics). */
export function citizenshipName(value: string, lang: Lang): string {
  if (value === 'unknown' || value === 'several') return CATALOGUES[lang][`citizenship.${value}`];
  return countryName(value, lang);
}

export function countyName(code: string): string {
  return COUNTIES.find((c) => c.code === code)?.name ?? code;
}

/** An organisation's name where the web knows it without asking: a coordinator office by its queue, a receiving
 * organisation by the directory's name. */
export function knownOrganisationName(id: string, lang: Lang): string | undefined {
  const queue = queueOfOffice(id);
  return queue ? queueName(queue, lang) : findOrganisation(id)?.name;
}
