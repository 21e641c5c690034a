// /v1/webhooks: an organisation registers the endpoints its systems are called at, rotates their secrets, reads the
// delivery log and replays a delivery (issue 17). Everything is the caller's own organisation's; another
// organisation's endpoint is 404. Every change and read is audited under the organisation's webhooks subject.
import { randomBytes } from 'node:crypto';
import { Conflict, endpointUrlProblem, NotFound, type Principal, present } from '@nrm/domain';
import { replayDelivery } from '@nrm/messaging';
import { config, now } from '@nrm/runtime';
import {
  RotatedSecret,
  RotateSecretRequest,
  WebhookDeliveryListing,
  WebhookDeliveryView,
  WebhookEndpointCreated,
  WebhookEndpointListing,
  WebhookEndpointRequest,
  WebhookEndpointView,
} from '@nrm/schemas';
import * as z from '@nrm/schemas/zod';
import {
  createEndpoint,
  deleteEndpoint,
  EndpointLimitReached,
  getDelivery,
  getEndpoint,
  IdempotencyKeyTaken,
  listDeliveries,
  listEndpoints,
  MAX_ENDPOINTS_PER_ORGANISATION,
  replaceEndpoint,
  type WebhookDelivery,
  type WebhookEndpoint,
} from '@nrm/store';
import { earlierResult, idempotencyRecord } from '@nrm/usecases';
import type { Context } from 'hono';
import { ulid } from 'ulid';
import { allow } from '../access';
import type { AppEnv } from '../context';
import { problem } from '../problem';
import { answers, created, get, Operations, post, remove } from './declare';
import { IdempotencyKeyHeader, json, PageQuery, pageArgs, problems, Ulid } from './outcomes';

const EndpointId = Ulid('endpoint');
const DeliveryId = z
  .string()
  .regex(/^[0-9A-HJKMNP-TV-Z]{26}\.[a-z][a-z.-]{1,40}$/, { error: 'not a delivery id' });

/** A Standard Webhooks secret: `whsec_` and 32 random bytes in base64. */
const newSecret = () => `whsec_${randomBytes(32).toString('base64')}`;

function endpointView(endpoint: WebhookEndpoint, at: Date) {
  return {
    id: endpoint.id,
    url: endpoint.url,
    eventTypes: [...endpoint.eventTypes],
    state: endpoint.state,
    ...present({ disabledReason: endpoint.disabledReason, disabledAt: endpoint.disabledAt }),
    createdAt: endpoint.createdAt,
    secretCount: endpoint.secrets.filter((s) => !s.expiresAt || Date.parse(s.expiresAt) > at.getTime())
      .length,
  };
}

/** A delivery as its endpoint's owner reads it in the log: the message, and how its attempts went. */
/** A delivery as its endpoint's owner reads it in the log: the message, and how its attempts went. */
function deliveryView(delivery: WebhookDelivery) {
  const { id, status, attempts, replays, createdAt, deliveredAt, nextAttemptAt, attemptLog, payload } =
    delivery;
  const log = attemptLog.map((a) => ({ ...a }));
  return {
    id,
    status,
    attempts,
    replays,
    createdAt,
    ...present({ deliveredAt, nextAttemptAt }),
    attemptLog: log,
    message: payload,
  };
}

const subjectOf = (principal: Principal) => `webhooks:${principal.organisationId}`;

/** The caller, once it may manage its organisation's webhooks (audited under them). Throws Forbidden. */
async function manager(c: Context<AppEnv>) {
  const { principal } = await allow(c, 'webhook.manage', {}, subjectOf(c.get('principal')));
  return principal;
}

/** The caller's organisation's endpoint of this id; another organisation's is not found either. */
async function ownEndpoint(c: Context<AppEnv>, endpointId: string) {
  const endpoint = await getEndpoint((await manager(c)).organisationId, endpointId);
  if (!endpoint) throw new NotFound('No such webhook endpoint.');
  return endpoint;
}

/** Replaces the endpoint as it was read by `changed`; someone else's change meanwhile is 409. */
async function replaced(endpoint: WebhookEndpoint, changed: WebhookEndpoint) {
  if (!(await replaceEndpoint(endpoint, changed)))
    throw new Conflict('The endpoint changed meanwhile; try again.');
}

const params = z.object({ endpointId: EndpointId });

export const webhooks = new Operations<AppEnv>()
  .openapi(
    post(
      '/endpoints',
      { headers: IdempotencyKeyHeader, body: json(WebhookEndpointRequest) },
      created('Registered', WebhookEndpointCreated, 400, 401, 403, 409, 413, 415, 422),
      {
        operationId: 'registerWebhookEndpoint',
        summary: 'Register a webhook endpoint',
        description:
          `Registers an endpoint of the caller's organisation for the event types given; the answer carries the signing secret, shown this once. ` +
          `Deliveries are signed per Standard Webhooks (webhook-id, webhook-timestamp, webhook-signature: HMAC-SHA256), at least once, retried with exponential backoff; an endpoint whose message fails every attempt is disabled and the organisation told. ` +
          `At most ${MAX_ENDPOINTS_PER_ORGANISATION} endpoints per organisation; the same URL twice is 409. ` +
          'The same `Idempotency-Key` and body within 24 h answers the first registration again (200, with its secret); the same key with another body is 422.',
      },
    ),
    async (c) => {
      const principal = await manager(c);
      const { url, eventTypes } = c.req.valid('json');
      const urlProblem = endpointUrlProblem(url, { allowLoopback: config().stage === 'local' });
      if (urlProblem) {
        const message = {
          'not-a-url': 'not a URL',
          'https-required': 'must be an https URL',
          credentials: 'must not carry a user name or password',
          fragment: 'must not have a fragment',
          'private-host': 'must not name a private, loopback or link-local host',
        }[urlProblem];
        return problem(c, 422, `The endpoint URL ${message}.`, {
          errors: [{ path: 'url', message }],
        }) as never;
      }
      const at = now();
      const key = c.req.valid('header')['idempotency-key'];
      const request = key ? { key, scope: 'webhook-endpoints', body: { url, eventTypes } } : undefined;
      // A retry answers what the first registration did, secret included (it is the endpoint's, stored to sign with).
      const replayed = async () => {
        const earlier = request ? await earlierResult(principal, request, at) : undefined;
        if (!earlier?.endpointId) return undefined;
        const endpoint = await getEndpoint(principal.organisationId, earlier.endpointId);
        const first = endpoint?.secrets.find(
          (s) =>
            s.createdAt === endpoint.createdAt && (!s.expiresAt || Date.parse(s.expiresAt) > at.getTime()),
        );
        if (!endpoint || !first) {
          throw new Conflict(
            'The endpoint registered with this Idempotency-Key was removed or its secret rotated since; list your endpoints.',
          );
        }
        return c.json({ ...endpointView(endpoint, at), secret: first.secret }, 200, {
          Location: `/v1/webhooks/endpoints/${endpoint.id}`,
        });
      };
      const earlier = await replayed();
      if (earlier) return earlier;
      if ((await listEndpoints(principal.organisationId)).some((e) => e.url === url)) {
        // A racing retry may find the endpoint its key's first request just registered (both written at once).
        const first = await replayed();
        if (first) return first;
        throw new Conflict('This URL is already registered; rotate its secret or list your endpoints.');
      }
      const secret = newSecret();
      const endpoint: WebhookEndpoint = {
        id: ulid(at.getTime()),
        organisationId: principal.organisationId,
        url,
        eventTypes,
        state: 'enabled',
        createdAt: at.toISOString(),
        createdBy: principal.sub,
        secrets: [{ secret, createdAt: at.toISOString() }],
      };
      try {
        await createEndpoint(
          endpoint,
          request ? idempotencyRecord(principal, request, { endpointId: endpoint.id }, at) : undefined,
        );
      } catch (error) {
        // Another request with the same key registered first, meanwhile: answer what it did.
        if (error instanceof IdempotencyKeyTaken) {
          const first = await replayed();
          if (first) return first;
        }
        if (error instanceof EndpointLimitReached) {
          throw new Conflict(
            `An organisation may register at most ${MAX_ENDPOINTS_PER_ORGANISATION} endpoints.`,
          );
        }
        throw error;
      }
      return c.json({ ...endpointView(endpoint, at), secret }, 201, {
        Location: `/v1/webhooks/endpoints/${endpoint.id}`,
      });
    },
  )
  .openapi(
    get('/endpoints', {}, answers('The endpoints', WebhookEndpointListing, 401, 403), {
      operationId: 'listWebhookEndpoints',
      summary: "List your organisation's webhook endpoints",
      description: 'Never with their secrets.',
    }),
    async (c) => {
      const items = await listEndpoints((await manager(c)).organisationId);
      const at = now();
      return c.json({ items: items.map((e) => endpointView(e, at)) }, 200);
    },
  )
  .openapi(
    post(
      '/endpoints/{endpointId}/rotate-secret',
      { params, body: json(RotateSecretRequest) },
      answers('The new secret', RotatedSecret, 400, 401, 403, 404, 409, 415),
      {
        operationId: 'rotateWebhookSecret',
        summary: "Rotate an endpoint's signing secret",
        description:
          'Makes a new secret (shown this once); the previous one keeps signing beside it for `overlapMinutes`, so every delivery carries both signatures until the receiver has switched.',
      },
    ),
    async (c) => {
      const endpoint = await ownEndpoint(c, c.req.valid('param').endpointId);
      const { overlapMinutes } = c.req.valid('json');
      const at = now();
      const previousSecretExpiresAt = new Date(at.getTime() + overlapMinutes * 60_000).toISOString();
      const secret = newSecret();
      // The current secret signs on until the overlap ends; secrets already expired are dropped.
      const current = endpoint.secrets.filter((s) => !s.expiresAt || Date.parse(s.expiresAt) > at.getTime());
      const rotated: WebhookEndpoint = {
        ...endpoint,
        secrets: [
          { secret, createdAt: at.toISOString() },
          ...current.map((s) => ({
            ...s,
            expiresAt:
              s.expiresAt && s.expiresAt < previousSecretExpiresAt ? s.expiresAt : previousSecretExpiresAt,
          })),
        ],
      };
      await replaced(endpoint, rotated);
      return c.json({ secret, previousSecretExpiresAt }, 200);
    },
  )
  .openapi(
    post(
      '/endpoints/{endpointId}/enable',
      { params },
      answers('Enabled', WebhookEndpointView, 400, 401, 403, 404, 409),
      {
        operationId: 'enableWebhookEndpoint',
        summary: 'Enable an endpoint again',
        description:
          'After it was disabled for failing. Messages that failed meanwhile stay in its delivery log: replay them.',
      },
    ),
    async (c) => {
      const endpoint = await ownEndpoint(c, c.req.valid('param').endpointId);
      if (endpoint.state === 'enabled') return c.json(endpointView(endpoint, now()), 200);
      const { disabledAt: _at, disabledReason: _reason, ...rest } = endpoint;
      const enabled: WebhookEndpoint = { ...rest, state: 'enabled' };
      await replaced(endpoint, enabled);
      return c.json(endpointView(enabled, now()), 200);
    },
  )
  .openapi(
    remove(
      '/endpoints/{endpointId}',
      { params },
      { 204: { description: 'Removed' }, ...problems(400, 401, 403, 404) },
      {
        operationId: 'deleteWebhookEndpoint',
        summary: 'Remove an endpoint',
        description: 'Nothing more is delivered to it. Its messages stay in the feed.',
      },
    ),
    async (c) => {
      const endpoint = await ownEndpoint(c, c.req.valid('param').endpointId);
      await deleteEndpoint(endpoint.organisationId, endpoint.id);
      return c.body(null, 204);
    },
  )
  .openapi(
    get(
      '/endpoints/{endpointId}/deliveries',
      { params, query: PageQuery },
      answers('The log', WebhookDeliveryListing, 400, 401, 403, 404),
      {
        operationId: 'listWebhookDeliveries',
        summary: "An endpoint's delivery log",
        description:
          'Newest first: each message with its attempts (time, the status answered, how long it took).',
      },
    ),
    async (c) => {
      const endpoint = await ownEndpoint(c, c.req.valid('param').endpointId);
      // A cursor that does not decode is the store's InvalidCursor, a BadRequest: onError answers it (400).
      const page = await listDeliveries(endpoint.id, pageArgs(c.req.valid('query')));
      return c.json({ items: page.items.map(deliveryView), nextCursor: page.nextCursor }, 200);
    },
  )
  .openapi(
    post(
      '/endpoints/{endpointId}/deliveries/{deliveryId}/replay',
      { params: z.object({ endpointId: EndpointId, deliveryId: DeliveryId }) },
      {
        202: { description: 'Queued', content: { 'application/json': { schema: WebhookDeliveryView } } },
        ...problems(400, 401, 403, 404, 409),
      },
      {
        operationId: 'replayWebhookDelivery',
        summary: 'Send a delivery again',
        description:
          'A fresh set of attempts with the same `webhook-id` (so a receiver that has it already can tell). 409 while the endpoint is disabled or the delivery is still being attempted.',
      },
    ),
    async (c) => {
      const { endpointId, deliveryId } = c.req.valid('param');
      const endpoint = await ownEndpoint(c, endpointId);
      const delivery = await getDelivery(endpoint.id, deliveryId);
      if (!delivery) throw new NotFound('No such delivery.');
      if (endpoint.state !== 'enabled') throw new Conflict('The endpoint is disabled: enable it first.');
      if (delivery.status === 'pending' || delivery.status === 'retrying') {
        throw new Conflict('The delivery is still being attempted.');
      }
      if (!(await replayDelivery(delivery))) throw new Conflict('The delivery changed meanwhile; try again.');
      const queued = await getDelivery(endpoint.id, deliveryId);
      return c.json(deliveryView(queued ?? delivery), 202);
    },
  );
