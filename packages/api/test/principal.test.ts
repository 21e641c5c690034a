// The one JWT verification path (runtime's verifyAccessToken, then the claims as a Principal) against a real JWKS
// endpoint: signature, issuer, audience, validity window and the algorithm allow-list.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, type JWTPayload, SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

let server: Server;
let sign: (payload: JWTPayload, alg?: string) => Promise<string>;
let verifyToken: typeof import('../src/principal').verifyToken;
const ISSUER = 'https://issuer.test';
const AUDIENCE = 'nrm-api';

beforeAll(async () => {
  const { privateKey, publicKey } = await generateKeyPair('ES256');
  const jwk = { ...(await exportJWK(publicKey)), kid: 'k1', alg: 'ES256', use: 'sig' };
  server = createServer((_req, res) => {
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify({ keys: [jwk] }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  process.env.NRM_JWT_ISSUER = ISSUER;
  process.env.NRM_JWT_AUDIENCE = AUDIENCE;
  process.env.NRM_JWKS_URL = `http://127.0.0.1:${port}/jwks.json`;
  ({ verifyToken } = await import('../src/principal'));
  sign = (payload, alg = 'ES256') =>
    new SignJWT(payload).setProtectedHeader({ alg, kid: 'k1' }).sign(privateKey);
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const now = () => Math.floor(Date.now() / 1000);
const good = (): JWTPayload => ({
  iss: ISSUER,
  aud: AUDIENCE,
  sub: 'coordinator-syd',
  iat: now(),
  nbf: now(),
  exp: now() + 300,
  'nrm:role': 'regional-coordinator',
  'nrm:org': 'coordinator-office:syd:adult',
  'nrm:org_type': 'coordinator-office',
  'nrm:region': 'syd',
  'nrm:kind': 'person',
  token_use: 'access',
  scope: 'a b',
});

describe('verifyToken', () => {
  it('turns a valid token into a principal', async () => {
    await expect(verifyToken(await sign(good()))).resolves.toEqual({
      sub: 'coordinator-syd',
      role: 'regional-coordinator',
      organisationId: 'coordinator-office:syd:adult',
      organisationType: 'coordinator-office',
      region: 'syd',
      scopes: ['a', 'b'],
      kind: 'person',
    });
  });

  it.each<[string, Partial<JWTPayload>]>([
    ['expired', { exp: now() - 60 }],
    ['not yet valid', { nbf: now() + 3600 }],
    ['from another issuer', { iss: 'https://evil.example' }],
    ['for another audience', { aud: 'another-api' }],
    ['without the platform claims', { 'nrm:role': 'superuser' }],
    ['without an expiry', { exp: undefined }],
  ])('refuses a correctly signed token that is %s', async (_label, override) => {
    await expect(verifyToken(await sign({ ...good(), ...override }))).rejects.toThrow(/not valid|lacks/);
  });

  // Issue 15: claims fail closed (each of these was accepted before).
  it.each<[string, Partial<JWTPayload>, RegExp]>([
    ['without nrm:kind (it was taken for a person)', { 'nrm:kind': undefined }, /lacks/],
    ['an ID token', { token_use: 'id' }, /Only access tokens/],
    ['without token_use', { token_use: undefined }, /Only access tokens/],
    ['valid for a hundred years', { exp: now() + 100 * 365 * 86_400 }, /too long/],
    ['issued in the future', { iat: now() + 3600, nbf: now() - 10 }, /not valid yet/],
  ])('refuses a correctly signed token that is %s', async (_label, override, message) => {
    await expect(verifyToken(await sign({ ...good(), ...override }))).rejects.toThrow(message);
  });

  it("refuses alg 'none'", async () => {
    const b64 = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');
    await expect(verifyToken(`${b64({ alg: 'none' })}.${b64(good())}.`)).rejects.toThrow();
  });

  it('refuses a tampered payload', async () => {
    const [h, , s] = (await sign(good())).split('.');
    const forged = Buffer.from(JSON.stringify({ ...good(), 'nrm:role': 'national-coordinator' })).toString(
      'base64url',
    );
    await expect(verifyToken(`${h}.${forged}.${s}`)).rejects.toThrow();
  });
});
