// Reading an event envelope back from an SQS message; anything that is not one is a poison message.
import type { EventEnvelope as Envelope } from '@nrm/domain';
import { EventEnvelope } from '@nrm/schemas/events';

export class PoisonMessage extends Error {
  override readonly name = 'PoisonMessage';
}

export function parseEnvelope(body: string): Envelope {
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    throw new PoisonMessage('Message body is not JSON');
  }
  const parsed = EventEnvelope.safeParse(json);
  if (!parsed.success) throw new PoisonMessage('Message body is not an event envelope');
  return parsed.data as unknown as Envelope;
}
