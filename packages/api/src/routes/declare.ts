// How the routes declare their operations for the contract: each route states only its own facts (path, words, what it
// takes and answers); what every operation shares — the bearer token, the problem+json refusals, the shape of an
// action on a referral or of a creation that a retry answers again — is added here once. The objects built are the
// ones `createRoute` always got, key for key, so the contract document does not change with the way it is written.
import { createRoute, type RouteConfig, type z } from '@hono/zod-openapi';
import { ReferralView } from '@nrm/schemas';
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
    createRoute({ method, path, ...facts, security, request, responses });

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
