// Issue 4, what it must show 2 (through the running API): forged tokens are refused with 401. Tokens that are
// correctly signed but expired, not yet valid, or for another issuer or audience are covered against a real JWKS
// server in packages/runtime/test/auth.test.ts, where the test holds the signing key.
import { CLAIMS } from '@nrm/runtime';
import { generateKeyPair, SignJWT } from 'jose';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { apiClient } from '../support/http';

const { url } = inject('platform');
const api = apiClient(url);

const nowSeconds = () => Math.floor(Date.now() / 1000);
const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
let valid: string;

beforeAll(async () => {
  valid = await api.token('coordinator-syd');
});

function payloadOf(token: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString());
}

async function statusWith(token: string): Promise<number> {
  const res = await api.request('GET', '/v1/queues/syd:adult/referrals', {
    headers: { authorization: `Bearer ${token}` },
  });
  return res.status;
}

describe('token verification through the API', () => {
  it('accepts a token from the local issuer', async () => {
    expect(await statusWith(valid)).toBe(200);
  });

  it.each<[string, () => Promise<string>]>([
    [
      'signed with an unknown key (same kid)',
      async () => {
        const { privateKey } = await generateKeyPair('ES256');
        const { kid } = JSON.parse(Buffer.from(valid.split('.')[0]!, 'base64url').toString());
        return new SignJWT(payloadOf(valid)).setProtectedHeader({ alg: 'ES256', kid }).sign(privateKey);
      },
    ],
    ["signed with 'none'", async () => `${b64({ alg: 'none', typ: 'JWT' })}.${b64(payloadOf(valid))}.`],
    [
      'with a tampered payload (role raised to national coordinator)',
      async () => {
        const [header, , signature] = valid.split('.');
        const raised = {
          ...payloadOf(valid),
          [CLAIMS.role]: 'national-coordinator',
          exp: nowSeconds() + 600,
        };
        return `${header}.${b64(raised)}.${signature}`;
      },
    ],
    ['that is not a JWT', async () => 'not-a-token'],
  ])('refuses a token %s with 401', async (_label, make) => {
    expect(await statusWith(await make())).toBe(401);
  });

  it('refuses a request without a token, and a token in the URL is never read', async () => {
    expect((await api.request('GET', `/v1/queues/syd:adult/referrals?access_token=${valid}`)).status).toBe(
      401,
    );
  });
});
