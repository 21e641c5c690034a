// How the routes declare their operations for the contract: each route states only its own facts (path, words, what it
// takes and answers); what every operation shares — the bearer token, the problem+json refusals, the shape of an
// action on a referral or of a creation that a retry answers again — is added here once. The objects built are the
// ones `createRoute` always got, key for key, so the contract document does not change with the way it is written.
//
// A resource's operations are served by plain Hono (`Operations`): each validates what it takes with zod and keeps its
// declaration, from which the app writes the contract document. `@hono/zod-openapi`, which did both, is only a source
// of types here: its module extends the whole zod namespace as a value, which put all of zod (its locales included)
// into the API and web bundles.
import type { RouteConfig, RouteHandler } from '@hono/zod-openapi';
import { zValidator } from '@hono/zod-validator';
import { ReferralView } from '@nrm/schemas';
import type * as z from '@nrm/schemas/zod';
import { type Env, Hono, type MiddlewareHandler, type ValidationTargets } from 'hono';
import { jsonBodyOnly, validationHook } from '../validation';
import { json, ok, problems, security } from './outcomes';

/** What the contract says of an operation in words. */
export interface Facts {
  readonly operationId: string;
  readonly summary: string;
  readonly description?: string;
}

/** What an operation takes: path parameters, query, headers, body. */
export type Request = NonNullable<RouteConfig['request']>;

/** The operations of one method: each has its facts, needs the bearer token, takes `request` and answers `responses`. */
const declare =
  <M extends RouteConfig['method']>(method: M) =>
  <P extends string, Q extends Request, R extends RouteConfig['responses']>(
    path: P,
    request: Q,
    responses: R,
    facts: Facts,
  ) =>
    ({ method, path, ...facts, security, request, responses }) satisfies RouteConfig;

export const get = declare('get');
export const post = declare('post');
export const remove = declare('delete');

/** 200 with `schema`, or a problem for each status refused with. */
export const answers = <S extends z.ZodType>(description: string, schema: S, ...refused: number[]) => ({
  ...ok(description, schema),
  ...problems(...refused),
});

/** 201 with what was created, 200 with what the same `Idempotency-Key` created before, or a problem. */
export const created = <S extends z.ZodType>(description: string, schema: S, ...refused: number[]) => ({
  201: { description, content: { 'application/json': { schema } } },
  ...answers('Replay of an earlier request with the same Idempotency-Key', schema, ...refused),
});

/** What a change may be refused with: a bad request, no or a bad token, not allowed or not there, a state that does
 * not allow it, not JSON, a field the domain rejects. */
export const REFUSED_CHANGE = [400, 401, 403, 404, 409, 415, 422] as const;

/** An action on a referral: a POST of a JSON `body`, answering the referral after it or refused as any change is. */
export const action = <P extends string, R extends NonNullable<Request['params']>, B extends z.ZodType>(
  path: P,
  params: R,
  body: B,
  facts: Facts,
) =>
  post(
    path,
    { params, body: json(body) },
    answers('The referral after the action', ReferralView, ...REFUSED_CHANGE),
    facts,
  );

/** The validators of what an operation takes, in the order `@hono/zod-openapi` ran them; each failure is one 400. */
function validators({ request }: RouteConfig): MiddlewareHandler[] {
  const validate = (target: keyof ValidationTargets, schema: unknown) =>
    schema ? [zValidator(target, schema as z.ZodType, validationHook) as MiddlewareHandler] : [];
  const content = request?.body?.content['application/json'];
  const body = content && 'schema' in content ? content.schema : undefined;
  return [
    ...validate('query', request?.query),
    ...validate('param', request?.params),
    ...validate('header', request?.headers),
    ...validate('cookie', request?.cookies),
    ...(body ? [jsonBodyOnly, ...validate('json', body)] : []),
  ];
}

/** One resource's operations: each served with its validators, and its declaration kept for the contract document. */
export class Operations<E extends Env> extends Hono<E> {
  readonly declared: RouteConfig[] = [];

  /** Serves `route` with `handler`, the request validated as the route declares it (the name is OpenAPIHono's). */
  openapi<R extends RouteConfig>(route: R, handler: RouteHandler<R, E>): this {
    this.declared.push(route);
    const path = route.path.replaceAll(/\/{(.+?)}/g, '/:$1');
    this.on([route.method], [path], ...validators(route), handler as MiddlewareHandler);
    return this;
  }
}
