// /v1/handoffs: a receiving organisation's own hand-offs, and its answers — accept (a hand-over of responsibility
// makes it the owner; a service runs beside the owner), decline (with a reason) — the owner's revoke, a service's start
// and end, and social services' decision after a report of concern.
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { type Action, HANDOFF_STATUSES, NotFound, present, type ReferralCommand } from '@nrm/domain';
import { now } from '@nrm/runtime';
import {
  DecisionRequest,
  DeclineRequest,
  HandoffListing,
  HandoffView,
  RevokeRequest,
  ServiceEndRequest,
  ServiceStartRequest,
} from '@nrm/schemas';
import { getHandoff, getReferralState, listHandoffsFor } from '@nrm/store';
import { actOnReferral } from '@nrm/usecases';
import type { Context } from 'hono';
import { accessFacts, allow, auditListing } from '../access';
import type { AppEnv } from '../context';
import { validationHook } from '../validation';
import { handoffDetailView } from '../views';
import { json, ok, problems, recheck, security, Ulid } from './outcomes';

const params = z.object({ id: Ulid('hand-off') });
const answered = {
  ...ok('The hand-off after the action', HandoffView),
};
const refusals = problems(400, 401, 403, 404, 409, 415);

const list = createRoute({
  method: 'get',
  path: '/',
  operationId: 'listHandoffs',
  summary: "List your organisation's hand-offs",
  description:
    "A receiving organisation's hand-offs with one status (default `offered`: waiting for its answer), oldest first.",
  security,
  request: {
    query: z.object({
      status: z.enum(HANDOFF_STATUSES as [string, ...string[]]).default('offered'),
      limit: z.coerce.number().int().min(1).max(100).default(50),
      cursor: z.string().max(2048).optional(),
    }),
  },
  responses: {
    ...ok('The hand-offs', HandoffListing),
    ...problems(400, 401, 403),
  },
});

const read = createRoute({
  method: 'get',
  path: '/{id}',
  operationId: 'getHandoff',
  summary: 'Read a hand-off',
  description: 'Its recipient, and whoever may see the whole referral.',
  security,
  request: { params },
  responses: {
    ...ok('The hand-off', HandoffView),
    ...problems(400, 401, 404),
  },
});

const accept = createRoute({
  method: 'post',
  path: '/{id}/accept',
  operationId: 'acceptHandoff',
  summary: 'Accept a hand-off',
  description:
    "The recipient accepts and the acceptance clock stops. A hand-over of responsibility (report of concern, social services' investigation) makes the organisation the accountable owner; a service (shelter, health care, Barnahus, an investigation, a permit application, the return programme) runs beside the owner, who keeps working the case.",
  security,
  request: { params },
  responses: { ...answered, ...refusals },
});

const decline = createRoute({
  method: 'post',
  path: '/{id}/decline',
  operationId: 'declineHandoff',
  summary: 'Decline a hand-off',
  description: 'The recipient declines, with a reason; the owner keeps the referral and is told.',
  security,
  request: { params, body: json(DeclineRequest) },
  responses: { ...answered, ...refusals },
});

const revoke = createRoute({
  method: 'post',
  path: '/{id}/revoke',
  operationId: 'revokeHandoff',
  summary: 'Revoke an offered hand-off',
  description: 'The owning office withdraws an offer that has not been answered yet.',
  security,
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
  security,
  request: { params, body: json(DecisionRequest) },
  responses: { ...answered, ...refusals },
});

const start = createRoute({
  method: 'post',
  path: '/{id}/start',
  operationId: 'startService',
  summary: 'Record that a service began',
  description:
    'The recipient (or the owner, or a coordinator of the queue) records that an accepted service began: the person moved into the shelter, the investigation opened. 409 for a hand-over of responsibility or a service not accepted.',
  security,
  request: { params, body: json(ServiceStartRequest) },
  responses: { ...answered, ...refusals },
});

const end = createRoute({
  method: 'post',
  path: '/{id}/end',
  operationId: 'endService',
  summary: 'Record that a service ended, with its outcome',
  description:
    'The service ends with a coded outcome (and an optional comment kept as a note); the owner is told. Its recipient no longer sees the case file.',
  security,
  request: { params, body: json(ServiceEndRequest) },
  responses: { ...answered, ...refusals },
});

/** Finds the hand-off's referral and asks the policy about this hand-off; the answer is audited. */
async function allowed(c: Context<AppEnv>, handoffId: string, act: Action) {
  const pointer = await getHandoff(handoffId);
  const state = pointer && (await getReferralState(pointer.referralId));
  if (!pointer || !state) throw new NotFound('No such hand-off.');
  const granted = await allow(c, act, { referral: accessFacts(state), handoffId }, `referral:${state.id}`);
  return { ...granted, referralId: state.id };
}

/**
 * Runs an answer on the hand-off named in the path and shows the hand-off after it. A `comment` is kept as a note the
 * event refers to by id.
 */
async function answer(
  c: Context<AppEnv>,
  act: Action,
  build: (handoffId: string) => ReferralCommand,
  comment?: string,
) {
  const { id } = c.req.param() as { id: string };
  const { principal, referralId } = await allowed(c, id, act);
  const command = (commentId: string | undefined) =>
    ({ ...build(id), ...present({ commentId }) }) as ReferralCommand;
  const { state } = await actOnReferral(referralId, command, {
    principal,
    now: now(),
    authorize: recheck(principal, act, id),
    ...(comment ? { comment: { kind: 'comment' as const, text: comment } } : {}),
  });
  const handoff = state.handoffs.find((h) => h.id === id)!;
  const summary = { handoff, referralId, reference: state.reference, track: state.route?.track ?? 'child' };
  return c.json(handoffDetailView(summary, state), 200);
}

export const handoffs = new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
  .openapi(list, async (c) => {
    const { principal } = await allow(c, 'handoff.list-own');
    const { status, limit, cursor } = c.req.valid('query');
    const page = await listHandoffsFor(
      principal.organisationId,
      status as (typeof HANDOFF_STATUSES)[number],
      {
        limit,
        ...(cursor ? { cursor } : {}),
      },
    );
    // A receiver's list discloses which referrals are handed to it: audited like any listing, and shown in each
    // listed referral's own trail.
    await auditListing(
      c,
      `handoffs:${principal.organisationId}`,
      'handoff.list-own',
      page.items.map((s) => s.referralId),
    );
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
  })
  .openapi(read, async (c) => {
    const { id } = c.req.valid('param');
    const { view, principal } = await allowed(c, id, 'referral.read');
    const pointer = (await getHandoff(id))!;
    // The recipient sees its own hand-off; someone who sees the referral only as its referrer does not see this.
    const own = pointer.handoff.recipient.id === principal.organisationId;
    if (view === 'status' || (view === 'handoff' && !own)) throw new NotFound('No such hand-off.');
    const state = await getReferralState(pointer.referralId);
    return c.json(handoffDetailView(pointer, state), 200);
  })
  .openapi(accept, (c) => answer(c, 'handoff.accept', (handoffId) => ({ type: 'accept-handoff', handoffId })))
  .openapi(decline, (c) => {
    const { reason, comment } = c.req.valid('json');
    return answer(
      c,
      'handoff.decline',
      (handoffId) => ({ type: 'decline-handoff', handoffId, reason }),
      comment,
    );
  })
  .openapi(revoke, (c) => {
    const { reason } = c.req.valid('json');
    return answer(c, 'handoff.revoke', (handoffId) => ({ type: 'revoke-handoff', handoffId, reason }));
  })
  .openapi(decision, (c) => {
    const body = c.req.valid('json');
    // Recording the decision is the recipient acting on its own live hand-off, as accepting is.
    return answer(c, 'handoff.accept', (handoffId) => ({
      type: 'record-decision',
      handoffId,
      decision: body.decision,
    }));
  })
  .openapi(start, (c) => answer(c, 'service.update', (handoffId) => ({ type: 'start-service', handoffId })))
  .openapi(end, (c) => {
    const { outcome, comment } = c.req.valid('json');
    return answer(c, 'service.update', (handoffId) => ({ type: 'end-service', handoffId, outcome }), comment);
  });
