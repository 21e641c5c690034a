// /v1/referrals: submit a referral and read it back in the view the caller's role allows.

import type { Principal } from '@nrm/domain';
import { now } from '@nrm/runtime';
import {
  ReferralCreated,
  ReferralReceiverView,
  ReferralRequest,
  ReferralStatusListing,
  ReferralStatusView,
  ReferralView,
} from '@nrm/schemas';
import * as z from '@nrm/schemas/zod';
import { listByReferrer } from '@nrm/store';
import { submitReferral } from '@nrm/usecases';
import { allow, allowOnReferral, auditListing } from '../access';
import type { AppEnv } from '../context';
import { fullView, receiverView, statusView } from '../views';
import { answers, get, Operations, post } from './declare';
import { IdempotencyKeyHeader, json, PageQuery, pageArgs, problems, Ulid } from './outcomes';

const ReferralId = Ulid('referral');

/**
 * How the referral came in, from who registered it: agency systems (client credentials) over the API, referrers'
 * people through the web pages, the national coordinator from the support phone, coordinators from outreach. The
 * registering office is the referral's referrer (the caller's organisation), so it is recorded like any referrer.
 */
function intakeChannel(principal: Principal): 'api' | 'web' | 'phone' | 'outreach' {
  if (principal.kind === 'client') return 'api';
  if (principal.role === 'national-coordinator') return 'phone';
  if (principal.role === 'regional-coordinator' || principal.role === 'child-coordinator') return 'outreach';
  return 'web';
}

export const referrals = new Operations<AppEnv>()
  .openapi(
    post(
      '/',
      { headers: IdempotencyKeyHeader, body: json(ReferralRequest) },
      {
        201: { description: 'Created', content: { 'application/json': { schema: ReferralCreated } } },
        ...answers(
          'Replay of an earlier request with the same Idempotency-Key',
          ReferralCreated,
          400,
          401,
          403,
          413,
          415,
          422,
          429,
        ),
      },
      {
        operationId: 'submitReferral',
        summary: 'Submit a referral',
        description:
          'Creates the referral, and one linked child referral per accompanying child. The referring organisation comes from the token. ' +
          'Referrers submit (channel `api` for agency systems, `web` for people); the national coordinator registers a call to the support phone (`phone`) and coordinators a person met in outreach (`outreach`), their office recorded as the referring organisation. ' +
          'The same `Idempotency-Key` and body within 24 h returns the first result; the same key with another body is 422.',
      },
    ),
    async (c) => {
      const allowed = await allow(c, 'referral.create');
      const key = c.req.valid('header')['idempotency-key'];
      const result = await submitReferral({
        submission: c.req.valid('json'),
        principal: allowed.principal,
        channel: intakeChannel(allowed.principal),
        ...(key ? { idempotencyKey: key } : {}),
        now: now(),
        audit: { requestId: c.get('requestId') },
      });
      const { created, ...body } = result;
      return c.json(body, created ? 201 : 200, { Location: `/v1/referrals/${body.id}` });
    },
  )
  .openapi(
    get(
      '/',
      {
        query: z.object({
          mine: z.literal('true', { error: 'only mine=true is offered' }),
          ...PageQuery.shape,
        }),
      },
      answers('Your referrals', ReferralStatusListing, 400, 401, 403),
      {
        operationId: 'listOwnReferrals',
        summary: "List your organisation's referrals",
        description:
          "The referrals the caller's organisation submitted, newest first, each in the purpose-limited status view (what happened, not what is in the case). Only `mine=true` is offered: nobody lists referrals across organisations.",
      },
    ),
    async (c) => {
      const allowed = await allow(c, 'referral.list-own');
      const { organisationId } = allowed.principal;
      const page = await listByReferrer(organisationId, pageArgs(c.req.valid('query')));
      await auditListing(
        c,
        `referrer:${organisationId}`,
        'referral.list-own',
        page.items.map((r) => r.id),
      );
      return c.json({ items: page.items.map(statusView), nextCursor: page.nextCursor }, 200);
    },
  )
  .openapi(
    get(
      '/{id}',
      { params: z.object({ id: ReferralId }) },
      {
        200: {
          description: 'The referral, in the view the caller may see',
          content: {
            'application/json': {
              schema: z.discriminatedUnion('view', [ReferralView, ReferralStatusView, ReferralReceiverView]),
            },
          },
        },
        ...problems(400, 401, 404),
      },
      {
        operationId: 'getReferral',
        summary: 'Read a referral',
        description:
          'Coordinators of its queue and the national coordinator see the referral; the referring organisation sees only its purpose-limited status. Anyone else gets 404.',
      },
    ),
    async (c) => {
      const { id } = c.req.valid('param');
      const { state, ...allowed } = await allowOnReferral(c, id, 'referral.read');
      if (allowed.view === 'status') return c.json(statusView(state), 200);
      if (allowed.view === 'handoff')
        return c.json(receiverView(state, allowed.principal.organisationId), 200);
      return c.json(fullView(state), 200);
    },
  );
