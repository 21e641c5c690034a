// Coordinator actions, hand-offs and the directory of receiving organisations (api.md): request bodies and views.

import {
  ALL_QUEUES,
  CHILD_LEGAL_BASES,
  CLOSE_REASONS,
  DECLINE_REASONS,
  HANDOFF_PURPOSES,
  INVESTIGATION_DECISIONS,
  ORGANISATION_TYPES,
  REFERRAL_STATUSES,
  REGIONS,
  REOPEN_REASONS,
  REVOKE_REASONS,
  TRANSFER_REASONS,
} from '@nrm/domain';
import { ClockView, HandoffCore } from './services';
import { page, referralViewHead } from './shapes';
import * as z from './zod';

const text = (max: number) => z.string().trim().min(1).max(max);
const comment = text(2000).optional().openapi({
  description: 'Free text kept with the referral as a note; never sent on in events or e-mails.',
});

export const AcknowledgeRequest = z.strictObject({}).openapi('AcknowledgeRequest', {
  description: 'An empty object: the coordinator is taken from the token.',
});

export const NoteRequest = z.strictObject({ text: text(5000) }).openapi('NoteRequest');

export const SupplementRequest = z
  .strictObject({ text: text(20_000) })
  .openapi('SupplementRequest', { description: 'Information the referrer adds after submission.' });

export const NoteCreated = z.object({ id: z.string(), createdAt: z.string() }).openapi('NoteCreated');

export const TransferRequest = z
  .strictObject({
    queue: z.enum(ALL_QUEUES as [string, ...string[]]),
    reason: z.enum(TRANSFER_REASONS),
    comment,
  })
  .openapi('TransferRequest');

export const CloseRequest = z
  .strictObject({ reason: z.enum(CLOSE_REASONS), comment })
  .openapi('CloseRequest');

export const ReopenRequest = z
  .strictObject({ reason: z.enum(REOPEN_REASONS), comment })
  .openapi('ReopenRequest');

export const HandoffRequest = z
  .strictObject({
    recipient: z.strictObject({
      id: text(100).openapi({ description: 'A directory organisation id, e.g. `social-services:1280`.' }),
      type: z.enum(ORGANISATION_TYPES).optional(),
    }),
    purpose: z.enum(HANDOFF_PURPOSES),
    legalBasis: z.enum(CHILD_LEGAL_BASES).optional().openapi({
      description:
        "Children's hand-offs only, and required for them: the legal basis of the disclosure. An adult's hand-off rests on the person's consent for the recipient's type and the purpose instead, and is refused (409) without it.",
    }),
  })
  .openapi('HandoffRequest');

export const WithdrawConsentRequest = z.strictObject({}).openapi('WithdrawConsentRequest', {
  description: 'An empty object: who recorded the withdrawal is taken from the token.',
});

export const DeclineRequest = z
  .strictObject({ reason: z.enum(DECLINE_REASONS), comment })
  .openapi('DeclineRequest', { description: 'A decline needs a reason.' });

export const RevokeRequest = z.strictObject({ reason: z.enum(REVOKE_REASONS) }).openapi('RevokeRequest');

export const DecisionRequest = z
  .strictObject({ decision: z.enum(INVESTIGATION_DECISIONS) })
  .openapi('DecisionRequest', {
    description: "Social services' decision whether to open an investigation after a report of concern.",
  });

export const HandoffView = z
  .object({
    ...HandoffCore,
    referralId: z.string(),
    reference: z.string(),
    track: z.enum(['adult', 'child']),
    closedAt: z.string().optional(),
    declineReason: z.enum(DECLINE_REASONS).optional(),
    revokeReason: z.enum(REVOKE_REASONS).optional(),
    decision: z.enum(INVESTIGATION_DECISIONS).optional(),
    answerBy: z.string().optional().openapi({ description: 'While offered: when an answer is due.' }),
  })
  .openapi('Handoff');

export const HandoffListing = z.object(page(HandoffView)).openapi('HandoffListing');

export const ReferralReceiverView = z
  .object({
    ...referralViewHead('offer', "a receiving organisation's"),
    status: z.enum(REFERRAL_STATUSES),
    submittedAt: z.string(),
    track: z.enum(['adult', 'child']),
    owner: z.object({ type: z.enum(['coordinator-office', 'organisation']), id: z.string() }),
    handoffs: z.array(z.object(HandoffCore)),
    clocks: z.array(ClockView),
  })
  .openapi('ReferralForReceiver', {
    description:
      'What a receiving organisation sees of a referral handed to it: its own hand-offs and their clocks.',
  });

export const Organisation = z
  .object({
    id: z.string(),
    type: z.enum(ORGANISATION_TYPES),
    name: z.string(),
    region: z.enum(REGIONS).nullable(),
    municipalityCode: z.string().optional(),
    countyCode: z.string().optional(),
    purposes: z.array(z.enum(HANDOFF_PURPOSES)),
  })
  .openapi('Organisation');

export const OrganisationListing = z.object({ items: z.array(Organisation) }).openapi('OrganisationListing');
