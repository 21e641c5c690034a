// The referral's fields, each declared once: its step, where it goes in the referral v1 request, how it is asked,
// when it is required, and how it is shown. The form's pages, its validation, the request, the mapping of the API's
// error paths and the review page are all generated from this table (model.ts, display.ts, pages/form.tsx), and a
// case page can show a referral with the same rows.
import {
  ADULT_CONSENT_SCOPES,
  ageInYears,
  type CaseCategory,
  COUNTIES,
  type Disclosure,
  isCountyCode,
  isMunicipalityCode,
  MUNICIPALITIES,
  parseIdentityNumber,
} from '@nrm/domain';
import { isCountryCode, isLanguageCode, type ReferralRequest } from '@nrm/schemas';
import {
  AGE_GROUP,
  type CodeTable,
  consentScopeLabel,
  GENDER,
  INDICATOR,
  label,
  options,
  PURPOSE,
  RESIDENCE,
  VULNERABILITY,
} from '../i18n/codes';
import type { Lang, MessageKey, Translate } from '../i18n/messages';
import { countries, countryName, countyName, languages } from '../i18n/names';

export const STEPS = ['person', 'where', 'exploitation', 'needs', 'children', 'narrative', 'review'] as const;
export type Step = (typeof STEPS)[number];
export type FormStep = Exclude<Step, 'review'>;

export const STEP_TITLE: Record<Step, MessageKey> = {
  person: 'step.person',
  where: 'step.where',
  exploitation: 'step.exploitation',
  needs: 'step.needs',
  children: 'step.children',
  narrative: 'step.narrative',
  review: 'step.review',
};

export const MAX_CHILDREN = 20;
export const NARRATIVE_MAX = 20_000;

/** What the answers decide about the case, with the domain's own rules (model.ts `factsOf`). */
export interface Facts {
  /** The date in Sweden, YYYY-MM-DD: ages and "not in the future" are Swedish dates. */
  readonly today: string;
  readonly child: boolean;
  readonly anonymous: boolean;
}

/** One draft's answers, read under a prefix for a repeated group (`child.0.`). */
export interface Answers {
  text(name: string): string;
  list(name: string): string[];
}

/**
 * A referral as the request carries it; a case file shows the same parts, any of which may be withheld (an offer's
 * summary has a gender but no stated age, so even the person's own parts are optional).
 */
export type ReferralShape = {
  readonly [K in keyof ReferralRequest]?: K extends 'person'
    ? Partial<ReferralRequest[K]>
    : ReferralRequest[K];
};

/** A case file shown through the table: what its reader's access discloses, and what the age is today. */
export interface CaseDisplay {
  /** The date in Sweden, YYYY-MM-DD: a date of birth is shown with the age it gives today. */
  readonly today: string;
  /** The age group, shown where the age itself is withheld (an offer's summary). */
  readonly ageGroup?: 'child' | 'adult' | 'unknown';
  readonly disclosure: Readonly<Record<CaseCategory, Disclosure>>;
}

/** What a display needs besides the referral. */
export interface DisplayView {
  readonly t: Translate;
  readonly lang: Lang;
  readonly child: boolean;
  readonly anonymous: boolean;
  /** Shorten long free text (the review page); a case page shows it whole. */
  readonly brief?: boolean;
  /** Showing a case file: only the fields of the categories it discloses. */
  readonly case?: CaseDisplay;
}

export interface Choice {
  readonly value: string;
  readonly label: MessageKey;
  readonly hint?: MessageKey;
  /** Fields asked while this choice is chosen (revealed under it). */
  readonly reveals?: readonly string[];
  /** What choosing it puts in the request at the field's path; a choice without it sends nothing itself. */
  readonly sends?: unknown;
}

export interface CodeList {
  options(lang: Lang): readonly { value: string; label: string }[];
  /** Options grouped under headings (municipalities by county). */
  groups?(lang: Lang): readonly { label: string; options: readonly { value: string; label: string }[] }[];
  valid(code: string): boolean;
}

export type FieldKind = 'text' | 'textarea' | 'date' | 'years' | 'select' | 'radio' | 'codes' | 'checkbox';

export interface Field {
  /** The form field's name, and the draft's key for its answer. */
  readonly name: string;
  readonly step: FormStep;
  readonly kind: FieldKind;
  readonly label: MessageKey;
  readonly hint?: MessageKey;
  /** How an error message names the field, where that is not its label. */
  readonly errorName?: MessageKey;
  /** Must be answered whenever it is asked (a revealed field: whenever its choice is chosen). */
  readonly required?: boolean;
  /** Whether the label says "(optional)"; by default, when not required. */
  readonly markOptional?: boolean;
  /** Whether it is asked at all for this case; by default always. */
  readonly asked?: (facts: Facts) => boolean;
  /** Shown in its place when it is not asked. */
  readonly notAsked?: MessageKey;
  /** What the request carries when it is not asked. */
  readonly notAskedSends?: unknown;
  /** Identifies the person: never sent nor shown for an anonymous notification. */
  readonly identifying?: boolean;
  /**
   * The case-file category it belongs to (domain profiles): a case file shows the field only when its reader's access
   * discloses the category. A field without one (the consent answers: a case file lists the consents themselves) has
   * no row in a case file.
   */
  readonly category?: CaseCategory;
  readonly choices?: readonly Choice[];
  readonly codes?: CodeList;
  readonly inline?: boolean;
  /** The single box of a `checkbox` (its label names the group, for screen readers only). */
  readonly box?: MessageKey;
  readonly maxLength?: number;
  readonly width?: 'short' | 'medium';
  readonly numeric?: boolean;
  readonly rows?: number;
  /** A check of a non-empty answer beyond its kind. */
  readonly check?: (value: string, now: Date) => MessageKey | undefined;
  /** Where it goes in the request, dot-separated; `[]` appends to a list. API error paths map back through it. */
  readonly path: string;
  /** How it is written into the request; `false`: another field writes it (its choice's parent). */
  readonly write?: false | ((answers: Answers, facts: Facts) => unknown);
  /** Its row on the review page and the case file; without it, no row. */
  readonly display?: {
    readonly label?: MessageKey;
    /** The text of the row; by default the value at `path`, named by the field's choices or code list. */
    readonly value?: (referral: ReferralShape, view: DisplayView) => string | null | undefined;
  };
  /** A group of fields asked once per item (accompanying children), revealed by the choice `yes`. */
  readonly group?: {
    readonly fields: readonly Field[];
    readonly prefix: string;
    readonly legend: MessageKey;
  };
}

const yesNo = (extra?: 'dontKnow' | 'notAsked'): readonly Choice[] => [
  { value: 'yes', label: 'form.yes', sends: true },
  { value: 'no', label: 'form.no', sends: false },
  ...(extra === 'dontKnow' ? [{ value: 'unknown', label: 'form.dontKnow' } as const] : []),
  ...(extra === 'notAsked' ? [{ value: 'not-asked', label: 'form.notAsked' } as const] : []),
];

const coded = (list: CodeTable<string>): CodeList => ({
  options: (lang) => options(list, lang),
  valid: (code) => list.codes.includes(code),
});

const COUNTRY: CodeList = {
  options: (lang) => countries(lang).map((c) => ({ value: c.code, label: c.name })),
  valid: isCountryCode,
};
const LANGUAGE: CodeList = {
  options: (lang) => languages(lang).map((l) => ({ value: l.code, label: l.name })),
  valid: isLanguageCode,
};
const MUNICIPALITY: CodeList = {
  options: () => [],
  groups: () =>
    COUNTIES.map((county) => ({
      label: county.name,
      options: MUNICIPALITIES.filter((m) => m.countyCode === county.code).map((m) => ({
        value: m.code,
        label: m.shortName,
      })),
    })),
  valid: isMunicipalityCode,
};
const COUNTY: CodeList = {
  options: () => COUNTIES.map((c) => ({ value: c.code, label: c.name })),
  valid: isCountyCode,
};
const CONSENT_SCOPE: CodeList = {
  options: (lang) =>
    ADULT_CONSENT_SCOPES.map((scope) => ({
      value: `${scope.recipientType} ${scope.purpose}`,
      label: consentScopeLabel(scope, lang),
    })),
  valid: (code) => ADULT_CONSENT_SCOPES.some((s) => `${s.recipientType} ${s.purpose}` === code),
};

const municipalityName = (code: string) => MUNICIPALITIES.find((m) => m.code === code)?.name ?? code;

const DATE = /^\d{4}-\d{2}-\d{2}$/;
/** Why a typed date is not a date of the past, if it is not. */
export function dateError(value: string, today: string): MessageKey | undefined {
  if (!DATE.test(value) || Number.isNaN(Date.parse(`${value}T00:00:00Z`))) return 'errors.date';
  if (new Date(`${value}T00:00:00Z`).toISOString().slice(0, 10) !== value) return 'errors.date';
  if (value > today) return 'errors.dateFuture';
  return undefined;
}
export const yearsError = (value: string): MessageKey | undefined =>
  /^\d{1,3}$/.test(value) && Number(value) <= 120 ? undefined : 'errors.number';

type Age = ReferralRequest['person']['age'];

/** The age as answered, for routing's decisions; none while no kind is chosen or the date is not a date. */
export function answeredAge(answers: Answers): Age | undefined {
  const kind = answers.text('ageKind');
  const minor = yesNo().find((c) => c.value === answers.text('mayBeMinor'))?.sends as boolean | undefined;
  const mayBeMinor = minor !== undefined ? { mayBeMinor: minor } : {};
  if (kind === 'dob') {
    const dob = answers.text('dateOfBirth');
    return dateError(dob, '9999-12-31') ? undefined : { dateOfBirth: dob };
  }
  if (kind === 'estimate') return { estimatedYears: Number(answers.text('estimatedYears')), ...mayBeMinor };
  if (kind === 'unknown') return { unknown: true, ...mayBeMinor };
  return undefined;
}

/**
 * The age the request carries: as answered (a date that is not one is sent as typed, for the API to name); for the
 * person of an anonymous notification, a date of birth becomes the age in years on the Swedish date.
 */
function requestAge(answers: Answers, today: string, anonymous: boolean): Age | undefined {
  const age = answeredAge(answers);
  if (age && 'dateOfBirth' in age && anonymous)
    return { estimatedYears: ageInYears(age.dateOfBirth, today), mayBeMinor: false };
  if (!age && answers.text('ageKind') === 'dob') return { dateOfBirth: answers.text('dateOfBirth') };
  return age;
}

function ageText(age: Age | undefined, view: DisplayView): string | undefined {
  if (!age) return view.case?.ageGroup ? label(AGE_GROUP, view.lang, view.case.ageGroup) : undefined;
  if ('dateOfBirth' in age) {
    const today = view.case?.today;
    // A case file shows the age the date gives today (on the Swedish date, as routing counts it).
    return today && !dateError(age.dateOfBirth, today)
      ? `${age.dateOfBirth} (${view.t('case.years', { n: ageInYears(age.dateOfBirth, today) })})`
      : age.dateOfBirth;
  }
  if ('estimatedYears' in age) return `${view.t('person.age.estimate')}: ${age.estimatedYears}`;
  return view.t('person.age.unknown');
}

type Location = ReferralRequest['location'];
function locationText(at: Location | undefined, { t, lang }: DisplayView): string | undefined {
  return !at
    ? undefined
    : 'municipalityCode' in at
      ? municipalityName(at.municipalityCode)
      : 'countyCode' in at
        ? countyName(at.countyCode)
        : 'abroad' in at
          ? countryName(at.abroad, lang)
          : t('where.location.unknown');
}

/** The value at a dot path of a referral, or of one item of a group. */
export function valueAt(referral: unknown, path: string): unknown {
  return path
    .replace(/\[\]$/, '')
    .split('.')
    .reduce<unknown>((value, key) => (value as Record<string, unknown> | undefined)?.[key], referral);
}

/** The age question, the person's and each child's: only the wording and where the request keeps it differ. */
const ageFields = (step: FormStep, question: MessageKey, path: string): Field[] => [
  {
    name: 'ageKind',
    step,
    kind: 'radio',
    label: question,
    errorName: 'person.age',
    required: true,
    choices: [
      { value: 'dob', label: 'person.age.dob', reveals: ['dateOfBirth'] },
      { value: 'estimate', label: 'person.age.estimate', reveals: ['estimatedYears'] },
      { value: 'unknown', label: 'person.age.unknown' },
    ],
    path,
    // Accompanying children are referred in their own right, never anonymously.
    write: (answers, facts) => requestAge(answers, facts.today, step === 'person' && facts.anonymous),
    category: step === 'person' ? 'age' : 'children',
    display: { label: 'person.age', value: (r, view) => ageText(valueAt(r, path) as Age | undefined, view) },
  },
  {
    name: 'dateOfBirth',
    step,
    kind: 'date',
    label: 'person.dateOfBirth',
    hint: 'person.dateOfBirth.hint',
    width: 'medium',
    numeric: true,
    path: `${path}.dateOfBirth`,
    write: false,
  },
  {
    name: 'estimatedYears',
    step,
    kind: 'years',
    label: 'person.estimatedYears',
    width: 'short',
    numeric: true,
    path: `${path}.estimatedYears`,
    write: false,
  },
];

const CHILD_FIELDS: readonly Field[] = [
  ...ageFields('children', 'children.age.kind', 'age'),
  {
    name: 'inSweden',
    step: 'children',
    kind: 'radio',
    label: 'children.inSweden',
    choices: yesNo('dontKnow'),
    inline: true,
    path: 'inSweden',
    category: 'children',
    display: { label: 'children.inSweden.short' },
  },
  {
    name: 'municipalityCode',
    step: 'children',
    kind: 'select',
    label: 'children.municipality',
    errorName: 'where.municipality',
    codes: MUNICIPALITY,
    path: 'location.municipalityCode',
    category: 'children',
    // A child's case file may place the child in a county or abroad: the whole location is shown.
    display: {
      label: 'where.municipality',
      value: (item, view) => locationText(valueAt(item, 'location') as Location | undefined, view),
    },
  },
];

/** Every field of the form, in the order of its pages; a revealed field follows the field that reveals it. */
export const FIELDS: readonly Field[] = [
  {
    name: 'name',
    step: 'person',
    kind: 'text',
    label: 'person.name',
    maxLength: 200,
    identifying: true,
    path: 'person.name',
    category: 'identity',
    display: {},
  },
  {
    name: 'alias',
    step: 'person',
    kind: 'text',
    label: 'person.alias',
    maxLength: 200,
    identifying: true,
    path: 'person.alias',
    category: 'identity',
    display: {},
  },
  {
    name: 'identityNumber',
    step: 'person',
    kind: 'text',
    label: 'person.identityNumber',
    hint: 'person.identityNumber.hint',
    width: 'medium',
    numeric: true,
    identifying: true,
    check: (value, now) => (parseIdentityNumber(value, now).ok ? undefined : 'errors.identityNumber'),
    path: 'person.identityNumber',
    category: 'identity',
    display: {},
  },
  ...ageFields('person', 'person.age.kind', 'person.age'),
  {
    name: 'mayBeMinor',
    step: 'person',
    kind: 'radio',
    label: 'person.mayBeMinor',
    hint: 'person.mayBeMinor.hint',
    markOptional: false,
    choices: yesNo('dontKnow'),
    inline: true,
    path: 'person.age.mayBeMinor',
    category: 'age',
    write: false,
    display: {},
  },
  {
    name: 'gender',
    step: 'person',
    kind: 'radio',
    label: 'person.gender',
    required: true,
    codes: coded(GENDER),
    path: 'person.gender',
    category: 'gender',
    display: {},
  },
  {
    name: 'citizenship1',
    step: 'person',
    kind: 'select',
    label: 'person.citizenship',
    codes: COUNTRY,
    path: 'person.citizenships[]',
    category: 'citizenship',
    display: {},
  },
  {
    name: 'citizenship2',
    step: 'person',
    kind: 'select',
    label: 'person.citizenship2',
    errorName: 'person.citizenship',
    codes: COUNTRY,
    path: 'person.citizenships[]',
  },
  {
    name: 'language1',
    step: 'person',
    kind: 'select',
    label: 'person.language',
    codes: LANGUAGE,
    path: 'person.languages[]',
    category: 'languages',
    display: {},
  },
  {
    name: 'language2',
    step: 'person',
    kind: 'select',
    label: 'person.language2',
    errorName: 'person.language',
    codes: LANGUAGE,
    path: 'person.languages[]',
  },
  {
    name: 'interpreterNeeded',
    step: 'person',
    kind: 'radio',
    label: 'person.interpreterNeeded',
    choices: yesNo('dontKnow'),
    inline: true,
    path: 'person.interpreterNeeded',
    category: 'languages',
    display: {},
  },
  {
    name: 'residenceStatus',
    step: 'person',
    kind: 'select',
    label: 'person.residenceStatus',
    codes: coded(RESIDENCE),
    path: 'person.residenceStatus',
    category: 'residence-status',
    display: {},
  },

  {
    name: 'locationKind',
    step: 'where',
    kind: 'radio',
    label: 'where.location',
    required: true,
    choices: [
      {
        value: 'municipality',
        label: 'where.location.municipality',
        reveals: ['municipalityCode'],
      },
      { value: 'county', label: 'where.location.county', reveals: ['countyCode'] },
      { value: 'abroad', label: 'where.location.abroad', reveals: ['abroad'] },
      {
        value: 'unknown',
        label: 'where.location.unknown',
        reveals: ['noFixedAbode'],
        sends: { unknown: true },
      },
    ],
    path: 'location',
    category: 'location',
    display: { value: ({ location }, view) => locationText(location, view) },
  },
  {
    name: 'municipalityCode',
    step: 'where',
    kind: 'select',
    label: 'where.municipality',
    required: true,
    codes: MUNICIPALITY,
    path: 'location.municipalityCode',
  },
  {
    name: 'countyCode',
    step: 'where',
    kind: 'select',
    label: 'where.county',
    required: true,
    codes: COUNTY,
    path: 'location.countyCode',
  },
  {
    name: 'abroad',
    step: 'where',
    kind: 'select',
    label: 'where.country',
    required: true,
    codes: COUNTRY,
    path: 'location.abroad',
  },
  {
    name: 'noFixedAbode',
    step: 'where',
    kind: 'checkbox',
    label: 'where.location.unknown',
    box: 'where.noFixedAbode',
    path: 'location.noFixedAbode',
  },
  {
    name: 'exploitationLocationKind',
    step: 'where',
    kind: 'radio',
    label: 'where.exploitation',
    choices: [
      {
        value: 'municipality',
        label: 'where.exploitation.municipality',
        reveals: ['exploitationMunicipalityCode'],
      },
      { value: 'abroad', label: 'where.exploitation.abroad', reveals: ['exploitationAbroad'] },
      { value: 'unknown', label: 'where.exploitation.unknown', sends: { unknown: true } },
    ],
    path: 'exploitationLocation',
    category: 'location',
    display: {
      value: ({ exploitationLocation: at }, { t, lang }) =>
        !at
          ? undefined
          : 'municipalityCode' in at
            ? municipalityName(at.municipalityCode)
            : 'abroad' in at
              ? countryName(at.abroad, lang)
              : t('where.exploitation.unknown'),
    },
  },
  {
    name: 'exploitationMunicipalityCode',
    step: 'where',
    kind: 'select',
    label: 'where.exploitationMunicipality',
    errorName: 'where.municipality',
    required: true,
    codes: MUNICIPALITY,
    path: 'exploitationLocation.municipalityCode',
  },
  {
    name: 'exploitationAbroad',
    step: 'where',
    kind: 'select',
    label: 'where.exploitationCountry',
    errorName: 'where.country',
    required: true,
    codes: COUNTRY,
    path: 'exploitationLocation.abroad',
  },

  {
    name: 'purposes',
    step: 'exploitation',
    kind: 'codes',
    label: 'exploitation.purposes',
    required: true,
    codes: coded(PURPOSE),
    path: 'exploitation.purposes',
    category: 'exploitation',
    display: {},
  },
  {
    name: 'indicators',
    step: 'exploitation',
    kind: 'codes',
    label: 'exploitation.indicators',
    codes: coded(INDICATOR),
    path: 'exploitation.indicators',
    category: 'exploitation',
    display: {},
  },
  {
    name: 'indicatorsText',
    step: 'exploitation',
    kind: 'textarea',
    label: 'exploitation.indicatorsText',
    rows: 3,
    maxLength: 2000,
    path: 'exploitation.indicatorsText',
    category: 'exploitation',
    display: {},
  },
  {
    name: 'onlineArenas',
    step: 'exploitation',
    kind: 'text',
    label: 'exploitation.onlineArenas',
    hint: 'exploitation.onlineArenas.hint',
    path: 'exploitation.onlineArenas',
    category: 'exploitation',
    write: (answers) =>
      answers
        .text('onlineArenas')
        .split(',')
        .map((a) => a.trim())
        .filter(Boolean),
    display: {},
  },

  {
    name: 'acuteProtection',
    step: 'needs',
    kind: 'radio',
    label: 'needs.acuteProtection',
    hint: 'needs.acuteProtection.hint',
    required: true,
    choices: yesNo(),
    inline: true,
    path: 'needs.acuteProtection',
    category: 'needs',
    display: {},
  },
  {
    name: 'otherNeeds',
    step: 'needs',
    kind: 'codes',
    label: 'needs.other',
    choices: [
      { value: 'shelter', label: 'needs.shelter' },
      { value: 'medical', label: 'needs.medical' },
      { value: 'safetyThreat', label: 'needs.safetyThreat' },
    ],
    // Each need is a flag of its own in the request.
    path: 'needs',
    category: 'needs',
    write: (answers) => Object.fromEntries(answers.list('otherNeeds').map((need) => [need, true])),
    display: {
      value: ({ needs }, { t }) =>
        (['shelter', 'medical', 'safetyThreat'] as const)
          .filter((need) => needs?.[need])
          .map((need) => t(`needs.${need}`))
          .join(', '),
    },
  },
  {
    name: 'vulnerabilities',
    step: 'needs',
    kind: 'codes',
    label: 'needs.vulnerabilities',
    codes: coded(VULNERABILITY),
    path: 'needs.vulnerabilities',
    category: 'vulnerabilities',
    display: {},
  },
  {
    name: 'consent',
    step: 'needs',
    kind: 'radio',
    label: 'needs.consent',
    required: true,
    // Children have no consent gate (domain.md §6): it is not asked, and the API ignores the status sent for them.
    asked: (facts) => !facts.child,
    notAsked: 'needs.childConsent',
    notAskedSends: 'given',
    choices: [
      {
        value: 'given',
        label: 'needs.consent.given',
        reveals: ['contactByCoordinator', 'sharing'],
        sends: 'given',
      },
      {
        value: 'not-given',
        label: 'needs.consent.notGiven',
        hint: 'needs.consent.notGiven.hint',
        sends: 'not-given',
      },
    ],
    path: 'consent.status',
    display: {
      value: ({ consent }, { t, child }) =>
        child
          ? t('needs.childConsent')
          : consent?.status === 'given'
            ? t('needs.consent.given')
            : consent?.status === 'not-given'
              ? t('needs.consent.notGiven')
              : undefined,
    },
  },
  {
    name: 'contactByCoordinator',
    step: 'needs',
    kind: 'checkbox',
    label: 'needs.consent.given',
    box: 'needs.contactByCoordinator',
    path: 'consent.contactByCoordinator',
  },
  {
    name: 'sharing',
    step: 'needs',
    kind: 'codes',
    label: 'needs.sharing',
    hint: 'needs.sharing.hint',
    codes: CONSENT_SCOPE,
    // Each ticked box is one consent: sharing with that kind of organisation for that purpose.
    path: 'consent.sharing',
    write: (answers) =>
      answers.list('sharing').map((value) => {
        const [recipientType, purpose] = value.split(' ');
        return { recipientType, purpose };
      }),
    display: {
      value: ({ consent }, { lang, child }) =>
        child || consent?.status !== 'given'
          ? null
          : (consent.sharing ?? []).map((scope) => consentScopeLabel(scope, lang)).join(', '),
    },
  },
  {
    name: 'willingToCooperate',
    step: 'needs',
    kind: 'radio',
    label: 'needs.willingToCooperate',
    hint: 'needs.willingToCooperate.hint',
    choices: yesNo('notAsked'),
    inline: true,
    path: 'willingToCooperateWithPolice',
    category: 'police-cooperation',
    display: {},
  },

  {
    name: 'hasChildren',
    step: 'children',
    kind: 'radio',
    label: 'children.has',
    required: true,
    choices: [
      { value: 'yes', label: 'form.yes' },
      { value: 'no', label: 'form.no' },
    ],
    group: { fields: CHILD_FIELDS, prefix: 'child', legend: 'children.child' },
    path: 'accompanyingChildren',
    category: 'children',
    display: {
      // A case file says so when there are none; the review page shows the "no" as it was answered.
      value: ({ accompanyingChildren }, { t, case: file }) =>
        accompanyingChildren?.length
          ? t('review.children', { n: accompanyingChildren.length })
          : accompanyingChildren && file
            ? t('case.children.none')
            : undefined,
    },
  },

  {
    name: 'narrative',
    step: 'narrative',
    kind: 'textarea',
    label: 'narrative.label',
    hint: 'narrative.hint',
    rows: 12,
    maxLength: NARRATIVE_MAX,
    identifying: true,
    path: 'narrative',
    category: 'narrative',
    display: {
      value: ({ narrative = '' }, { brief }) =>
        brief && narrative.length > 300 ? `${narrative.slice(0, 300)}…` : narrative,
    },
  },
];

/** The group's field name of item `index` (`child.0.ageKind`). */
export const groupField = (prefix: string, index: number, name: string) => `${prefix}.${index}.${name}`;
