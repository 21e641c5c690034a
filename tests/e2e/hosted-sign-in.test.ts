import { describe, expect, it } from 'vitest';
import { newContext, screenshot, useBrowser } from './browser';

const { url, browser } = useBrowser();

/** A browser's cookie jar for plain HTTP requests: what the pages set is sent back. */
class Client {
  private readonly cookies = new Map<string, string>();

  async request(path: string, init: RequestInit = {}): Promise<Response> {
    const target = path.startsWith('http') ? path : `${url}${path}`;
    const response = await fetch(target, {
      ...init,
      redirect: 'manual',
      headers: {
        ...(init.headers as Record<string, string>),
        cookie: [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; '),
      },
    });
    for (const line of response.headers.getSetCookie()) {
      const [pair = ''] = line.split(';');
      const [name = '', value = ''] = pair.split('=');
      if (/max-age=0/i.test(line) || value === '') this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    return response;
  }

  /** Starts a sign-in and answers the local sign-in page: the callback URL the browser would be sent to. */
  async authorize(identity: string, action: 'allow' | 'deny' = 'allow'): Promise<URL> {
    const start = await this.request('/auth/sign-in?next=%2Fqueues');
    expect(start.status).toBe(303);
    const authorize = new URL(start.headers.get('location')!);
    const page = await this.request(authorize.href);
    expect(page.status).toBe(200);
    const form = new URLSearchParams(authorize.searchParams);
    form.set('identity', identity);
    form.set('action', action);
    const answered = await this.request(new URL('authorize', authorize).href, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: form.toString(),
    });
    expect(answered.status).toBe(302);
    return new URL(answered.headers.get('location')!);
  }
}

const text = (html: string) => html.replace(/<[^>]+>/g, ' ');

describe('the hosted sign-in (local issuer standing in for Cognito)', () => {
  it('signs a coordinator in through the sign-in page in a browser, and out again through the logout endpoint', async () => {
    const page = await (await newContext(browser)).newPage();
    await page.goto(`${url}/queues`);
    expect(new URL(page.url()).pathname).toBe('/sign-in');
    await Promise.all([
      page.waitForURL(/\/local\/oauth2\/authorize/),
      page.click('a[href^="/auth/sign-in"]'),
    ]);
    await screenshot(page, 'hosted-sign-in-local-issuer');
    await page.selectOption('#identity', 'coordinator-syd');
    await Promise.all([page.waitForURL(`${url}/queues`), page.click('button[value=allow]')]);
    expect(await page.textContent('.signed-in')).toContain('Regionkoordinator, region Syd');
    // The access token from the code exchange is what the API accepts.
    expect((await page.goto(`${url}/queues/syd:adult`))?.status()).toBe(200);

    await Promise.all([page.waitForURL(`${url}/sign-in`), page.click('form[action="/sign-out"] button')]);
    await page.goto(`${url}/queues`);
    expect(new URL(page.url()).pathname).toBe('/sign-in');
  });

  it('sends state, nonce and an S256 challenge, and keeps them sealed in a short-lived HttpOnly cookie', async () => {
    const client = new Client();
    const start = await client.request('/auth/sign-in?next=%2Fdashboard');
    expect(start.status).toBe(303);
    const authorize = new URL(start.headers.get('location')!);
    expect(authorize.origin + authorize.pathname).toBe(`${url}/local/oauth2/authorize`);
    const q = Object.fromEntries(authorize.searchParams);
    expect(q).toMatchObject({
      response_type: 'code',
      client_id: 'nrm-local-web',
      redirect_uri: `${url}/auth/callback`,
      scope: 'openid',
      code_challenge_method: 'S256',
    });
    expect(q.code_challenge).toMatch(/^[\w-]{43}$/);
    expect(q.state).toMatch(/^[\w-]{22,}$/);
    expect(q.nonce).toMatch(/^[\w-]{22,}$/);
    const cookie = start.headers.getSetCookie().find((c) => c.startsWith('nrm_sign_in='))!;
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    expect(cookie).toMatch(/Path=\/auth\/callback/i);
    expect(cookie).toMatch(/Max-Age=600/i);
    // Sealed: neither the state nor the verifier can be read from it.
    expect(cookie).not.toContain(q.state);
  });

  it('starts a fresh session with the access token and goes to the page asked for', async () => {
    const client = new Client();
    const callback = await client.authorize('national-coordinator');
    expect(callback.origin + callback.pathname).toBe(`${url}/auth/callback`);
    const done = await client.request(callback.pathname + callback.search);
    expect(done.status).toBe(303);
    expect(done.headers.get('location')).toBe('/queues');
    const dashboard = await client.request('/dashboard');
    expect(dashboard.status).toBe(200);
    expect(text(await dashboard.text())).toContain('Nationell samordnare');
  });

  it('refuses a callback whose state is not the one sent, and signs no one in', async () => {
    const client = new Client();
    const callback = await client.authorize('coordinator-syd');
    callback.searchParams.set('state', 'not-the-state-we-sent');
    const refused = await client.request(callback.pathname + callback.search);
    expect(refused.status).toBe(400);
    const body = await refused.text();
    expect(text(body)).toContain('Svaret från inloggningstjänsten hörde inte till den här inloggningen');
    expect(body).not.toMatch(/\bat .+:\d+:\d+/);
    expect((await client.request('/queues')).status).toBe(303);
  });

  it('says so when the user cancels at the sign-in page', async () => {
    const client = new Client();
    const callback = await client.authorize('coordinator-syd', 'deny');
    expect(callback.searchParams.get('error')).toBe('access_denied');
    const refused = await client.request(`${callback.pathname}${callback.search}&lang=en`);
    expect(refused.status).toBe(400);
    expect(text(await refused.text())).toContain(
      'The sign-in was cancelled or refused by the sign-in service.',
    );
  });

  it('says so when the code exchange fails (a code used twice), without a stack trace', async () => {
    const client = new Client();
    const first = await client.authorize('coordinator-syd');
    expect((await client.request(first.pathname + first.search)).status).toBe(303);
    // A new sign-in, answered with the spent code: the state matches, the token endpoint refuses the code.
    const second = await client.authorize('coordinator-syd');
    second.searchParams.set('code', first.searchParams.get('code')!);
    const refused = await client.request(second.pathname + second.search);
    expect(refused.status).toBe(400);
    const body = await refused.text();
    expect(text(body)).toContain('Inloggningstjänsten kunde inte bekräfta inloggningen');
    expect(body).not.toMatch(/\bat .+:\d+:\d+|invalid_grant/);
  });

  it('asks to start again when the callback comes without a pending sign-in', async () => {
    const refused = await new Client().request('/auth/callback?code=abc&state=def');
    expect(refused.status).toBe(400);
    expect(text(await refused.text())).toContain(
      'Inloggningen tog för lång tid eller startades i en annan flik',
    );
  });
});
