// Claim names of the platform, a module of their own so that the Cognito pre-token-generation trigger, which writes
// them (infra/lib/identity/claims.ts), bundles these names and not the JWT verification that reads them (auth.ts).

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
