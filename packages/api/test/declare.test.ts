// The route-declaration helpers build what the routes used to write out in full: the contract document of an operation
// declared through them is the one of the hand-written `createRoute` object, byte for byte (key order included). The
// operations they declare are served by plain Hono, validated as `OpenAPIHono` validated them.
import { createRoute, OpenAPIHono, type RouteConfig, z } from '@hono/zod-openapi';
import { Problem, ReferralView } from '@nrm/schemas';
import { describe, expect, it } from 'vitest';
import { action, answers, created, get, Operations, post, REFUSED_CHANGE } from '../src/routes/declare';
import { json as jsonBody } from '../src/routes/outcomes';

/** The contract document of one operation, as `pnpm gen` writes it. */
function documentOf(route: RouteConfig): string {
  const app = new OpenAPIHono();
  app.openAPIRegistry.registerPath(route);
  return JSON.stringify(app.getOpenAPIDocument({ openapi: '3.1.0', info: { title: 'one', version: '1' } }));
}

const facts = { operationId: 'closeThing', summary: 'Close a thing', description: 'With a reason.' };
const params = z.object({ id: z.string() });
const Body = z.object({ reason: z.string() });
const Thing = z.object({ id: z.string(), closed: z.boolean() });
const problem = { description: 'Problem', content: { 'application/problem+json': { schema: Problem } } };
const json = (schema: z.ZodType) => ({ 'application/json': { schema } });

/** An operation written out in full, as the routes did before declare.ts. */
const writtenOut = (
  method: RouteConfig['method'],
  path: string,
  request: RouteConfig['request'],
  responses: RouteConfig['responses'],
) => createRoute({ method, path, ...facts, security: [{ bearer: [] }], request, responses });

describe('route declarations', () => {
  it('an action on a referral is a bearer-token POST of a JSON body answering the referral or a problem', () => {
    const written = writtenOut(
      'post',
      '/{id}/close',
      { params, body: { required: true, content: json(Body) } },
      {
        200: { description: 'The referral after the action', content: json(ReferralView) },
        ...Object.fromEntries([400, 401, 403, 404, 409, 415, 422].map((status) => [status, problem])),
      },
    );
    expect(documentOf(action('/{id}/close', params, Body, facts))).toBe(documentOf(written));
  });

  it('a read answers its schema, and a problem for each status it names', () => {
    const written = writtenOut(
      'get',
      '/things/{id}',
      { params },
      {
        200: { description: 'The thing', content: json(Thing) },
        400: problem,
        404: problem,
      },
    );
    const declared = get('/things/{id}', { params }, answers('The thing', Thing, 400, 404), facts);
    expect(documentOf(declared)).toBe(documentOf(written));
  });

  it('a creation answers 201, or 200 with what the same Idempotency-Key created before', () => {
    const declared = get('/things', {}, created('Created', Thing, ...REFUSED_CHANGE), facts);
    const responses = JSON.parse(documentOf(declared)).paths['/things'].get.responses;
    expect(Object.keys(responses)).toEqual(['200', '201', '400', '401', '403', '404', '409', '415', '422']);
    expect(responses['200'].description).toBe('Replay of an earlier request with the same Idempotency-Key');
    expect(responses['201'].description).toBe('Created');
    expect(responses['422'].content).toHaveProperty(['application/problem+json']);
  });
});

describe('operations', () => {
  const route = post(
    '/things/{id}',
    {
      params: z.object({ id: z.string().regex(/^T\d+$/, { error: 'not a thing id' }) }),
      query: z.object({ times: z.coerce.number().int().min(1) }),
      body: jsonBody(Body.strict()),
    },
    answers('The thing', Thing, 400, 415),
    facts,
  );
  const things = new Operations().openapi(route, (c) => {
    const { times } = c.req.valid('query');
    return c.json(
      { id: c.req.valid('param').id.repeat(times), closed: c.req.valid('json').reason !== '' },
      200,
    );
  });
  const send = (path: string, body: unknown, type = 'application/json') =>
    things.request(path, { method: 'POST', headers: { 'content-type': type }, body: JSON.stringify(body) });

  it('keeps each declaration for the contract document, as declared', () => {
    expect(things.declared).toHaveLength(1);
    expect(documentOf(things.declared[0]!)).toBe(documentOf(route));
  });

  it('hands the handler what it takes, parsed: the path, the query coerced, the body', async () => {
    const res = await send('/things/T7?times=2', { reason: 'done' });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ id: 'T7T7', closed: true });
  });

  it('answers the first part that fails with one 400 problem naming its fields, the path before the body', async () => {
    const res = await send('/things/x?times=1', { reason: 3 });
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toBe('application/problem+json');
    expect(await res.json()).toEqual({
      type: 'https://nrm.example.se/problems/400',
      title: 'The request is not valid',
      status: 400,
      detail: 'Some fields are not valid; see `errors`.',
      errors: [{ path: 'path.id', message: 'not a thing id' }],
    });
    const body = await (await send('/things/T1?times=1', { reason: 'x', colour: 'red' })).json();
    expect(body.errors).toEqual([{ path: 'colour', message: 'unknown field' }]);
    const query = await (await send('/things/T1?times=0', { reason: 'x' })).json();
    expect(query.errors.map((e: { path: string }) => e.path)).toEqual(['query.times']);
  });

  it('refuses a body whose content type is not JSON with 415 before validating it', async () => {
    expect((await send('/things/T1?times=1', { reason: 'x' }, 'application/json; utf8')).status).toBe(415);
    expect((await send('/things/T1?times=1', { reason: 'x' }, 'text/plain')).status).toBe(415);
    expect(
      (await send('/things/T1?times=1', { reason: 'x' }, 'application/json; charset=utf-8')).status,
    ).toBe(200);
  });
});
