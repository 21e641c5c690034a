// Sign-in through a hosted OAuth 2.0 / OpenID Connect sign-in page: the authorization-code flow with PKCE (S256),
// state and nonce, for a public client (no secret). In AWS the page is Cognito's managed login; locally the built-in
// issuer serves the same endpoints (packages/local/src/routes.ts), so this very code runs in both. The protocol is
// oauth4webapi's; this file only keeps the pending request in a sealed cookie and says what went wrong.
import { ALLOWED_ALGORITHMS } from '@nrm/runtime';
import type { Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import * as oauth from 'oauth4webapi';
import type { Sealer } from './crypto';

export interface HostedSignIn {
  /** The OpenID issuer of the ID tokens: the user pool (locally the built-in issuer). */
  readonly issuer: string;
  /** Base URL of the sign-in domain; `/oauth2/authorize`, `/oauth2/token` and `/logout` are below it (Cognito's paths). */
  readonly domain: string;
  /** The web's app client: public, authorization code with PKCE. */
  readonly clientId: string;
  /** Where the pages are served: the callback is `<origin>/auth/callback`, sign-out returns to `<origin>/sign-in`. */
  readonly origin: string;
  /** Space-separated scopes: `openid` and the API resource server's. */
  readonly scopes: string;
  /** Local mode only: the built-in issuer speaks plain HTTP on the loopback interface. */
  readonly allowHttp?: boolean;
}

export const START_PATH = '/auth/sign-in';
export const CALLBACK_PATH = '/auth/callback';
const PENDING_COOKIE = 'nrm_sign_in';
/** Long enough to type a password and a one-time code; a pending sign-in older than this is started again. */
const PENDING_SECONDS = 10 * 60;

/** What the callback needs to finish the request it started; sealed, so the browser can neither read nor change it. */
interface Pending {
  readonly state: string;
  readonly nonce: string;
  readonly verifier: string;
  readonly next: string;
  readonly exp: number;
}

export type SignInFailure = 'expired' | 'denied' | 'state' | 'exchange';

export type SignInResult =
  | { readonly ok: true; readonly accessToken: string; readonly name?: string; readonly next: string }
  | { readonly ok: false; readonly failure: SignInFailure; readonly next: string };

export interface HostedFlow {
  /** Starts a sign-in: remembers state, nonce and verifier in a cookie and gives the authorization URL. */
  start(c: Context, next: string): Promise<string>;
  /** Finishes it at the callback: checks the state, exchanges the code, validates the ID token's nonce. */
  finish(c: Context): Promise<SignInResult>;
  /** Cognito's /logout, which ends its own session and returns to the sign-in page. */
  signOutUrl(): string;
}

export function hostedFlow(hosted: HostedSignIn, sealer: Sealer, secure: boolean): HostedFlow {
  const server: oauth.AuthorizationServer = {
    issuer: hosted.issuer,
    authorization_endpoint: `${hosted.domain}/oauth2/authorize`,
    token_endpoint: `${hosted.domain}/oauth2/token`,
    id_token_signing_alg_values_supported: ALLOWED_ALGORITHMS,
  };
  const client: oauth.Client = { client_id: hosted.clientId };
  const redirectUri = `${hosted.origin}${CALLBACK_PATH}`;
  const http = hosted.allowHttp ? { [oauth.allowInsecureRequests]: true } : {};
  const cookieOptions = {
    httpOnly: true,
    secure,
    sameSite: 'Lax',
    // Only the callback reads it.
    path: CALLBACK_PATH,
  } as const;

  const readPending = (c: Context): Pending | undefined => {
    const raw = getCookie(c, PENDING_COOKIE);
    const opened = raw ? sealer.open(raw, PENDING_COOKIE) : undefined;
    if (!opened) return undefined;
    const pending = JSON.parse(opened) as Pending;
    return pending.exp > Date.now() / 1000 ? pending : undefined;
  };

  return {
    async start(c, next) {
      const pending: Pending = {
        state: oauth.generateRandomState(),
        nonce: oauth.generateRandomNonce(),
        verifier: oauth.generateRandomCodeVerifier(),
        next,
        exp: Math.floor(Date.now() / 1000) + PENDING_SECONDS,
      };
      setCookie(c, PENDING_COOKIE, sealer.seal(JSON.stringify(pending), PENDING_COOKIE), {
        ...cookieOptions,
        maxAge: PENDING_SECONDS,
      });
      const url = new URL(server.authorization_endpoint!);
      url.search = new URLSearchParams({
        response_type: 'code',
        client_id: hosted.clientId,
        redirect_uri: redirectUri,
        scope: hosted.scopes,
        state: pending.state,
        nonce: pending.nonce,
        code_challenge: await oauth.calculatePKCECodeChallenge(pending.verifier),
        code_challenge_method: 'S256',
      }).toString();
      return url.href;
    },

    async finish(c) {
      const pending = readPending(c);
      // One use: whatever happens next, this pending sign-in is spent.
      deleteCookie(c, PENDING_COOKIE, cookieOptions);
      if (!pending) return { ok: false, failure: 'expired', next: '/' };
      const fail = (failure: SignInFailure) => ({ ok: false, failure, next: pending.next }) as const;

      let parameters: URLSearchParams;
      try {
        parameters = oauth.validateAuthResponse(server, client, new URL(c.req.url), pending.state);
      } catch (error) {
        // The user cancelled or the sign-in service refused (error=…), or the state is not the one we sent.
        return fail(error instanceof oauth.AuthorizationResponseError ? 'denied' : 'state');
      }
      try {
        const response = await oauth.authorizationCodeGrantRequest(
          server,
          client,
          oauth.None(),
          parameters,
          redirectUri,
          pending.verifier,
          http,
        );
        const tokens = await oauth.processAuthorizationCodeResponse(server, client, response, {
          expectedNonce: pending.nonce,
          requireIdToken: true,
        });
        const claims = oauth.getValidatedIdTokenClaims(tokens);
        const name = [claims?.name, claims?.email].find((v): v is string => typeof v === 'string' && !!v);
        return { ok: true, accessToken: tokens.access_token, next: pending.next, ...(name ? { name } : {}) };
      } catch (error) {
        // The code was refused (used, expired, wrong verifier), the ID token did not match, or the service is down.
        console.error('Sign-in code exchange failed', error instanceof Error ? error.name : 'unknown');
        return fail('exchange');
      }
    },

    signOutUrl() {
      const url = new URL(`${hosted.domain}/logout`);
      url.search = new URLSearchParams({
        client_id: hosted.clientId,
        logout_uri: `${hosted.origin}/sign-in`,
      }).toString();
      return url.href;
    },
  };
}
