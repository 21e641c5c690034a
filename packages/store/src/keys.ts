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
