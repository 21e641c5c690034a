// Small-cell suppression (domain.md §7): a published figure below 3 could identify a person, so it is not shown.

export const SUPPRESSION_THRESHOLD = 3;

/** A count as published: the number, or null where it is 1 or 2 (0 says nothing about anyone and stays). */
export function suppressCount(count: number): number | null {
  return count > 0 && count < SUPPRESSION_THRESHOLD ? null : count;
}

/** Whether a figure computed from `n` persons or referrals may be shown (a median of two reveals both). */
export function mayPublish(n: number): boolean {
  return n === 0 || n >= SUPPRESSION_THRESHOLD;
}
