// Shared by the routes: problem responses in the contract, ids, the queue and page parameters and the Idempotency-Key
// header; the policy-then-act step of an action (`actOn`, `commanded`) and the permission re-check a use case runs on
// the state it reads (a concurrent change may have moved the referral out of the caller's reach). Refusals are thrown
// and answered by the app's one onError.

import {
  type Action,
  authorize,
  Forbidden,
  isQueueId,
  NotFound,
  type Principal,
  present,
  type ReferralCommand,
  type ReferralState,
} from '@nrm/domain';
import { now } from '@nrm/runtime';
import { Problem, ReferralView } from '@nrm/schemas';
import * as z from '@nrm/schemas/zod';
import { actOnReferral, actWithComment, type CommentableCommand } from '@nrm/usecases';
import type { Context } from 'hono';
import { accessFacts, allowOnReferral } from '../access';
import type { AppEnv } from '../context';

export const problems = (...statuses: number[]) =>
  Object.fromEntries(
    statuses.map((s) => [
      s,
      { description: 'Problem', content: { 'application/problem+json': { schema: Problem } } },
    ]),
  );

/** Every operation of the API needs a bearer token. */
export const security = [{ bearer: [] }];

/** A 200 answer of `schema`. */
export const ok = <S extends z.ZodType>(description: string, schema: S) => ({
  200: { description, content: { 'application/json': { schema } } },
});

/** The query of a paged listing: how many at most, and where the previous page ended. */
export const PageQuery = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(50),
  cursor: z.string().max(2048).optional(),
});

/** The page a store reads for a listing's query: how many at most, from where the previous page ended. */
export const pageArgs = ({ limit, cursor }: { limit: number; cursor?: string | undefined }) => ({
  limit,
  ...present({ cursor }),
});

/** The answer of an action on a referral: the referral after it, in the full view. */
export const updated = ok('The referral after the action', ReferralView);

/** A required JSON request body of `schema`, as every POST of the API takes one. */
export const json = <S extends z.ZodType>(schema: S) => ({
  required: true,
  content: { 'application/json': { schema } },
});

/** A queue named in the path; one the domain does not know is 400. */
export const QueueParams = z.object({ queue: z.string().refine(isQueueId, { error: 'unknown queue' }) });

export const Ulid = (what: string) =>
  z.string().regex(/^[0-9A-HJKMNP-TV-Z]{26}$/, { error: `not a ${what} id` });

/** The `Idempotency-Key` header of every POST that creates something: the same key and body within 24 h answer the
 * first result; the same key with another request is 422. */
export const IdempotencyKeyHeader = z.object({
  'idempotency-key': z
    .string()
    .regex(/^[A-Za-z0-9._:-]{1,128}$/, { error: 'must be 1–128 letters, digits or . _ : -' })
    .optional()
    .openapi({ description: 'Client-chosen key that makes retries safe.' }),
});

export function recheck(principal: Principal, action: Action, handoffId?: string) {
  return (state: ReferralState) => {
    const decision = authorize(principal, action, {
      referral: accessFacts(state),
      ...(handoffId ? { handoffId } : {}),
    });
    if (!decision.allow) {
      throw decision.status === 404 ? new NotFound('No such referral.') : new Forbidden(decision.reason);
    }
  };
}

/** An action's common arguments: the caller, the time, and the permission re-check on the state each attempt reads. */
export const acting = (principal: Principal, act: Action) => ({
  principal,
  now: now(),
  authorize: recheck(principal, act),
});

/** An action's common arguments as `acting` makes them. */
export type Acting = ReturnType<typeof acting>;

/**
 * Acts on a referral as `act`: the policy is asked about the referral as stored (and the answer audited) before
 * `change` runs with the action's common arguments. Throws NotFound or Forbidden.
 */
export async function actOn<T>(
  c: Context<AppEnv>,
  id: string,
  act: Action,
  change: (acting: Acting) => Promise<T>,
): Promise<T> {
  const { principal } = await allowOnReferral(c, id, act);
  return change(acting(principal, act));
}

/** Runs a command on a referral as `act`, the policy asked first. */
export const commanded = (c: Context<AppEnv>, id: string, act: Action, command: ReferralCommand) =>
  actOn(c, id, act, (acting) => actOnReferral(id, () => command, acting));

/**
 * Runs a command that may refer to a comment as `act`, the policy asked first: a `comment` given with it is kept as a
 * note the command's event refers to by id.
 */
export const commented = (
  c: Context<AppEnv>,
  id: string,
  act: Action,
  command: CommentableCommand,
  comment: string | undefined,
) => actOn(c, id, act, (acting) => actWithComment(id, command, comment, acting));

/** The request's Idempotency-Key as a use case takes it. */
export const idempotencyKey = (key: string | undefined) => (key ? { idempotencyKey: key } : {});
