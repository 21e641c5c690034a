// A referral shown as rows, one section a step, from the field table: the review page shows the request it is about
// to send, and a case page can show a referral the same way.

import type { MessageKey } from '../i18n/messages';
import {
  type Answers,
  type DisplayView,
  FIELDS,
  type Field,
  type FormStep,
  type ReferralShape,
  STEP_TITLE,
  STEPS,
  valueAt,
} from './fields';

export interface DisplayRow {
  readonly key: string;
  /** Empty when not stated. */
  readonly value: string;
}

export interface DisplaySection {
  readonly step: FormStep;
  readonly title: MessageKey;
  readonly rows: readonly DisplayRow[];
}

/** One value named as the field's choices or code list name it. */
function named(field: Field, value: unknown, view: DisplayView): string {
  if (typeof value === 'boolean' || typeof value === 'string') {
    const choice = field.choices?.find((c) => c.sends === value || c.value === value);
    if (choice) return view.t(choice.label);
  }
  if (typeof value === 'string' && field.codes)
    return field.codes.options(view.lang).find((o) => o.value === value)?.label ?? value;
  if (typeof value === 'boolean') return view.t(value ? 'form.yes' : 'form.no');
  return String(value);
}

/** A field's row text, or null when it has no row in this case. */
export function displayValue(
  field: Field,
  referral: ReferralShape,
  view: DisplayView,
): string | null | undefined {
  if (!field.display || (field.identifying && view.anonymous)) return null;
  const disclosure = view.case && (field.category ? view.case.disclosure[field.category] : 'hidden');
  if (disclosure === 'hidden') return null;
  // A summary shows only what it carries: a part it leaves out is not "not stated".
  const missing = disclosure === 'summary' ? null : undefined;
  if (field.display.value) {
    const text = field.display.value(referral, view);
    return text === null ? null : text || missing;
  }
  const value = valueAt(referral, field.path);
  if (value === undefined || value === '') return missing;
  return (Array.isArray(value) ? value : [value]).map((v) => named(field, v, view)).join(', ');
}

/** The rows of each item of a group field (each accompanying child), from the group's own fields. */
export function groupRows(field: Field, referral: ReferralShape, view: DisplayView): DisplayRow[][] {
  if (!field.group || displayValue(field, referral, view) === null) return [];
  const items = (valueAt(referral, field.path) ?? []) as ReferralShape[];
  // A child's rows are the child's own: the person's age group is not the child's.
  const { ageGroup: _, ...own } = view.case ?? {};
  const itemView: DisplayView = view.case ? { ...view, case: own as typeof view.case } : view;
  return items.map((item) =>
    field.group!.fields.flatMap((f) => {
      const value = displayValue(f, item, itemView);
      return value ? [{ key: view.t(f.display?.label ?? f.label), value }] : [];
    }),
  );
}

/**
 * The referral's sections and rows. `answers` (the review page) names what the request leaves out: an answer such
 * as "don't know" or "no children" is shown as it was chosen.
 */
export function displaySections(
  referral: ReferralShape,
  view: DisplayView,
  answers?: Answers,
): DisplaySection[] {
  return STEPS.flatMap((step) => {
    if (step === 'review') return [];
    const rows = FIELDS.filter((f) => f.step === step).flatMap((field) => {
      const value = displayValue(field, referral, view);
      if (value === null) return [];
      // Only an answer complete in itself: a choice whose revealed answer is missing is not stated.
      const chosen = field.choices?.find((c) => c.value === answers?.text(field.name) && !c.reveals);
      // Each item of a group (an accompanying child) is a row of its own after the group's.
      const items = groupRows(field, referral, view).map((rows, i) => ({
        key: view.t(field.group!.legend, { n: i + 1 }),
        value: rows.map((row) => `${row.key}: ${row.value}`).join('; '),
      }));
      return [
        {
          key: view.t(field.display?.label ?? field.label),
          value: value || (chosen ? view.t(chosen.label) : ''),
        },
        ...items.filter((item) => item.value),
      ];
    });
    return rows.length ? [{ step, title: STEP_TITLE[step], rows }] : [];
  });
}
