// The one JWT verification path, for the local issuer and for Cognito alike: signature from the JWKS (fetched once
// per process and cached), issuer, audience, validity window and an algorithm allow-list. What the platform's claims
// mean (a Principal of the domain) is the API's business (packages/api/src/principal.ts): the runtime knows no
// domain.
import { createRemoteJWKSet, type JWTPayload, jwtVerify } from 'jose';
import { config } from './config';

export { CLAIMS } from './claims';

/** Only asymmetric algorithms: 'none' and HMAC (which would let a public key act as a secret) are refused. */
export const ALLOWED_ALGORITHMS = ['RS256', 'ES256'];

/** The longest an access token may live (Cognito's own maximum is one day). */
export const MAX_TOKEN_LIFETIME_SECONDS = 24 * 60 * 60;
const CLOCK_TOLERANCE_SECONDS = 5;

export class AuthenticationError extends Error {
  override readonly name = 'AuthenticationError';
}

let jwks: ReturnType<typeof createRemoteJWKSet> | undefined;

/** The verified payload of an access token, or AuthenticationError. */
export async function verifyAccessToken(token: string): Promise<JWTPayload> {
  const { jwt } = config();
  jwks ??= createRemoteJWKSet(new URL(jwt.jwksUrl), { cooldownDuration: 30_000, cacheMaxAge: 600_000 });
  let payload: JWTPayload;
  try {
    ({ payload } = await jwtVerify(token, jwks, {
      issuer: jwt.issuer,
      audience: jwt.audience,
      algorithms: ALLOWED_ALGORITHMS,
      clockTolerance: CLOCK_TOLERANCE_SECONDS,
      requiredClaims: ['exp', 'iat', 'sub'],
    }));
  } catch {
    throw new AuthenticationError('The access token is not valid.');
  }
  checkTokenUse(payload, Math.floor(Date.now() / 1000));
  return payload;
}

/**
 * Fails closed on what a signature does not prove: only access tokens (an ID token says who someone is, not what a
 * client may do), a lifetime of at most a day, and issued no later than now.
 */
export function checkTokenUse(payload: JWTPayload, nowSeconds: number): void {
  if (payload.token_use !== 'access') throw new AuthenticationError('Only access tokens are accepted.');
  const { iat, exp } = payload;
  if (typeof iat !== 'number' || typeof exp !== 'number') {
    throw new AuthenticationError('The access token is not valid.');
  }
  if (iat > nowSeconds + CLOCK_TOLERANCE_SECONDS)
    throw new AuthenticationError('The access token is not valid yet.');
  if (exp - iat > MAX_TOKEN_LIFETIME_SECONDS)
    throw new AuthenticationError('The access token lives too long.');
}
