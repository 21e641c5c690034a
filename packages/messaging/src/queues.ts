// The one definition of every SQS queue and which events the outbox relay sends to it; local mode and infra/ both
// build from this.
import { NOTIFIED_EVENT_TYPES, WEBHOOK_SOURCE_EVENTS } from '@nrm/domain';

export interface QueueDefinition {
  /** Logical name; the physical name is `${prefix}${name}`, its dead-letter queue `${prefix}${name}-dlq`. */
  readonly name: string;
  /** The function that consumes it (folder under functions/src). */
  readonly consumer: string;
  /** Event types the outbox relay delivers here; '*' is every event. Empty for queues fed by something else. */
  readonly eventTypes: readonly string[] | '*';
  /** A message that failed this many times goes to the dead-letter queue. */
  readonly maxReceiveCount: number;
  /** Records handed to one consumer invocation (above ten, SQS needs a batching window: `batchingWindowSeconds`). */
  readonly batchSize: number;
  /** How long the first record of a batch may wait for more before the consumer is invoked (Lambda's window). */
  readonly batchingWindowSeconds?: number;
  readonly purpose: string;
}

export const QUEUES = [
  {
    name: 'referral-routing',
    consumer: 'referral-router',
    eventTypes: ['referral.received.v1'],
    maxReceiveCount: 5,
    batchSize: 10,
    purpose: 'New referrals waiting to be routed to a coordinator queue.',
  },
  {
    name: 'sla-due',
    consumer: 'escalator',
    // Fed by the sla-sweeper from the due-index, not by the outbox.
    eventTypes: [],
    maxReceiveCount: 5,
    batchSize: 10,
    purpose:
      'SLA timers that are due: the escalator records the warning, breach or escalation they stand for.',
  },
  {
    name: 'notifications',
    consumer: 'notifier',
    // The events notificationFor (packages/domain/src/notifications) has something to say about, from its own table.
    eventTypes: NOTIFIED_EVENT_TYPES,
    // The notifier leases an event for 2 minutes before sending (packages/usecases notify.ts); a delivery that died
    // holding the lease is retried every 30 s (the visibility timeout) and must outlive the lease before the
    // dead-letter queue: 7 redeliveries × 30 s = 210 s.
    maxReceiveCount: 8,
    batchSize: 10,
    purpose:
      'Events that tell an office or organisation something; the notifier e-mails them without personal data.',
  },
  {
    name: 'statistics',
    consumer: 'stats-aggregator',
    // Every event: what counts is decided from the event and the referral's log (packages/domain/src/statistics).
    eventTypes: '*',
    maxReceiveCount: 5,
    // A burst's events share their day's, month's, quarter's and year's counters: the more of them one invocation
    // counts, the fewer times those items are written (recordStatisticsBatch). Statistics may wait a second.
    batchSize: 100,
    batchingWindowSeconds: 1,
    purpose:
      'Every event, for the pseudonymised national statistics and the live hand-off view; counted once per event.',
  },
  {
    name: 'webhooks',
    consumer: 'webhook-sender',
    // The events that tell an organisation's systems something (packages/domain/src/webhooks); the sender also puts
    // its own delivery attempts here, delayed for the backoff, and a message out of attempts in the DLQ itself.
    eventTypes: WEBHOOK_SOURCE_EVENTS,
    maxReceiveCount: 5,
    batchSize: 5,
    purpose:
      "Events for organisations' webhooks and feeds, and the signed delivery attempts to their endpoints (with backoff).",
  },
] as const satisfies readonly QueueDefinition[];

/**
 * Where a stream record that the relay failed on too often is sent (the event source mapping's on-failure
 * destination), so one bad record cannot hold up the stream; the redrive tool replays it.
 */
export const RELAY_FAILURE_QUEUE = 'outbox-relay-dlq';

/** How often the relay retries one stream record before it goes to the on-failure destination. */
export const RELAY_MAX_RETRIES = 5;

export type QueueName = (typeof QUEUES)[number]['name'];

export function dlqName(queue: Pick<QueueDefinition, 'name'>): string {
  return `${queue.name}-dlq`;
}

/** Queues an event of this type is relayed to. */
export function queuesFor(eventType: string): QueueDefinition[] {
  return QUEUES.filter((q: QueueDefinition) => q.eventTypes === '*' || q.eventTypes.includes(eventType));
}

/**
 * How a queue's consumer is handed its records: up to `size` a batch, the first waiting up to `windowSeconds` for
 * more. SQS hands a Lambda more than ten records only with a window: a queue without one then waits a second.
 */
export function batchingOf(queue: Pick<QueueDefinition, 'batchSize' | 'batchingWindowSeconds'>): {
  size: number;
  windowSeconds: number;
} {
  return {
    size: queue.batchSize,
    windowSeconds: queue.batchingWindowSeconds ?? (queue.batchSize > 10 ? 1 : 0),
  };
}
