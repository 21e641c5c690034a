// The built-in OIDC issuer of local mode: a signing key, its JWKS, and tokens for the demo identities. The API
// verifies these exactly as it verifies Cognito's in AWS (packages/runtime/src/auth.ts).
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CLAIMS } from '@nrm/runtime';
import { exportJWK, generateKeyPair, importJWK, type JWK, type JWTPayload, SignJWT } from 'jose';
import type { DemoIdentity } from './identities';

export const LOCAL_AUDIENCE = 'nrm-api';
const ALG = 'ES256';

export interface LocalIssuer {
  readonly issuer: string;
  readonly audience: string;
  readonly jwks: { keys: JWK[] };
  tokenFor(identity: DemoIdentity, options?: { expiresInSeconds?: number }): Promise<string>;
  /** The ID token of the authorization-code flow: for the web's client, with the nonce it sent. */
  idTokenFor(identity: DemoIdentity, clientId: string, nonce: string | undefined): Promise<string>;
  /** Signs arbitrary claims with the issuer's key (tests use it to build tokens that must be refused). */
  sign(payload: JWTPayload, header?: { kid?: string }): Promise<string>;
}

async function loadOrCreateKey(dataDir: string | undefined): Promise<JWK> {
  const file = dataDir && join(dataDir, 'issuer-key.json');
  if (file && existsSync(file)) return JSON.parse(readFileSync(file, 'utf8')) as JWK;
  const { privateKey } = await generateKeyPair(ALG, { extractable: true });
  const jwk = {
    ...(await exportJWK(privateKey)),
    kid: `local-${Date.now().toString(36)}`,
    alg: ALG,
    use: 'sig',
  };
  if (file && dataDir) {
    mkdirSync(dataDir, { recursive: true });
    writeFileSync(file, JSON.stringify(jwk), { mode: 0o600 });
  }
  return jwk;
}

export async function createIssuer(issuer: string, dataDir?: string): Promise<LocalIssuer> {
  const privateJwk = await loadOrCreateKey(dataDir);
  const key = await importJWK(privateJwk, ALG);
  const { d: _private, ...publicJwk } = privateJwk;
  const sign: LocalIssuer['sign'] = (payload, header = {}) =>
    new SignJWT(payload)
      .setProtectedHeader({ alg: ALG, kid: header.kid ?? privateJwk.kid ?? 'local' })
      .sign(key);
  /** The registered claims every token of this issuer carries: who issued it, for whom, about whom, when. */
  const registered = (aud: string, sub: string, nowSeconds: number) => ({
    iss: issuer,
    aud,
    sub,
    iat: nowSeconds,
  });

  return {
    issuer,
    audience: LOCAL_AUDIENCE,
    jwks: { keys: [publicJwk] },
    sign,
    idTokenFor(identity, clientId, nonce) {
      const nowSeconds = Math.floor(Date.now() / 1000);
      return sign({
        ...registered(clientId, identity.id, nowSeconds),
        auth_time: nowSeconds,
        exp: nowSeconds + 60 * 60,
        token_use: 'id',
        name: identity.name,
        ...(nonce ? { nonce } : {}),
      });
    },
    tokenFor(identity, options = {}) {
      const nowSeconds = Math.floor(Date.now() / 1000);
      return sign({
        ...registered(LOCAL_AUDIENCE, identity.id, nowSeconds),
        nbf: nowSeconds,
        exp: nowSeconds + (options.expiresInSeconds ?? 8 * 60 * 60),
        token_use: 'access',
        scope: identity.scopes.join(' '),
        [CLAIMS.role]: identity.role,
        [CLAIMS.organisation]: identity.organisationId,
        [CLAIMS.organisationType]: identity.organisationType,
        ...(identity.region ? { [CLAIMS.region]: identity.region } : {}),
        [CLAIMS.kind]: identity.kind,
        name: identity.name,
      });
    },
  };
}
