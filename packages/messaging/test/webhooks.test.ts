// The webhook sender's own rules (issue 17): backoff with jitter within SQS's limit, which addresses may be called,
// and Standard Webhooks signatures (checked with the `standardwebhooks` verifier) with both secrets in an overlap.
import type { WebhookEndpoint } from '@nrm/store';
import { Webhook } from 'standardwebhooks';
import { describe, expect, it } from 'vitest';
import {
  addressAllowed,
  backoffSeconds,
  MAX_DELAY_SECONDS,
  postSigned,
  signedHeaders,
} from '../src/webhooks';

describe('backoffSeconds', () => {
  it('doubles from the base, between half and all of the step, never beyond 15 minutes', () => {
    for (const attempt of [1, 2, 3, 4, 5, 6, 7, 8, 12]) {
      const step = Math.min(MAX_DELAY_SECONDS, 30 * 2 ** (attempt - 1));
      expect(backoffSeconds(attempt, 30, () => 0)).toBe(Math.max(1, Math.ceil(step / 2)));
      expect(backoffSeconds(attempt, 30, () => 1)).toBe(step);
      expect(backoffSeconds(attempt, 30, Math.random)).toBeLessThanOrEqual(MAX_DELAY_SECONDS);
    }
  });
});

describe('addressAllowed', () => {
  it.each([
    ['93.184.216.34', false, true],
    ['2a00:1450:4010:c05::64', false, true],
    ['127.0.0.1', false, false],
    ['127.0.0.1', true, true],
    ['::1', true, true],
    ['10.0.0.1', true, false],
    ['172.16.5.4', false, false],
    ['192.168.1.1', false, false],
    ['169.254.169.254', true, false],
    ['100.64.0.1', false, false],
    ['0.0.0.0', true, false],
    ['fd00::1', false, false],
    ['fe80::1', false, false],
    ['::ffff:10.0.0.1', false, false],
    ['not-an-address', true, false],
  ] as const)('%s (loopback allowed: %s) → %s', (address, loopback, expected) => {
    expect(addressAllowed(address, loopback)).toBe(expected);
  });

  it('refuses a name that resolves to loopback when loopback is not allowed, at connect time', async () => {
    // `localhost` resolves to 127.0.0.1 / ::1: in production mode the call never leaves the process.
    const outcome = await postSigned('https://localhost:1/hook', {}, '{}', {
      timeoutMs: 1000,
      allowLoopback: false,
    });
    expect(outcome).toBe('refused-address');
  });
});

describe('signedHeaders', () => {
  const secret = (byte: number) => `whsec_${Buffer.alloc(32, byte).toString('base64')}`;
  const endpoint = (secrets: WebhookEndpoint['secrets']): WebhookEndpoint => ({
    id: '01J0000000000000000000000A',
    organisationId: 'police',
    url: 'https://agency.example.se/hook',
    eventTypes: ['referral.status-changed'],
    state: 'enabled',
    createdAt: '2026-11-30T00:00:00.000Z',
    createdBy: 'police-system',
    secrets,
  });
  const now = new Date();
  const body = JSON.stringify({ id: 'm1', type: 'referral.status-changed' });

  it('signs with every secret still in force, each verifiable on its own', () => {
    const headers = signedHeaders(
      endpoint([
        { secret: secret(2), createdAt: now.toISOString() },
        {
          secret: secret(1),
          createdAt: now.toISOString(),
          expiresAt: new Date(now.getTime() + 60_000).toISOString(),
        },
        {
          secret: secret(9),
          createdAt: now.toISOString(),
          expiresAt: new Date(now.getTime() - 1).toISOString(),
        },
      ]),
      'm1',
      body,
      now,
    );
    expect(headers['webhook-signature'].split(' ')).toHaveLength(2);
    expect(new Webhook(secret(1)).verify(body, headers)).toMatchObject({ id: 'm1' });
    expect(new Webhook(secret(2)).verify(body, headers)).toMatchObject({ id: 'm1' });
    expect(() => new Webhook(secret(9)).verify(body, headers)).toThrow();
    expect(() => new Webhook(secret(2)).verify(`${body} `, headers)).toThrow();
  });
});
