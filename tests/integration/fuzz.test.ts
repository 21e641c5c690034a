// Issue 8: every endpoint of the OpenAPI document, and paths beyond it, fed generated path parameters, bodies,
// content types and tokens (property-based). Whatever comes in: no 5xx, no stack trace, errors as problem+json.
import fc from 'fast-check';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { adultReferral } from '../support/fixtures';
import { auth, body, contentType, pathValue } from '../support/fuzz-arbitraries';
import { apiClient } from '../support/http';

const { url } = inject('platform');
const api = apiClient(url);

interface Operation {
  method: string;
  path: string;
}

let operations: Operation[] = [];
let realReferral = '';
const tally = { requests: 0, serverErrors: 0 };

beforeAll(async () => {
  const doc = (await api.get('/openapi.json')).body;
  operations = Object.entries(doc.paths).flatMap(([path, methods]) =>
    Object.keys(methods).map((method) => ({ method: method.toUpperCase(), path })),
  );
  realReferral = (await api.post('/v1/referrals', adultReferral(), 'police-syd-system')).body.id;
});

async function send(
  method: string,
  path: string,
  payload: string | undefined,
  type: string | undefined,
  who: { identity?: string; header?: string },
) {
  const headers: Record<string, string> = {};
  if (type) headers['content-type'] = type;
  if (who.header !== undefined) headers.authorization = who.header;
  const res = await api.request(method, path, {
    ...(who.identity ? { as: who.identity } : {}),
    ...(payload !== undefined ? { rawBody: payload } : {}),
    headers,
  });
  tally.requests++;
  if (res.status >= 500) tally.serverErrors++;
  expect(res.status, `${method} ${path}`).toBeLessThan(500);
  const text = typeof res.body === 'string' ? res.body : JSON.stringify(res.body ?? '');
  expect(text).not.toMatch(/\s+at\s+\S+\s*\(?\S+:\d+:\d+\)?/);
  if (res.status >= 400 && path.startsWith('/v1/')) {
    expect(res.headers.get('content-type'), `${method} ${path} → ${res.status}`).toContain(
      'application/problem+json',
    );
  }
}

describe('fuzzing every endpoint', () => {
  it('answers every generated request to every documented operation without a 5xx', async () => {
    for (const op of operations) {
      await fc.assert(
        fc.asyncProperty(pathValue, body, contentType, auth, async (value, payload, type, who) => {
          const path = op.path.replace(/\{[^}]+\}/g, () =>
            encodeURIComponent(value === 'REAL' ? realReferral : value),
          );
          await send(op.method, path, op.method === 'GET' ? undefined : payload, type, who);
        }),
        { numRuns: 15 },
      );
    }
  }, 600_000);

  it('answers paths and methods beyond the document without a 5xx', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom('GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS'),
        fc.array(
          fc.oneof(fc.string({ maxLength: 20 }), fc.constantFrom('v1', 'referrals', 'handoffs', 'stats')),
          {
            maxLength: 5,
          },
        ),
        body,
        auth,
        async (method, segments, payload, who) => {
          const path = `/v1/${segments.map(encodeURIComponent).join('/')}`;
          await send(method, path, method === 'GET' ? undefined : payload, 'application/json', who);
        },
      ),
      { numRuns: 150 },
    );
    console.log(`fuzz: ${tally.requests} requests, ${tally.serverErrors} answered 5xx`);
    expect(tally.serverErrors).toBe(0);
  }, 300_000);
});
