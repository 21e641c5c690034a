// The one JWT verification path, for the local issuer and for Cognito alike: signature from the JWKS, issuer,
// audience, validity window and an algorithm allow-list; then the claims become a Principal.
import { ORGANISATION_TYPES, type OrganisationType, type Principal, REGIONS, ROLES } from '@nrm/domain';
import { createRemoteJWKSet, type JWTPayload, jwtVerify } from 'jose';
import { z } from 'zod';
import { config } from './config';

/** Only asymmetric algorithms: 'none' and HMAC (which would let a public key act as a secret) are refused. */
export const ALLOWED_ALGORITHMS = ['RS256', 'ES256'];

/**
 * Claim names of the platform. In AWS a Cognito pre-token-generation trigger adds the same claims to access tokens
 * of people (from groups and custom attributes) and of agency clients (from the client's registration).
 */
export const CLAIMS = {
  role: 'nrm:role',
  organisation: 'nrm:org',
  organisationType: 'nrm:org_type',
  region: 'nrm:region',
  kind: 'nrm:kind',
} as const;

const Claims = z.object({
  sub: z.string().min(1),
  scope: z.string().optional(),
  [CLAIMS.role]: z.enum(ROLES),
  [CLAIMS.organisation]: z.string().min(1),
  [CLAIMS.organisationType]: z.enum(ORGANISATION_TYPES),
  [CLAIMS.region]: z.enum(REGIONS).optional(),
  // Required: a token that does not say whether a person or a machine holds it would skip the write-scope check.
  [CLAIMS.kind]: z.enum(['person', 'client']),
});

/** The longest an access token may live (Cognito's own maximum is one day). */
export const MAX_TOKEN_LIFETIME_SECONDS = 24 * 60 * 60;
const CLOCK_TOLERANCE_SECONDS = 5;

export class AuthenticationError extends Error {
  override readonly name = 'AuthenticationError';
}

let jwks: ReturnType<typeof createRemoteJWKSet> | undefined;

export async function verifyToken(token: string): Promise<Principal> {
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
  return principalFromClaims(payload);
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

export function principalFromClaims(payload: JWTPayload): Principal {
  const parsed = Claims.safeParse(payload);
  if (!parsed.success) throw new AuthenticationError('The access token lacks the platform claims.');
  const claims = parsed.data;
  return {
    sub: claims.sub,
    role: claims[CLAIMS.role],
    organisationId: claims[CLAIMS.organisation],
    organisationType: claims[CLAIMS.organisationType] as OrganisationType,
    ...(claims[CLAIMS.region] ? { region: claims[CLAIMS.region] } : {}),
    scopes: claims.scope?.split(' ').filter(Boolean) ?? [],
    kind: claims[CLAIMS.kind],
  };
}
