// /v1/handoffs: a receiving organisation's own hand-offs, and its answers — accept (ownership moves to it), decline
// (with a reason) — the owner's revoke, and social services' decision after a report of concern.
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { type Action, HANDOFF_STATUSES, type ReferralCommand } from '@nrm/domain';
import { now } from '@nrm/runtime';
import { DecisionRequest, DeclineRequest, HandoffListing, HandoffView, RevokeRequest } from '@nrm/schemas';
import { getHandoff, getReferralState, InvalidCursor, listHandoffsFor, type NoteKind } from '@nrm/store';
import { actOnReferral } from '@nrm/usecases';
import type { Context } from 'hono';
import { accessFacts, audit, guard } from '../access';
import type { AppEnv } from '../context';
import { problem } from '../problem';
import { validationHook } from '../validation';
import { handoffDetailView } from '../views';
import { problems, recheck, refusal, Ulid } from './outcomes';

const params = z.object({ id: Ulid('hand-off') });
const json = <S extends z.ZodType>(schema: S) => ({
  required: true,
  content: { 'application/json': { schema } },
});
const answered = {
  200: {
    description: 'The hand-off after the action',
    content: { 'application/json': { schema: HandoffView } },
  },
};
const refusals = problems(400, 401, 403, 404, 409, 415);

const list = createRoute({
  method: 'get',
  path: '/',
  operationId: 'listHandoffs',
  summary: "List your organisation's hand-offs",
  description:
    "A receiving organisation's hand-offs with one status (default `offered`: waiting for its answer), oldest first.",
  security: [{ bearer: [] }],
  request: {
    query: z.object({
      status: z.enum(HANDOFF_STATUSES as [string, ...string[]]).default('offered'),
      limit: z.coerce.number().int().min(1).max(100).default(50),
      cursor: z.string().max(2048).optional(),
    }),
  },
  responses: {
    200: { description: 'The hand-offs', content: { 'application/json': { schema: HandoffListing } } },
    ...problems(400, 401, 403),
  },
});

const read = createRoute({
  method: 'get',
  path: '/{id}',
  operationId: 'getHandoff',
  summary: 'Read a hand-off',
  description: 'Its recipient, and whoever may see the whole referral.',
  security: [{ bearer: [] }],
  request: { params },
  responses: {
    200: { description: 'The hand-off', content: { 'application/json': { schema: HandoffView } } },
    ...problems(400, 401, 404),
  },
});

const accept = createRoute({
  method: 'post',
  path: '/{id}/accept',
  operationId: 'acceptHandoff',
  summary: 'Accept a hand-off',
  description:
    'The recipient accepts: the referral is now owned by the organisation, and the acceptance clock stops.',
  security: [{ bearer: [] }],
  request: { params },
  responses: { ...answered, ...refusals },
});

const decline = createRoute({
  method: 'post',
  path: '/{id}/decline',
  operationId: 'declineHandoff',
  summary: 'Decline a hand-off',
  description: 'The recipient declines, with a reason; the owner keeps the referral and is told.',
  security: [{ bearer: [] }],
  request: { params, body: json(DeclineRequest) },
  responses: { ...answered, ...refusals },
});

const revoke = createRoute({
  method: 'post',
  path: '/{id}/revoke',
  operationId: 'revokeHandoff',
  summary: 'Revoke an offered hand-off',
  description: 'The owning office withdraws an offer that has not been answered yet.',
  security: [{ bearer: [] }],
  request: { params, body: json(RevokeRequest) },
  responses: { ...answered, ...refusals },
});

const decision = createRoute({
  method: 'post',
  path: '/{id}/decision',
  operationId: 'recordHandoffDecision',
  summary: 'Record the decision on opening an investigation',
  description:
    'Social services that accepted a report of concern record whether they open an investigation (SoL 11:1a); the 14-day clock stops.',
  security: [{ bearer: [] }],
  request: { params, body: json(DecisionRequest) },
  responses: { ...answered, ...refusals },
});

/** Finds the hand-off's referral and asks the policy about this hand-off; the answer is audited. */
async function allowed(c: Context<AppEnv>, handoffId: string, act: Action) {
  const pointer = await getHandoff(handoffId);
  const state = pointer && (await getReferralState(pointer.referralId));
  if (!pointer || !state) return { ok: false as const, response: problem(c, 404, 'No such hand-off.') };
  const guarded = await guard(c, act, { referral: accessFacts(state), handoffId }, `referral:${state.id}`);
  return guarded.ok ? { ...guarded, referralId: state.id } : guarded;
}

async function answer(
  c: Context<AppEnv>,
  act: Action,
  build: (handoffId: string, commentId: string | undefined) => ReferralCommand,
  comment?: { kind: NoteKind; text: string | undefined },
) {
  const { id } = c.req.param() as { id: string };
  const guarded = await allowed(c, id, act);
  if (!guarded.ok) return guarded.response;
  const { principal, referralId } = guarded;
  try {
    const result = await actOnReferral(referralId, (commentId) => build(id, commentId), {
      principal,
      now: now(),
      authorize: recheck(principal, act, id),
      ...(comment?.text ? { comment: { kind: comment.kind, text: comment.text } } : {}),
    });
    const { state } = result;
    const handoff = state.handoffs.find((h) => h.id === id)!;
    const summary = { handoff, referralId, reference: state.reference, track: state.route?.track ?? 'child' };
    return c.json(handoffDetailView(summary, state), 200);
  } catch (error) {
    return refusal(c, error);
  }
}

export const handoffs = new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
  .openapi(list, async (c) => {
    const guarded = await guard(c, 'handoff.list-own');
    if (!guarded.ok) return guarded.response as never;
    const { status, limit, cursor } = c.req.valid('query');
    try {
      const page = await listHandoffsFor(
        guarded.principal.organisationId,
        status as (typeof HANDOFF_STATUSES)[number],
        { limit, ...(cursor ? { cursor } : {}) },
      );
      // A receiver's list discloses which referrals are handed to it: audited like any listing, and shown in each
      // listed referral's own trail.
      await audit(c, {
        subject: `handoffs:${guarded.principal.organisationId}`,
        action: 'handoff.list-own',
        outcome: 'allowed',
        referralIds: page.items.map((s) => s.referralId),
      });
      const at = now();
      const items = await Promise.all(
        page.items.map(async (summary) =>
          handoffDetailView(
            summary,
            summary.handoff.status === 'offered' ? await getReferralState(summary.referralId) : undefined,
            at,
          ),
        ),
      );
      return c.json({ items, nextCursor: page.nextCursor }, 200);
    } catch (error) {
      if (error instanceof InvalidCursor) return problem(c, 400, 'The cursor is not valid.') as never;
      throw error;
    }
  })
  .openapi(read, async (c) => {
    const { id } = c.req.valid('param');
    const guarded = await allowed(c, id, 'referral.read');
    if (!guarded.ok) return guarded.response as never;
    const pointer = (await getHandoff(id))!;
    // The recipient sees its own hand-off; someone who sees the referral only as its referrer does not see this.
    const own = pointer.handoff.recipient.id === guarded.principal.organisationId;
    if (guarded.view === 'status' || (guarded.view === 'handoff' && !own)) {
      return problem(c, 404, 'No such hand-off.') as never;
    }
    const state = await getReferralState(pointer.referralId);
    return c.json(handoffDetailView(pointer, state), 200);
  })
  .openapi(
    accept,
    async (c) =>
      (await answer(c, 'handoff.accept', (handoffId) => ({ type: 'accept-handoff', handoffId }))) as never,
  )
  .openapi(decline, async (c) => {
    const body = c.req.valid('json');
    return (await answer(
      c,
      'handoff.decline',
      (handoffId, commentId) => ({
        type: 'decline-handoff',
        handoffId,
        reason: body.reason,
        ...(commentId ? { commentId } : {}),
      }),
      { kind: 'comment', text: body.comment },
    )) as never;
  })
  .openapi(revoke, async (c) => {
    const body = c.req.valid('json');
    return (await answer(c, 'handoff.revoke', (handoffId) => ({
      type: 'revoke-handoff',
      handoffId,
      reason: body.reason,
    }))) as never;
  })
  .openapi(decision, async (c) => {
    const body = c.req.valid('json');
    // Recording the decision is the recipient acting on its own live hand-off, as accepting is.
    return (await answer(c, 'handoff.accept', (handoffId) => ({
      type: 'record-decision',
      handoffId,
      decision: body.decision,
    }))) as never;
  });
