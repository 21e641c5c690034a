// The referral form as data: its steps, the fields of each, what each step requires, how the answers become a
// referral v1 request, and how the API's error paths map back to fields. Values are kept as typed (strings), so a
// draft can hold an answer the API would refuse and the user can correct it.
import { isCountyCode, isMunicipalityCode, isUnder18, parseIdentityNumber } from '@nrm/domain';
import { isCountryCode, isLanguageCode, type ReferralRequest } from '@nrm/schemas';
import type { DraftValues } from '../drafts-store';
import type { MessageKey } from '../i18n/messages';

export const STEPS = ['person', 'where', 'exploitation', 'needs', 'children', 'narrative', 'review'] as const;
export type Step = (typeof STEPS)[number];
export const isStep = (value: string): value is Step => (STEPS as readonly string[]).includes(value);

export const MAX_CHILDREN = 20;
export const NARRATIVE_MAX = 20_000;

/** The fields each step writes; a POST of a step replaces exactly these. */
const STEP_FIELDS: Record<Exclude<Step, 'review' | 'children'>, readonly string[]> = {
  person: [
    'name',
    'alias',
    'identityNumber',
    'ageKind',
    'dateOfBirth',
    'estimatedYears',
    'mayBeMinor',
    'gender',
    'citizenship1',
    'citizenship2',
    'language1',
    'language2',
    'interpreterNeeded',
    'residenceStatus',
  ],
  where: [
    'locationKind',
    'municipalityCode',
    'countyCode',
    'abroad',
    'noFixedAbode',
    'exploitationLocationKind',
    'exploitationMunicipalityCode',
    'exploitationAbroad',
  ],
  exploitation: ['purposes', 'indicators', 'indicatorsText', 'onlineArenas'],
  needs: [
    'acuteProtection',
    'otherNeeds',
    'vulnerabilities',
    'consent',
    'contactByCoordinator',
    'sharing',
    'willingToCooperate',
  ],
  narrative: ['narrative'],
};
const LIST_FIELDS = new Set(['purposes', 'indicators', 'otherNeeds', 'vulnerabilities', 'sharing']);
const CHILD_FIELDS = ['ageKind', 'dateOfBirth', 'estimatedYears', 'inSweden', 'municipalityCode'] as const;

export const childField = (index: number, field: (typeof CHILD_FIELDS)[number]) => `child.${index}.${field}`;

export interface FieldError {
  readonly field: string;
  readonly key: MessageKey;
  readonly values?: Record<string, string | number>;
  /** A message from the API, shown as it came when no catalogue text fits. */
  readonly text?: string;
}

/** The id of a field's input; an error summary links here. */
export const fieldId = (field: string) => `f-${field.replaceAll('.', '-')}`;

const str = (values: DraftValues, name: string): string => {
  const value = values[name];
  return (Array.isArray(value) ? value[0] : value)?.trim() ?? '';
};
const list = (values: DraftValues, name: string): string[] => {
  const value = values[name];
  return (Array.isArray(value) ? value : value ? [value] : []).filter(Boolean);
};

export function childCount(values: DraftValues): number {
  if (str(values, 'hasChildren') !== 'yes') return 0;
  return Math.min(MAX_CHILDREN, Math.max(1, Number(str(values, 'childCount')) || 1));
}

/** Takes a step's fields from a posted form; fields of other steps are left as they are in the draft. */
export function mergeStep(
  draft: DraftValues,
  step: Step,
  form: Record<string, string | string[]>,
): DraftValues {
  const next: DraftValues = { ...draft };
  if (step === 'review') return next;
  if (step === 'children') {
    for (const key of Object.keys(next)) if (key.startsWith('child.')) delete next[key];
    next.hasChildren = typeof form.hasChildren === 'string' ? form.hasChildren : '';
    next.childCount = typeof form.childCount === 'string' ? form.childCount : '1';
    for (const [key, value] of Object.entries(form)) {
      if (key.startsWith('child.') && typeof value === 'string') next[key] = value.slice(0, 200);
    }
    return next;
  }
  for (const field of STEP_FIELDS[step]) {
    const value = form[field];
    if (LIST_FIELDS.has(field))
      next[field] = (Array.isArray(value) ? value : value ? [value] : []).map(String);
    else next[field] = (Array.isArray(value) ? value[0] : value)?.slice(0, NARRATIVE_MAX + 1) ?? '';
  }
  return next;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;
function dateError(value: string, today: string): MessageKey | undefined {
  if (!DATE.test(value) || Number.isNaN(Date.parse(`${value}T00:00:00Z`))) return 'errors.date';
  if (new Date(`${value}T00:00:00Z`).toISOString().slice(0, 10) !== value) return 'errors.date';
  if (value > today) return 'errors.dateFuture';
  return undefined;
}
const yearsError = (value: string): MessageKey | undefined =>
  /^\d{1,3}$/.test(value) && Number(value) <= 120 ? undefined : 'errors.number';

/** Whether the answers make this a child case: under 18, or possibly a minor (presumption of minority). */
export function isChildCase(values: DraftValues, now: Date): boolean {
  const kind = str(values, 'ageKind');
  const mayBeMinor = str(values, 'mayBeMinor');
  if (kind === 'dob') {
    const dob = str(values, 'dateOfBirth');
    return dateError(dob, '9999-12-31') ? false : isUnder18(dob, now.toISOString());
  }
  if (kind === 'estimate') return Number(str(values, 'estimatedYears')) < 18 || mayBeMinor === 'yes';
  if (kind === 'unknown') return mayBeMinor !== 'no';
  return false;
}

/** An adult who has not consented: an anonymous notification, which sends nothing that identifies the person. */
export function isAnonymous(values: DraftValues, now: Date): boolean {
  return !isChildCase(values, now) && str(values, 'consent') === 'not-given';
}

const required = (field: string, label: MessageKey, choose = true): FieldError => ({
  field,
  key: choose ? 'errors.choose' : 'errors.required',
  values: { field: label },
});

/** What the step needs before the user may go on; the API checks the whole referral again on submission. */
export function validateStep(step: Step, values: DraftValues, now: Date): FieldError[] {
  const today = now.toISOString().slice(0, 10);
  const errors: FieldError[] = [];
  const push = (error: FieldError | undefined) => error && errors.push(error);
  switch (step) {
    case 'person': {
      const id = str(values, 'identityNumber');
      if (id && !parseIdentityNumber(id, now).ok)
        push({ field: 'identityNumber', key: 'errors.identityNumber' });
      for (const field of ['name', 'alias'])
        if (str(values, field).length > 200) push({ field, key: 'errors.tooLong', values: { max: 200 } });
      const kind = str(values, 'ageKind');
      if (!kind) push(required('ageKind', 'person.age'));
      if (kind === 'dob') {
        const key = dateError(str(values, 'dateOfBirth'), today);
        if (key) push({ field: 'dateOfBirth', key });
      }
      if (kind === 'estimate') {
        const key = yearsError(str(values, 'estimatedYears'));
        if (key) push({ field: 'estimatedYears', key });
      }
      if (!str(values, 'gender')) push(required('gender', 'person.gender'));
      for (const field of ['citizenship1', 'citizenship2']) {
        const code = str(values, field);
        if (code && !isCountryCode(code)) push(required(field, 'person.citizenship'));
      }
      for (const field of ['language1', 'language2']) {
        const code = str(values, field);
        if (code && !isLanguageCode(code)) push(required(field, 'person.language'));
      }
      break;
    }
    case 'where': {
      const kind = str(values, 'locationKind');
      if (!kind) push(required('locationKind', 'where.location'));
      if (kind === 'municipality' && !isMunicipalityCode(str(values, 'municipalityCode')))
        push(required('municipalityCode', 'where.municipality'));
      if (kind === 'county' && !isCountyCode(str(values, 'countyCode')))
        push(required('countyCode', 'where.county'));
      if (kind === 'abroad' && !isCountryCode(str(values, 'abroad')))
        push(required('abroad', 'where.country'));
      const exploitation = str(values, 'exploitationLocationKind');
      if (exploitation === 'municipality' && !isMunicipalityCode(str(values, 'exploitationMunicipalityCode')))
        push(required('exploitationMunicipalityCode', 'where.municipality'));
      if (exploitation === 'abroad' && !isCountryCode(str(values, 'exploitationAbroad')))
        push(required('exploitationAbroad', 'where.country'));
      break;
    }
    case 'exploitation':
      if (list(values, 'purposes').length === 0) push(required('purposes', 'exploitation.purposes'));
      if (str(values, 'indicatorsText').length > 2000)
        push({ field: 'indicatorsText', key: 'errors.tooLong', values: { max: 2000 } });
      break;
    case 'needs':
      if (!str(values, 'acuteProtection')) push(required('acuteProtection', 'needs.acuteProtection'));
      if (!isChildCase(values, now) && !str(values, 'consent')) push(required('consent', 'needs.consent'));
      break;
    case 'children': {
      if (!str(values, 'hasChildren')) push(required('hasChildren', 'children.has'));
      for (let i = 0; i < childCount(values); i++) {
        const kind = str(values, childField(i, 'ageKind'));
        if (!kind) push(required(childField(i, 'ageKind'), 'person.age'));
        if (kind === 'dob') {
          const key = dateError(str(values, childField(i, 'dateOfBirth')), today);
          if (key) push({ field: childField(i, 'dateOfBirth'), key });
        }
        if (kind === 'estimate') {
          const key = yearsError(str(values, childField(i, 'estimatedYears')));
          if (key) push({ field: childField(i, 'estimatedYears'), key });
        }
        const municipality = str(values, childField(i, 'municipalityCode'));
        if (municipality && !isMunicipalityCode(municipality))
          push(required(childField(i, 'municipalityCode'), 'where.municipality'));
      }
      break;
    }
    case 'narrative':
      if (str(values, 'narrative').length > NARRATIVE_MAX)
        push({ field: 'narrative', key: 'errors.tooLong', values: { max: NARRATIVE_MAX } });
      break;
    case 'review':
      break;
  }
  return errors;
}

const yesNo = (value: string): boolean | undefined =>
  value === 'yes' ? true : value === 'no' ? false : undefined;

function age(kind: string, dob: string, years: string, mayBeMinor: string): ReferralRequest['person']['age'] {
  const minor = yesNo(mayBeMinor);
  if (kind === 'dob') return { dateOfBirth: dob };
  if (kind === 'estimate')
    return { estimatedYears: Number(years), ...(minor !== undefined ? { mayBeMinor: minor } : {}) };
  return { unknown: true, ...(minor !== undefined ? { mayBeMinor: minor } : {}) };
}

/** Age in whole years on `today` (YYYY-MM-DD), for an anonymous notification that keeps no date of birth. */
function yearsOld(dob: string, today: string): number {
  const years = Number(today.slice(0, 4)) - Number(dob.slice(0, 4));
  return today.slice(5) < dob.slice(5) ? years - 1 : years;
}

/** The answers as a referral v1 request. Empty answers are left out; the API names whatever is still wrong. */
export function buildRequest(values: DraftValues, now: Date): ReferralRequest {
  const child = isChildCase(values, now);
  const anonymous = isAnonymous(values, now);
  const today = now.toISOString().slice(0, 10);
  const s = (name: string) => str(values, name);
  const optional = <T>(key: string, value: T | undefined | '') =>
    value === undefined || value === '' || (Array.isArray(value) && value.length === 0)
      ? {}
      : { [key]: value };

  const personAge =
    anonymous && s('ageKind') === 'dob' && !dateError(s('dateOfBirth'), today)
      ? { estimatedYears: yearsOld(s('dateOfBirth'), today), mayBeMinor: false }
      : age(s('ageKind'), s('dateOfBirth'), s('estimatedYears'), s('mayBeMinor'));

  const locationKind = s('locationKind');
  const location: ReferralRequest['location'] =
    locationKind === 'municipality'
      ? { municipalityCode: s('municipalityCode') }
      : locationKind === 'county'
        ? { countyCode: s('countyCode') }
        : locationKind === 'abroad'
          ? { abroad: s('abroad') }
          : { unknown: true, ...(s('noFixedAbode') === 'yes' ? { noFixedAbode: true } : {}) };
  const exploitationKind = s('exploitationLocationKind');
  const exploitationLocation =
    exploitationKind === 'municipality'
      ? { municipalityCode: s('exploitationMunicipalityCode') }
      : exploitationKind === 'abroad'
        ? { abroad: s('exploitationAbroad') }
        : exploitationKind === 'unknown'
          ? { unknown: true as const }
          : undefined;

  const otherNeeds = list(values, 'otherNeeds');
  const children = Array.from({ length: childCount(values) }, (_, i) => {
    const c = (field: (typeof CHILD_FIELDS)[number]) => s(childField(i, field));
    const inSweden = yesNo(c('inSweden'));
    return {
      age: age(c('ageKind'), c('dateOfBirth'), c('estimatedYears'), ''),
      ...(c('municipalityCode') ? { location: { municipalityCode: c('municipalityCode') } } : {}),
      ...(inSweden !== undefined ? { inSweden } : {}),
    };
  });
  const sharing = list(values, 'sharing').map((value) => {
    const [recipientType, purpose] = value.split(' ');
    return { recipientType, purpose };
  });
  const arenas = s('onlineArenas')
    .split(',')
    .map((a) => a.trim())
    .filter(Boolean);

  return {
    person: {
      ...(anonymous ? {} : { ...optional('name', s('name')), ...optional('alias', s('alias')) }),
      ...(anonymous ? {} : optional('identityNumber', s('identityNumber'))),
      age: personAge,
      gender: s('gender') as ReferralRequest['person']['gender'],
      ...optional(
        'citizenships',
        [s('citizenship1'), s('citizenship2')].filter((v, i, all) => v && all.indexOf(v) === i),
      ),
      ...optional(
        'languages',
        [s('language1'), s('language2')].filter((v, i, all) => v && all.indexOf(v) === i),
      ),
      ...optional('interpreterNeeded', yesNo(s('interpreterNeeded'))),
      ...optional('residenceStatus', s('residenceStatus')),
    },
    location,
    ...(exploitationLocation ? { exploitationLocation } : {}),
    exploitation: {
      purposes: list(values, 'purposes') as ReferralRequest['exploitation']['purposes'],
      ...optional('indicators', list(values, 'indicators')),
      ...optional('indicatorsText', s('indicatorsText')),
      ...optional('onlineArenas', arenas),
    },
    needs: {
      acuteProtection: s('acuteProtection') === 'yes',
      ...(otherNeeds.includes('shelter') ? { shelter: true } : {}),
      ...(otherNeeds.includes('medical') ? { medical: true } : {}),
      ...(otherNeeds.includes('safetyThreat') ? { safetyThreat: true } : {}),
      ...optional('vulnerabilities', list(values, 'vulnerabilities')),
    },
    // Children have no consent gate: the API ignores the status for them, and it is not asked.
    consent: child
      ? { status: 'given' }
      : {
          status: s('consent') === 'not-given' ? 'not-given' : 'given',
          ...(s('consent') === 'given' && s('contactByCoordinator') === 'yes'
            ? { contactByCoordinator: true }
            : {}),
          // Each ticked box is one consent: sharing with that kind of organisation for that purpose.
          ...(s('consent') === 'given' && sharing.length ? { sharing } : {}),
        },
    ...optional('willingToCooperateWithPolice', yesNo(s('willingToCooperate'))),
    ...(children.length ? { accompanyingChildren: children } : {}),
    ...(anonymous ? {} : optional('narrative', s('narrative'))),
  } as ReferralRequest;
}

/** Where an API error path (`person.age.dateOfBirth`) belongs in the form. */
export function fieldOfPath(path: string): { step: Step; field: string } {
  const parts = path.split('.');
  const [head, second, third] = parts;
  if (head === 'person') {
    if (second === 'age') {
      if (third === 'dateOfBirth') return { step: 'person', field: 'dateOfBirth' };
      if (third === 'estimatedYears') return { step: 'person', field: 'estimatedYears' };
      return { step: 'person', field: 'ageKind' };
    }
    if (second === 'citizenships')
      return { step: 'person', field: third === '1' ? 'citizenship2' : 'citizenship1' };
    if (second === 'languages') return { step: 'person', field: third === '1' ? 'language2' : 'language1' };
    if (second && STEP_FIELDS.person.includes(second)) return { step: 'person', field: second };
    return { step: 'person', field: 'ageKind' };
  }
  if (head === 'location') {
    const field =
      second === 'municipalityCode' || second === 'countyCode' || second === 'abroad'
        ? second
        : 'locationKind';
    return { step: 'where', field };
  }
  if (head === 'exploitationLocation') {
    const field =
      second === 'municipalityCode'
        ? 'exploitationMunicipalityCode'
        : second === 'abroad'
          ? 'exploitationAbroad'
          : 'exploitationLocationKind';
    return { step: 'where', field };
  }
  if (head === 'exploitation') {
    const field = second && STEP_FIELDS.exploitation.includes(second) ? second : 'purposes';
    return { step: 'exploitation', field };
  }
  if (head === 'needs')
    return {
      step: 'needs',
      field: second === 'acuteProtection' || second === 'vulnerabilities' ? second : 'otherNeeds',
    };
  if (head === 'consent') return { step: 'needs', field: 'consent' };
  if (head === 'willingToCooperateWithPolice') return { step: 'needs', field: 'willingToCooperate' };
  if (head === 'accompanyingChildren') {
    const index = Number(second);
    if (Number.isInteger(index)) {
      const leaf = parts.at(-1);
      const field =
        leaf === 'dateOfBirth' ||
        leaf === 'estimatedYears' ||
        leaf === 'municipalityCode' ||
        leaf === 'inSweden'
          ? leaf
          : 'ageKind';
      return { step: 'children', field: childField(index, field) };
    }
    return { step: 'children', field: 'hasChildren' };
  }
  if (head === 'narrative') return { step: 'narrative', field: 'narrative' };
  return { step: 'review', field: 'submit' };
}

export { list as listValue, str as stringValue };
