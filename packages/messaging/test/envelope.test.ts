// Reading SQS message bodies: a body that is not JSON, or not the message the queue carries, is a poison message
// (the consumer sends it to the dead-letter queue instead of retrying it).
import { describe, expect, it } from 'vitest';
import { parseDueTimer } from '../src/due-timers';
import { PoisonMessage, parseEnvelope } from '../src/envelope';

const TIMER = {
  referralId: 'R1',
  clockId: 'acknowledge-1',
  action: 'warn',
  step: 0,
  dueAt: '2026-03-10T12:00:00Z',
};

describe('message bodies', () => {
  it('reads a due timer', () => {
    expect(parseDueTimer(JSON.stringify(TIMER))).toEqual(TIMER);
  });

  it.each([
    ['not JSON', '{"referralId":', 'Message body is not JSON'],
    ['a timer with an unknown action', JSON.stringify({ ...TIMER, action: 'snooze' }), 'not a due timer'],
    ['a timer with a field more', JSON.stringify({ ...TIMER, name: 'x' }), 'not a due timer'],
  ])('refuses %s as a poison message', (_, body, message) => {
    expect(() => parseDueTimer(body)).toThrow(PoisonMessage);
    expect(() => parseDueTimer(body)).toThrow(message);
  });

  it('refuses an event envelope that is not JSON or not an envelope', () => {
    expect(() => parseEnvelope('<xml/>')).toThrow('Message body is not JSON');
    expect(() => parseEnvelope(JSON.stringify(TIMER))).toThrow('Message body is not an event envelope');
  });
});
