// Reading an event envelope back from an SQS message; anything that is not one is a poison message.
import type { EventEnvelope } from '@nrm/domain';
import { z } from 'zod';

const Envelope = z.looseObject({
  eventId: z.string().min(1),
  type: z.string().regex(/^[a-z-]+(\.[a-z-]+)+\.v\d+$/),
  referralId: z.string().min(1),
  seq: z.number().int().positive(),
  occurredAt: z.iso.datetime({ offset: true }),
  actor: z.looseObject({ sub: z.string() }),
  data: z.record(z.string(), z.unknown()),
});

export class PoisonMessage extends Error {
  override readonly name = 'PoisonMessage';
}

export function parseEnvelope(body: string): EventEnvelope {
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    throw new PoisonMessage('Message body is not JSON');
  }
  const parsed = Envelope.safeParse(json);
  if (!parsed.success) throw new PoisonMessage('Message body is not an event envelope');
  return parsed.data as unknown as EventEnvelope;
}
