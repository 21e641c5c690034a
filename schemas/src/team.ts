// Working as a team (api.md): assignment, "my cases", the lead's team workload, finding a case by its number or by
// name and date of birth. Staff ids only; a search's name and date travel in the body, never in a URL.

import { ASSIGNMENT_REASONS, REFERRAL_STATUSES } from '@nrm/domain';
import { QueueListing } from './referral';
import * as z from './zod';

/** A staff member's id as they sign in with it (the token subject). */
const StaffId = z
  .string()
  .min(1)
  .max(200)
  .regex(/^[\w.@:+-]+$/, { error: 'not a staff id' });

export const AssignRequest = z
  .strictObject({
    assignee: StaffId.optional().openapi({
      description:
        'The coordinator to work it; leave out to take it yourself. They must be a coordinator of the office of its queue (known to the NRM once they have opened their cases or taken a referral).',
    }),
    reason: z
      .enum(ASSIGNMENT_REASONS)
      .optional()
      .openapi({ description: 'Required when it moves from one coordinator to another.' }),
  })
  .openapi('AssignRequest');

export const UnassignRequest = z
  .strictObject({ reason: z.enum(ASSIGNMENT_REASONS) })
  .openapi('UnassignRequest');

export const AssignedListing = QueueListing.omit({ queue: true })
  .extend({ assignee: z.string() })
  .openapi('AssignedListing', {
    description:
      'The open referrals assigned to the caller across the queues they work, the most urgent first.',
  });

export const TeamWorkloadView = z
  .object({
    queue: z.string(),
    coordinators: z.array(
      z.object({
        sub: z.string(),
        open: z.number().int(),
        warning: z.number().int().openapi({ description: 'Referrals with a clock that has warned.' }),
        breached: z.number().int().openapi({ description: 'Referrals with a clock past due.' }),
      }),
    ),
    unassigned: z.array(z.object({ id: z.string(), reference: z.string(), waitingSince: z.string() })),
    truncated: z
      .boolean()
      .openapi({ description: 'True when the queue held more open referrals than one answer counts.' }),
  })
  .openapi('TeamWorkload', {
    description:
      "A team's workload for its regional lead: counts per coordinator and who waits; no case content.",
  });

export const SearchRequest = z
  .strictObject({
    name: z.string().trim().min(2).max(200).openapi({ description: 'A name or alias, as written anywhere.' }),
    dateOfBirth: z.iso.date(),
  })
  .openapi('SearchRequest');

export const SearchHit = z.object({
  id: z.string(),
  reference: z.string(),
  status: z.enum(REFERRAL_STATUSES),
  queue: z.string().nullable(),
  assigned: z.boolean(),
});

export const SearchResult = z.object({ items: z.array(SearchHit) }).openapi('SearchResult', {
  description: 'The referrals in your scope whose name or alias and date of birth match, by reference.',
});
