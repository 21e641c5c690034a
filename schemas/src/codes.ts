// Code lists referenced by the referral schema (domain.md §6). Kept as data so the web form and the docs use the same lists.

export const GENDERS = ['female', 'male', 'non-binary', 'trans', 'other', 'unknown'] as const;

export const EXPLOITATION_PURPOSES = [
  'sexual',
  'labour',
  'begging',
  'criminal',
  'organ-removal',
  'forced-marriage',
  'surrogacy',
  'illegal-adoption',
  'other',
] as const;

export const RESIDENCE_STATUSES = [
  'swedish-resident',
  'eu-citizen',
  'third-country-national',
  'asylum-seeker',
  'undocumented',
  'unknown',
] as const;

/** Indicators observed by the referrer; a coded list so statistics can count them. */
export const INDICATORS = [
  'document-confiscation',
  'debt-bondage',
  'restricted-movement',
  'threats-or-violence',
  'excessive-working-hours',
  'withheld-wages',
  'housing-controlled-by-employer',
  'recruited-by-deception',
  'advertised-online',
  'signs-of-abuse',
  'does-not-know-address',
  'accompanied-by-controller',
  'other',
] as const;

export const VULNERABILITIES = [
  'lvu-placed',
  'disability',
  'substance-use',
  'lgbtqi',
  'pregnancy',
  'mental-ill-health',
  'homelessness',
] as const;

/** How a referral came in: an agency system, the web form, the national support phone, coordinators' outreach. */
export const CHANNELS = ['api', 'web', 'phone', 'outreach'] as const;

const regionNames = new Intl.DisplayNames(['en'], { type: 'region', fallback: 'code' });
const languageNames = new Intl.DisplayNames(['en'], { type: 'language', fallback: 'code' });

/** ISO 3166-1 alpha-2, checked against the ICU region list Node ships (no hand-kept copy to go stale). */
export function isCountryCode(code: string): boolean {
  return /^[A-Z]{2}$/.test(code) && code !== 'ZZ' && regionNames.of(code) !== code;
}

/** ISO 639-1 (two letters) or 639-2/3 (three letters) language code known to ICU. */
export function isLanguageCode(code: string): boolean {
  if (!/^[a-z]{2,3}$/.test(code)) return false;
  try {
    return languageNames.of(code) !== code;
  } catch {
    return false;
  }
}
