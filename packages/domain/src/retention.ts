// How long personal data is kept (domain.md §8: deleted after a configurable period after closure; aggregates kept).
// Each record type carries the legal basis the period rests on, so the README and an auditor can read one table.

export interface RetentionRule {
  readonly record: string;
  readonly keep: string;
  readonly basis: string;
}

/** Days after closure before a referral's personal data is erased, unless configured otherwise. */
export const DEFAULT_PERSONAL_DATA_RETENTION_DAYS = 3 * 365;

export const RETENTION_RULES: readonly RetentionRule[] = [
  {
    record:
      'Personal data of a referral (name, date of birth, identity number, narrative, notes, supplements)',
    keep: `${DEFAULT_PERSONAL_DATA_RETENTION_DAYS} days after closure (NRM_RETENTION_PERSONAL_DATA_DAYS); a reopened referral keeps it`,
    basis:
      'GDPR art. 5(1)(e) storage limitation and art. 9(2)(g)/(h); long enough for relapse and reopening (SOU 2023:97, L13194–13201) and for the reflection period and permits to run their course',
  },
  {
    record: 'Events, state, hand-offs and clocks of a referral (no identifying data)',
    keep: 'as long as the referral exists; they carry no identifying data, so statistics stay reproducible',
    basis: 'GDPR art. 89 (statistics); domain.md §7',
  },
  {
    record: 'Statistics aggregates',
    keep: 'indefinitely (counts only, cells below 3 suppressed when published)',
    basis: 'Directive 2024/1712 data collection; GDPR art. 89',
  },
  {
    record: 'Audit trail',
    keep: 'indefinitely in the audit table (who, role, organisation, action, referral id, time — no personal data of the victim)',
    basis: 'GDPR art. 5(2) accountability; Swedish secrecy law logging of access',
  },
  {
    record: 'Web form drafts',
    keep: '7 days after the last save (TTL), encrypted',
    basis: 'storage limitation: a draft never submitted is not a referral',
  },
  {
    record: 'Idempotency records',
    keep: '24 hours (TTL)',
    basis: 'technical: the retry window of the API contract',
  },
];

/** The latest closure time whose personal data is due for erasure at `now`. */
export function erasureCutoff(now: Date, retentionDays: number): Date {
  return new Date(now.getTime() - retentionDays * 24 * 60 * 60 * 1000);
}
