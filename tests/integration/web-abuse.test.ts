// Issue 15, the web's part of the red team's findings: sign-out ended nothing (a copied cookie kept working), hostile
// input was answered 500, an 8 MB form was read, and one user stored 60 drafts of 250 KB in 10 s. Each test is
// named for its finding and drives the web over HTTP, as a browser (or a script with a copied cookie) would.
import {
  ScanCommand,
  type ScanCommandInput,
  type ScanCommandOutput,
  UpdateItemCommand,
} from '@aws-sdk/client-dynamodb';
import { describe, expect, inject, it } from 'vitest';
import { dynamoClient } from '../support/aws';
import { adultReferral } from '../support/fixtures';
import { apiClient } from '../support/http';
import { submitRouted } from '../support/referral-flow';

const platform = inject('platform');
const { url } = platform;
const dynamo = dynamoClient(platform);

/** Every item of the shared referrals table the filter keeps: a scan is paged (1 MB a page), so read every page. */
async function scanReferrals(input: Omit<ScanCommandInput, 'TableName' | 'ExclusiveStartKey'>) {
  const items: NonNullable<ScanCommandOutput['Items']> = [];
  let ExclusiveStartKey: ScanCommandOutput['LastEvaluatedKey'];
  do {
    const page = await dynamo.send(
      new ScanCommand({ ...input, TableName: `${platform.tablePrefix}referrals`, ExclusiveStartKey }),
    );
    items.push(...(page.Items ?? []));
    ExclusiveStartKey = page.LastEvaluatedKey;
  } while (ExclusiveStartKey);
  return { Items: items };
}
const api = apiClient(url);

/** One browser: its cookies, and the CSRF token of the last page it read. */
function browser() {
  const jar = new Map<string, string>();
  let csrf = '';
  const cookie = () => [...jar].map(([k, v]) => `${k}=${v}`).join('; ');
  async function send(path: string, init: RequestInit = {}): Promise<Response> {
    const res = await fetch(`${url}${path}`, {
      ...init,
      redirect: 'manual',
      headers: { Origin: url, ...(init.headers as Record<string, string>), Cookie: cookie() },
    });
    for (const set of res.headers.getSetCookie()) {
      const [pair] = set.split(';');
      const at = pair!.indexOf('=');
      jar.set(pair!.slice(0, at), pair!.slice(at + 1));
    }
    const type = res.headers.get('content-type') ?? '';
    if (type.includes('text/html')) {
      const html = await res.clone().text();
      csrf = /name="_csrf" value="([^"]+)"/.exec(html)?.[1] ?? csrf;
    }
    return res;
  }
  const form = (fields: Record<string, string | string[]>) => {
    const body = new URLSearchParams({ _csrf: csrf });
    for (const [k, v] of Object.entries(fields)) for (const one of [v].flat()) body.append(k, one);
    return body;
  };
  return {
    get: (path: string) => send(path),
    post: (
      path: string,
      fields: Record<string, string | string[]> = {},
      headers: Record<string, string> = {},
    ) => send(path, { method: 'POST', body: form(fields), headers }),
    cookies: () => new Map(jar),
    useCookies: (cookies: Map<string, string>) => {
      jar.clear();
      for (const [k, v] of cookies) jar.set(k, v);
    },
    async signIn(identity: string) {
      await send('/sign-in');
      const res = await send('/sign-in', { method: 'POST', body: form({ identity, next: '/' }) });
      expect(res.status).toBe(303);
      await send('/');
    },
  };
}

const signedIn = async (identity: string) => {
  const b = browser();
  await b.signIn(identity);
  return b;
};

/** The draft the browser is on, from the redirect of `POST /referrals/new`. */
const newDraft = async (b: ReturnType<typeof browser>) => {
  const res = await b.post('/referrals/new');
  expect(res.status).toBe(303);
  const id = /\/drafts\/([0-9a-f-]{36})\//.exec(res.headers.get('location') ?? '')?.[1];
  expect(id).toBeDefined();
  return id!;
};

describe('sessions', () => {
  it('web sign-out ends the session: a copied cookie gets the sign-in page', async () => {
    const b = await signedIn('coordinator-syd');
    expect((await b.get('/queues')).status).toBe(200);
    const copied = b.cookies();
    expect((await b.post('/sign-out')).status).toBe(303);

    const thief = browser();
    thief.useCookies(copied);
    const res = await thief.get('/queues');
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toMatch(/^\/sign-in/);
  });

  it('the session cookie is __Host-: Secure, Path=/, no Domain, HttpOnly', async () => {
    const res = await fetch(`${url}/sign-in`);
    const cookie = res.headers.getSetCookie().find((c) => c.startsWith('__Host-nrm_session='));
    expect(cookie).toBeDefined();
    expect(cookie).toMatch(/; Secure/);
    expect(cookie).toMatch(/; Path=\/(;|$)/);
    expect(cookie).toMatch(/; HttpOnly/);
    expect(cookie).not.toMatch(/; Domain=/i);
  });

  it('a session idle for 30 minutes is over: the next page is the sign-in page', async () => {
    const b = await signedIn('coordinator-vast');
    expect((await b.get('/queues')).status).toBe(200);
    // The session's last page was 31 minutes ago.
    const { Items } = await scanReferrals({
      FilterExpression: 'begins_with(pk, :p) AND #sub = :sub',
      ExpressionAttributeNames: { '#sub': 'sub' },
      ExpressionAttributeValues: { ':p': { S: 'WEBSESSION#' }, ':sub': { S: 'coordinator-vast' } },
    });
    expect(Items.length).toBeGreaterThan(0);
    for (const item of Items)
      await dynamo.send(
        new UpdateItemCommand({
          TableName: `${platform.tablePrefix}referrals`,
          Key: { pk: item.pk!, sk: item.sk! },
          UpdateExpression: 'SET lastSeenAt = :at',
          ExpressionAttributeValues: { ':at': { N: String(Math.floor(Date.now() / 1000) - 31 * 60) } },
        }),
      );
    const res = await b.get('/queues');
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toMatch(/^\/sign-in/);
  });
});

describe('hostile input is answered 4xx, never 500', () => {
  it('a cross-origin POST /sign-in is refused with 403', async () => {
    const b = browser();
    await b.get('/sign-in');
    const res = await b.post('/sign-in', { identity: 'coordinator-syd' }, { Origin: 'https://evil.example' });
    expect(res.status).toBe(403);
    expect(await res.text()).toContain('<h1>');
  });

  it('?done=toString (or any name of a plain object) on a referral page is no confirmation', async () => {
    const { id } = await submitRouted(api, adultReferral({ location: { municipalityCode: '2180' } }));
    const b = await signedIn('coordinator-mitt');
    for (const done of ['toString', 'constructor', '__proto__', 'hasOwnProperty', 'valueOf']) {
      const res = await b.get(`/referrals/${id}?done=${done}`);
      expect(res.status, done).toBe(200);
    }
  });

  it.each(['valueOf', 'toString', 'constructor', '__proto__'])(
    'POST /referrals/{id}/%s is 404',
    async (action) => {
      const b = await signedIn('coordinator-syd');
      const res = await b.post(`/referrals/00000000-0000-4000-8000-000000000000/${action}`);
      expect(res.status).toBe(404);
    },
  );

  it('the review page of a draft with an invalid citizenship shows the errors', async () => {
    const b = await signedIn('cso-stodgruppen');
    const id = await newDraft(b);
    await b.get(`/drafts/${id}/person`);
    const person = await b.post(`/drafts/${id}/person`, { action: 'save', citizenship1: 'ZZ!' });
    expect(person.status).toBe(303);
    await b.get(`/drafts/${id}/where`);
    const where = await b.post(`/drafts/${id}/where`, {
      action: 'save',
      locationKind: 'abroad',
      abroad: 'not a country',
      exploitationLocationKind: 'abroad',
      exploitationAbroad: 'toString',
    });
    expect(where.status).toBe(303);
    const review = await b.get(`/drafts/${id}/review`);
    expect(review.status).toBe(200);
    expect(await review.text()).toContain('not a country');
    const sent = await b.post(`/drafts/${id}/submit`);
    expect(sent.status).toBe(400);
  });
});

describe('bounded forms', () => {
  it('an 8 MB form is refused with 413 unread', async () => {
    const b = await signedIn('cso-stodgruppen');
    const id = await newDraft(b);
    await b.get(`/drafts/${id}/narrative`);
    const res = await b.post(`/drafts/${id}/narrative`, { narrative: 'x'.repeat(8 * 1024 * 1024) });
    expect(res.status).toBe(413);
  });

  it('a field longer than it may be is refused with the field error, and not stored', async () => {
    const b = await signedIn('cso-stodgruppen');
    const id = await newDraft(b);
    await b.get(`/drafts/${id}/person`);
    const res = await b.post(`/drafts/${id}/person`, { action: 'save', alias: 'x'.repeat(5000) });
    expect(res.status).toBe(400);
    expect(await res.text()).toContain('200');
    const page = await (await b.get(`/drafts/${id}/person`)).text();
    expect(page).not.toContain('x'.repeat(201));
  });
});

describe('draft writes', () => {
  it('saving drafts faster than a person types is answered 429 with Retry-After', async () => {
    const b = await signedIn('socialtjanst-malmo-handlaggare');
    const id = await newDraft(b);
    await b.get(`/drafts/${id}/narrative`);
    const statuses: number[] = [];
    let retryAfter: string | null = null;
    for (let i = 0; i < 40; i++) {
      const res = await b.post(`/drafts/${id}/narrative`, { action: 'save', narrative: `version ${i}` });
      statuses.push(res.status);
      if (res.status === 429) retryAfter = res.headers.get('retry-after');
    }
    expect(statuses).toContain(429);
    expect(Number(retryAfter)).toBeGreaterThan(0);
  });

  it('a person keeps at most 20 drafts: the 21st is refused with a message', async () => {
    const b = await signedIn('cso-stodgruppen');
    const { Items } = await scanReferrals({
      FilterExpression: 'pk = :p',
      ExpressionAttributeValues: { ':p': { S: 'DRAFTS#cso-stodgruppen' } },
    });
    const statuses: number[] = [];
    for (let i = Items.length; i < 20; i++) {
      const res = await b.post('/referrals/new');
      statuses.push(res.status);
    }
    expect(statuses.every((s) => s === 303)).toBe(true);
    const refused = await b.post('/referrals/new');
    expect(refused.status).toBe(409);
    expect(await refused.text()).toContain('20');
  });
});
