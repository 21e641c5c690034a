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

function at(referral: ReferralShape, path: string): unknown {
  return path
    .replace(/\[\]$/, '')
    .split('.')
    .reduce<unknown>((value, key) => (value as Record<string, unknown> | undefined)?.[key], referral);
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
  if (field.display.value) return field.display.value(referral, view);
  const value = at(referral, field.path);
  if (value === undefined || value === '') return undefined;
  return (Array.isArray(value) ? value : [value]).map((v) => named(field, v, view)).join(', ');
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
      return [
        {
          key: view.t(field.display?.label ?? field.label),
          value: value || (chosen ? view.t(chosen.label) : ''),
        },
      ];
    });
    return rows.length ? [{ step, title: STEP_TITLE[step], rows }] : [];
  });
}
