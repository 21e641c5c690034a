// The case file (domain.md §9): reading it is its own audited action, whose audit entry names the categories it
// disclosed; corrections change facts with a reason; an anonymous notification becomes a case on the person's consent.

import {
  type CaseAccess,
  disclosedCategories,
  disclosureOf,
  NotFound,
  type Principal,
  type ReferralState,
  receiverAccess,
  type View,
} from '@nrm/domain';
import {
  CaseFile,
  CorrectionRequest,
  CorrectionResult,
  OpenCaseRequest,
  ReferralStatusView,
  ReferralView,
} from '@nrm/schemas';
import * as z from '@nrm/schemas/zod';
import { correctReferral, openCase, readCaseFile } from '@nrm/usecases';
import { allowOnReferral } from '../access';
import type { AppEnv } from '../context';
import { fullView, statusView } from '../views';
import { answers, get, Operations, post, REFUSED_CHANGE } from './declare';
import { acting, IdempotencyKeyHeader, idempotencyKey, json, problems, Ulid } from './outcomes';

const params = z.object({ id: Ulid('referral') });

/** A change keyed by the request's Idempotency-Key, of a JSON `body`. */
const keyed = <B extends z.ZodType>(body: B) => ({ params, headers: IdempotencyKeyHeader, body: json(body) });

/** The case access a policy view gives this caller. */
function caseAccess(view: View, state: ReferralState, principal: Principal): CaseAccess | undefined {
  if (view === 'full') return { view: 'case' };
  if (view === 'status') return { view: 'referrer', organisationId: principal.organisationId };
  if (view === 'handoff') return receiverAccess(state, principal.organisationId);
  return undefined;
}

export const caseFile = new Operations<AppEnv>()
  .openapi(
    get('/{id}/case', { params }, answers('The case file', CaseFile, 400, 401, 403, 404), {
      operationId: 'getCaseFile',
      summary: "Read a referral's case file",
      description:
        "The person and the case, cut to what the caller may see: the coordinators of its queue (and the national coordinator while it triages) read all of it; the referrer reads back what its organisation submitted and added; a receiving organisation sees an offer summary without identity, and after accepting the categories its hand-off's purpose needs, while the hand-off's basis holds (404 from the moment it does not). Every read is audited with the categories it disclosed.",
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      const { view, principal, state } = await allowOnReferral(c, id, 'referral.read-case', (state) => ({
        categories: (view, principal) => {
          const access = caseAccess(view, state, principal);
          return access ? disclosedCategories(disclosureOf(access)) : [];
        },
      }));
      const access = caseAccess(view, state, principal);
      if (!access) throw new NotFound('No such referral.');
      return c.json(await readCaseFile(state, access), 200);
    },
  )
  .openapi(
    post(
      '/{id}/corrections',
      keyed(CorrectionRequest),
      answers(
        'The correction, with the fields it changed and the route after it',
        CorrectionResult,
        ...REFUSED_CHANGE,
      ),
      {
        operationId: 'correctReferral',
        summary: 'Correct facts of the case',
        description:
          "The coordinators of its queue or the owning organisation correct personal fields and coded facts, with a reason. Everything derived follows: a corrected age that moves the person to the other track moves the referral to that track's queue (a child gets the report of concern and the child clocks; an adult's child-only clocks and offers end), a corrected municipality re-routes, and the statistics move the referral between cells without counting it twice. An identity number added later yields the person key and the duplicate check.",
      },
    ),
    async (c) => {
      const { id } = c.req.valid('param');
      const { principal } = await allowOnReferral(c, id, 'referral.correct');
      const { reason, comment, ageAssessment, ...changes } = c.req.valid('json');
      const key = c.req.valid('header')['idempotency-key'];
      const result = await correctReferral(
        id,
        { reason, ...(comment ? { comment } : {}), changes, ...(ageAssessment ? { ageAssessment } : {}) },
        { ...acting(principal, 'referral.correct'), ...idempotencyKey(key) },
      );
      return c.json(
        { id, correctionId: result.correctionId, fields: [...result.fields], route: result.state.route },
        200,
      );
    },
  )
  .openapi(
    post(
      '/{id}/case',
      keyed(OpenCaseRequest),
      {
        200: {
          description: 'The referral, now a case, in the view the caller may see',
          content: { 'application/json': { schema: z.union([ReferralView, ReferralStatusView]) } },
        },
        ...problems(...REFUSED_CHANGE),
      },
      {
        operationId: 'openCase',
        summary: 'Open a case for an anonymous notification',
        description:
          'The person of an anonymous notification consented: their personal data is added to the same referral (same id and reference), with who recorded the consent and when. 409 if the referral is a case already.',
      },
    ),
    async (c) => {
      const { id } = c.req.valid('param');
      const { view, principal } = await allowOnReferral(c, id, 'referral.open-case');
      const key = c.req.valid('header')['idempotency-key'];
      const result = await openCase(id, c.req.valid('json'), {
        ...acting(principal, 'referral.open-case'),
        ...idempotencyKey(key),
      });
      return c.json(view === 'status' ? statusView(result.state) : fullView(result.state), 200);
    },
  );
