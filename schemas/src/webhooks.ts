// Webhook endpoints, their delivery log and the event feed (issue 17). A message is the same object on both: ids, the
// reference, the type, the time and the status the recipient may see — never personal data.

import { WEBHOOK_EVENT_TYPES } from '@nrm/domain';
import { page } from './shapes';
import * as z from './zod';

export const WebhookEventType = z.enum(WEBHOOK_EVENT_TYPES).openapi('WebhookEventType', {
  description:
    "referral.status-changed: the referrer's status of its referral; handoff.offered / revoked / expired: an offer to the receiving organisation; queue.arrived / clock.breached: a coordinator office's queue.",
});

export const WebhookMessage = z
  .object({
    id: z.string().openapi({ description: 'Unique per message and recipient; the `webhook-id` header.' }),
    type: WebhookEventType,
    occurredAt: z.string(),
    referralId: z.string(),
    reference: z.string(),
    status: z.string().openapi({ description: 'The status this recipient may see.' }),
    handoffId: z.string().optional(),
    queue: z.string().optional(),
    clockKind: z.string().optional(),
    supportReceived: z.enum(['yes', 'no', 'not-yet']).optional().openapi({
      description:
        "In the referrer's status changes: whether the person received support, as its status view says.",
    }),
  })
  .openapi('WebhookMessage', {
    description:
      'What happened, purpose-limited: fetch the referral with your own token for what your organisation may read.',
  });

export const MAX_ENDPOINT_URL_LENGTH = 2048;

export const WebhookEndpointRequest = z
  .strictObject({
    url: z.string().max(MAX_ENDPOINT_URL_LENGTH).openapi({
      description:
        'https only (plain http to a loopback address in local mode); no credentials, no private address.',
      example: 'https://agency.example.se/nrm/webhooks',
    }),
    eventTypes: z
      .array(WebhookEventType)
      .min(1)
      .max(WEBHOOK_EVENT_TYPES.length)
      .refine((types) => new Set(types).size === types.length, { error: 'each event type once' }),
  })
  .openapi('WebhookEndpointRequest');

export const WebhookEndpointView = z
  .object({
    id: z.string(),
    url: z.string(),
    eventTypes: z.array(WebhookEventType),
    state: z.enum(['enabled', 'disabled']),
    disabledReason: z.enum(['failing']).optional(),
    disabledAt: z.string().optional(),
    createdAt: z.string(),
    secretCount: z
      .number()
      .int()
      .openapi({ description: 'Secrets signing now: 2 during a rotation’s overlap.' }),
  })
  .openapi('WebhookEndpoint');

export const WebhookEndpointCreated = WebhookEndpointView.extend({
  secret: z.string().openapi({
    description: 'The signing secret (`whsec_…`), shown this once: keep it; it is never shown again.',
  }),
}).openapi('WebhookEndpointCreated');

export const WebhookEndpointListing = z
  .object({ items: z.array(WebhookEndpointView) })
  .openapi('WebhookEndpointListing');

export const RotateSecretRequest = z
  .strictObject({
    overlapMinutes: z.number().int().min(0).max(10_080).default(1440).openapi({
      description:
        'How long the previous secret keeps signing beside the new one (both signatures are sent).',
    }),
  })
  .openapi('RotateSecretRequest');

export const RotatedSecret = z
  .object({
    secret: z.string().openapi({ description: 'The new signing secret, shown this once.' }),
    previousSecretExpiresAt: z.string(),
  })
  .openapi('RotatedSecret');

export const WebhookDeliveryView = z
  .object({
    id: z.string().openapi({ description: 'The message id (`webhook-id`).' }),
    status: z.enum(['pending', 'retrying', 'delivered', 'failed']),
    attempts: z.number().int(),
    replays: z.number().int(),
    createdAt: z.string(),
    deliveredAt: z.string().optional(),
    nextAttemptAt: z.string().optional(),
    attemptLog: z.array(
      z.object({
        at: z.string(),
        outcome: z.union([z.number().int(), z.string()]).openapi({
          description:
            'The HTTP status answered, or `timeout`, `network`, `refused-address`, `endpoint-disabled`.',
        }),
        ms: z.number().int(),
      }),
    ),
    message: WebhookMessage,
  })
  .openapi('WebhookDelivery');

export const WebhookDeliveryListing = z.object(page(WebhookDeliveryView)).openapi('WebhookDeliveryListing');

export const FeedPage = z
  .object({
    items: z.array(WebhookMessage),
    nextCursor: z.string().nullable().openapi({
      description:
        'Pass as `after` to read on (null while the feed is empty); the same cursor again returns only what happened since.',
    }),
  })
  .openapi('FeedPage');
