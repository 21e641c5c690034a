// The webhook worker (issue 17). One queue carries two kinds of message: domain events from the outbox relay, which
// it fans out into feed items and one delivery per subscribed endpoint, and delivery attempts, which it makes: a POST
// signed per Standard Webhooks, at least once, retried with exponential backoff and jitter (a delayed message on the
// same queue), and after the last attempt sent to the dead-letter queue with its endpoint disabled and a notice.
import { lookup as dnsLookup } from 'node:dns';
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { LookupFunction } from 'node:net';
import { SendMessageCommand } from '@aws-sdk/client-sqs';
import { applyEvent, type EventEnvelope, type ReferralState } from '@nrm/domain/referral';
import { endpointUrlProblem, webhookMessagesFor } from '@nrm/domain/webhooks';
import { config } from '@nrm/runtime/config';
import { queueUrl, sqs } from '@nrm/runtime/sqs';
import { getReferralEvents, getReferralState } from '@nrm/store/referrals';
import {
  type DeliveryAttempt,
  getDelivery,
  getEndpoint,
  listEndpoints,
  MAX_ATTEMPTS_LOGGED,
  putDelivery,
  putFeedItem,
  replaceEndpoint,
  updateDelivery,
  type WebhookDelivery,
  type WebhookEndpoint,
} from '@nrm/store/webhooks';
import ipaddr from 'ipaddr.js';
import { Webhook } from 'standardwebhooks';
import * as z from 'zod/mini';
import { emailTransport, type SendEmail } from './email';
import { jsonOrUndefined, parseEnvelope } from './envelope';

export const WEBHOOKS_QUEUE = 'webhooks';
/** SQS delays a message at most 15 minutes; later retries wait that long. */
export const MAX_DELAY_SECONDS = 900;
/** The part of an endpoint's answer that is read (and thrown away); the rest is not waited for. */
export const MAX_RESPONSE_BYTES = 64 * 1024;

const DeliveryMessage = z.object({
  delivery: z.object({
    organisationId: z.string().check(z.minLength(1)),
    endpointId: z.string().check(z.minLength(1)),
    id: z.string().check(z.minLength(1)),
  }),
});
export type DeliveryRef = z.infer<typeof DeliveryMessage>['delivery'];

/**
 * The delay before attempt `attempt + 1`: base × 2^(attempt − 1), capped at 15 minutes, with "equal jitter" (half
 * fixed, half random) so endpoints that failed together are not all retried in the same second.
 */
export function backoffSeconds(
  attempt: number,
  baseSeconds: number,
  random: () => number = Math.random,
): number {
  const ceiling = Math.min(MAX_DELAY_SECONDS, baseSeconds * 2 ** Math.max(0, attempt - 1));
  return Math.max(1, Math.min(MAX_DELAY_SECONDS, Math.ceil(ceiling / 2 + (random() * ceiling) / 2)));
}

/** The secrets that sign at `now`: the current one and, during a rotation's overlap, the previous one. */
export function signingSecrets(endpoint: WebhookEndpoint, now: Date): string[] {
  return endpoint.secrets
    .filter((s) => !s.expiresAt || Date.parse(s.expiresAt) > now.getTime())
    .map((s) => s.secret);
}

/** The three Standard Webhooks headers; one `v1,` signature per signing secret, space-separated. */
export function signedHeaders(endpoint: WebhookEndpoint, id: string, body: string, now: Date) {
  const signatures = signingSecrets(endpoint, now).map((secret) => new Webhook(secret).sign(id, now, body));
  return {
    'webhook-id': id,
    'webhook-timestamp': String(Math.floor(now.getTime() / 1000)),
    'webhook-signature': signatures.join(' '),
  };
}

/** Whether an address may be called: public unicast only, and loopback in local mode. */
export function addressAllowed(address: string, allowLoopback: boolean): boolean {
  if (!ipaddr.isValid(address)) return false;
  const range = ipaddr.process(address).range();
  return range === 'unicast' || (allowLoopback && range === 'loopback');
}

class RefusedAddress extends Error {
  override readonly name = 'RefusedAddress';
}

/**
 * Resolves the name and refuses it if any address it has is not allowed, at connect time: the address checked is the
 * address called, so a name that resolves to a private address (or is rebound to one) is never reached.
 */
function guardedLookup(allowLoopback: boolean): LookupFunction {
  return (hostname, options, callback) => {
    dnsLookup(hostname, { ...options, all: true }, (error, addresses) => {
      if (error) return callback(error, '', 4);
      const list = addresses as unknown as { address: string; family: number }[];
      if (!list.length || list.some((a) => !addressAllowed(a.address, allowLoopback))) {
        return callback(new RefusedAddress(hostname), '', 4);
      }
      if ((options as { all?: boolean }).all)
        return (callback as (e: null, a: typeof list) => void)(null, list);
      return callback(null, list[0]!.address, list[0]!.family);
    });
  };
}

/** One POST: the answer's status, or why there was none. Never follows a redirect (a 3xx is a failed attempt). */
export async function postSigned(
  url: string,
  headers: Record<string, string>,
  body: string,
  options: { readonly timeoutMs: number; readonly allowLoopback: boolean },
): Promise<number | 'refused-address' | 'timeout' | 'network'> {
  if (endpointUrlProblem(url, options)) return 'refused-address';
  const target = new URL(url);
  const host = target.hostname.replace(/^\[|\]$/g, '');
  if (ipaddr.isValid(host) && !addressAllowed(host, options.allowLoopback)) return 'refused-address';
  const request = target.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise((resolve) => {
    const signal = AbortSignal.timeout(options.timeoutMs);
    const req = request(
      target,
      {
        method: 'POST',
        headers: {
          ...headers,
          'content-type': 'application/json',
          'content-length': String(Buffer.byteLength(body)),
          'user-agent': 'nrm-webhooks/1',
        },
        lookup: guardedLookup(options.allowLoopback),
        signal,
      },
      (res: IncomingMessage) => {
        let read = 0;
        res.on('data', (chunk: Buffer) => {
          read += chunk.length;
          if (read > MAX_RESPONSE_BYTES) res.destroy();
        });
        res.on('error', () => undefined);
        resolve(res.statusCode ?? 'network');
        res.resume();
      },
    );
    req.on('error', (error) => {
      if (signal.aborted) resolve('timeout');
      else if (error instanceof RefusedAddress || error.cause instanceof RefusedAddress)
        resolve('refused-address');
      else resolve('network');
    });
    req.end(body);
  });
}

async function enqueue(ref: DeliveryRef, delaySeconds: number, queue = WEBHOOKS_QUEUE): Promise<void> {
  await sqs().send(
    new SendMessageCommand({
      QueueUrl: queueUrl(queue),
      MessageBody: JSON.stringify({ delivery: ref }),
      ...(delaySeconds > 0 ? { DelaySeconds: delaySeconds } : {}),
    }),
  );
}

const refOf = (d: WebhookDelivery): DeliveryRef => ({
  organisationId: d.organisationId,
  endpointId: d.endpointId,
  id: d.id,
});

/** The referral as it stood right after the event, so a message says what the event did, not what came later. */
async function stateAfter(event: EventEnvelope): Promise<ReferralState | undefined> {
  // Usually the event is the referral's latest: its state item is the state after it (one read, not the log).
  const current = await getReferralState(event.referralId, { consistent: true });
  if (!current) return undefined;
  if (current.version === event.seq) return current;
  const events = await getReferralEvents(event.referralId);
  if (!events.some((e) => e.seq === event.seq)) return undefined;
  let state: ReferralState | undefined;
  for (const e of events) if (e.seq <= event.seq) state = applyEvent(state, e);
  return state;
}

export type DispatchOutcome = { readonly messages: number; readonly deliveries: number } | 'unknown-referral';

/** An event → the feed items and deliveries it causes; idempotent (a redelivered event re-sends only what waits). */
export async function dispatchEvent(event: EventEnvelope, now: Date): Promise<DispatchOutcome> {
  const state = await stateAfter(event);
  if (!state) return 'unknown-referral';
  let deliveries = 0;
  const messages = webhookMessagesFor(event, state);
  for (const message of messages) {
    await putFeedItem(message.organisationId, message.payload, now);
    const endpoints = (await listEndpoints(message.organisationId)).filter((e) =>
      e.eventTypes.includes(message.payload.type),
    );
    for (const endpoint of endpoints) {
      const delivery = await putDelivery(
        {
          id: message.payload.id,
          endpointId: endpoint.id,
          organisationId: endpoint.organisationId,
          payload: message.payload,
          status: 'pending',
          attempts: 0,
          attemptLog: [],
          createdAt: now.toISOString(),
          replays: 0,
        },
        now,
      );
      if (delivery.status === 'pending' && delivery.attempts === 0) {
        await enqueue(refOf(delivery), 0);
        deliveries++;
      }
    }
  }
  return { messages: messages.length, deliveries };
}

export type AttemptOutcome = 'delivered' | 'retrying' | 'dead-lettered' | 'nothing-to-do';

let notices: SendEmail | undefined;

/** Makes one attempt of a delivery and records it; schedules the next, or dead-letters it and disables the endpoint. */
export async function attemptDelivery(ref: DeliveryRef, now: Date): Promise<AttemptOutcome> {
  const [endpoint, delivery] = await Promise.all([
    getEndpoint(ref.organisationId, ref.endpointId),
    getDelivery(ref.endpointId, ref.id),
  ]);
  if (!endpoint || !delivery || delivery.status === 'delivered' || delivery.status === 'failed') {
    return 'nothing-to-do';
  }
  const settings = config().webhooks;
  const allowLoopback = config().stage === 'local';
  const attempts = delivery.attempts + 1;
  let outcome: DeliveryAttempt['outcome'];
  const started = performance.now();
  if (endpoint.state === 'disabled') {
    outcome = 'endpoint-disabled';
  } else {
    const body = JSON.stringify(delivery.payload);
    outcome = await postSigned(endpoint.url, signedHeaders(endpoint, delivery.id, body, now), body, {
      timeoutMs: settings.timeoutMs,
      allowLoopback,
    });
  }
  const attempt: DeliveryAttempt = {
    at: now.toISOString(),
    outcome,
    ms: Math.round(performance.now() - started),
  };
  const attemptLog = [...delivery.attemptLog, attempt].slice(-MAX_ATTEMPTS_LOGGED);
  const { nextAttemptAt: _next, ...rest } = delivery;
  if (typeof outcome === 'number' && outcome >= 200 && outcome < 300) {
    const done: WebhookDelivery = {
      ...rest,
      status: 'delivered',
      attempts,
      attemptLog,
      deliveredAt: attempt.at,
    };
    await updateDelivery(delivery, done);
    return 'delivered';
  }
  if (attempts < settings.maxAttempts && endpoint.state === 'enabled') {
    const delay = backoffSeconds(attempts, settings.retryBaseSeconds);
    const nextAttemptAt = new Date(now.getTime() + delay * 1000).toISOString();
    const retrying: WebhookDelivery = { ...rest, status: 'retrying', attempts, attemptLog, nextAttemptAt };
    // Only the attempt that recorded itself schedules the next one: a duplicate message changes nothing.
    if (await updateDelivery(delivery, retrying)) await enqueue(ref, delay);
    return 'retrying';
  }
  const failed: WebhookDelivery = { ...rest, status: 'failed', attempts, attemptLog };
  if (!(await updateDelivery(delivery, failed))) return 'nothing-to-do';
  await enqueue(ref, 0, `${WEBHOOKS_QUEUE}-dlq`);
  if (endpoint.state === 'enabled') await disableEndpoint(endpoint, now, attempts);
  return 'dead-lettered';
}

async function disableEndpoint(endpoint: WebhookEndpoint, now: Date, attempts: number): Promise<void> {
  const disabled: WebhookEndpoint = {
    ...endpoint,
    state: 'disabled',
    disabledReason: 'failing',
    disabledAt: now.toISOString(),
  };
  if (!(await replaceEndpoint(endpoint, disabled))) return;
  // The notice goes to the organisation's mailbox: which endpoint, why and what to do; no referral is named.
  notices ??= emailTransport();
  await notices({
    eventId: `webhook-disabled-${endpoint.id}-${now.getTime()}`,
    eventType: 'webhook.endpoint-disabled',
    reference: endpoint.id,
    to: [endpoint.organisationId],
    subject: `Webhook endpoint ${endpoint.id} disabled`,
    text:
      `A message to webhook endpoint ${endpoint.id} failed ${attempts} times, so the endpoint was disabled. ` +
      'Its undelivered messages are in its delivery log and the event feed; enable it and replay them through the API.',
  });
}

/** One SQS record of the webhooks queue, of either kind. */
export async function handleWebhookRecord(
  body: string,
  now: Date,
): Promise<DispatchOutcome | AttemptOutcome> {
  const parsed = DeliveryMessage.safeParse(jsonOrUndefined(body));
  if (parsed.success) return attemptDelivery(parsed.data.delivery, now);
  return dispatchEvent(parseEnvelope(body) as EventEnvelope, now);
}

/** Sends a delivery again from its log (manual replay): a fresh set of attempts, the same `webhook-id`. */
export async function replayDelivery(delivery: WebhookDelivery): Promise<boolean> {
  const { nextAttemptAt: _next, deliveredAt: _delivered, ...rest } = delivery;
  const again: WebhookDelivery = { ...rest, status: 'pending', attempts: 0, replays: delivery.replays + 1 };
  if (!(await updateDelivery(delivery, again))) return false;
  await enqueue(refOf(again), 0);
  return true;
}
