// The web's middleware, each deciding before any call to the API: the session and language (middleware/page.ts),
// the form size limit and CSRF (middleware/forms.ts), the role guard (middleware/guard.ts) and the error page. Real
// Hono apps answering `app.request()`: the whole web app where no signed-in session is needed, and for the role guard
// a small app whose first middleware puts a signed-in session in the context (a signed-in session is otherwise a
// record in DynamoDB, which this unit suite does not start; the integration and e2e suites sign in for real).
import { randomBytes } from 'node:crypto';
import type { Role } from '@nrm/domain';
import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { apiFor } from '../src/api';
import { createWebApp } from '../src/app';
import { sealer } from '../src/crypto';
import { translator } from '../src/i18n/messages';
import { onWebError } from '../src/middleware/errors';
import { MAX_FORM_BYTES } from '../src/middleware/forms';
import { signedIn } from '../src/middleware/guard';
import type { WebEnv } from '../src/routes/env';
import { newSession, SESSION_COOKIE, sessionCookies, type User } from '../src/session';

const sv = translator('sv');
const en = translator('en');
const ORIGIN = 'http://web.test';

/** The API must not be asked: every case here is decided before a page would call it. */
const noApi = {
  request(path: string): Response {
    throw new Error(`the API was called: ${path}`);
  },
};

const web = (localTools = false) =>
  createWebApp({
    api: noApi,
    key: randomBytes(32),
    localTools,
    signIn: { picker: { identities: [], tokenFor: async () => undefined } },
  });

/** The session cookie and CSRF token of a fresh visit to the sign-in page, as a browser gets them. */
async function visit(app: ReturnType<typeof web>) {
  const page = await app.request(`${ORIGIN}/sign-in`);
  const cookie = page.headers.get('set-cookie')?.match(new RegExp(`${SESSION_COOKIE}=[^;]+`))?.[0];
  const csrf = (await page.text()).match(/name="_csrf" value="([^"]+)"/)?.[1];
  if (!cookie || !csrf) throw new Error('the sign-in page gave no session or no CSRF token');
  return { cookie, csrf };
}

const post = (app: ReturnType<typeof web>, path: string, body: BodyInit, headers: Record<string, string>) =>
  app.request(`${ORIGIN}${path}`, {
    method: 'POST',
    body,
    headers: { origin: ORIGIN, 'content-type': 'application/x-www-form-urlencoded', ...headers },
  });

describe('the session middleware', () => {
  it('gives every page a session cookie and the headers that keep it private', async () => {
    const response = await web().request(`${ORIGIN}/sign-in`);
    expect(response.status).toBe(200);
    expect(response.headers.get('set-cookie')).toContain(`${SESSION_COOKIE}=`);
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(response.headers.get('referrer-policy')).toBe('no-referrer');
    expect(response.headers.get('content-security-policy')).toContain("default-src 'none'");
  });

  it('keeps the language asked for in a cookie', async () => {
    const app = web();
    const asked = await app.request(`${ORIGIN}/accessibility?lang=en`);
    expect(asked.headers.get('set-cookie')).toContain('nrm_lang=en');
    expect(await asked.text()).toContain('lang="en"');
    const kept = await app.request(`${ORIGIN}/accessibility`, { headers: { cookie: 'nrm_lang=en' } });
    expect(await kept.text()).toContain('lang="en"');
    const unknown = await app.request(`${ORIGIN}/accessibility?lang=xx`, {
      headers: { cookie: 'nrm_lang=de' },
    });
    expect(unknown.headers.get('set-cookie')).not.toContain('nrm_lang');
    expect(await unknown.text()).toContain('lang="sv"');
  });

  it("leaves the API's paths alone", async () => {
    const response = await post(web(), '/v1/referrals', 'x=1', { origin: 'https://elsewhere.example' });
    // Hono's own 404: neither the web's session nor its CSRF check touched it.
    expect(response.status).toBe(404);
    expect(response.headers.get('set-cookie')).toBeNull();
    expect(response.headers.get('content-security-policy')).toBeNull();
  });
});

describe('the form middleware', () => {
  it('refuses a post without the session’s token with the "form has expired" page', async () => {
    const app = web();
    const { cookie } = await visit(app);
    const response = await post(app, '/sign-in', 'identity=x', { cookie });
    expect(response.status).toBe(403);
    expect(await response.text()).toContain(sv('error.csrf.title'));
  });

  it('refuses a post with another session’s token', async () => {
    const app = web();
    const { cookie } = await visit(app);
    const other = await visit(app);
    const response = await post(app, '/sign-in', `identity=x&_csrf=${other.csrf}`, { cookie });
    expect(response.status).toBe(403);
    expect(await response.text()).toContain(sv('error.csrf.title'));
  });

  it('refuses a cross-site post, token or not, with the same page', async () => {
    const app = web();
    const { cookie, csrf } = await visit(app);
    const response = await post(app, '/sign-in', `identity=x&_csrf=${csrf}`, {
      cookie,
      origin: 'https://elsewhere.example',
    });
    expect(response.status).toBe(403);
    expect(await response.text()).toContain(sv('error.csrf.title'));
  });

  it('lets a post with the token and this origin through to its handler', async () => {
    const app = web();
    const { cookie, csrf } = await visit(app);
    const response = await post(app, '/sign-in', `identity=nobody&_csrf=${csrf}&next=%2Fqueues`, { cookie });
    // The picker knows no one by that name: the sign-in page again, with its error.
    expect(response.status).toBe(400);
    expect(await response.text()).toContain('value="/queues"');
  });

  it('refuses a body over the limit unread, and closes the connection', async () => {
    const app = web();
    const { cookie, csrf } = await visit(app);
    const body = `_csrf=${csrf}&text=${'a'.repeat(MAX_FORM_BYTES)}`;
    const response = await post(app, '/sign-in', body, { cookie });
    expect(response.status).toBe(413);
    expect(response.headers.get('connection')).toBe('close');
    expect(await response.text()).toContain(sv('error.tooLarge.title'));
  });
});

describe('the role guard in the web app', () => {
  it.each([
    '/queues',
    '/referrals/new',
    '/referrals/01J00000000000000000000000',
    '/handoffs',
    '/dashboard',
    '/reports/yearly.csv',
    '/mine',
    '/team/stockholm',
  ])('sends an unauthenticated visit to %s to sign in, and back there afterwards', async (path) => {
    const response = await web().request(`${ORIGIN}${path}`);
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe(`/sign-in?next=${encodeURIComponent(path)}`);
  });

  it('sends an unauthenticated form post to sign in once its token is checked', async () => {
    const app = web();
    const { cookie, csrf } = await visit(app);
    const response = await post(app, '/referrals/01J00000000000000000000000/notes', `_csrf=${csrf}&text=x`, {
      cookie,
    });
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe(
      `/sign-in?next=${encodeURIComponent('/referrals/01J00000000000000000000000/notes')}`,
    );
  });

  it('answers an unknown form step with the 404 page before asking anyone to sign in', async () => {
    const response = await web().request(`${ORIGIN}/drafts/01J00000000000000000000000/nonsense`);
    expect(response.status).toBe(404);
    expect(await response.text()).toContain(sv('error.notFound.title'));
  });

  it('answers a path no page has with the not-found page, in the language asked for', async () => {
    const response = await web().request(`${ORIGIN}/no-such-page?lang=en`);
    expect(response.status).toBe(404);
    expect(response.headers.get('content-type')).toContain('text/html');
    expect(await response.text()).toContain(en('error.notFound.title'));
  });

  it('shows the outbox only with the local tools', async () => {
    expect((await web(false).request(`${ORIGIN}/outbox`)).status).toBe(404);
  });
});

/** A signed-in session in the context, as the session middleware sets it from a live session's cookie. */
const as = (role: Role | undefined) => {
  const user: User | undefined = role && {
    sub: 'user-1',
    name: 'Test',
    role,
    organisationId: 'org-1',
    organisationType: role === 'receiver' ? 'shelter' : 'authority',
  };
  const app = new Hono<WebEnv>();
  app.use('*', async (c, next) => {
    const session = { ...newSession(), ...(user ? { user } : {}) };
    c.set('session', session);
    c.set('cookies', sessionCookies(sealer(randomBytes(32), 'session')));
    c.set('api', apiFor(noApi, undefined));
    c.set('page', {
      lang: 'en',
      t: en,
      csrf: session.csrf,
      path: c.req.path,
      localTools: false,
      now: new Date(),
    });
    await next();
  });
  app.onError(onWebError);
  app.get('/anyone', signedIn(), (c) => c.text(`hello ${c.get('user').role}`));
  app.get('/national', signedIn('national-coordinator'), (c) => c.text(`hello ${c.get('user').role}`));
  app.get('/coordinators', signedIn('regional-coordinator', 'child-coordinator'), (c) => c.text('queues'));
  return app;
};

describe('the role guard', () => {
  it('lets a signed-in user of the role through, with the user in the context', async () => {
    const response = await as('national-coordinator').request('/national');
    expect(response.status).toBe(200);
    expect(await response.text()).toBe('hello national-coordinator');
  });

  it('lets anyone signed in through where no role is named', async () => {
    expect(await (await as('receiver').request('/anyone')).text()).toBe('hello receiver');
  });

  it.each([
    ['regional-coordinator', '/national'],
    ['receiver', '/coordinators'],
    ['referrer', '/national'],
  ] as const)('answers a %s at %s with the "not allowed" page', async (role, path) => {
    const response = await as(role).request(path);
    expect(response.status).toBe(403);
    expect(await response.text()).toContain(en('error.forbidden.title'));
  });

  it('sends someone not signed in to sign in with a fresh session', async () => {
    const response = await as(undefined).request('/national?x=1');
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe('/sign-in?next=%2Fnational');
    expect(response.headers.get('set-cookie')).toContain(`${SESSION_COOKIE}=`);
  });
});

describe('the error page', () => {
  it('is the "something went wrong" page, with nothing of the error in it', async () => {
    const app = as('referrer');
    app.get('/fails', () => {
      throw new Error('secret detail');
    });
    const response = await app.request('/fails');
    expect(response.status).toBe(500);
    const text = await response.text();
    expect(text).toContain(en('error.server'));
    expect(text).not.toContain('secret detail');
  });
});
