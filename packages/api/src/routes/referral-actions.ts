// Actions on a referral (api.md): acknowledge, notes, transfer, consents, hand-offs, close, reopen, and the referrer's
// supplements. Each checks the policy, lets the domain decide (409 when the state does not allow it) and answers
// with what the caller may see afterwards.
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { type Action, findOrganisation, type Principal, type ReferralCommand } from '@nrm/domain';
import { now } from '@nrm/runtime';
import {
  AcknowledgeRequest,
  CloseRequest,
  ConsentScope,
  ConsentView,
  HandoffRequest,
  HandoffView,
  NoteCreated,
  NoteRequest,
  ReferralView,
  ReopenRequest,
  SupplementRequest,
  TransferRequest,
  WithdrawConsentRequest,
} from '@nrm/schemas';
import { getReferralState, type NoteKind } from '@nrm/store';
import {
  type ActionOutcome,
  actOnReferral,
  addNote,
  addSupplement,
  offerHandoff,
  recordConsent,
  withdrawConsent,
} from '@nrm/usecases';
import type { Context } from 'hono';
import { accessFacts, guard } from '../access';
import type { AppEnv } from '../context';
import { problem } from '../problem';
import { validationHook } from '../validation';
import { consentView, fullView, handoffDetailView } from '../views';
import { IdempotencyKeyHeader, problems, recheck, refusal, Ulid } from './outcomes';

const params = z.object({ id: Ulid('referral') });

const json = <S extends z.ZodType>(schema: S) => ({
  required: true,
  content: { 'application/json': { schema } },
});
const updated = {
  200: {
    description: 'The referral after the action',
    content: { 'application/json': { schema: ReferralView } },
  },
};
const created = (description: string) => ({
  201: { description, content: { 'application/json': { schema: NoteCreated } } },
  200: {
    description: 'Replay of an earlier request with the same Idempotency-Key',
    content: { 'application/json': { schema: NoteCreated } },
  },
});
const refusals = problems(400, 401, 403, 404, 409, 415, 422);

const acknowledge = createRoute({
  method: 'post',
  path: '/{id}/acknowledge',
  operationId: 'acknowledgeReferral',
  summary: 'Acknowledge a referral (take ownership)',
  description:
    "A coordinator of the referral's queue takes it on: the acknowledgement clock stops and the queue's office owns the referral (unless an organisation has already accepted it). 409 if it is already acknowledged or closed.",
  security: [{ bearer: [] }],
  request: { params, body: json(AcknowledgeRequest) },
  responses: { ...updated, ...refusals },
});

const notes = createRoute({
  method: 'post',
  path: '/{id}/notes',
  operationId: 'addNote',
  summary: 'Add a note',
  description:
    'The owning office adds a note. The text is kept with the referral; events, queues and e-mails never carry it.',
  security: [{ bearer: [] }],
  request: { params, headers: IdempotencyKeyHeader, body: json(NoteRequest) },
  responses: { ...created('The note was added'), ...refusals },
});

const transfer = createRoute({
  method: 'post',
  path: '/{id}/transfer',
  operationId: 'transferReferral',
  summary: "Transfer to another region's queue",
  description:
    'The owning office moves the referral to another queue, with a reason. Ownership stays until a coordinator of the receiving queue acknowledges it, so the case is never without an owner.',
  security: [{ bearer: [] }],
  request: { params, body: json(TransferRequest) },
  responses: { ...updated, ...refusals },
});

const offer = createRoute({
  method: 'post',
  path: '/{id}/handoffs',
  operationId: 'offerHandoff',
  summary: 'Hand off to a receiving organisation',
  description:
    "The owning office offers the referral to an organisation of the directory for a purpose; the acceptance clock starts. Ownership moves only when the organisation accepts. The disclosure must rest on something, recorded with the offer as `basis`: an adult's hand-off needs the person's consent for the recipient's type and the purpose (409 without it; record it with `POST …/consents`); a child's hand-off needs `legalBasis` (422 without it).",
  security: [{ bearer: [] }],
  request: { params, headers: IdempotencyKeyHeader, body: json(HandoffRequest) },
  responses: {
    ...{
      201: {
        description: 'The hand-off was offered',
        content: { 'application/json': { schema: HandoffView } },
      },
      200: {
        description: 'Replay of an earlier request with the same Idempotency-Key',
        content: { 'application/json': { schema: HandoffView } },
      },
    },
    ...refusals,
  },
});

const consentParams = z.object({
  id: Ulid('referral'),
  consentId: z.string().regex(/^consent-\d{1,4}$/, { error: 'not a consent id' }),
});

const consents = createRoute({
  method: 'post',
  path: '/{id}/consents',
  operationId: 'recordConsent',
  summary: "Record the person's consent to sharing",
  description:
    "Whoever may hand the referral on records that the adult consented to sharing their case with a kind of organisation for a purpose; who recorded it and when are kept. Recording a consent already in force answers 200 with it. A child's hand-offs rest on a legal basis given with each hand-off instead (409).",
  security: [{ bearer: [] }],
  request: { params, body: json(ConsentScope) },
  responses: {
    201: {
      description: 'The consent was recorded',
      content: { 'application/json': { schema: ConsentView } },
    },
    200: {
      description: 'The same consent was already in force',
      content: { 'application/json': { schema: ConsentView } },
    },
    ...refusals,
  },
});

const withdraw = createRoute({
  method: 'post',
  path: '/{id}/consents/{consentId}/withdraw',
  operationId: 'withdrawConsent',
  summary: 'Record that the person withdrew a consent',
  description:
    "The owner or a coordinator of the referral's queue records it (a withdrawal is honoured whoever the person tells, even after an organisation accepted the case). Offers still waiting that rest on the consent are revoked (reason `consent-withdrawn`); what an organisation has already accepted stays on record, but no longer discloses the case file to it. Withdrawing twice changes nothing.",
  security: [{ bearer: [] }],
  request: { params: consentParams, body: json(WithdrawConsentRequest) },
  responses: { ...updated, ...refusals },
});

const close = createRoute({
  method: 'post',
  path: '/{id}/close',
  operationId: 'closeReferral',
  summary: 'Close a referral',
  description:
    'The owning office closes the referral with a reason; offers still waiting are revoked and every clock stops.',
  security: [{ bearer: [] }],
  request: { params, body: json(CloseRequest) },
  responses: { ...updated, ...refusals },
});

const reopen = createRoute({
  method: 'post',
  path: '/{id}/reopen',
  operationId: 'reopenReferral',
  summary: 'Reopen a closed referral under the same id',
  description: "Back in its queue's office, waiting for acknowledgement (relapse is normal, domain.md §3).",
  security: [{ bearer: [] }],
  request: { params, body: json(ReopenRequest) },
  responses: { ...updated, ...refusals },
});

const supplement = createRoute({
  method: 'post',
  path: '/{id}/supplements',
  operationId: 'supplementReferral',
  summary: 'Add information after submission',
  description:
    'The referring organisation adds information; the owner is told that there is something new (not what).',
  security: [{ bearer: [] }],
  request: { params, headers: IdempotencyKeyHeader, body: json(SupplementRequest) },
  responses: { ...created('The supplement was added'), ...refusals },
});

/** A note or supplement created now (201), or the one an earlier request with the same key created (200). */
function noteAnswer(c: Context<AppEnv>, result: ActionOutcome) {
  const first = result.replayed;
  return first
    ? c.json({ id: first.noteId!, createdAt: first.at! }, 200)
    : c.json({ id: result.noteId!, createdAt: result.events[0]!.occurredAt }, 201);
}

/** Loads the referral and asks the policy; the answer is audited. */
async function allowed(c: Context<AppEnv>, id: string, act: Action) {
  const state = await getReferralState(id);
  if (!state) return { ok: false as const, response: problem(c, 404, 'No such referral.') };
  return guard(c, act, { referral: accessFacts(state) }, `referral:${id}`);
}

async function run(
  id: string,
  act: Action,
  principal: Principal,
  build: (commentId: string | undefined) => ReferralCommand,
  comment?: { kind: NoteKind; text: string | undefined },
) {
  return actOnReferral(id, build, {
    principal,
    now: now(),
    authorize: recheck(principal, act),
    ...(comment?.text ? { comment: { kind: comment.kind, text: comment.text } } : {}),
  });
}

export const referralActions = new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
  .openapi(acknowledge, async (c) => {
    const { id } = c.req.valid('param');
    const guarded = await allowed(c, id, 'referral.acknowledge');
    if (!guarded.ok) return guarded.response as never;
    try {
      const result = await run(id, 'referral.acknowledge', guarded.principal, () => ({
        type: 'acknowledge',
      }));
      return c.json(fullView(result.state), 200);
    } catch (error) {
      return refusal(c, error) as never;
    }
  })
  .openapi(notes, async (c) => {
    const { id } = c.req.valid('param');
    const guarded = await allowed(c, id, 'referral.note');
    if (!guarded.ok) return guarded.response as never;
    const { principal } = guarded;
    try {
      const key = c.req.valid('header')['idempotency-key'];
      const result = await addNote(id, c.req.valid('json').text, {
        principal,
        now: now(),
        authorize: recheck(principal, 'referral.note'),
        ...(key ? { idempotencyKey: key } : {}),
      });
      return noteAnswer(c, result);
    } catch (error) {
      return refusal(c, error) as never;
    }
  })
  .openapi(transfer, async (c) => {
    const { id } = c.req.valid('param');
    const guarded = await allowed(c, id, 'referral.transfer');
    if (!guarded.ok) return guarded.response as never;
    const body = c.req.valid('json');
    try {
      const result = await run(
        id,
        'referral.transfer',
        guarded.principal,
        (commentId) => ({
          type: 'transfer',
          to: body.queue as Extract<ReferralCommand, { type: 'transfer' }>['to'],
          reason: body.reason,
          ...(commentId ? { commentId } : {}),
        }),
        { kind: 'comment', text: body.comment },
      );
      return c.json(fullView(result.state), 200);
    } catch (error) {
      return refusal(c, error) as never;
    }
  })
  .openapi(offer, async (c) => {
    const { id } = c.req.valid('param');
    const body = c.req.valid('json');
    // What does not depend on the referral is the request's fault: name the field.
    const recipient = findOrganisation(body.recipient.id);
    if (!recipient) {
      return problem(c, 400, 'Some fields are not valid; see `errors`.', {
        errors: [{ path: 'recipient.id', message: 'not an organisation of the directory' }],
      }) as never;
    }
    const errors = [
      ...(body.recipient.type && body.recipient.type !== recipient.type
        ? [{ path: 'recipient.type', message: `the organisation is of type ${recipient.type}` }]
        : []),
      ...(!recipient.purposes.includes(body.purpose)
        ? [{ path: 'purpose', message: `${recipient.name} does not take this purpose` }]
        : []),
    ];
    if (errors.length)
      return problem(c, 400, 'Some fields are not valid; see `errors`.', { errors }) as never;

    const guarded = await allowed(c, id, 'referral.handoff');
    if (!guarded.ok) return guarded.response as never;
    const { principal } = guarded;
    const key = c.req.valid('header')['idempotency-key'];
    try {
      const result = await offerHandoff(
        id,
        {
          recipientId: recipient.id,
          purpose: body.purpose,
          ...(body.legalBasis ? { legalBasis: body.legalBasis } : {}),
        },
        {
          principal,
          now: now(),
          authorize: recheck(principal, 'referral.handoff'),
          ...(key ? { idempotencyKey: key } : {}),
        },
      );
      const { handoffId } = result;
      const handoff = result.state.handoffs.find((h) => h.id === handoffId)!;
      const summary = {
        handoff,
        referralId: id,
        reference: result.state.reference,
        track: result.state.route!.track,
      };
      return c.json(handoffDetailView(summary, result.state), result.replayed ? 200 : 201, {
        Location: `/v1/handoffs/${handoffId}`,
      });
    } catch (error) {
      return refusal(c, error) as never;
    }
  })
  .openapi(consents, async (c) => {
    const { id } = c.req.valid('param');
    const guarded = await allowed(c, id, 'consent.record');
    if (!guarded.ok) return guarded.response as never;
    const { principal } = guarded;
    try {
      const result = await recordConsent(id, c.req.valid('json'), {
        principal,
        now: now(),
        authorize: recheck(principal, 'consent.record'),
      });
      return c.json(consentView(result.consent), result.created ? 201 : 200);
    } catch (error) {
      return refusal(c, error) as never;
    }
  })
  .openapi(withdraw, async (c) => {
    const { id, consentId } = c.req.valid('param');
    const guarded = await allowed(c, id, 'consent.withdraw');
    if (!guarded.ok) return guarded.response as never;
    const { principal } = guarded;
    try {
      const result = await withdrawConsent(id, consentId, {
        principal,
        now: now(),
        authorize: recheck(principal, 'consent.withdraw'),
      });
      return c.json(fullView(result.state), 200);
    } catch (error) {
      return refusal(c, error) as never;
    }
  })
  .openapi(close, async (c) => {
    const { id } = c.req.valid('param');
    const guarded = await allowed(c, id, 'referral.close');
    if (!guarded.ok) return guarded.response as never;
    const body = c.req.valid('json');
    try {
      const result = await run(
        id,
        'referral.close',
        guarded.principal,
        (commentId) => ({ type: 'close', reason: body.reason, ...(commentId ? { commentId } : {}) }),
        { kind: 'comment', text: body.comment },
      );
      return c.json(fullView(result.state), 200);
    } catch (error) {
      return refusal(c, error) as never;
    }
  })
  .openapi(reopen, async (c) => {
    const { id } = c.req.valid('param');
    const guarded = await allowed(c, id, 'referral.reopen');
    if (!guarded.ok) return guarded.response as never;
    const body = c.req.valid('json');
    try {
      const result = await run(
        id,
        'referral.reopen',
        guarded.principal,
        (commentId) => ({ type: 'reopen', reason: body.reason, ...(commentId ? { commentId } : {}) }),
        { kind: 'comment', text: body.comment },
      );
      return c.json(fullView(result.state), 200);
    } catch (error) {
      return refusal(c, error) as never;
    }
  })
  .openapi(supplement, async (c) => {
    const { id } = c.req.valid('param');
    const guarded = await allowed(c, id, 'referral.supplement');
    if (!guarded.ok) return guarded.response as never;
    const { principal } = guarded;
    try {
      const key = c.req.valid('header')['idempotency-key'];
      const result = await addSupplement(id, c.req.valid('json').text, {
        principal,
        now: now(),
        authorize: recheck(principal, 'referral.supplement'),
        ...(key ? { idempotencyKey: key } : {}),
      });
      return noteAnswer(c, result);
    } catch (error) {
      return refusal(c, error) as never;
    }
  });
