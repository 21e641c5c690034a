// The session middleware: every web page gets its language (`?lang=` kept in a cookie), its session (a signed-in one
// only while its record holds), the API as its user, the page's context and the headers that keep pages private.
import { now } from '@nrm/runtime';
import type { MiddlewareHandler } from 'hono';
import { getCookie, setCookie } from 'hono/cookie';
import { type ApiApp, apiFor } from '../api';
import { LANGS, type Lang, translator } from '../i18n/messages';
import type { WebEnv } from '../routes/env';
import { newSession, type SessionCookies } from '../session';
import type { SessionStore } from '../sessions-store';

export const LANG_COOKIE = 'nrm_lang';
// Paths that belong to the API (or its local tools) in the same app: the web's middleware leaves them alone.
const NOT_WEB = /^\/(v1|local|health|docs|openapi\.json)(\/|$)/;
const CSP =
  "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

/** The middleware for the web's own paths only: the API's, mounted in the same app, pass by untouched. */
export const webOnly =
  (middleware: MiddlewareHandler<WebEnv>): MiddlewareHandler<WebEnv> =>
  (c, next) =>
    NOT_WEB.test(c.req.path) ? next() : middleware(c, next);

export interface PageOptions {
  readonly api: ApiApp;
  readonly cookies: SessionCookies;
  readonly sessions: SessionStore;
  readonly secureCookies: boolean;
  readonly localTools: boolean;
}

const isLang = (value: string | undefined): value is Lang =>
  value !== undefined && (LANGS as readonly string[]).includes(value);

export function pageContext(options: PageOptions): MiddlewareHandler<WebEnv> {
  const { cookies, sessions } = options;
  return async (c, next) => {
    const asked = c.req.query('lang');
    const kept = getCookie(c, LANG_COOKIE);
    let lang: Lang = isLang(kept) ? kept : 'sv';
    if (isLang(asked)) {
      lang = asked;
      setCookie(c, LANG_COOKIE, lang, {
        path: '/',
        sameSite: 'Lax',
        httpOnly: true,
        secure: options.secureCookies,
        maxAge: 365 * 86_400,
      });
    }
    let session = cookies.read(c);
    // A signed-in session holds only while its record does: signed out, idle too long or never recorded, it is over.
    if (session?.user && !(session.id && (await sessions.active(session.id, session.user.sub)))) {
      session = undefined;
    }
    if (!session) {
      session = newSession();
      cookies.write(c, session);
    }
    c.set('session', session);
    c.set('cookies', cookies);
    c.set('api', apiFor(options.api, session.token));
    c.set('page', {
      lang,
      t: translator(lang),
      ...(session.user ? { user: session.user } : {}),
      csrf: session.csrf,
      path: c.req.path,
      localTools: options.localTools,
      now: now(),
    });
    c.header('Content-Security-Policy', CSP);
    c.header('Referrer-Policy', 'no-referrer');
    // Pages carry personal data: no browser or proxy keeps them (the web also runs without the API's middleware).
    c.header('Cache-Control', 'no-store');
    await next();
  };
}
