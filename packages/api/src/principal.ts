// What the platform's claims mean: a verified access token (runtime's verifyAccessToken) becomes a Principal of the
// domain, or the request is refused with AuthenticationError.
import {
  ORGANISATION_TYPES,
  type OrganisationType,
  type Principal,
  REGIONS,
  ROLES,
} from '@nrm/domain/vocabulary';
import { AuthenticationError, CLAIMS, verifyAccessToken } from '@nrm/runtime/auth';
import type { JWTPayload } from 'jose';
import * as z from 'zod';

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

export async function verifyToken(token: string): Promise<Principal> {
  return principalFromClaims(await verifyAccessToken(token));
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
