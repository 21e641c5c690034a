// Sign-in and the session: the identity picker (local mode), the hosted sign-in's start and callback, sign-out, and
// the pages anyone may open (the start page, the accessibility statement, the style sheet and script).
import { type Context, Hono } from 'hono';
import { CASE_FILE_CSS, CSS, SCRIPT } from '../assets';
import type { DraftStore } from '../drafts-store';
import { CALLBACK_PATH, type HostedFlow, START_PATH } from '../hosted-sign-in';
import {
  AccessibilityPage,
  HomePage,
  type PickerIdentity,
  SignInFailedPage,
  SignInPage,
} from '../pages/general';
import { newSession, newSessionId, type User, userFromToken } from '../session';
import type { SessionStore } from '../sessions-store';
import { notFound, render } from './answers';
import type { WebEnv } from './env';
import { safeNext, str } from './form-data';

/** Local mode: choose a demo identity; the issuer signs a token for it. */
export interface IdentityPicker {
  readonly identities: readonly PickerIdentity[];
  tokenFor(identityId: string): Promise<string | undefined>;
}

export interface SignInRoutes {
  readonly picker: IdentityPicker | undefined;
  readonly hosted: HostedFlow | undefined;
  readonly sessions: SessionStore;
  readonly drafts: DraftStore;
}

export function signInRoutes({ picker, hosted, sessions, drafts }: SignInRoutes) {
  const web = new Hono<WebEnv>();
  const identities = picker ? { identities: picker.identities } : {};

  web.get('/assets/app.css', (c) =>
    c.body(CSS + CASE_FILE_CSS, 200, { 'Content-Type': 'text/css; charset=utf-8' }),
  );
  web.get('/assets/app.js', (c) => c.body(SCRIPT, 200, { 'Content-Type': 'text/javascript; charset=utf-8' }));
  web.get('/accessibility', (c) => render(c, <AccessibilityPage ctx={c.get('page')} />));

  web.get('/sign-in', (c) => {
    const next = safeNext(c.req.query('next'));
    const hostedUrl = hosted ? { hostedUrl: `${START_PATH}?next=${encodeURIComponent(next)}` } : {};
    return render(c, <SignInPage ctx={c.get('page')} {...identities} {...hostedUrl} next={next} />);
  });
  web.get(START_PATH, async (c) =>
    hosted ? c.redirect(await hosted.start(c, safeNext(c.req.query('next'))), 303) : notFound(c),
  );
  /** A fresh session (new CSRF token) on sign-in, so nothing from before carries over. */
  const begin = async (c: Context<WebEnv>, token: string, user: User, exp: number) => {
    const id = newSessionId();
    await sessions.start(id, user.sub, exp);
    c.get('cookies').write(c, { ...newSession(), id, token, user, exp });
  };
  web.get(CALLBACK_PATH, async (c) => {
    if (!hosted) return notFound(c);
    const result = await hosted.finish(c);
    const decoded = result.ok ? userFromToken(result.accessToken) : undefined;
    if (!result.ok || !decoded) {
      const failure = result.ok ? 'exchange' : result.failure;
      return render(c, <SignInFailedPage ctx={c.get('page')} failure={failure} next={result.next} />, 400);
    }
    // A fresh session, as the picker starts one. Cognito's access token has no name: the ID token's is shown.
    const user = { ...decoded.user, ...(result.name ? { name: result.name } : {}) };
    await begin(c, result.accessToken, user, decoded.exp);
    return c.redirect(safeNext(result.next), 303);
  });
  web.post('/sign-in', async (c) => {
    const form = await c.req.parseBody();
    const identity = str(form, 'identity');
    const token = identity && picker ? await picker.tokenFor(identity) : undefined;
    const decoded = token && userFromToken(token);
    const next = safeNext(str(form, 'next'));
    if (!token || !decoded) {
      return render(c, <SignInPage ctx={c.get('page')} {...identities} error next={next} />, 400);
    }
    await begin(c, token, decoded.user, decoded.exp);
    return c.redirect(next, 303);
  });
  web.post('/sign-out', async (c) => {
    // The record goes: the cookie, wherever a copy of it is, no longer opens a page.
    const { id } = c.get('session');
    if (id) await sessions.end(id);
    c.get('cookies').write(c, newSession());
    // The hosted sign-in keeps a session of its own; its logout ends that too and comes back to /sign-in.
    return c.redirect(hosted ? hosted.signOutUrl() : '/sign-in', 303);
  });

  web.get('/', async (c) => {
    const { user } = c.get('session');
    if (!user) return c.redirect('/sign-in', 303);
    const list = user.role === 'referrer' ? await drafts.list(user.sub) : [];
    return render(c, <HomePage ctx={c.get('page')} drafts={list} />);
  });
  return web;
}
