// /v1/webhooks: an organisation registers the endpoints its systems are called at, rotates their secrets, reads the
// delivery log and replays a delivery (issue 17). Everything is the caller's own organisation's; another
// organisation's endpoint is 404. Every change and read is audited under the organisation's webhooks subject.
import { randomBytes } from 'node:crypto';
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { endpointUrlProblem, type Principal } from '@nrm/domain';
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
import {
  createEndpoint,
  deleteEndpoint,
  EndpointLimitReached,
  getDelivery,
  getEndpoint,
  IdempotencyKeyTaken,
  InvalidCursor,
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
import { guard } from '../access';
import type { AppEnv } from '../context';
import { problem } from '../problem';
import { validationHook } from '../validation';
import { IdempotencyKeyHeader, json, problems, Ulid } from './outcomes';

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
    ...(endpoint.disabledReason ? { disabledReason: endpoint.disabledReason } : {}),
    ...(endpoint.disabledAt ? { disabledAt: endpoint.disabledAt } : {}),
    createdAt: endpoint.createdAt,
    secretCount: endpoint.secrets.filter((s) => !s.expiresAt || Date.parse(s.expiresAt) > at.getTime())
      .length,
  };
}

function deliveryView(delivery: WebhookDelivery) {
  return {
    id: delivery.id,
    status: delivery.status,
    attempts: delivery.attempts,
    replays: delivery.replays,
    createdAt: delivery.createdAt,
    ...(delivery.deliveredAt ? { deliveredAt: delivery.deliveredAt } : {}),
    ...(delivery.nextAttemptAt ? { nextAttemptAt: delivery.nextAttemptAt } : {}),
    attemptLog: delivery.attemptLog.map((a) => ({ ...a })),
    message: delivery.payload,
  };
}

const subjectOf = (principal: Principal) => `webhooks:${principal.organisationId}`;

async function allowed(c: Context<AppEnv>) {
  return guard(c, 'webhook.manage', {}, subjectOf(c.get('principal')));
}

const notFound = (c: Context) => problem(c, 404, 'No such webhook endpoint.');

const register = createRoute({
  method: 'post',
  path: '/endpoints',
  operationId: 'registerWebhookEndpoint',
  summary: 'Register a webhook endpoint',
  description:
    `Registers an endpoint of the caller's organisation for the event types given; the answer carries the signing secret, shown this once. ` +
    `Deliveries are signed per Standard Webhooks (webhook-id, webhook-timestamp, webhook-signature: HMAC-SHA256), at least once, retried with exponential backoff; an endpoint whose message fails every attempt is disabled and the organisation told. ` +
    `At most ${MAX_ENDPOINTS_PER_ORGANISATION} endpoints per organisation; the same URL twice is 409. ` +
    'The same `Idempotency-Key` and body within 24 h answers the first registration again (200, with its secret); the same key with another body is 422.',
  security: [{ bearer: [] }],
  request: { headers: IdempotencyKeyHeader, body: json(WebhookEndpointRequest) },
  responses: {
    201: { description: 'Registered', content: { 'application/json': { schema: WebhookEndpointCreated } } },
    200: {
      description: 'Replay of an earlier request with the same Idempotency-Key',
      content: { 'application/json': { schema: WebhookEndpointCreated } },
    },
    ...problems(400, 401, 403, 409, 413, 415, 422),
  },
});

const list = createRoute({
  method: 'get',
  path: '/endpoints',
  operationId: 'listWebhookEndpoints',
  summary: "List your organisation's webhook endpoints",
  description: 'Never with their secrets.',
  security: [{ bearer: [] }],
  responses: {
    200: {
      description: 'The endpoints',
      content: { 'application/json': { schema: WebhookEndpointListing } },
    },
    ...problems(401, 403),
  },
});

const params = z.object({ endpointId: EndpointId });

const rotate = createRoute({
  method: 'post',
  path: '/endpoints/{endpointId}/rotate-secret',
  operationId: 'rotateWebhookSecret',
  summary: "Rotate an endpoint's signing secret",
  description:
    'Makes a new secret (shown this once); the previous one keeps signing beside it for `overlapMinutes`, so every delivery carries both signatures until the receiver has switched.',
  security: [{ bearer: [] }],
  request: { params, body: json(RotateSecretRequest) },
  responses: {
    200: { description: 'The new secret', content: { 'application/json': { schema: RotatedSecret } } },
    ...problems(400, 401, 403, 404, 409, 415),
  },
});

const enable = createRoute({
  method: 'post',
  path: '/endpoints/{endpointId}/enable',
  operationId: 'enableWebhookEndpoint',
  summary: 'Enable an endpoint again',
  description:
    'After it was disabled for failing. Messages that failed meanwhile stay in its delivery log: replay them.',
  security: [{ bearer: [] }],
  request: { params },
  responses: {
    200: { description: 'Enabled', content: { 'application/json': { schema: WebhookEndpointView } } },
    ...problems(400, 401, 403, 404, 409),
  },
});

const remove = createRoute({
  method: 'delete',
  path: '/endpoints/{endpointId}',
  operationId: 'deleteWebhookEndpoint',
  summary: 'Remove an endpoint',
  description: 'Nothing more is delivered to it. Its messages stay in the feed.',
  security: [{ bearer: [] }],
  request: { params },
  responses: {
    204: { description: 'Removed' },
    ...problems(400, 401, 403, 404),
  },
});

const deliveries = createRoute({
  method: 'get',
  path: '/endpoints/{endpointId}/deliveries',
  operationId: 'listWebhookDeliveries',
  summary: "An endpoint's delivery log",
  description: 'Newest first: each message with its attempts (time, the status answered, how long it took).',
  security: [{ bearer: [] }],
  request: {
    params,
    query: z.object({
      limit: z.coerce.number().int().min(1).max(100).default(50),
      cursor: z.string().max(2048).optional(),
    }),
  },
  responses: {
    200: { description: 'The log', content: { 'application/json': { schema: WebhookDeliveryListing } } },
    ...problems(400, 401, 403, 404),
  },
});

const replay = createRoute({
  method: 'post',
  path: '/endpoints/{endpointId}/deliveries/{deliveryId}/replay',
  operationId: 'replayWebhookDelivery',
  summary: 'Send a delivery again',
  description:
    'A fresh set of attempts with the same `webhook-id` (so a receiver that has it already can tell). 409 while the endpoint is disabled or the delivery is still being attempted.',
  security: [{ bearer: [] }],
  request: { params: z.object({ endpointId: EndpointId, deliveryId: DeliveryId }) },
  responses: {
    202: { description: 'Queued', content: { 'application/json': { schema: WebhookDeliveryView } } },
    ...problems(400, 401, 403, 404, 409),
  },
});

export const webhooks = new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
  .openapi(register, async (c) => {
    const guarded = await allowed(c);
    if (!guarded.ok) return guarded.response as never;
    const { principal } = guarded;
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
      return problem(c, 422, `The endpoint URL ${message}.`, { errors: [{ path: 'url', message }] }) as never;
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
        (s) => s.createdAt === endpoint.createdAt && (!s.expiresAt || Date.parse(s.expiresAt) > at.getTime()),
      );
      if (!endpoint || !first) {
        return problem(
          c,
          409,
          'The endpoint registered with this Idempotency-Key was removed or its secret rotated since; list your endpoints.',
        ) as never;
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
      return problem(
        c,
        409,
        'This URL is already registered; rotate its secret or list your endpoints.',
      ) as never;
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
        return problem(
          c,
          409,
          `An organisation may register at most ${MAX_ENDPOINTS_PER_ORGANISATION} endpoints.`,
        ) as never;
      }
      throw error;
    }
    return c.json({ ...endpointView(endpoint, at), secret }, 201, {
      Location: `/v1/webhooks/endpoints/${endpoint.id}`,
    });
  })
  .openapi(list, async (c) => {
    const guarded = await allowed(c);
    if (!guarded.ok) return guarded.response as never;
    const at = now();
    const items = await listEndpoints(guarded.principal.organisationId);
    return c.json({ items: items.map((e) => endpointView(e, at)) }, 200);
  })
  .openapi(rotate, async (c) => {
    const guarded = await allowed(c);
    if (!guarded.ok) return guarded.response as never;
    const endpoint = await getEndpoint(guarded.principal.organisationId, c.req.valid('param').endpointId);
    if (!endpoint) return notFound(c) as never;
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
    if (!(await replaceEndpoint(endpoint, rotated))) {
      return problem(c, 409, 'The endpoint changed meanwhile; try again.') as never;
    }
    return c.json({ secret, previousSecretExpiresAt }, 200);
  })
  .openapi(enable, async (c) => {
    const guarded = await allowed(c);
    if (!guarded.ok) return guarded.response as never;
    const endpoint = await getEndpoint(guarded.principal.organisationId, c.req.valid('param').endpointId);
    if (!endpoint) return notFound(c) as never;
    if (endpoint.state === 'enabled') return c.json(endpointView(endpoint, now()), 200);
    const { disabledAt: _at, disabledReason: _reason, ...rest } = endpoint;
    const enabled: WebhookEndpoint = { ...rest, state: 'enabled' };
    if (!(await replaceEndpoint(endpoint, enabled))) {
      return problem(c, 409, 'The endpoint changed meanwhile; try again.') as never;
    }
    return c.json(endpointView(enabled, now()), 200);
  })
  .openapi(remove, async (c) => {
    const guarded = await allowed(c);
    if (!guarded.ok) return guarded.response as never;
    const endpoint = await getEndpoint(guarded.principal.organisationId, c.req.valid('param').endpointId);
    if (!endpoint) return notFound(c) as never;
    await deleteEndpoint(endpoint.organisationId, endpoint.id);
    return c.body(null, 204);
  })
  .openapi(deliveries, async (c) => {
    const guarded = await allowed(c);
    if (!guarded.ok) return guarded.response as never;
    const endpoint = await getEndpoint(guarded.principal.organisationId, c.req.valid('param').endpointId);
    if (!endpoint) return notFound(c) as never;
    const { limit, cursor } = c.req.valid('query');
    try {
      const page = await listDeliveries(endpoint.id, { limit, ...(cursor ? { cursor } : {}) });
      return c.json({ items: page.items.map(deliveryView), nextCursor: page.nextCursor }, 200);
    } catch (error) {
      if (error instanceof InvalidCursor) return problem(c, 400, 'The cursor is not valid.') as never;
      throw error;
    }
  })
  .openapi(replay, async (c) => {
    const guarded = await allowed(c);
    if (!guarded.ok) return guarded.response as never;
    const { endpointId, deliveryId } = c.req.valid('param');
    const endpoint = await getEndpoint(guarded.principal.organisationId, endpointId);
    if (!endpoint) return notFound(c) as never;
    const delivery = await getDelivery(endpoint.id, deliveryId);
    if (!delivery) return problem(c, 404, 'No such delivery.') as never;
    if (endpoint.state !== 'enabled') {
      return problem(c, 409, 'The endpoint is disabled: enable it first.') as never;
    }
    if (delivery.status === 'pending' || delivery.status === 'retrying') {
      return problem(c, 409, 'The delivery is still being attempted.') as never;
    }
    if (!(await replayDelivery(delivery))) {
      return problem(c, 409, 'The delivery changed meanwhile; try again.') as never;
    }
    const queued = await getDelivery(endpoint.id, deliveryId);
    return c.json(deliveryView(queued ?? delivery), 202);
  });
