// The platform claims a Cognito access token must carry (packages/runtime/src/auth.ts reads them), derived from who
// signed in: a person from her one group and her admin-set attributes, an agency system from its registration.
import { WEBHOOKS_SCOPE, WRITE_SCOPE } from '@nrm/domain/access/policy';
import {
  ORGANISATION_TYPES,
  type OrganisationType,
  REGIONS,
  type Region,
  ROLES,
  type Role,
} from '@nrm/domain/vocabulary';
import { CLAIMS } from '@nrm/runtime/claims';

/**
 * Scopes of the resource server; Cognito writes them as `<audience>/<scope>`, the platform reads the bare name. An
 * agency system manages its organisation's webhook endpoints with `webhooks:manage` (issue 17).
 */
export const PLATFORM_SCOPES = [WRITE_SCOPE, 'referrals:read', WEBHOOKS_SCOPE] as const;

/** Custom attributes of a person; only an administrator can set them (app clients cannot write them). */
export const PERSON_ATTRIBUTES = {
  organisation: 'org',
  organisationType: 'org_type',
  region: 'region',
} as const;

export interface Registration {
  readonly organisation: string;
  readonly organisationType: OrganisationType;
  readonly role: Role;
  readonly region?: Region;
}

/** The part of Cognito's pre token generation event (V2/V3) that decides the claims. */
export interface PreTokenGenerationEvent {
  readonly triggerSource: string;
  readonly callerContext: { readonly clientId: string };
  readonly request: {
    readonly userAttributes?: Readonly<Record<string, string>>;
    readonly groupConfiguration?: { readonly groupsToOverride?: readonly string[] } | null;
    readonly scopes?: readonly string[];
  };
}

export interface TokenOverrides {
  readonly accessTokenGeneration: {
    readonly claimsToAddOrOverride: Record<string, string>;
    readonly scopesToAdd: string[];
  };
  readonly idTokenGeneration?: { readonly claimsToAddOrOverride: Record<string, string> };
}

export class ClaimsError extends Error {
  override readonly name = 'ClaimsError';
}

const CLIENT_CREDENTIALS = 'TokenGeneration_ClientCredentials';

function isOneOf<T extends string>(values: readonly T[], value: string | undefined): value is T {
  return value !== undefined && (values as readonly string[]).includes(value);
}

function personRegistration(event: PreTokenGenerationEvent): Registration {
  const roles = (event.request.groupConfiguration?.groupsToOverride ?? []).filter((g) => isOneOf(ROLES, g));
  if (roles.length !== 1)
    throw new ClaimsError(`A person must be in exactly one role group, not ${roles.length}`);
  const attributes = event.request.userAttributes ?? {};
  const organisation = attributes[`custom:${PERSON_ATTRIBUTES.organisation}`];
  const organisationType = attributes[`custom:${PERSON_ATTRIBUTES.organisationType}`];
  const region = attributes[`custom:${PERSON_ATTRIBUTES.region}`];
  if (!organisation) throw new ClaimsError('The person has no organisation');
  if (!isOneOf(ORGANISATION_TYPES, organisationType))
    throw new ClaimsError('The person has no organisation type');
  if (region === undefined || region === '')
    return { organisation, organisationType, role: roles[0] as Role };
  if (!isOneOf(REGIONS, region)) throw new ClaimsError('The person has an unknown region');
  return { organisation, organisationType, role: roles[0] as Role, region };
}

/**
 * What to add to the tokens. Throws (and Cognito then issues no token) when the caller cannot be mapped to a
 * complete platform identity: a token without these claims would be refused by the API anyway.
 */
export function tokenOverrides(
  event: PreTokenGenerationEvent,
  registry: ReadonlyMap<string, Registration>,
  audience: string,
): TokenOverrides {
  const isClient = event.triggerSource === CLIENT_CREDENTIALS;
  const registration = isClient ? registry.get(event.callerContext.clientId) : personRegistration(event);
  if (!registration) throw new ClaimsError('The app client is not a registered agency system');

  const claims: Record<string, string> = {
    [CLAIMS.role]: registration.role,
    [CLAIMS.organisation]: registration.organisation,
    [CLAIMS.organisationType]: registration.organisationType,
    [CLAIMS.kind]: isClient ? 'client' : 'person',
    ...(registration.region ? { [CLAIMS.region]: registration.region } : {}),
  };
  const prefix = `${audience}/`;
  const scopesToAdd = (event.request.scopes ?? [])
    .filter((s) => s.startsWith(prefix))
    .map((s) => s.slice(prefix.length))
    .filter((s) => isOneOf(PLATFORM_SCOPES, s));

  // Cognito access tokens carry no audience of their own; the API verifies `aud` like any OIDC issuer's.
  return {
    accessTokenGeneration: { claimsToAddOrOverride: { aud: audience, ...claims }, scopesToAdd },
    ...(isClient ? {} : { idTokenGeneration: { claimsToAddOrOverride: claims } }),
  };
}

/** The registry as infra writes it into the trigger's environment: `[[clientId, registration], …]`. */
export function parseRegistry(json: string | undefined): Map<string, Registration> {
  const entries = JSON.parse(json ?? '[]') as unknown;
  if (!Array.isArray(entries)) throw new ClaimsError('The agency client registry is not a list');
  const registry = new Map<string, Registration>();
  for (const entry of entries) {
    const [clientId, registration] = entry as [string, Registration];
    if (
      typeof clientId !== 'string' ||
      !registration?.organisation ||
      !isOneOf(ORGANISATION_TYPES, registration.organisationType) ||
      !isOneOf(ROLES, registration.role) ||
      (registration.region !== undefined && !isOneOf(REGIONS, registration.region))
    ) {
      throw new ClaimsError('The agency client registry has an invalid entry');
    }
    registry.set(clientId, registration);
  }
  return registry;
}
