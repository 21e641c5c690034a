// The key model of each table (tables.ts), in ElectroDB's shape without ElectroDB: every kind of key is declared once,
// as a label and the attributes it is composed of, and everything else — the store's reads and writes, prefix queries,
// infra's IAM leading-key conditions — is derived from that declaration. The one place a key prefix is spelled
// (`keys-and-tables.test.ts` fails on a prefix literal anywhere else in the source tree).
import type { TableName } from './tables';

/** One kind of key: `label#attribute#attribute`, built from its attributes in their declared order. */
export interface KeyKind<A extends readonly unknown[]> {
  (...values: A): string;
  /** What every key of this kind begins with: `DRAFT#`. */
  readonly prefix: string;
  /** The attributes it is composed of, in order. */
  readonly attributes: readonly string[];
  /** The IAM `dynamodb:LeadingKeys` pattern that matches every key of this kind (and no other): `DRAFT#*`. */
  readonly leadingKeys: string;
  /** Whether a key is of this kind. */
  is(key: string): boolean;
  /** What follows the prefix in a key of this kind (its attributes, joined). */
  rest(key: string): string;
}

type Strings<N extends readonly string[]> = { [K in keyof N]: string };

/** A key kind of string attributes. */
export function keyKind<const N extends readonly string[]>(label: string, attributes: N): KeyKind<Strings<N>>;
/** A key kind of one number, zero-padded to `width` digits (0: as it is) so that keys sort as their numbers do. */
export function keyKind<const N extends readonly [string]>(
  label: string,
  attributes: N,
  width: number,
): KeyKind<[number]>;
// Pure (no side effects): a bundle keeps only the key models it uses.
/* @__NO_SIDE_EFFECTS__ */
export function keyKind(label: string, attributes: readonly string[], width?: number): KeyKind<unknown[]> {
  const prefix = `${label}#`;
  const build = (...values: unknown[]) =>
    prefix + values.map((v) => (width === undefined ? String(v) : String(v).padStart(width, '0'))).join('#');
  return Object.assign(build, {
    prefix,
    attributes,
    leadingKeys: `${prefix}*`,
    is: (key: string) => key.startsWith(prefix),
    rest: (key: string) => key.slice(prefix.length),
  });
}

/** The referrals table: a referral's items under `REFERRAL#<id>`, and the things that live beside them. */
export const keys = {
  referral: keyKind('REFERRAL', ['referralId']),
  state: 'STATE',
  personal: 'PERSONAL',
  event: keyKind('EVENT', ['seq'], 8),
  queue: keyKind('QUEUE', ['queue']),
  referrer: keyKind('ORG', ['organisationId']),
  idempotency: keyKind('IDEMPOTENCY', ['organisationId', 'key']),
  idempotencyItem: 'IDEMPOTENCY',
  counter: keyKind('COUNTER', ['name']),
  /** A clock's timer in the layout before 30 November 2026 (one item a clock); read and disarmed, never written armed. */
  timer: keyKind('TIMER', ['clockId']),
  /** The referral's timers, every clock's in one item (`timers.ts`). */
  timers: 'TIMERS',
  dueShard: keyKind('DUE', ['shard'], 0),
  note: keyKind('NOTE', ['noteId']),
  handoff: keyKind('HANDOFF', ['handoffId']),
  handoffItem: 'HANDOFF',
  recipient: keyKind('RECIPIENT', ['organisationId']),
  /** A consumer's record that it handled an event (`processed.ts`); sort key `processedItem`. */
  processed: keyKind('PROCESSED', ['consumer', 'eventId']),
  processedItem: 'PROCESSED',
  /** A mailbox's nudge window (`nudges.ts`, issue 16): `NUDGE#<mailbox>` / `nudgeWindow`. */
  nudge: keyKind('NUDGE', ['mailbox']),
  nudgeWindow: 'WINDOW',
  erasure: 'ERASURE',
  assignee: keyKind('ASSIGNEE', ['sub']),
  reference: keyKind('REF', ['reference']),
  /** The coordinators known to work an office: each recorded when they first take a referral or open their cases. */
  roster: keyKind('ROSTER', ['office']),
  /** Referrals submitted in one clock hour by an organisation or a person (`org:<id>` / `person:<sub>`). */
  quota: keyKind('QUOTA', ['who', 'hour']),
  quotaWindow: 'WINDOW',
  /** An organisation's webhook endpoints (issue 17): `WEBHOOKS#<org>` / `ENDPOINT#<id>`. */
  webhooks: keyKind('WEBHOOKS', ['organisationId']),
  webhookEndpoint: keyKind('ENDPOINT', ['endpointId']),
  /** An endpoint's delivery log: `WEBHOOK#<endpoint>` / `DELIVERY#<message id>` (message ids begin with a ULID). */
  webhookDeliveries: keyKind('WEBHOOK', ['endpointId']),
  webhookDelivery: keyKind('DELIVERY', ['messageId']),
  /**
   * An organisation's event feed, in the order its items were recorded: `FEED#<org>` / `ITEM#<recorded>#<message id>`,
   * and `MESSAGE#<message id>` beside each, so a message is recorded once.
   */
  feed: keyKind('FEED', ['organisationId']),
  feedItem: keyKind('ITEM', ['recordedAt', 'messageId']),
  feedMessage: keyKind('MESSAGE', ['messageId']),
  /** A draft of the web's referral form (`drafts.ts`): sealed, bound to its owner and id; sort key `draftItem`. */
  draft: keyKind('DRAFT', ['owner', 'draftId']),
  draftItem: 'DRAFT',
  /** An owner's list of drafts: sort key the draft's id; times only, no content. */
  drafts: keyKind('DRAFTS', ['owner']),
  /** An owner's draft saves in one minute (sort key the minute's epoch seconds). */
  draftWrites: keyKind('DRAFTWRITES', ['owner']),
  /** The server side of a signed-in web session (`sessions.ts`); sort key `sessionItem`. */
  webSession: keyKind('WEBSESSION', ['sessionId']),
  sessionItem: 'SESSION',
  /** The item the health check reads: it never exists; the read proves the table answers. */
  health: 'HEALTH',
} as const;

export function isEventKey(sk: string): boolean {
  return keys.event.is(sk);
}

/**
 * The audit table: one hash chain per subject (`TRAIL#<subject>` / `ENTRY#<seq>`), listing pointers under each
 * referral a listing showed, the sealer's signed checkpoints and watermarks, and the two index keys.
 */
export const auditKeys = {
  trail: keyKind('TRAIL', ['subject']),
  entry: keyKind('ENTRY', ['seq'], 10),
  listed: keyKind('LISTED', ['referralId']),
  /** The actor index's partition (`byActor`). */
  actor: keyKind('ACTOR', ['sub']),
  /** The seal index's partition (`bySealShard`). */
  sealShard: keyKind('SEAL', ['shard'], 0),
  checkpoint: keyKind('CHECKPOINT', ['subject']),
  checkpointSeq: keyKind('SEQ', ['seq'], 10),
  /** The sealer's watermark of one seal shard (sort key `watermark`). */
  sealer: keyKind('SEALER', ['shard']),
  watermark: 'WATERMARK',
} as const;

/**
 * The statistics table (statistics.ts). `<period>` is `Y#2026`, `Q#2026-Q1`, `M#2026-03`, or `D#2026-03` (a month of
 * days, whose sort keys start with the day: `dayOfMonth`).
 */
export const statisticsKeys = {
  year: keyKind('Y', ['year']),
  quarter: keyKind('Q', ['quarter']),
  month: keyKind('M', ['month']),
  daysOfMonth: keyKind('D', ['month']),
  /** The beginning of the sort keys of one day in its month's `D#` partition. */
  dayOfMonth: (dd: string) => `${dd}#`,
  /** Hand-off-time histograms per step × region × track × receiving type × referring type. */
  durations: keyKind('DUR', ['period']),
  /** The same histograms rolled up to step × region × track: what the dashboard's year view reads. */
  durationRollup: keyKind('DURR', ['period']),
  /** Referral counts by attribute per region × track × referring type × channel. */
  counts: keyKind('CNT', ['period']),
  sla: keyKind('SLA', ['period']),
  /** Unique persons and referrals of a period (sort key `totals`). */
  persons: keyKind('PERSONS', ['period']),
  totals: 'ALL',
  /** A person key seen: sort key the period, or the referral (`personReferral`). */
  person: keyKind('PERSON', ['personKey']),
  personReferral: keyKind('REFERRAL', ['referralId']),
  /** Joint cells (cells.ts) of referrals (`R`) or persons (`P`); the sort key is the cell. */
  cells: keyKind('CELL', ['unit', 'period']),
  /** Which referrals a person (or a referral counting as its own person) had in a period, and their cells. */
  member: keyKind('MEMBER', ['personId']),
  /** The sort key of a person's one member item (all periods). */
  memberPeriods: 'PERIODS',
  /** Tally tables (outcome, handoff, child, permit); the sort key is the tally's coded values. */
  tally: keyKind('TALLY', ['family', 'period']),
  live: 'LIVE',
  processedSk: 'PROCESSED',
} as const;

/** The partitions a day's figures are added to: the day itself (in its month), its month, quarter and year. */
export function periodsOfDay(day: string): { pk: string; skPrefix: string }[] {
  const [year, month, dd] = day.split('-') as [string, string, string];
  const quarter = Math.ceil(Number(month) / 3);
  return [
    { pk: statisticsKeys.daysOfMonth(`${year}-${month}`), skPrefix: statisticsKeys.dayOfMonth(dd) },
    { pk: statisticsKeys.month(`${year}-${month}`), skPrefix: '' },
    { pk: statisticsKeys.quarter(`${year}-Q${quarter}`), skPrefix: '' },
    { pk: statisticsKeys.year(year), skPrefix: '' },
  ];
}

/** The partition of a period as the API names it: 2026, 2026-Q1 or 2026-03. */
export function periodPk(period: string): string {
  return /^\d{4}$/.test(period)
    ? statisticsKeys.year(period)
    : /^\d{4}-Q[1-4]$/.test(period)
      ? statisticsKeys.quarter(period)
      : statisticsKeys.month(period);
}

/** Each table's key model: the kinds of key its items have. */
export const KEY_MODELS = {
  referrals: keys,
  audit: auditKeys,
  statistics: statisticsKeys,
} as const satisfies Record<TableName, object>;
