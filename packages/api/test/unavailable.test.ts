// Which failures the API answers with 503 + Retry-After (a dependency down or not answering in time) rather than 500.
import { describe, expect, it } from 'vitest';
import { isUnavailable } from '../src/unavailable';

const named = (name: string, extra: Record<string, unknown> = {}) =>
  Object.assign(new Error(name), { name, ...extra });

describe('isUnavailable', () => {
  it.each([
    ['a request timeout of the SDK (sent, no answer)', named('TimeoutError', { code: 'ETIMEDOUT' })],
    ['a connection timeout of the SDK', named('TimeoutError')],
    ['a refused connection', named('Error', { code: 'ECONNREFUSED' })],
    ['a reset connection', named('Error', { code: 'ECONNRESET' })],
    ['throttling', named('ThrottlingException')],
    ['a 5xx from the service', named('InternalServerError', { $metadata: { httpStatusCode: 500 } })],
    ['any 5xx status', named('SomethingNew', { $metadata: { httpStatusCode: 503 } })],
    ['a timeout wrapped as the cause', new Error('store failed', { cause: named('TimeoutError') })],
  ])('%s → 503', (_, error) => {
    expect(isUnavailable(error)).toBe(true);
  });

  it.each([
    ['a failed condition (a conflict, not an outage)', named('ConditionalCheckFailedException')],
    ['a bug', new TypeError('x is undefined')],
    ['a 4xx from the service', named('ValidationException', { $metadata: { httpStatusCode: 400 } })],
    ['not an error at all', 'TimeoutError'],
  ])('%s → not 503', (_, error) => {
    expect(isUnavailable(error)).toBe(false);
  });
});
