// The versioned event envelope every consumer receives (architecture.md): the event type carries its version
// (`handoff.accepted.v1`); a breaking change to an event's data is a new type (`.v2`), never an edit of the old one.
import { z } from '@hono/zod-openapi';

export const EVENT_TYPE_PATTERN = /^[a-z][a-z-]*(\.[a-z][a-z-]*)+\.v\d+$/;

export const EventEnvelope = z
  .looseObject({
    eventId: z.string().min(1).openapi({ description: 'Unique per event; consumers are idempotent on it.' }),
    type: z.string().regex(EVENT_TYPE_PATTERN).openapi({ example: 'referral.routed.v1' }),
    referralId: z.string().min(1),
    seq: z.number().int().positive().openapi({ description: 'Position in the referral’s history, from 1.' }),
    occurredAt: z.iso.datetime({ offset: true }),
    actor: z.looseObject({
      sub: z.string(),
      role: z.string().optional(),
      organisationId: z.string().optional(),
      organisationType: z.string().optional(),
    }),
    data: z.record(z.string(), z.unknown()),
  })
  .openapi('EventEnvelope');
export type EventEnvelopeShape = z.infer<typeof EventEnvelope>;
