// Actions on a referral (api.md): acknowledge, notes, transfer, consents, hand-offs, close, reopen, the referrer's
// supplements, pausing a clock and the permit ledger. Each checks the policy, lets the domain decide and answers with
// what the caller may see afterwards; refusals (403/404, 409 when the state does not allow it, 422 naming a field)
// are thrown and answered by the app's one onError.
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import {
  type Action,
  findOrganisation,
  NotFound,
  type Principal,
  type ReferralCommand,
  type ReferralState,
} from '@nrm/domain';
import {
  AcknowledgeRequest,
  CloseRequest,
  ConsentScope,
  ConsentView,
  HandoffRequest,
  HandoffView,
  NoteCreated,
  NoteRequest,
  PauseClockRequest,
  PermitApplicationRequest,
  PermitDecisionRequest,
  PermitExtensionRequest,
  PermitRevocationRequest,
  PermitView,
  ReopenRequest,
  ResumeClockRequest,
  SupplementRequest,
  TransferRequest,
  WithdrawConsentRequest,
} from '@nrm/schemas';
import type { NoteKind } from '@nrm/store';
import {
  type ActionOutcome,
  actOnReferral,
  addNote,
  addSupplement,
  applyForPermit,
  decidePermit,
  extendPermit,
  offerHandoff,
  pauseClock,
  recordConsent,
  resumeClock,
  revokePermit,
  withdrawConsent,
} from '@nrm/usecases';
import type { Context } from 'hono';
import { allowOnReferral } from '../access';
import type { AppEnv } from '../context';
import { problem } from '../problem';
import { validationHook } from '../validation';
import { consentView, fullView, handoffDetailView, permitView } from '../views';
import {
  acting,
  IdempotencyKeyHeader,
  idempotencyKey,
  json,
  ok,
  problems,
  security,
  Ulid,
  updated,
} from './outcomes';

const params = z.object({ id: Ulid('referral') });

const created = (description: string) => ({
  201: { description, content: { 'application/json': { schema: NoteCreated } } },
  ...ok('Replay of an earlier request with the same Idempotency-Key', NoteCreated),
});
const refusals = problems(400, 401, 403, 404, 409, 415, 422);

const acknowledge = createRoute({
  method: 'post',
  path: '/{id}/acknowledge',
  operationId: 'acknowledgeReferral',
  summary: 'Acknowledge a referral (take ownership)',
  description:
    "A coordinator of the referral's queue takes it on: the acknowledgement clock stops and the queue's office owns the referral (unless an organisation has already accepted it). 409 if it is already acknowledged or closed.",
  security,
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
  security,
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
  security,
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
  security,
  request: { params, headers: IdempotencyKeyHeader, body: json(HandoffRequest) },
  responses: {
    ...{
      201: {
        description: 'The hand-off was offered',
        content: { 'application/json': { schema: HandoffView } },
      },
      ...ok('Replay of an earlier request with the same Idempotency-Key', HandoffView),
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
  security,
  request: { params, body: json(ConsentScope) },
  responses: {
    201: {
      description: 'The consent was recorded',
      content: { 'application/json': { schema: ConsentView } },
    },
    ...ok('The same consent was already in force', ConsentView),
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
  security,
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
  security,
  request: { params, body: json(CloseRequest) },
  responses: { ...updated, ...refusals },
});

const reopen = createRoute({
  method: 'post',
  path: '/{id}/reopen',
  operationId: 'reopenReferral',
  summary: 'Reopen a closed referral under the same id',
  description: "Back in its queue's office, waiting for acknowledgement (relapse is normal, domain.md §3).",
  security,
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
  security,
  request: { params, headers: IdempotencyKeyHeader, body: json(SupplementRequest) },
  responses: { ...created('The supplement was added'), ...refusals },
});

const clockParams = z.object({
  id: Ulid('referral'),
  clockId: z.string().regex(/^[a-z0-9-]{1,40}-\d{1,4}$/, { error: 'not a clock id' }),
});

const pause = createRoute({
  method: 'post',
  path: '/{id}/clocks/{clockId}/pause',
  operationId: 'pauseClock',
  summary: 'Pause a clock, with a reason',
  description:
    "The owner or a coordinator of the referral's queue pauses a clock while the person cannot be reached, is in hospital or waits for an interpreter (`other` needs a comment). Paused time is excluded from the due time; the pause and its reason are on the clock and in the event log. The law's clocks and the birthday cannot be paused (409).",
  security,
  request: { params: clockParams, body: json(PauseClockRequest) },
  responses: { ...updated, ...refusals },
});

const resume = createRoute({
  method: 'post',
  path: '/{id}/clocks/{clockId}/resume',
  operationId: 'resumeClock',
  summary: 'Resume a paused clock',
  description:
    'The due time moves later by the time the clock was paused, in its own basis (working time for working clocks).',
  security,
  request: { params: clockParams, body: json(ResumeClockRequest) },
  responses: { ...updated, ...refusals },
});

const permitParams = z.object({ id: Ulid('referral'), permitId: Ulid('permit') });
const permitAnswer = (description: string) => ({
  200: { description, content: { 'application/json': { schema: PermitView } } },
});

const applyPermit = createRoute({
  method: 'post',
  path: '/{id}/permits',
  operationId: 'applyForPermit',
  summary: 'Record a residence-permit application',
  description:
    'The permit ledger (domain.md §5): who applied for which permit, and when. Recorded by the owner, the coordinators of the queue, or the police running an investigation or permit hand-off (the preliminary-investigation leader applies). One application of a kind at a time (409).',
  security,
  request: { params, headers: IdempotencyKeyHeader, body: json(PermitApplicationRequest) },
  responses: {
    201: {
      description: 'The application was recorded',
      content: { 'application/json': { schema: PermitView } },
    },
    ...permitAnswer('Replay of an earlier request with the same Idempotency-Key'),
    ...refusals,
  },
});

const decidePermitRoute = createRoute({
  method: 'post',
  path: '/{id}/permits/{permitId}/decision',
  operationId: 'recordPermitDecision',
  summary: "Record Migrationsverket's decision on a permit",
  description:
    "Granted (from, through) or refused. A grant arms the statutory clock to the permit's end, which warns the owner before it: 30 days for the reflection period, at least 6 months for the others (422 if shorter), an exit-plan permit at most 2 years in total.",
  security,
  request: { params: permitParams, body: json(PermitDecisionRequest) },
  responses: { ...permitAnswer('The permit after the decision'), ...refusals },
});

const extendPermitRoute = createRoute({
  method: 'post',
  path: '/{id}/permits/{permitId}/extension',
  operationId: 'extendPermit',
  summary: 'Record an extension of a granted permit',
  description:
    'The clock moves to the new end. An exit-plan permit cannot be extended past 2 years from its first valid day (422 naming `validUntil`).',
  security,
  request: { params: permitParams, body: json(PermitExtensionRequest) },
  responses: { ...permitAnswer('The permit after the extension'), ...refusals },
});

const revokePermitRoute = createRoute({
  method: 'post',
  path: '/{id}/permits/{permitId}/revocation',
  operationId: 'revokePermit',
  summary: 'Record that a granted permit was revoked',
  description: "The permit's clock stops.",
  security,
  request: { params: permitParams, body: json(PermitRevocationRequest) },
  responses: { ...permitAnswer('The permit after the revocation'), ...refusals },
});

/** A note or supplement created now (201), or the one an earlier request with the same key created (200). */
function noteAnswer(c: Context<AppEnv>, result: ActionOutcome) {
  const first = result.replayed;
  return first
    ? c.json({ id: first.noteId!, createdAt: first.at! }, 200)
    : c.json({ id: result.noteId!, createdAt: result.events[0]!.occurredAt }, 201);
}

/** Loads the referral and asks the policy; the answer is audited. Throws NotFound or Forbidden. */
async function allowed(c: Context<AppEnv>, id: string, act: Action) {
  return allowOnReferral(c, id, act);
}

async function run(
  id: string,
  act: Action,
  principal: Principal,
  build: (commentId: string | undefined) => ReferralCommand,
  comment?: { kind: NoteKind; text: string | undefined },
) {
  return actOnReferral(id, build, {
    ...acting(principal, act),
    ...(comment?.text ? { comment: { kind: comment.kind, text: comment.text } } : {}),
  });
}

/** The permit the action recorded, as the ledger shows it. */
function permitOf(result: { readonly state: ReferralState }, permitId: string) {
  const permit = result.state.permits.find((p) => p.id === permitId);
  if (!permit) throw new NotFound('No such permit on this referral.');
  return permitView(permit);
}

export const referralActions = new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
  .openapi(acknowledge, async (c) => {
    const { id } = c.req.valid('param');
    const { principal } = await allowed(c, id, 'referral.acknowledge');
    const result = await run(id, 'referral.acknowledge', principal, () => ({ type: 'acknowledge' }));
    return c.json(fullView(result.state), 200);
  })
  .openapi(notes, async (c) => {
    const { id } = c.req.valid('param');
    const { principal } = await allowed(c, id, 'referral.note');
    const result = await addNote(id, c.req.valid('json').text, {
      ...acting(principal, 'referral.note'),
      ...idempotencyKey(c.req.valid('header')['idempotency-key']),
    });
    return noteAnswer(c, result);
  })
  .openapi(transfer, async (c) => {
    const { id } = c.req.valid('param');
    const { principal } = await allowed(c, id, 'referral.transfer');
    const body = c.req.valid('json');
    const result = await run(
      id,
      'referral.transfer',
      principal,
      (commentId) => ({
        type: 'transfer',
        to: body.queue as Extract<ReferralCommand, { type: 'transfer' }>['to'],
        reason: body.reason,
        ...(commentId ? { commentId } : {}),
      }),
      { kind: 'comment', text: body.comment },
    );
    return c.json(fullView(result.state), 200);
  })
  .openapi(offer, async (c) => {
    const { id } = c.req.valid('param');
    const body = c.req.valid('json');
    // What does not depend on the referral is the request's fault: name the field.
    const recipient = findOrganisation(body.recipient.id);
    const errors = !recipient
      ? [{ path: 'recipient.id', message: 'not an organisation of the directory' }]
      : [
          ...(body.recipient.type && body.recipient.type !== recipient.type
            ? [{ path: 'recipient.type', message: `the organisation is of type ${recipient.type}` }]
            : []),
          ...(!recipient.purposes.includes(body.purpose)
            ? [{ path: 'purpose', message: `${recipient.name} does not take this purpose` }]
            : []),
        ];
    if (!recipient || errors.length) {
      return problem(c, 400, 'Some fields are not valid; see `errors`.', { errors }) as never;
    }
    const { principal } = await allowed(c, id, 'referral.handoff');
    const result = await offerHandoff(
      id,
      {
        recipientId: recipient.id,
        purpose: body.purpose,
        ...(body.legalBasis ? { legalBasis: body.legalBasis } : {}),
      },
      {
        ...acting(principal, 'referral.handoff'),
        ...idempotencyKey(c.req.valid('header')['idempotency-key']),
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
  })
  .openapi(consents, async (c) => {
    const { id } = c.req.valid('param');
    const { principal } = await allowed(c, id, 'consent.record');
    const result = await recordConsent(id, c.req.valid('json'), acting(principal, 'consent.record'));
    return c.json(consentView(result.consent), result.created ? 201 : 200);
  })
  .openapi(withdraw, async (c) => {
    const { id, consentId } = c.req.valid('param');
    const { principal } = await allowed(c, id, 'consent.withdraw');
    const result = await withdrawConsent(id, consentId, acting(principal, 'consent.withdraw'));
    return c.json(fullView(result.state), 200);
  })
  .openapi(close, async (c) => {
    const { id } = c.req.valid('param');
    const { principal } = await allowed(c, id, 'referral.close');
    const body = c.req.valid('json');
    const result = await run(
      id,
      'referral.close',
      principal,
      (commentId) => ({ type: 'close', reason: body.reason, ...(commentId ? { commentId } : {}) }),
      { kind: 'comment', text: body.comment },
    );
    return c.json(fullView(result.state), 200);
  })
  .openapi(reopen, async (c) => {
    const { id } = c.req.valid('param');
    const { principal } = await allowed(c, id, 'referral.reopen');
    const body = c.req.valid('json');
    const result = await run(
      id,
      'referral.reopen',
      principal,
      (commentId) => ({ type: 'reopen', reason: body.reason, ...(commentId ? { commentId } : {}) }),
      { kind: 'comment', text: body.comment },
    );
    return c.json(fullView(result.state), 200);
  })
  .openapi(supplement, async (c) => {
    const { id } = c.req.valid('param');
    const { principal } = await allowed(c, id, 'referral.supplement');
    const result = await addSupplement(id, c.req.valid('json').text, {
      ...acting(principal, 'referral.supplement'),
      ...idempotencyKey(c.req.valid('header')['idempotency-key']),
    });
    return noteAnswer(c, result);
  })
  .openapi(pause, async (c) => {
    const { id, clockId } = c.req.valid('param');
    const { principal } = await allowed(c, id, 'clock.pause');
    const body = c.req.valid('json');
    const result = await pauseClock(
      id,
      { clockId, reason: body.reason, ...(body.comment ? { comment: body.comment } : {}) },
      acting(principal, 'clock.pause'),
    );
    return c.json(fullView(result.state), 200);
  })
  .openapi(resume, async (c) => {
    const { id, clockId } = c.req.valid('param');
    const { principal } = await allowed(c, id, 'clock.pause');
    const result = await resumeClock(id, clockId, acting(principal, 'clock.pause'));
    return c.json(fullView(result.state), 200);
  })
  .openapi(applyPermit, async (c) => {
    const { id } = c.req.valid('param');
    const { principal } = await allowed(c, id, 'permit.apply');
    const result = await applyForPermit(id, c.req.valid('json'), {
      ...acting(principal, 'permit.apply'),
      ...idempotencyKey(c.req.valid('header')['idempotency-key']),
    });
    return c.json(permitOf(result, result.permitId), result.replayed ? 200 : 201, {
      Location: `/v1/referrals/${id}/permits/${result.permitId}`,
    });
  })
  .openapi(decidePermitRoute, async (c) => {
    const { id, permitId } = c.req.valid('param');
    const { principal } = await allowed(c, id, 'permit.decide');
    const { validFrom, validUntil, ...decision } = c.req.valid('json');
    const result = await decidePermit(
      id,
      permitId,
      { ...decision, ...(validFrom ? { validFrom } : {}), ...(validUntil ? { validUntil } : {}) },
      acting(principal, 'permit.decide'),
    );
    return c.json(permitOf(result, permitId), 200);
  })
  .openapi(extendPermitRoute, async (c) => {
    const { id, permitId } = c.req.valid('param');
    const { principal } = await allowed(c, id, 'permit.decide');
    const result = await extendPermit(id, permitId, c.req.valid('json'), acting(principal, 'permit.decide'));
    return c.json(permitOf(result, permitId), 200);
  })
  .openapi(revokePermitRoute, async (c) => {
    const { id, permitId } = c.req.valid('param');
    const { principal } = await allowed(c, id, 'permit.decide');
    const result = await revokePermit(id, permitId, c.req.valid('json'), acting(principal, 'permit.decide'));
    return c.json(permitOf(result, permitId), 200);
  });
