// The route-declaration helpers build what the routes used to write out in full: the contract document of an operation
// declared through them is the one of the hand-written `createRoute` object, byte for byte (key order included).
import { createRoute, OpenAPIHono, type RouteConfig, z } from '@hono/zod-openapi';
import { Problem, ReferralView } from '@nrm/schemas';
import { describe, expect, it } from 'vitest';
import { action, answers, created, get, REFUSED_CHANGE } from '../src/routes/declare';

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
