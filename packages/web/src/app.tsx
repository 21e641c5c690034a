// The web pages as one Hono app over the API. Every page calls the API in process with the signed-in user's token,
// so what a user may see and do, and the audit of it, is decided by the API alone; the web only renders.
//
// Like the API's routes, each role's pages are a sub-app of their own (routes/*), with the role guard on each route
// (middleware/guard.ts); the middleware every web page passes — its session and language (middleware/page.ts), the
// form size limit and CSRF (middleware/forms.ts) — and the error page (middleware/errors.tsx) are set here, once.

import { Hono } from 'hono';
import type { ApiApp } from './api';
import { sealer } from './crypto';
import { type DraftStore, dynamoDraftStore } from './drafts-store';
import { type HostedSignIn, hostedFlow } from './hosted-sign-in';
import { onWebError } from './middleware/errors';
import { csrfToken, formLimit, sameOrigin } from './middleware/forms';
import { pageContext, webOnly } from './middleware/page';
import { notFound } from './routes/answers';
import { coordinatorRoutes } from './routes/coordinator';
import type { WebEnv } from './routes/env';
import { localToolRoutes } from './routes/local-tools';
import { nationalRoutes } from './routes/national';
import { receiverRoutes } from './routes/receiver';
import { referralFormRoutes } from './routes/referral-form';
import { referrerRoutes } from './routes/referrer';
import { servicesRoutes } from './routes/services';
import { type IdentityPicker, signInRoutes } from './routes/sign-in';
import { teamRoutes } from './routes/team';
import { sessionCookies } from './session';
import { dynamoSessionStore, type SessionStore } from './sessions-store';

export type { IdentityPicker } from './routes/sign-in';

export interface WebOptions {
  /** The API app, called in process. */
  readonly api: ApiApp;
  /** 32 bytes; sessions and drafts are sealed with keys derived from it. */
  readonly key: Uint8Array;
  /**
   * How people sign in: the hosted sign-in page (in AWS Cognito's; locally the built-in issuer's) through the
   * authorization-code flow with PKCE, and in local mode also the demo identity picker.
   */
  readonly signIn: { readonly picker?: IdentityPicker; readonly hosted?: HostedSignIn };
  /** Mark the language and sign-in cookies Secure (the session's always is); true whenever served over HTTPS. */
  readonly secureCookies?: boolean;
  /** Link the local tools (the notification outbox). */
  readonly localTools?: boolean;
  readonly drafts?: DraftStore;
  readonly sessions?: SessionStore;
}

export function createWebApp(options: WebOptions) {
  const secureCookies = options.secureCookies ?? false;
  const localTools = options.localTools ?? false;
  const cookies = sessionCookies(sealer(options.key, 'session'));
  const drafts = options.drafts ?? dynamoDraftStore(sealer(options.key, 'drafts'));
  const sessions = options.sessions ?? dynamoSessionStore();
  const hosted =
    options.signIn.hosted && hostedFlow(options.signIn.hosted, sealer(options.key, 'sign-in'), secureCookies);
  const web = new Hono<WebEnv>();

  // In this order, on the web's own paths: who and in what language, then (before anything reads a form) a larger
  // body refused unread, a cross-site post refused, and a post without the session's token refused.
  web.use('*', webOnly(pageContext({ api: options.api, cookies, sessions, secureCookies, localTools })));
  web.use('*', webOnly(formLimit));
  web.use('*', webOnly(sameOrigin(options.signIn.hosted?.origin)));
  web.use('*', webOnly(csrfToken));
  web.onError(onWebError);

  // Where two sub-apps answer the same path pattern the first mounted wins: the referral form's /referrals/new before
  // the case page's /referrals/:id, and taking a referral and the section forms before the case page's actions.
  web.route('/', signInRoutes({ picker: options.signIn.picker, hosted, sessions, drafts }));
  web.route('/', referralFormRoutes(drafts));
  web.route('/', referrerRoutes());
  web.route('/', teamRoutes());
  web.route('/', servicesRoutes());
  web.route('/', coordinatorRoutes());
  web.route('/', receiverRoutes());
  web.route('/', localToolRoutes(options.api, localTools));
  web.route('/', nationalRoutes());
  // A web path no page answers: the not-found page, in the person's language, not a bare 404 (the API's own paths,
  // mounted beside the web locally, keep their problem+json).
  web.all(
    '*',
    webOnly(async (c) => notFound(c)),
  );
  return web;
}
