// Actions on a referral (api.md): acknowledge, notes, transfer, consents, hand-offs, close, reopen, the referrer's
// supplements, pausing a clock and the permit ledger. Each checks the policy, lets the domain decide and answers with
// what the caller may see afterwards; refusals (403/404, 409 when the state does not allow it, 422 naming a field)
// are thrown and answered by the app's one onError.
import type { RouteHandler } from '@hono/zod-openapi';
import {
  type Action,
  findOrganisation,
  NotFound,
  present,
  type QueueId,
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
import * as z from '@nrm/schemas/zod';
import {
  addNote,
  addSupplement,
  applyForPermit,
  type CommentableCommand,
  decidePermit,
  extendPermit,
  offerHandoff,
  pauseClock,
  recordConsent,
  resumeClock,
  revokePermit,
  withdrawConsent,
} from '@nrm/usecases';
import type { AppEnv } from '../context';
import { problem } from '../problem';
import { consentView, fullView, handoffDetailView, permitView } from '../views';
import { action, answers, created, type Facts, Operations, post, REFUSED_CHANGE } from './declare';
import { actOn, commanded, commented, IdempotencyKeyHeader, idempotencyKey, json, Ulid } from './outcomes';

const params = z.object({ id: Ulid('referral') });
const consentParams = z.object({
  id: Ulid('referral'),
  consentId: z.string().regex(/^consent-\d{1,4}$/, { error: 'not a consent id' }),
});
const clockParams = z.object({
  id: Ulid('referral'),
  clockId: z.string().regex(/^[a-z0-9-]{1,40}-\d{1,4}$/, { error: 'not a clock id' }),
});
const permitParams = z.object({ id: Ulid('referral'), permitId: Ulid('permit') });

/** A POST of `body` that keeps it with the key it came with, and answers what it created. */
const keyed = <B extends z.ZodType>(body: B) => ({ params, headers: IdempotencyKeyHeader, body: json(body) });

/** A change to a permit of the ledger: its JSON `body`, for the permit named in the path. */
const permitChange = <B extends z.ZodType>(body: B) => ({ params: permitParams, body: json(body) });

/**
 * Adding a text to a referral — a note of the office, or the referrer's supplement — as `act`: the route, and its
 * handler, which keys the text by the request's Idempotency-Key and answers 201 with the one added now, or 200 with
 * the one an earlier request with the same key added.
 */
function textAdding<P extends string>(
  path: P,
  body: typeof NoteRequest,
  act: Action,
  add: typeof addNote,
  added: string,
  facts: Facts,
) {
  const route = post(path, keyed(body), created(added, NoteCreated, ...REFUSED_CHANGE), facts);
  const handler: RouteHandler<typeof route, AppEnv> = async (c) => {
    const { id } = c.req.valid('param');
    const key = c.req.valid('header')['idempotency-key'];
    const result = await actOn(c, id, act, (acting) =>
      add(id, c.req.valid('json').text, { ...acting, ...idempotencyKey(key) }),
    );
    const first = result.replayed;
    return first
      ? c.json({ id: first.noteId!, createdAt: first.at! }, 200)
      : c.json({ id: result.noteId!, createdAt: result.events[0]!.occurredAt }, 201);
  };
  return [route, handler] as const;
}

/**
 * An action recorded with a coded reason and an optional comment kept as a note (transferring, closing, reopening):
 * the route, and its handler, which runs the command `command` makes of the request and answers the referral after it.
 */
function reasoned<
  P extends string,
  B extends { readonly reason: string; readonly comment?: string | undefined },
>(path: P, body: z.ZodType<B>, act: Action, command: (request: B) => CommentableCommand, facts: Facts) {
  const route = action(path, params, body, facts);
  const handler: RouteHandler<typeof route, AppEnv> = async (c) => {
    const { id } = c.req.valid('param');
    const request = c.req.valid('json');
    const { state } = await commented(c, id, act, command(request), request.comment);
    return c.json(fullView(state), 200);
  };
  return [route, handler] as const;
}

/** The permit the action recorded, as the ledger shows it. */
function permitOf(result: { readonly state: ReferralState }, permitId: string) {
  const permit = result.state.permits.find((p) => p.id === permitId);
  if (!permit) throw new NotFound('No such permit on this referral.');
  return permitView(permit);
}

export const referralActions = new Operations<AppEnv>()
  .openapi(
    action('/{id}/acknowledge', params, AcknowledgeRequest, {
      operationId: 'acknowledgeReferral',
      summary: 'Acknowledge a referral (take ownership)',
      description:
        "A coordinator of the referral's queue takes it on: the acknowledgement clock stops and the queue's office owns the referral (unless an organisation has already accepted it). 409 if it is already acknowledged or closed.",
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      const { state } = await commanded(c, id, 'referral.acknowledge', { type: 'acknowledge' });
      return c.json(fullView(state), 200);
    },
  )
  .openapi(
    ...textAdding('/{id}/notes', NoteRequest, 'referral.note', addNote, 'The note was added', {
      operationId: 'addNote',
      summary: 'Add a note',
      description:
        'The owning office adds a note. The text is kept with the referral; events, queues and e-mails never carry it.',
    }),
  )
  .openapi(
    ...reasoned(
      '/{id}/transfer',
      TransferRequest,
      'referral.transfer',
      // The schema lists every queue the domain knows (ALL_QUEUES): its enum is typed as strings.
      ({ queue, reason }) => ({ type: 'transfer', to: queue as QueueId, reason }),
      {
        operationId: 'transferReferral',
        summary: "Transfer to another region's queue",
        description:
          'The owning office moves the referral to another queue, with a reason. Ownership stays until a coordinator of the receiving queue acknowledges it, so the case is never without an owner.',
      },
    ),
  )
  .openapi(
    post(
      '/{id}/handoffs',
      keyed(HandoffRequest),
      created('The hand-off was offered', HandoffView, ...REFUSED_CHANGE),
      {
        operationId: 'offerHandoff',
        summary: 'Hand off to a receiving organisation',
        description:
          "The owning office offers the referral to an organisation of the directory for a purpose; the acceptance clock starts. Ownership moves only when the organisation accepts. The disclosure must rest on something, recorded with the offer as `basis`: an adult's hand-off needs the person's consent for the recipient's type and the purpose (409 without it; record it with `POST …/consents`); a child's hand-off needs `legalBasis` (422 without it).",
      },
    ),
    async (c) => {
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
      const result = await actOn(c, id, 'referral.handoff', (acting) =>
        offerHandoff(
          id,
          { recipientId: recipient.id, purpose: body.purpose, ...present({ legalBasis: body.legalBasis }) },
          { ...acting, ...idempotencyKey(c.req.valid('header')['idempotency-key']) },
        ),
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
    },
  )
  .openapi(
    post(
      '/{id}/consents',
      { params, body: json(ConsentScope) },
      {
        201: {
          description: 'The consent was recorded',
          content: { 'application/json': { schema: ConsentView } },
        },
        ...answers('The same consent was already in force', ConsentView, ...REFUSED_CHANGE),
      },
      {
        operationId: 'recordConsent',
        summary: "Record the person's consent to sharing",
        description:
          "Whoever may hand the referral on records that the adult consented to sharing their case with a kind of organisation for a purpose; who recorded it and when are kept. Recording a consent already in force answers 200 with it. A child's hand-offs rest on a legal basis given with each hand-off instead (409).",
      },
    ),
    async (c) => {
      const { id } = c.req.valid('param');
      const result = await actOn(c, id, 'consent.record', (acting) =>
        recordConsent(id, c.req.valid('json'), acting),
      );
      return c.json(consentView(result.consent), result.created ? 201 : 200);
    },
  )
  .openapi(
    action('/{id}/consents/{consentId}/withdraw', consentParams, WithdrawConsentRequest, {
      operationId: 'withdrawConsent',
      summary: 'Record that the person withdrew a consent',
      description:
        "The owner or a coordinator of the referral's queue records it (a withdrawal is honoured whoever the person tells, even after an organisation accepted the case). Offers still waiting that rest on the consent are revoked (reason `consent-withdrawn`); what an organisation has already accepted stays on record, but no longer discloses the case file to it. Withdrawing twice changes nothing.",
    }),
    async (c) => {
      const { id, consentId } = c.req.valid('param');
      const { state } = await actOn(c, id, 'consent.withdraw', (acting) =>
        withdrawConsent(id, consentId, acting),
      );
      return c.json(fullView(state), 200);
    },
  )
  .openapi(
    ...reasoned('/{id}/close', CloseRequest, 'referral.close', ({ reason }) => ({ type: 'close', reason }), {
      operationId: 'closeReferral',
      summary: 'Close a referral',
      description:
        'The owning office closes the referral with a reason; offers still waiting are revoked and every clock stops.',
    }),
  )
  .openapi(
    ...reasoned(
      '/{id}/reopen',
      ReopenRequest,
      'referral.reopen',
      ({ reason }) => ({ type: 'reopen', reason }),
      {
        operationId: 'reopenReferral',
        summary: 'Reopen a closed referral under the same id',
        description:
          "Back in its queue's office, waiting for acknowledgement (relapse is normal, domain.md §3).",
      },
    ),
  )
  .openapi(
    ...textAdding(
      '/{id}/supplements',
      SupplementRequest,
      'referral.supplement',
      addSupplement,
      'The supplement was added',
      {
        operationId: 'supplementReferral',
        summary: 'Add information after submission',
        description:
          'The referring organisation adds information; the owner is told that there is something new (not what).',
      },
    ),
  )
  .openapi(
    action('/{id}/clocks/{clockId}/pause', clockParams, PauseClockRequest, {
      operationId: 'pauseClock',
      summary: 'Pause a clock, with a reason',
      description:
        "The owner or a coordinator of the referral's queue pauses a clock while the person cannot be reached, is in hospital or waits for an interpreter (`other` needs a comment). Paused time is excluded from the due time; the pause and its reason are on the clock and in the event log. The law's clocks and the birthday cannot be paused (409).",
    }),
    async (c) => {
      const { id, clockId } = c.req.valid('param');
      const { reason, comment } = c.req.valid('json');
      const { state } = await actOn(c, id, 'clock.pause', (acting) =>
        pauseClock(id, { clockId, reason, ...present({ comment }) }, acting),
      );
      return c.json(fullView(state), 200);
    },
  )
  .openapi(
    action('/{id}/clocks/{clockId}/resume', clockParams, ResumeClockRequest, {
      operationId: 'resumeClock',
      summary: 'Resume a paused clock',
      description:
        'The due time moves later by the time the clock was paused, in its own basis (working time for working clocks).',
    }),
    async (c) => {
      const { id, clockId } = c.req.valid('param');
      const { state } = await actOn(c, id, 'clock.pause', (acting) => resumeClock(id, clockId, acting));
      return c.json(fullView(state), 200);
    },
  )
  .openapi(
    post(
      '/{id}/permits',
      keyed(PermitApplicationRequest),
      created('The application was recorded', PermitView, ...REFUSED_CHANGE),
      {
        operationId: 'applyForPermit',
        summary: 'Record a residence-permit application',
        description:
          'The permit ledger (domain.md §5): who applied for which permit, and when. Recorded by the owner, the coordinators of the queue, or the police running an investigation or permit hand-off (the preliminary-investigation leader applies). One application of a kind at a time (409).',
      },
    ),
    async (c) => {
      const { id } = c.req.valid('param');
      const result = await actOn(c, id, 'permit.apply', (acting) =>
        applyForPermit(id, c.req.valid('json'), {
          ...acting,
          ...idempotencyKey(c.req.valid('header')['idempotency-key']),
        }),
      );
      return c.json(permitOf(result, result.permitId), result.replayed ? 200 : 201, {
        Location: `/v1/referrals/${id}/permits/${result.permitId}`,
      });
    },
  )
  .openapi(
    post(
      '/{id}/permits/{permitId}/decision',
      permitChange(PermitDecisionRequest),
      answers('The permit after the decision', PermitView, ...REFUSED_CHANGE),
      {
        operationId: 'recordPermitDecision',
        summary: "Record Migrationsverket's decision on a permit",
        description:
          "Granted (from, through) or refused. A grant arms the statutory clock to the permit's end, which warns the owner before it: 30 days for the reflection period, at least 6 months for the others (422 if shorter), an exit-plan permit at most 2 years in total.",
      },
    ),
    async (c) => {
      const { id, permitId } = c.req.valid('param');
      const { validFrom, validUntil, ...decision } = c.req.valid('json');
      const result = await actOn(c, id, 'permit.decide', (acting) =>
        decidePermit(id, permitId, { ...decision, ...present({ validFrom, validUntil }) }, acting),
      );
      return c.json(permitOf(result, permitId), 200);
    },
  )
  .openapi(
    post(
      '/{id}/permits/{permitId}/extension',
      permitChange(PermitExtensionRequest),
      answers('The permit after the extension', PermitView, ...REFUSED_CHANGE),
      {
        operationId: 'extendPermit',
        summary: 'Record an extension of a granted permit',
        description:
          'The clock moves to the new end. An exit-plan permit cannot be extended past 2 years from its first valid day (422 naming `validUntil`).',
      },
    ),
    async (c) => {
      const { id, permitId } = c.req.valid('param');
      const result = await actOn(c, id, 'permit.decide', (acting) =>
        extendPermit(id, permitId, c.req.valid('json'), acting),
      );
      return c.json(permitOf(result, permitId), 200);
    },
  )
  .openapi(
    post(
      '/{id}/permits/{permitId}/revocation',
      permitChange(PermitRevocationRequest),
      answers('The permit after the revocation', PermitView, ...REFUSED_CHANGE),
      {
        operationId: 'revokePermit',
        summary: 'Record that a granted permit was revoked',
        description: "The permit's clock stops.",
      },
    ),
    async (c) => {
      const { id, permitId } = c.req.valid('param');
      const result = await actOn(c, id, 'permit.decide', (acting) =>
        revokePermit(id, permitId, c.req.valid('json'), acting),
      );
      return c.json(permitOf(result, permitId), 200);
    },
  );
