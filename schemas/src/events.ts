// The versioned event envelope every consumer receives (architecture.md): the event type carries its version
// (`handoff.accepted.v1`); a breaking change to an event's data is a new type (`.v2`), never an edit of the old one.
// zod/mini, not @hono/zod-openapi's extended zod: every consumer parses envelopes, and the extended zod puts the
// whole zod namespace, locales and all (some 450 KB), into each consumer's bundle; mini is the same engine in 25 KB.
import * as z from 'zod/mini';

export const EVENT_TYPE_PATTERN = /^[a-z][a-z-]*(\.[a-z][a-z-]*)+\.v\d+$/;

export const EventEnvelope = z.looseObject({
  eventId: z
    .string()
    .check(z.minLength(1), z.meta({ description: 'Unique per event; consumers are idempotent on it.' })),
  type: z.string().check(z.regex(EVENT_TYPE_PATTERN), z.meta({ example: 'referral.routed.v1' })),
  referralId: z.string().check(z.minLength(1)),
  seq: z.int().check(z.positive(), z.meta({ description: 'Position in the referral’s history, from 1.' })),
  occurredAt: z.iso.datetime({ offset: true }),
  actor: z.looseObject({
    sub: z.string(),
    role: z.optional(z.string()),
    organisationId: z.optional(z.string()),
    organisationType: z.optional(z.string()),
  }),
  data: z.record(z.string(), z.unknown()),
});
export type EventEnvelopeShape = z.infer<typeof EventEnvelope>;
