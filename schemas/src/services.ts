// Working a case while services run beside it (domain.md §2, §5): clocks as people see them, pausing one, the permit
// ledger, and a service's start and end. Request bodies are strict; dates are local dates in Stockholm.

import {
  CHILD_LEGAL_BASES,
  CLOCK_KINDS,
  CLOCK_PAUSE_REASONS,
  HANDOFF_KINDS,
  HANDOFF_PURPOSES,
  HANDOFF_STATUSES,
  PERMIT_APPLICANTS,
  PERMIT_KINDS,
  PERMIT_STATUSES,
  SERVICE_OUTCOMES,
} from '@nrm/domain';
import * as z from './zod';

const date = (description: string) =>
  z.iso.date({ error: 'must be a date, YYYY-MM-DD' }).openapi({ description, example: '2026-03-15' });
const comment = z.string().trim().min(1).max(2000).optional().openapi({
  description: 'Free text, kept as a note with the referral; events and e-mails carry only the coded reason.',
});

export const DisclosureBasis = z
  .discriminatedUnion('type', [
    z.object({ type: z.literal('consent'), consentId: z.string() }),
    z.object({ type: z.literal('legal-basis'), code: z.enum(CHILD_LEGAL_BASES) }),
  ])
  .openapi('DisclosureBasis', {
    description:
      "What the hand-off's disclosure rests on: the adult's consent (by id), or the legal basis recorded for a child.",
  });

export const HandoffCore = {
  id: z.string(),
  recipient: z.object({ type: z.string(), id: z.string() }),
  purpose: z.enum(HANDOFF_PURPOSES),
  kind: z.enum(HANDOFF_KINDS).openapi({
    description:
      'responsibility: accepting makes the recipient the accountable owner. service: runs beside the owner, with its own status.',
  }),
  status: z.enum(HANDOFF_STATUSES as [string, ...string[]]),
  basis: DisclosureBasis,
  offeredAt: z.string(),
  startedAt: z.string().optional().openapi({ description: 'A service: when it began.' }),
  endedAt: z.string().optional(),
  outcome: z.enum(SERVICE_OUTCOMES).optional(),
};

export const ClockView = z
  .object({
    id: z.string().openapi({ description: 'What to pause or resume it by, e.g. `acknowledge-1`.' }),
    kind: z.enum(CLOCK_KINDS),
    startedAt: z.string(),
    dueAt: z.string().openapi({ description: 'Paused time excluded; computed now from the clock’s events.' }),
    warnAt: z.string().nullable(),
    state: z.enum(['running', 'paused', 'warned', 'breached', 'stopped']),
    pausedMillis: z.number().int().openapi({ description: 'Time spent paused, in the clock’s own basis.' }),
    pauseReason: z.enum(CLOCK_PAUSE_REASONS).optional(),
    pausable: z.boolean().openapi({ description: 'False for the law’s clocks and the birthday.' }),
    handoffId: z.string().optional(),
    permitId: z.string().optional(),
  })
  .openapi('Clock');

export const PauseClockRequest = z
  .strictObject({ reason: z.enum(CLOCK_PAUSE_REASONS), comment })
  .refine((body) => body.reason !== 'other' || body.comment !== undefined, {
    error: 'a pause for another reason says why',
    path: ['comment'],
  })
  .openapi('PauseClockRequest');

export const ResumeClockRequest = z.strictObject({}).openapi('ResumeClockRequest');

export const PermitApplicationRequest = z
  .strictObject({
    kind: z.enum(PERMIT_KINDS),
    appliedBy: z.enum(PERMIT_APPLICANTS),
    appliedOn: date('The day the application was made.'),
  })
  .openapi('PermitApplicationRequest', {
    description:
      'An application for a residence permit: the reflection period (by the preliminary-investigation leader or social services), taking part in a criminal investigation (by the preliminary-investigation leader) or the proposed exit-plan permit (by social services).',
  });

export const PermitDecisionRequest = z
  .strictObject({
    decision: z.enum(['granted', 'refused']),
    decidedOn: date('The day of the decision.'),
    validFrom: date('First valid day; the decision day when left out.').optional(),
    validUntil: date(
      "Last valid day; the law's minimum (30 days, or 6 months) when left out. An exit-plan permit holds at most 2 years.",
    ).optional(),
  })
  .openapi('PermitDecisionRequest');

export const PermitExtensionRequest = z
  .strictObject({ decidedOn: date('The day of the decision.'), validUntil: date('The new last valid day.') })
  .openapi('PermitExtensionRequest');

export const PermitRevocationRequest = z
  .strictObject({ decidedOn: date('The day of the decision.') })
  .openapi('PermitRevocationRequest');

export const PermitView = z
  .object({
    id: z.string(),
    kind: z.enum(PERMIT_KINDS),
    appliedBy: z.enum(PERMIT_APPLICANTS),
    appliedOn: z.string(),
    status: z.enum(PERMIT_STATUSES),
    decidedOn: z.string().optional(),
    validFrom: z.string().optional(),
    validUntil: z.string().optional(),
    expiresAt: z
      .string()
      .optional()
      .openapi({ description: 'The instant it ends: the start of the day after.' }),
    extensions: z.number().int(),
    revokedOn: z.string().optional(),
  })
  .openapi('Permit');

export const ServiceStartRequest = z.strictObject({}).openapi('ServiceStartRequest');

export const ServiceEndRequest = z
  .strictObject({ outcome: z.enum(SERVICE_OUTCOMES), comment })
  .openapi('ServiceEndRequest');
