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
} as const;

export function isEventKey(sk: string): boolean {
  return sk.startsWith(keys.eventPrefix);
}
