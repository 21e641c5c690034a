// The local stand-in for Cognito's hosted sign-in: the authorization-code flow with PKCE at the same paths Cognito
// serves (/oauth2/authorize, /oauth2/token, /logout), so the web's sign-in code (packages/web/src/hosted-sign-in.ts)
// runs locally exactly as in AWS. The sign-in page picks a demo identity instead of asking for a password and MFA.
import { createHash, randomBytes } from 'node:crypto';
import { Hono } from 'hono';
import { DEMO_IDENTITIES, type DemoIdentity, findIdentity } from './identities';
import type { LocalIssuer } from './issuer';

/** The one app client of the local sign-in: the web pages of this platform. */
export interface LocalWebClient {
  readonly clientId: string;
  readonly redirectUri: string;
  readonly signOutUri: string;
}

interface IssuedCode {
  readonly identity: DemoIdentity;
  readonly redirectUri: string;
  readonly challenge: string;
  readonly nonce: string | undefined;
  readonly expires: number;
}

/** Cognito's authorization codes are valid for five minutes. */
const CODE_MS = 5 * 60_000;
const ACCESS_SECONDS = 60 * 60;
const PARAMETERS = [
  'response_type',
  'client_id',
  'redirect_uri',
  'scope',
  'state',
  'nonce',
  'code_challenge',
  'code_challenge_method',
] as const;

const html = (text: string) => text.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);

const s256 = (verifier: string) => createHash('sha256').update(verifier, 'ascii').digest('base64url');

function signInPage(parameters: Record<string, string>, people: readonly DemoIdentity[]): string {
  const hidden = Object.entries(parameters)
    .map(([name, value]) => `<input type="hidden" name="${html(name)}" value="${html(value)}">`)
    .join('');
  const options = people.map((p) => `<option value="${html(p.id)}">${html(p.name)}</option>`).join('');
  return `<!doctype html><html lang="sv"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Lokal inloggningstjänst</title></head><body><main>
<h1>Lokal inloggningstjänst</h1>
<p>Står i för Cognitos inloggningssida i lokalt läge: välj vem du loggar in som. (Local sign-in service: stands in for Cognito's hosted sign-in.)</p>
<form method="post" action="authorize">${hidden}
<p><label for="identity">Identitet</label><br><select id="identity" name="identity" required>${options}</select></p>
<p><button type="submit" name="action" value="allow">Logga in</button>
<button type="submit" name="action" value="deny">Avbryt</button></p>
</form></main></body></html>`;
}

export function oauthRoutes(issuer: LocalIssuer, client: LocalWebClient) {
  const codes = new Map<string, IssuedCode>();
  const people = DEMO_IDENTITIES.filter((i) => i.kind === 'person');

  /** Where an answer goes back to: only the registered callback, with the request's state. */
  const answer = (parameters: Record<string, string>, result: Record<string, string>) => {
    const url = new URL(client.redirectUri);
    for (const [k, v] of Object.entries(result)) url.searchParams.set(k, v);
    if (parameters.state) url.searchParams.set('state', parameters.state);
    return url.href;
  };
  /** An error in the request itself; a wrong client or callback is never redirected to (RFC 6749 §4.1.2.1). */
  const check = (parameters: Record<string, string>): string | { error: string } | undefined => {
    if (parameters.client_id !== client.clientId) return 'Unknown client_id.';
    if (parameters.redirect_uri !== client.redirectUri)
      return 'redirect_uri is not registered for this client.';
    if (parameters.response_type !== 'code') return { error: 'unsupported_response_type' };
    if (parameters.code_challenge_method !== 'S256' || !/^[\w-]{43}$/.test(parameters.code_challenge ?? '')) {
      return { error: 'invalid_request' };
    }
    return undefined;
  };
  const pick = (source: Record<string, unknown>) =>
    Object.fromEntries(
      PARAMETERS.flatMap((name) =>
        typeof source[name] === 'string' ? [[name, source[name] as string]] : [],
      ),
    );

  return new Hono()
    .get('/oauth2/authorize', (c) => {
      const parameters = pick(c.req.query());
      const problem = check(parameters);
      if (typeof problem === 'string') return c.text(problem, 400);
      if (problem) return c.redirect(answer(parameters, problem), 302);
      return c.html(signInPage(parameters, people));
    })
    .post('/oauth2/authorize', async (c) => {
      const form = await c.req.parseBody();
      const parameters = pick(form);
      const problem = check(parameters);
      if (typeof problem === 'string') return c.text(problem, 400);
      if (problem) return c.redirect(answer(parameters, problem), 302);
      const identity = findIdentity(String(form.identity ?? ''));
      if (form.action !== 'allow' || identity?.kind !== 'person') {
        return c.redirect(answer(parameters, { error: 'access_denied' }), 302);
      }
      const code = randomBytes(24).toString('base64url');
      codes.set(code, {
        identity,
        redirectUri: parameters.redirect_uri!,
        challenge: parameters.code_challenge!,
        nonce: parameters.nonce,
        expires: Date.now() + CODE_MS,
      });
      return c.redirect(answer(parameters, { code }), 302);
    })
    .post('/oauth2/token', async (c) => {
      const form = await c.req.parseBody();
      const refuse = (error: string, description: string) =>
        c.json({ error, error_description: description }, 400);
      if (form.grant_type !== 'authorization_code') {
        return refuse('unsupported_grant_type', 'Only authorization_code.');
      }
      if (form.client_id !== client.clientId) return refuse('invalid_client', 'Unknown client_id.');
      const code = typeof form.code === 'string' ? form.code : '';
      const issued = codes.get(code);
      // A code is used once, whatever the outcome.
      codes.delete(code);
      if (!issued || issued.expires < Date.now()) return refuse('invalid_grant', 'Unknown or used code.');
      if (form.redirect_uri !== issued.redirectUri) return refuse('invalid_grant', 'redirect_uri differs.');
      const verifier = typeof form.code_verifier === 'string' ? form.code_verifier : '';
      if (s256(verifier) !== issued.challenge) return refuse('invalid_grant', 'PKCE verification failed.');
      return c.json({
        access_token: await issuer.tokenFor(issued.identity, { expiresInSeconds: ACCESS_SECONDS }),
        id_token: await issuer.idTokenFor(issued.identity, client.clientId, issued.nonce),
        token_type: 'Bearer',
        expires_in: ACCESS_SECONDS,
      });
    })
    .get('/logout', (c) => {
      if (c.req.query('client_id') !== client.clientId || c.req.query('logout_uri') !== client.signOutUri) {
        return c.text('Unknown client_id or logout_uri.', 400);
      }
      return c.redirect(client.signOutUri, 302);
    });
}
