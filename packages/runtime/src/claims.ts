// The names of the platform's claims in an access token: a leaf with no imports, so the Cognito trigger that writes
// them (infra/lib/identity) bundles nothing else, and the API, the web and the local issuer read the same names.

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
