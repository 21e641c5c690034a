// /v1/handoffs: a receiving organisation's own hand-offs, and its answers — accept (a hand-over of responsibility
// makes it the owner; a service runs beside the owner), decline (with a reason) — the owner's revoke, a service's start
// and end, and social services' decision after a report of concern.

import type { RouteHandler } from '@hono/zod-openapi';
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
import * as z from '@nrm/schemas/zod';
import { getHandoff, getReferralState, listHandoffsFor } from '@nrm/store';
import { actOnReferral, withComment } from '@nrm/usecases';
import type { Context } from 'hono';
import { accessFacts, allow, auditListing } from '../access';
import type { AppEnv } from '../context';
import { handoffDetailView } from '../views';
import { answers, type Facts, get, Operations, post, type Request } from './declare';
import { json, PageQuery, pageArgs, recheck, Ulid } from './outcomes';

const params = z.object({ id: Ulid('hand-off') });

/** An answer to a hand-off (or a change to it), answering the hand-off after it. */
const handoffAction = <P extends string, Q extends Request>(path: P, request: Q, facts: Facts) =>
  post(
    path,
    request,
    answers('The hand-off after the action', HandoffView, 400, 401, 403, 404, 409, 415),
    facts,
  );

/** The JSON body of an answer to the hand-off named in the path. */
const withBody = <B extends z.ZodType>(body: B) => ({ params, body: json(body) });

/** Finds the hand-off's referral and asks the policy about this hand-off; the answer is audited. */
async function allowed(c: Context<AppEnv>, handoffId: string, act: Action) {
  const pointer = await getHandoff(handoffId);
  const state = pointer && (await getReferralState(pointer.referralId));
  if (!pointer || !state) throw new NotFound('No such hand-off.');
  const granted = await allow(c, act, { referral: accessFacts(state), handoffId }, `referral:${state.id}`);
  return { ...granted, referralId: state.id };
}

/** A command on a hand-off, as a route names it: the hand-off and the comment's note are added to it here. */
type HandoffCommand = Extract<ReferralCommand, { handoffId: string }>;
type Answer = HandoffCommand extends infer C
  ? C extends HandoffCommand
    ? Omit<C, 'handoffId' | 'commentId'>
    : never
  : never;

/**
 * Runs an answer on hand-off `id` and shows the hand-off after it. A `comment` is kept as a note the event refers to
 * by id.
 */
async function answer(c: Context<AppEnv>, id: string, act: Action, given: Answer, comment?: string) {
  const { principal, referralId } = await allowed(c, id, act);
  const command = (commentId: string | undefined) =>
    ({ ...given, handoffId: id, ...present({ commentId }) }) as ReferralCommand;
  const { state } = await actOnReferral(referralId, command, {
    principal,
    now: now(),
    authorize: recheck(principal, act, id),
    ...withComment(comment),
  });
  const handoff = state.handoffs.find((h) => h.id === id)!;
  const summary = { handoff, referralId, reference: state.reference, track: state.route?.track ?? 'child' };
  return c.json(handoffDetailView(summary, state), 200);
}

/**
 * An answer to a hand-off (or a change to it) that takes a JSON `body`: the route, and its handler, which runs the
 * answer `given` makes of the request as `act` (a `comment` in it kept as a note) and shows the hand-off after it.
 */
function answering<P extends string, B extends object>(
  path: P,
  body: z.ZodType<B>,
  act: Action,
  given: (request: B) => Answer,
  facts: Facts,
) {
  const route = handoffAction(path, withBody(body), facts);
  const handler: RouteHandler<typeof route, AppEnv> = (c) => {
    const request = c.req.valid('json');
    const comment = 'comment' in request && typeof request.comment === 'string' ? request.comment : undefined;
    return answer(c, c.req.valid('param').id, act, given(request), comment);
  };
  return [route, handler] as const;
}

export const handoffs = new Operations<AppEnv>()
  .openapi(
    get(
      '/',
      {
        query: z.object({
          status: z.enum(HANDOFF_STATUSES as [string, ...string[]]).default('offered'),
          ...PageQuery.shape,
        }),
      },
      answers('The hand-offs', HandoffListing, 400, 401, 403),
      {
        operationId: 'listHandoffs',
        summary: "List your organisation's hand-offs",
        description:
          "A receiving organisation's hand-offs with one status (default `offered`: waiting for its answer), oldest first.",
      },
    ),
    async (c) => {
      const { principal } = await allow(c, 'handoff.list-own');
      const query = c.req.valid('query');
      const status = query.status as (typeof HANDOFF_STATUSES)[number];
      const page = await listHandoffsFor(principal.organisationId, status, pageArgs(query));
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
    },
  )
  .openapi(
    get('/{id}', { params }, answers('The hand-off', HandoffView, 400, 401, 404), {
      operationId: 'getHandoff',
      summary: 'Read a hand-off',
      description: 'Its recipient, and whoever may see the whole referral.',
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      const { view, principal } = await allowed(c, id, 'referral.read');
      const pointer = (await getHandoff(id))!;
      // The recipient sees its own hand-off; someone who sees the referral only as its referrer does not see this.
      const own = pointer.handoff.recipient.id === principal.organisationId;
      if (view === 'status' || (view === 'handoff' && !own)) throw new NotFound('No such hand-off.');
      const state = await getReferralState(pointer.referralId);
      return c.json(handoffDetailView(pointer, state), 200);
    },
  )
  .openapi(
    handoffAction(
      '/{id}/accept',
      { params },
      {
        operationId: 'acceptHandoff',
        summary: 'Accept a hand-off',
        description:
          "The recipient accepts and the acceptance clock stops. A hand-over of responsibility (report of concern, social services' investigation) makes the organisation the accountable owner; a service (shelter, health care, Barnahus, an investigation, a permit application, the return programme) runs beside the owner, who keeps working the case.",
      },
    ),
    (c) => answer(c, c.req.valid('param').id, 'handoff.accept', { type: 'accept-handoff' }),
  )
  .openapi(
    ...answering(
      '/{id}/decline',
      DeclineRequest,
      'handoff.decline',
      ({ reason }) => ({ type: 'decline-handoff', reason }),
      {
        operationId: 'declineHandoff',
        summary: 'Decline a hand-off',
        description: 'The recipient declines, with a reason; the owner keeps the referral and is told.',
      },
    ),
  )
  .openapi(
    ...answering(
      '/{id}/revoke',
      RevokeRequest,
      'handoff.revoke',
      ({ reason }) => ({ type: 'revoke-handoff', reason }),
      {
        operationId: 'revokeHandoff',
        summary: 'Revoke an offered hand-off',
        description: 'The owning office withdraws an offer that has not been answered yet.',
      },
    ),
  )
  .openapi(
    // Recording the decision is the recipient acting on its own live hand-off, as accepting is.
    ...answering(
      '/{id}/decision',
      DecisionRequest,
      'handoff.accept',
      ({ decision }) => ({ type: 'record-decision', decision }),
      {
        operationId: 'recordHandoffDecision',
        summary: 'Record the decision on opening an investigation',
        description:
          'Social services that accepted a report of concern record whether they open an investigation (SoL 11:1a); the 14-day clock stops.',
      },
    ),
  )
  .openapi(
    ...answering('/{id}/start', ServiceStartRequest, 'service.update', () => ({ type: 'start-service' }), {
      operationId: 'startService',
      summary: 'Record that a service began',
      description:
        'The recipient (or the owner, or a coordinator of the queue) records that an accepted service began: the person moved into the shelter, the investigation opened. 409 for a hand-over of responsibility or a service not accepted.',
    }),
  )
  .openapi(
    ...answering(
      '/{id}/end',
      ServiceEndRequest,
      'service.update',
      ({ outcome }) => ({ type: 'end-service', outcome }),
      {
        operationId: 'endService',
        summary: 'Record that a service ended, with its outcome',
        description:
          'The service ends with a coded outcome (and an optional comment kept as a note); the owner is told. Its recipient no longer sees the case file.',
      },
    ),
  );
