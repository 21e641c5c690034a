// Shared by the action routes: how a use case's outcome becomes a problem, and the permission re-check a use case
// runs on the state it reads (a concurrent change may have moved the referral out of the caller's reach).
import { z } from '@hono/zod-openapi';
import { type Action, authorize, type Principal, type ReferralState } from '@nrm/domain';
import { Problem } from '@nrm/schemas';
import {
  Conflict,
  ConsentMissing,
  Forbidden,
  IdempotencyMismatch,
  InvalidField,
  NotFound,
} from '@nrm/usecases';
import type { Context } from 'hono';
import { accessFacts } from '../access';
import { problem } from '../problem';

export const problems = (...statuses: number[]) =>
  Object.fromEntries(
    statuses.map((s) => [
      s,
      { description: 'Problem', content: { 'application/problem+json': { schema: Problem } } },
    ]),
  );

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

/** The problem for a use case's refusal; anything else is not the caller's fault and propagates. */
export function refusal(c: Context, error: unknown): Response {
  if (error instanceof IdempotencyMismatch) {
    return problem(c, 422, 'This Idempotency-Key was used with a different request.');
  }
  if (error instanceof ConsentMissing) return problem(c, 409, error.message, { type: 'consent-required' });
  if (error instanceof Conflict) return problem(c, 409, error.message);
  if (error instanceof InvalidField) {
    return problem(c, 422, error.message, { errors: [{ path: error.field, message: error.message }] });
  }
  if (error instanceof NotFound) return problem(c, 404, error.message);
  if (error instanceof Forbidden) return problem(c, 403, 'Your role may not do this.');
  throw error;
}
