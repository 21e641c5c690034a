// The events that tell someone something: the notifications queue subscribes to these (packages/messaging/src/queues.ts)
// and notifications.ts says what each tells, in a table the compiler holds to exactly this list. A leaf, so the
// functions that route events bundle the list without the messages.
import type { ReferralEventType } from '../referral';

export const NOTIFIED_EVENT_TYPES = [
  'referral.routed.v1',
  'referral.assigned.v1',
  'referral.transferred.v1',
  'referral.reopened.v1',
  'referral.supplemented.v1',
  'handoff.offered.v1',
  'handoff.declined.v1',
  'handoff.expired.v1',
  'handoff.service-ended.v1',
  'referral.came-of-age.v1',
  'clock.warned.v1',
  'clock.breached.v1',
  'clock.escalated.v1',
] as const satisfies readonly ReferralEventType[];
export type NotifiedEventType = (typeof NOTIFIED_EVENT_TYPES)[number];
