// The referral form's rules, generated from its field table (fields.ts): what a step takes from a posted form, what
// it requires, how the answers become a referral v1 request, and where the API's error paths belong. Values are kept
// as typed (strings), so a draft can hold an answer the API would refuse and the user can correct it.
import { isAnonymousNotification, type Submission, trackFor } from '@nrm/domain';
import { swedishDate } from '@nrm/runtime';
import type { ReferralRequest } from '@nrm/schemas';
import type { DraftValues } from '../drafts-store';
import type { MessageKey } from '../i18n/messages';
import {
  type Answers,
  answeredAge,
  dateError,
  type Facts,
  FIELDS,
  type Field,
  type FormStep,
  groupField,
  MAX_CHILDREN,
  NARRATIVE_MAX,
  STEPS,
  type Step,
  yearsError,
} from './fields';

export { MAX_CHILDREN, NARRATIVE_MAX, STEPS, type Step } from './fields';
export const isStep = (value: string): value is Step => (STEPS as readonly string[]).includes(value);

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

export function answersOf(values: DraftValues, prefix = ''): Answers {
  return { text: (name) => str(values, prefix + name), list: (name) => list(values, prefix + name) };
}

const CHILDREN = FIELDS.find((f) => f.group)!;
const CHILD = CHILDREN.group!;

export const childField = (index: number, name: string) => groupField(CHILD.prefix, index, name);

export function childCount(values: DraftValues): number {
  if (str(values, CHILDREN.name) !== 'yes') return 0;
  return Math.min(MAX_CHILDREN, Math.max(1, Number(str(values, 'childCount')) || 1));
}

/** Which choice of which field reveals each field, by name (separately for the group's fields). */
function parentsOf(fields: readonly Field[]): Map<string, { parent: Field; value: string }> {
  return new Map(
    fields.flatMap((parent) =>
      (parent.choices ?? []).flatMap((c) =>
        (c.reveals ?? []).map((name) => [name, { parent, value: c.value }]),
      ),
    ),
  );
}
const PARENTS = parentsOf(FIELDS);
const CHILD_PARENTS = parentsOf(CHILD.fields);

/** Whether a field is asked: its case asks it, and the choice that reveals it is chosen. */
function isAsked(field: Field, answers: Answers, facts: Facts, parents = PARENTS): boolean {
  if (field.asked && !field.asked(facts)) return false;
  const up = parents.get(field.name);
  return !up || (answers.text(up.parent.name) === up.value && isAsked(up.parent, answers, facts, parents));
}

export const stepFields = (step: FormStep): readonly Field[] => FIELDS.filter((f) => f.step === step);

/** The questions asked outright, in order: the fields no choice reveals. */
export const questions = (fields: readonly Field[]): readonly Field[] =>
  fields.filter((f) => !fields.some((p) => p.choices?.some((c) => c.reveals?.includes(f.name))));

/** Whether the answers make this a child case, and an anonymous notification, by the domain's rules. */
export function factsOf(values: DraftValues, now: Date): Facts {
  const today = swedishDate(now);
  const age = answeredAge(answersOf(values));
  const child = age !== undefined && trackFor(age, today) === 'child';
  const asAnswered = write(values, { today, child, anonymous: false });
  // Until consent is answered (a later step), nothing makes the referral anonymous.
  const anonymous =
    age !== undefined &&
    asAnswered.consent !== undefined &&
    isAnonymousNotification(asAnswered as unknown as Submission, today);
  return { today, child, anonymous };
}

/** Whether the answers make this a child case: under 18, or possibly a minor (presumption of minority). */
export const isChildCase = (values: DraftValues, now: Date) => factsOf(values, now).child;
/** An adult who has not consented: an anonymous notification, which sends nothing that identifies the person. */
export const isAnonymous = (values: DraftValues, now: Date) => factsOf(values, now).anonymous;

/** Takes a step's fields from a posted form; fields of other steps are left as they are in the draft. */
export function mergeStep(
  draft: DraftValues,
  step: Step,
  form: Record<string, string | string[]>,
): DraftValues {
  const next: DraftValues = { ...draft };
  if (step === 'review') return next;
  const take = (name: string, kind: Field['kind']) => {
    const value = form[name];
    next[name] =
      kind === 'codes'
        ? (Array.isArray(value) ? value : value ? [value] : []).map(String)
        : ((Array.isArray(value) ? value[0] : value)?.slice(0, NARRATIVE_MAX + 1) ?? '');
  };
  for (const field of stepFields(step)) {
    take(field.name, field.kind);
    if (!field.group) continue;
    for (const key of Object.keys(next)) if (key.startsWith(`${field.group.prefix}.`)) delete next[key];
    next.childCount = typeof form.childCount === 'string' ? form.childCount : '1';
    for (let i = 0; i < MAX_CHILDREN; i++)
      for (const child of field.group.fields) {
        const name = groupField(field.group.prefix, i, child.name);
        if (typeof form[name] === 'string') take(name, child.kind);
      }
  }
  return next;
}

/** What a short answer without a limit of its own may hold; a code is a few characters. */
const FIELD_MAX = 500;
const CODE_MAX = 64;
const CODES_MAX = 300;
const OWN_FIELDS = new Map(FIELDS.flatMap((f) => [f, ...(f.group?.fields ?? [])]).map((f) => [f.name, f]));

/**
 * The values longer than their field may hold, checked on every save (not only when the step is done): a draft is
 * stored, and what nobody could type is not kept. A group field (`child.0.name`) is limited as its own field is.
 */
export function tooLong(values: DraftValues): FieldError[] {
  return Object.entries(values).flatMap(([name, value]): FieldError[] => {
    const field = OWN_FIELDS.get(name.split('.').at(-1) ?? name);
    const max = field?.maxLength ?? FIELD_MAX;
    if (typeof value === 'string')
      return value.length > max ? [{ field: name, key: 'errors.tooLong', values: { max } }] : [];
    return value.length > CODES_MAX || value.some((code) => code.length > CODE_MAX)
      ? [{ field: name, key: 'errors.tooLong', values: { max: CODE_MAX } }]
      : [];
  });
}

function fieldErrors(field: Field, name: string, answers: Answers, now: Date, today: string): FieldError[] {
  const value = answers.text(field.name);
  const empty = field.kind === 'codes' ? answers.list(field.name).length === 0 : !value;
  const choose: FieldError = {
    field: name,
    key: 'errors.choose',
    values: { field: field.errorName ?? field.label },
  };
  const key =
    field.kind === 'date'
      ? dateError(value, today)
      : field.kind === 'years'
        ? yearsError(value)
        : empty
          ? undefined
          : field.check?.(value, now);
  if (key) return [{ field: name, key }];
  if (empty) return field.required ? [choose] : [];
  if (field.codes && field.kind === 'select' && !field.codes.valid(value)) return [choose];
  if (field.maxLength && value.length > field.maxLength)
    return [{ field: name, key: 'errors.tooLong', values: { max: field.maxLength } }];
  return [];
}

/** What the step needs before the user may go on; the API checks the whole referral again on submission. */
export function validateStep(step: Step, values: DraftValues, now: Date): FieldError[] {
  if (step === 'review') return [];
  const facts = factsOf(values, now);
  const answers = answersOf(values);
  return stepFields(step).flatMap((field) => {
    if (!isAsked(field, answers, facts)) return [];
    const own = fieldErrors(field, field.name, answers, now, facts.today);
    if (!field.group) return own;
    const { prefix, fields } = field.group;
    return own.concat(
      Array.from({ length: childCount(values) }, (_, i) => {
        const item = answersOf(values, `${prefix}.${i}.`);
        return fields.flatMap((f) =>
          isAsked(f, item, facts, CHILD_PARENTS)
            ? fieldErrors(f, groupField(prefix, i, f.name), item, now, facts.today)
            : [],
        );
      }).flat(),
    );
  });
}

/** Sets `value` at a dot path, merging into an object already there; `[]` appends to a list once. */
function put(target: Record<string, unknown>, path: string, value: unknown): void {
  const append = path.endsWith('[]');
  const keys = (append ? path.slice(0, -2) : path).split('.');
  const last = keys.pop()!;
  let at = target;
  for (const key of keys) {
    at[key] ??= {};
    at = at[key] as Record<string, unknown>;
  }
  const old = at[last];
  if (append) {
    const items = (old ?? []) as unknown[];
    at[last] = items.includes(value) ? items : [...items, value];
  } else if (old && typeof old === 'object' && value && typeof value === 'object' && !Array.isArray(value))
    at[last] = { ...old, ...value };
  else at[last] = value;
}

const isEmpty = (value: unknown) =>
  value === undefined ||
  value === '' ||
  (Array.isArray(value) && value.length === 0) ||
  (value?.constructor === Object && Object.keys(value).length === 0);

/** What one field sends: its own writer, its chosen choice, or its answer as it is. */
function sentValue(field: Field, answers: Answers, facts: Facts): unknown {
  if (field.write) return field.write(answers, facts);
  if (field.kind === 'codes') return answers.list(field.name);
  const value = answers.text(field.name);
  if (field.choices) return field.choices.find((c) => c.value === value)?.sends;
  if (field.kind === 'checkbox') return value === 'yes' ? true : undefined;
  if (field.kind === 'years') return value ? Number(value) : undefined;
  return value;
}

function writeFields(
  fields: readonly Field[],
  values: DraftValues,
  answers: Answers,
  facts: Facts,
  parents: typeof PARENTS,
  target: Record<string, unknown>,
): Record<string, unknown> {
  for (const field of fields) {
    if (field.write === false) continue;
    if (!isAsked(field, answers, facts, parents)) {
      if (field.notAskedSends !== undefined) put(target, field.path, field.notAskedSends);
      continue;
    }
    if (field.identifying && facts.anonymous) continue;
    if (field.group) {
      const { prefix, fields: items } = field.group;
      const written = Array.from({ length: childCount(values) }, (_, i) =>
        writeFields(items, values, answersOf(values, `${prefix}.${i}.`), facts, CHILD_PARENTS, {}),
      );
      if (written.length) put(target, field.path, written);
      continue;
    }
    const value = sentValue(field, answers, facts);
    if (!isEmpty(value)) put(target, field.path, value);
  }
  return target;
}

function write(values: DraftValues, facts: Facts): Record<string, unknown> {
  return writeFields(FIELDS, values, answersOf(values), facts, PARENTS, {});
}

/** The answers as a referral v1 request. Empty answers are left out; the API names whatever is still wrong. */
export function buildRequest(values: DraftValues, now: Date): ReferralRequest {
  return write(values, factsOf(values, now)) as unknown as ReferralRequest;
}

/** The request paths where a field's errors land: a list's n-th writer owns item n (the first also the list). */
function pathsOf(fields: readonly Field[]): { field: Field; path: string }[] {
  const ordinal = new Map<string, number>();
  return fields.flatMap((field) => {
    if (!field.path.endsWith('[]')) return [{ field, path: field.path }];
    const base = field.path.slice(0, -2);
    const n = ordinal.get(base) ?? 0;
    ordinal.set(base, n + 1);
    return n === 0
      ? [
          { field, path: `${base}.0` },
          { field, path: base },
        ]
      : [{ field, path: `${base}.${n}` }];
  });
}
const PATHS = pathsOf(FIELDS);
const CHILD_PATHS = pathsOf(CHILD.fields);

const within = (path: string, prefix: string) => path === prefix || path.startsWith(`${prefix}.`);
const deepest = (paths: typeof PATHS, path: string) =>
  paths.filter((p) => within(path, p.path)).sort((a, b) => b.path.length - a.path.length)[0]?.field;

/** Where an API error path (`person.age.dateOfBirth`) belongs in the form. */
export function fieldOfPath(path: string): { step: Step; field: string } {
  const field =
    deepest(PATHS, path) ??
    // A path the form does not ask for lands on the first required question of its part of the request.
    FIELDS.find((f) => f.required && f.path.split('.')[0] === path.split('.')[0]);
  if (!field) return { step: 'review', field: 'submit' };
  if (field.group) {
    const [, index, ...rest] = path.slice(field.path.length).split('.');
    if (index !== undefined && Number.isInteger(Number(index))) {
      const item = deepest(CHILD_PATHS, rest.join('.')) ?? field.group.fields[0]!;
      return { step: field.step, field: groupField(field.group.prefix, Number(index), item.name) };
    }
  }
  return { step: field.step, field: field.name };
}

export { list as listValue, str as stringValue };
