// /local/*: the issuer's discovery document and JWKS, the demo identities and token minting. Local mode only.
import { zValidator } from '@hono/zod-validator';
import { Hono } from 'hono';
import { z } from 'zod';
import { DEMO_IDENTITIES, findIdentity } from './identities';
import type { LocalIssuer } from './issuer';

export function localRoutes(issuer: LocalIssuer) {
  return new Hono()
    .get('/.well-known/openid-configuration', (c) =>
      c.json({
        issuer: issuer.issuer,
        jwks_uri: `${issuer.issuer}/jwks.json`,
        token_endpoint: `${issuer.issuer}/token`,
        id_token_signing_alg_values_supported: ['ES256'],
        grant_types_supported: ['client_credentials'],
      }),
    )
    .get('/jwks.json', (c) => c.json(issuer.jwks))
    .get('/identities', (c) =>
      c.json(
        DEMO_IDENTITIES.map((i) => ({
          id: i.id,
          name: i.name,
          role: i.role,
          organisationType: i.organisationType,
          organisationId: i.organisationId,
          ...(i.region ? { region: i.region } : {}),
          kind: i.kind,
        })),
      ),
    )
    .post(
      '/token',
      zValidator('json', z.strictObject({ identity: z.string().min(1).max(100) }), (result, c) => {
        if (!result.success) {
          return c.json({ error: 'invalid_request', error_description: 'Send { "identity": "<id>" }.' }, 400);
        }
      }),
      async (c) => {
        const identity = findIdentity(c.req.valid('json').identity);
        if (!identity)
          return c.json({ error: 'invalid_client', error_description: 'No such demo identity.' }, 400);
        const access_token = await issuer.tokenFor(identity);
        return c.json({ access_token, token_type: 'Bearer', expires_in: 8 * 60 * 60 });
      },
    );
}
