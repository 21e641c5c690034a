// The case page's correction and age-assessment forms as the API's CorrectionRequest: what each form field sends,
// what is checked before sending (the API checks again), and where the API's error paths land in the forms.
import type { CorrectionRequest } from '@nrm/schemas';
import type { z } from 'zod';
import { dateError, yearsError } from './fields';
import type { FieldError } from './model';

type Body = z.input<typeof CorrectionRequest>;
/** A posted form's trimmed value by name. */
export type FormValue = (name: string) => string;

/** Each form field and the request path it fills; an API error at or under the path belongs to the field. */
// The forms share the case page with the other actions: their fields are named under a prefix of their own.
export const CORRECTION_PATHS: Readonly<Record<string, string>> = {
  'correct.name': 'person.name',
  'correct.alias': 'person.alias',
  'correct.dateOfBirth': 'person.age.dateOfBirth',
  'correct.estimatedYears': 'person.age',
  'correct.language1': 'person.languages',
  'correct.interpreterNeeded': 'person.interpreterNeeded',
  'correct.municipalityCode': 'location',
  'correct.reason': 'reason',
  'correct.comment': 'comment',
};
export const ASSESSMENT_PATHS: Readonly<Record<string, string>> = {
  'assess.method': 'ageAssessment.method',
  'assess.dateOfBirth': 'ageAssessment.result',
  'assess.date': 'ageAssessment.date',
  'assess.assessedBy': 'ageAssessment.assessedBy',
  'assess.comment': 'comment',
};

/** The form field an API error path belongs to: the field with the deepest path that contains it. */
export function formFieldOf(paths: Readonly<Record<string, string>>, path: string): string {
  const within = (p: string) => path === p || path.startsWith(`${p}.`);
  const [first] = Object.keys(paths);
  return (
    Object.entries(paths)
      .filter(([, p]) => within(p))
      .sort((a, b) => b[1].length - a[1].length)[0]?.[0] ?? first!
  );
}

type Built = { readonly body: Body; readonly errors?: never } | { readonly errors: FieldError[] };

/**
 * An age typed as a date of birth or as years (not both) in the form's `<form>.dateOfBirth` and
 * `<form>.estimatedYears`; the date must be a date of the past on `today`.
 */
function ageOf(f: FormValue, form: 'correct' | 'assess', today: string, errors: FieldError[]) {
  const fields = { dob: `${form}.dateOfBirth`, years: `${form}.estimatedYears` };
  const dob = f(fields.dob);
  const years = f(fields.years);
  if (dob && years) errors.push({ field: fields.dob, key: 'correct.bothAges' });
  else if (dob) {
    const key = dateError(dob, today);
    if (key) errors.push({ field: fields.dob, key });
    else return { dateOfBirth: dob };
  } else if (years) {
    const key = yearsError(years);
    if (key) errors.push({ field: fields.years, key });
    else return { estimatedYears: Number(years) };
  }
  return undefined;
}

const comment = (text: string) => (text ? { comment: text } : {});

/** The correction form: only what was filled in is sent, so what is left empty stays as it is. */
export function correctionRequest(f: FormValue, today: string): Built {
  const errors: FieldError[] = [];
  const age = ageOf(f, 'correct', today, errors);
  const languages = [...new Set([f('correct.language1'), f('correct.language2')].filter(Boolean))];
  const interpreter = f('correct.interpreterNeeded');
  const person = {
    ...(f('correct.name') ? { name: f('correct.name') } : {}),
    ...(f('correct.alias') ? { alias: f('correct.alias') } : {}),
    ...(age ? { age } : {}),
    ...(languages.length ? { languages } : {}),
    // "Don't know" clears what the case said.
    ...(interpreter ? { interpreterNeeded: interpreter === 'unknown' ? null : interpreter === 'yes' } : {}),
  };
  const municipalityCode = f('correct.municipalityCode');
  const reason = f('correct.reason');
  const changed = Object.keys(person).length > 0 || municipalityCode !== '';
  if (!changed && errors.length === 0) errors.push({ field: 'correct.name', key: 'correct.nothing' });
  if (!reason)
    errors.push({ field: 'correct.reason', key: 'errors.choose', values: { field: 'action.reason' } });
  if (errors.length) return { errors };
  return {
    body: {
      reason: reason as Body['reason'],
      ...comment(f('correct.comment')),
      ...(Object.keys(person).length ? { person } : {}),
      ...(municipalityCode ? { location: { municipalityCode } } : {}),
    },
  };
}

/** The age-assessment form: the result becomes the person's age, recorded with how, when and by whom. */
export function assessmentRequest(f: FormValue, today: string): Built {
  const errors: FieldError[] = [];
  if (!f('assess.method'))
    errors.push({ field: 'assess.method', key: 'errors.choose', values: { field: 'assess.method' } });
  const result = ageOf(f, 'assess', today, errors);
  if (!result && !errors.some((e) => e.field === 'assess.dateOfBirth' || e.field === 'assess.estimatedYears'))
    errors.push({ field: 'assess.dateOfBirth', key: 'errors.required', values: { field: 'assess.result' } });
  const date = f('assess.date');
  const dateKey = dateError(date, today);
  if (dateKey) errors.push({ field: 'assess.date', key: dateKey });
  if (!f('assess.assessedBy'))
    errors.push({ field: 'assess.assessedBy', key: 'errors.required', values: { field: 'assess.by' } });
  if (errors.length || !result) return { errors };
  return {
    body: {
      reason: 'age-assessment',
      ...comment(f('assess.comment')),
      ageAssessment: {
        method: f('assess.method') as NonNullable<Body['ageAssessment']>['method'],
        result,
        date,
        assessedBy: f('assess.assessedBy'),
      },
    },
  };
}
