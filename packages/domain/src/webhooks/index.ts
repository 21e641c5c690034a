// What an organisation's systems are told when something happens to a referral they have a part in (issue 17): the
// referrer its referrals' status changes, a receiving organisation its offers, revocations and expiries, a coordinator
// office its queue's arrivals and breaches. Purpose-limited: ids, the reference, the type, the time and the status the
// recipient may see — never personal data; the recipient fetches what it may read with its own token.

import type { EventEnvelope, ReferralState, ReferralStatus } from '../referral';
import { type SupportOutcome, supportOutcome } from '../referrer-feedback';
import { coordinatorOfficeId, queueOf } from '../vocabulary';

export const WEBHOOK_EVENT_TYPES = [
  'referral.status-changed',
  'handoff.offered',
  'handoff.revoked',
  'handoff.expired',
  'queue.arrived',
  'clock.breached',
] as const;
export type WebhookEventType = (typeof WEBHOOK_EVENT_TYPES)[number];

/** The referrer's purpose-limited status vocabulary (what `GET /v1/referrals/{id}` shows it). */
export const REFERRER_STATUSES = ['received', 'routed', 'acknowledged', 'handed-on', 'closed'] as const;
export type ReferrerStatus = (typeof REFERRER_STATUSES)[number];

const REFERRER_STATUS: Readonly<Record<ReferralStatus, ReferrerStatus>> = {
  received: 'received',
  routed: 'routed',
  acknowledged: 'acknowledged',
  'handed-off': 'handed-on',
  closed: 'closed',
};

export function referrerStatus(status: ReferralStatus): ReferrerStatus {
  return REFERRER_STATUS[status];
}

/** One message: the same object is the webhook body and the feed item. */
export interface WebhookPayload {
  /** Unique per message and recipient organisation; the Standard Webhooks `webhook-id`. */
  readonly id: string;
  readonly type: WebhookEventType;
  /** When it happened (the event's time), ISO 8601. */
  readonly occurredAt: string;
  readonly referralId: string;
  readonly reference: string;
  /** The status this recipient may see: the referrer's status, a hand-off's, or the referral's for its office. */
  readonly status: string;
  readonly handoffId?: string;
  readonly queue?: string;
  readonly clockKind?: string;
  /** For the referrer: whether the person received support (yes / no / not yet), as its status view says. */
  readonly supportReceived?: SupportOutcome;
}

export interface WebhookMessage {
  /** The organisation (or coordinator office) told: its endpoints and its feed. */
  readonly organisationId: string;
  readonly payload: WebhookPayload;
}

/** Referral events after which the referrer's status may read differently. */
const REFERRER_STATUS_EVENTS = new Set<string>([
  'referral.routed.v1',
  'referral.acknowledged.v1',
  'handoff.accepted.v1',
  'referral.closed.v1',
  'referral.reopened.v1',
]);

/**
 * The messages one event causes, given the referral's state after it. The referrer's status is the one the event
 * leaves (read from the state, so it is what a GET shows); a hand-off's status is its own.
 */
export function webhookMessagesFor(event: EventEnvelope, state: ReferralState): WebhookMessage[] {
  const base = { occurredAt: event.occurredAt, referralId: state.id, reference: state.reference };
  const id = (type: WebhookEventType) => `${event.eventId}.${type}`;
  const messages: WebhookMessage[] = [];
  if (REFERRER_STATUS_EVENTS.has(event.type)) {
    messages.push({
      organisationId: state.referrer.organisationId,
      payload: {
        id: id('referral.status-changed'),
        type: 'referral.status-changed',
        ...base,
        status: referrerStatus(state.status),
        supportReceived: supportOutcome(state),
      },
    });
  }
  switch (event.type) {
    case 'handoff.offered.v1':
    case 'handoff.revoked.v1':
    case 'handoff.expired.v1': {
      const handoff = state.handoffs.find((h) => h.id === event.data.handoffId);
      if (!handoff) break;
      const type = event.type.slice(0, -'.v1'.length) as WebhookEventType;
      messages.push({
        organisationId: handoff.recipient.id,
        payload: { id: id(type), type, ...base, status: handoff.status, handoffId: handoff.id },
      });
      break;
    }
    case 'referral.routed.v1':
    case 'referral.transferred.v1':
    case 'referral.reopened.v1': {
      const route = event.type === 'referral.transferred.v1' ? event.data.to : state.route;
      if (!route) break;
      messages.push({
        organisationId: coordinatorOfficeId(route.queue),
        payload: {
          id: id('queue.arrived'),
          type: 'queue.arrived',
          ...base,
          status: state.status,
          queue: route.queue,
        },
      });
      break;
    }
    case 'clock.breached.v1': {
      const queue =
        state.route?.queue ?? (state.route?.region ? queueOf(state.route.region, state.route.track) : null);
      if (!queue) break;
      messages.push({
        organisationId: coordinatorOfficeId(queue),
        payload: {
          id: id('clock.breached'),
          type: 'clock.breached',
          ...base,
          status: state.status,
          queue,
          clockKind: event.data.kind,
        },
      });
      break;
    }
    default:
      break;
  }
  return messages;
}

/** The domain events that can cause a message: the outbox relay sends only these to the webhooks queue. */
export const WEBHOOK_SOURCE_EVENTS = [
  'referral.routed.v1',
  'referral.acknowledged.v1',
  'referral.transferred.v1',
  'referral.closed.v1',
  'referral.reopened.v1',
  'handoff.offered.v1',
  'handoff.accepted.v1',
  'handoff.revoked.v1',
  'handoff.expired.v1',
  'clock.breached.v1',
] as const;

export type EndpointUrlProblem = 'not-a-url' | 'https-required' | 'credentials' | 'fragment' | 'private-host';

/**
 * Whether an endpoint URL may be registered: https only (plain http to a loopback address in local mode), no
 * credentials or fragment, and no host that names a private network by its literal form. The delivery worker checks
 * the addresses the name resolves to again at every call (DNS may change).
 */
export function endpointUrlProblem(
  raw: string,
  options: { readonly allowLoopback: boolean },
): EndpointUrlProblem | null {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return 'not-a-url';
  }
  if (url.username || url.password) return 'credentials';
  if (url.hash) return 'fragment';
  const host = url.hostname.replace(/^\[|\]$/g, '').toLowerCase();
  const loopback = host === 'localhost' || host === '::1' || /^127\./.test(host);
  if (loopback)
    return options.allowLoopback && ['http:', 'https:'].includes(url.protocol) ? null : 'private-host';
  if (url.protocol !== 'https:') return 'https-required';
  if (
    host.endsWith('.localhost') ||
    host.endsWith('.internal') ||
    host.endsWith('.local') ||
    /^(10\.|192\.168\.|169\.254\.|0\.|172\.(1[6-9]|2\d|3[01])\.)/.test(host) ||
    (host.includes(':') && /^(fc|fd|fe80)/.test(host)) ||
    host === '::' ||
    host === '0.0.0.0'
  ) {
    return 'private-host';
  }
  return null;
}
