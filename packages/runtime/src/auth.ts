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
  [CLAIMS.kind]: z.enum(['person', 'client']).default('person'),
});

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
      clockTolerance: 5,
      requiredClaims: ['exp', 'iat', 'sub'],
    }));
  } catch {
    throw new AuthenticationError('The access token is not valid.');
  }
  return principalFromClaims(payload);
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
