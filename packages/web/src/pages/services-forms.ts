// The forms of the referral page's clocks, permits and services sections as one table: for each, its fields (named
// per item, so a page with several clocks or permits has unique ids), what is checked before the API is asked, the
// API request it becomes, and where the API's refusal is shown. The page (services.tsx) and the web's handler read it.
import type { ProblemBody } from '../api';
import type { MessageKey, Translate } from '../i18n/messages';

export type Section = 'clocks' | 'permits' | 'services';

interface FieldRule {
  readonly name: string;
  /** What it is called in "choose …" and "fill in …". */
  readonly label: MessageKey;
  readonly check?: 'choose' | 'required' | 'date' | 'optional-date';
}

export interface SectionForm {
  /** The API path it posts to. */
  readonly api: string;
  /** The section the page returns to (its heading's id). */
  readonly section: Section;
  /** The `done` query value the page confirms with. */
  readonly done: keyof typeof SECTION_DONE;
  /** The form's field names are `${prefix}${field}`. */
  readonly prefix: string;
  readonly fields: readonly FieldRule[];
  /** The API request body from the form's values (by field, without the prefix): by default those filled in. */
  body(values: Readonly<Record<string, string>>): Record<string, string>;
  /** An extra rule across fields: what it refuses, at which field. */
  cross?(values: Readonly<Record<string, string>>): { field: string; key: MessageKey } | undefined;
}

/** What the success notice on the referral page says was done. */
export const SECTION_DONE = {
  pause: 'clocks.done.pause',
  resume: 'clocks.done.resume',
  'permit-apply': 'permits.done.apply',
  'permit-decision': 'permits.done.decision',
  'permit-extension': 'permits.done.extension',
  'permit-revocation': 'permits.done.revocation',
  'service-start': 'services.done.start',
  'service-end': 'services.done.end',
  'handoff-decision': 'handoffs.done',
} as const satisfies Record<string, MessageKey>;

/** The name of a field of an item's form: unique on the page. */
export const formField = (prefix: string, field: string) => `${prefix}${field}`;
/** The field names of an action's form on one item (`pause-<clock>-`, `decision-<permit>-`, `end-<handoff>-`). */
export const itemPrefix = (action: string, itemId: string) => `${action}-${itemId}-`;
export const APPLY_PREFIX = 'permit-';

const present = (values: Readonly<Record<string, string>>, names: readonly string[]) =>
  Object.fromEntries(names.filter((n) => values[n]).map((n) => [n, values[n] as string]));

/** An optional comment beside a choice (a pause's reason, a service's outcome). */
const COMMENT: FieldRule = { name: 'comment', label: 'action.comment' };
const DECIDED_ON: FieldRule = { name: 'decidedOn', label: 'permits.decidedOn', check: 'date' };

/** What differs between the forms; the API path, the section and the field names follow from where a form posts. */
type FormRule = Pick<SectionForm, 'done' | 'fields' | 'cross'> & Partial<Pick<SectionForm, 'body'>>;

const SERVICE_END: FormRule = {
  done: 'service-end',
  fields: [{ name: 'outcome', label: 'services.end.outcomeName', check: 'choose' }, COMMENT],
};

/** The forms on one item, by `<section>/<action>`: a clock's, a permit's or a service's. */
const ITEM_FORMS: Record<string, FormRule> = {
  'clocks/pause': {
    done: 'pause',
    fields: [{ name: 'reason', label: 'action.reason', check: 'choose' }, COMMENT],
    cross: (v) =>
      v.reason === 'other' && !v.comment
        ? { field: 'comment', key: 'clocks.pause.commentRequired' }
        : undefined,
  },
  'clocks/resume': { done: 'resume', fields: [] },
  'permits/decision': {
    done: 'permit-decision',
    fields: [
      { name: 'decision', label: 'permits.decisionName', check: 'choose' },
      DECIDED_ON,
      { name: 'validFrom', label: 'permits.validFrom', check: 'optional-date' },
      { name: 'validUntil', label: 'permits.validUntil', check: 'optional-date' },
    ],
    // A refusal has no validity: only a grant sends its dates.
    body: (v) =>
      present(
        v,
        v.decision === 'granted'
          ? ['decision', 'decidedOn', 'validFrom', 'validUntil']
          : ['decision', 'decidedOn'],
      ),
  },
  'permits/extension': {
    done: 'permit-extension',
    fields: [DECIDED_ON, { name: 'validUntil', label: 'permits.newValidUntil', check: 'date' }],
  },
  'permits/revocation': { done: 'permit-revocation', fields: [DECIDED_ON] },
  'services/start': { done: 'service-start', fields: [] },
  'services/end': SERVICE_END,
};

const APPLICATION: FormRule = {
  done: 'permit-apply',
  fields: [
    { name: 'kind', label: 'permits.kind', check: 'choose' },
    { name: 'appliedBy', label: 'permits.applicantName', check: 'choose' },
    { name: 'appliedOn', label: 'permits.appliedOn', check: 'date' },
  ],
};

/** A form whose request, unless its rule says otherwise, is the fields that were filled in. */
const sent = (rule: FormRule, at: Pick<SectionForm, 'api' | 'section' | 'prefix'>): SectionForm => ({
  body: (v) =>
    present(
      v,
      rule.fields.map((f) => f.name),
    ),
  ...rule,
  ...at,
});

function itemForm(referral: string, section: Section, item: string, action: string, rule: FormRule) {
  const at = encodeURIComponent(item);
  // A service is a hand-off: its start and end are the hand-off's, on whichever page the form is.
  const api =
    section === 'services' ? `/v1/handoffs/${at}/${action}` : `${referral}/${section}/${at}/${action}`;
  return sent(rule, { api, section, prefix: itemPrefix(action, item) });
}

/** Social services' decision on opening an investigation after a report of concern they accepted (SoL 11:1a). */
export const handoffDecision = (handoffId: string): SectionForm =>
  itemForm('', 'services', handoffId, 'decision', {
    done: 'handoff-decision',
    fields: [{ name: 'decision', label: 'handoff.decision.name', check: 'choose' }],
  });

/** The end of a service: the same form on the coordinator's page and the receiving organisation's. */
export const serviceEnd = (handoffId: string): SectionForm =>
  itemForm('', 'services', handoffId, 'end', SERVICE_END);

/** The form a post to `/referrals/:id/<section>[/<item>/<action>]` sends, or undefined for no such form. */
export function sectionForm(
  referralId: string,
  section: string,
  item: string | undefined,
  action: string | undefined,
): SectionForm | undefined {
  const referral = `/v1/referrals/${encodeURIComponent(referralId)}`;
  if (section === 'permits' && item === undefined)
    return sent(APPLICATION, { api: `${referral}/permits`, section, prefix: APPLY_PREFIX });
  const rule = ITEM_FORMS[`${section}/${action ?? ''}`];
  return item && action && rule ? itemForm(referral, section as Section, item, action, rule) : undefined;
}

export interface SectionError {
  readonly field: string;
  readonly text: string;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** The form's values by field (without the prefix), trimmed. */
export function formValues(form: SectionForm, read: (name: string) => string): Record<string, string> {
  return Object.fromEntries(form.fields.map((f) => [f.name, read(formField(form.prefix, f.name))]));
}

/** The values again by the form's own field names, for the form shown again with its errors. */
export function typedValues(
  form: SectionForm,
  values: Readonly<Record<string, string>>,
): Record<string, string> {
  return Object.fromEntries(Object.entries(values).map(([k, v]) => [formField(form.prefix, k), v]));
}

/** What is wrong before the API is asked: a choice not made, a date not written as one. */
export function checkForm(
  form: SectionForm,
  values: Readonly<Record<string, string>>,
  t: Translate,
): SectionError[] {
  const errors: SectionError[] = [];
  for (const f of form.fields) {
    const value = values[f.name] ?? '';
    const field = formField(form.prefix, f.name);
    const what = t(f.label).toLowerCase();
    if (f.check === 'choose' && !value) errors.push({ field, text: t('errors.choose', { field: what }) });
    if (f.check === 'required' && !value) errors.push({ field, text: t('errors.required', { field: what }) });
    if ((f.check === 'date' || (f.check === 'optional-date' && value)) && !DATE.test(value))
      errors.push({ field, text: t('errors.date') });
  }
  const cross = form.cross?.(values);
  if (cross && errors.length === 0)
    errors.push({ field: formField(form.prefix, cross.field), text: t(cross.key) });
  return errors;
}

/**
 * The API's 400 or 422 at the fields it names (a 422's detail says what the law allows, e.g. an exit-plan permit's
 * 2 years); a path that is no field of the form is shown at its first field.
 */
export function refusalErrors(form: SectionForm, problem: ProblemBody, t: Translate): SectionError[] {
  const fallback = formField(form.prefix, form.fields[0]?.name ?? '');
  const at = (path: string) => {
    const name = path.split('.')[0] ?? '';
    return form.fields.some((f) => f.name === name) ? formField(form.prefix, name) : fallback;
  };
  if (problem.status === 422 && problem.detail) {
    return [
      { field: at(problem.errors?.[0]?.path ?? ''), text: t('errors.api', { message: problem.detail }) },
    ];
  }
  const errors = problem.errors ?? [{ path: '', message: problem.detail ?? problem.title ?? '' }];
  return errors.map((e) => ({
    field: at(e.path),
    text: t('errors.api', { message: `${e.path}: ${e.message}` }),
  }));
}
