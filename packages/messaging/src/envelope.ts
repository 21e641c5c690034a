// Reading an event envelope back from an SQS message; anything that is not one is a poison message.
import type { EventEnvelope as Envelope } from '@nrm/domain';
import { EventEnvelope } from '@nrm/schemas/events';

export class PoisonMessage extends Error {
  override readonly name = 'PoisonMessage';
}

/** A message body as the schema reads it; a body that is not JSON, or not what the schema says, is poison. */
export function parseMessage<T>(
  body: string,
  schema: { safeParse(value: unknown): { success: true; data: T } | { success: false } },
  what: string,
): T {
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    throw new PoisonMessage('Message body is not JSON');
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) throw new PoisonMessage(`Message body is not ${what}`);
  return parsed.data;
}

/** A message body's JSON, or undefined when it is not JSON: for a queue whose messages are of more than one kind. */
export function jsonOrUndefined(body: string): unknown {
  try {
    return JSON.parse(body);
  } catch {
    return undefined;
  }
}

export function parseEnvelope(body: string): Envelope {
  return parseMessage(body, EventEnvelope, 'an event envelope') as unknown as Envelope;
}
