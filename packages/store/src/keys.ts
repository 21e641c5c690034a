// Key design of the referrals table. Generic key attributes (pk/sk, index keys) with values that say what they hold.
import type { QueueId } from '@nrm/domain';

export const keys = {
  referral: (id: string) => `REFERRAL#${id}`,
  state: 'STATE',
  personal: 'PERSONAL',
  event: (seq: number) => `EVENT#${String(seq).padStart(8, '0')}`,
  eventPrefix: 'EVENT#',
  queue: (queue: QueueId) => `QUEUE#${queue}`,
  referrer: (organisationId: string) => `ORG#${organisationId}`,
  idempotency: (organisationId: string, key: string) => `IDEMPOTENCY#${organisationId}#${key}`,
  counter: (name: string) => `COUNTER#${name}`,
  timer: (clockId: string) => `TIMER#${clockId}`,
  timerPrefix: 'TIMER#',
  dueShard: (shard: number) => `DUE#${shard}`,
  note: (noteId: string) => `NOTE#${noteId}`,
  handoff: (handoffId: string) => `HANDOFF#${handoffId}`,
  recipient: (organisationId: string) => `RECIPIENT#${organisationId}`,
  processed: (consumer: string, eventId: string) => `PROCESSED#${consumer}#${eventId}`,
  erasure: 'ERASURE',
  assignee: (sub: string) => `ASSIGNEE#${sub}`,
  reference: (reference: string) => `REF#${reference}`,
  /** The coordinators known to work an office: each recorded when they first take a referral or open their cases. */
  roster: (office: string) => `ROSTER#${office}`,
  /** Referrals submitted in one clock hour by an organisation or a person (`org:<id>` / `person:<sub>`). */
  quota: (who: string, hour: string) => `QUOTA#${who}#${hour}`,
  quotaWindow: 'WINDOW',
  /** An organisation's webhook endpoints (issue 17): `WEBHOOKS#<org>` / `ENDPOINT#<id>`. */
  webhooks: (organisationId: string) => `WEBHOOKS#${organisationId}`,
  webhookEndpoint: (endpointId: string) => `ENDPOINT#${endpointId}`,
  /** An endpoint's delivery log: `WEBHOOK#<endpoint>` / `DELIVERY#<message id>` (message ids begin with a ULID). */
  webhookDeliveries: (endpointId: string) => `WEBHOOK#${endpointId}`,
  webhookDelivery: (messageId: string) => `DELIVERY#${messageId}`,
  /**
   * An organisation's event feed, in the order its items were recorded: `FEED#<org>` / `ITEM#<recorded>#<message id>`,
   * and `MESSAGE#<message id>` beside each, so a message is recorded once.
   */
  feed: (organisationId: string) => `FEED#${organisationId}`,
  feedItem: (recordedAt: string, messageId: string) => `ITEM#${recordedAt}#${messageId}`,
  feedMessage: (messageId: string) => `MESSAGE#${messageId}`,
} as const;

export function isEventKey(sk: string): boolean {
  return sk.startsWith(keys.eventPrefix);
}

/**
 * Key design of the statistics table (statistics.ts), the one place its prefixes are spelled. `<period>` is `Y#2026`,
 * `Q#2026-Q1`, `M#2026-03`, or `D#2026-03` (a month of days, whose sort keys start with the day).
 */
export const statisticsKeys = {
  year: (year: string) => `Y#${year}`,
  quarter: (quarter: string) => `Q#${quarter}`,
  month: (month: string) => `M#${month}`,
  daysOfMonth: (month: string) => `D#${month}`,
  /** Hand-off-time histograms per step × region × track × receiving type × referring type. */
  durations: (period: string) => `DUR#${period}`,
  /** The same histograms rolled up to step × region × track: what the dashboard's year view reads. */
  durationRollup: (period: string) => `DURR#${period}`,
  /** Referral counts by attribute per region × track × referring type × channel. */
  counts: (period: string) => `CNT#${period}`,
  sla: (period: string) => `SLA#${period}`,
  /** Unique persons and referrals of a period (sort key `totals`). */
  persons: (period: string) => `PERSONS#${period}`,
  totals: 'ALL',
  /** A person key seen: sort key the period, or the referral (`personReferral`). */
  person: (personKey: string) => `PERSON#${personKey}`,
  personReferral: (referralId: string) => `REFERRAL#${referralId}`,
  personReferralPrefix: 'REFERRAL#',
  /** Joint cells (cells.ts) of referrals (`R`) or persons (`P`); the sort key is the cell. */
  cells: (unit: 'R' | 'P', period: string) => `CELL#${unit}#${period}`,
  /** Which referrals a person (or a referral counting as its own person) had in a period, and their cells. */
  member: (personId: string) => `MEMBER#${personId}`,
  /** Tally tables (outcome, handoff, child, permit); the sort key is the tally's coded values. */
  tally: (family: string, period: string) => `TALLY#${family}#${period}`,
  live: 'LIVE',
  processedSk: 'PROCESSED',
} as const;
