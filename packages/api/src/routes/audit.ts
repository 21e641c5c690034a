// GET /v1/referrals/{id}/audit: the audit trail of one referral, for the auditor and the national coordinator.

import * as z from '@nrm/schemas/zod';
import { readListings, readTrail, verifyEntries } from '@nrm/store';
import { allowOnReferral } from '../access';
import type { AppEnv } from '../context';
import { answers, get, Operations } from './declare';

/** Who did it: the person or system, their role and organisation (never a name). */
const Actor = z.object({
  sub: z.string(),
  role: z.string(),
  organisationId: z.string(),
  organisationType: z.string(),
});

const AuditEntry = z
  .object({
    seq: z.number().int(),
    at: z.string(),
    action: z.string(),
    outcome: z.enum(['allowed', 'denied']),
    actor: Actor,
    requestId: z.string(),
    referralIds: z.array(z.string()).optional(),
    categories: z.array(z.string()).optional().openapi({
      description: 'The categories of personal data a case-file read disclosed; never their values.',
    }),
    hash: z.string(),
    previousHash: z.string(),
  })
  .openapi('AuditEntry');

/** The trail as the auditor reads it: the entries of the referral's own chain, and the listings that showed it. */
const Trail = z.object({
  referralId: z.string(),
  intact: z.boolean(),
  entries: z.array(AuditEntry),
  listings: z
    .array(
      z.object({
        subject: z.string(),
        seq: z.number().int(),
        action: z.string(),
        at: z.string(),
        actor: Actor,
      }),
    )
    .openapi({
      description:
        "Listings that showed the referral (a queue, the referrer's own list, a receiver's hand-offs): the entry of that listing's own chain (subject, seq) records it.",
    }),
});

export const auditTrail = new Operations<AppEnv>().openapi(
  get(
    '/{id}/audit',
    { params: z.object({ id: z.string().min(1).max(64) }) },
    answers('The trail', Trail, 400, 401, 403, 404),
    {
      operationId: 'getReferralAudit',
      summary: "Read a referral's audit trail",
      description:
        'Every read and change of the referral: who (role, organisation), what, when, and the request id. `intact` is false when the hash chain does not hold. Auditor and national coordinator only; this read is itself audited.',
    },
  ),
  async (c) => {
    const { id } = c.req.valid('param');
    const subject = `referral:${id}`;
    await allowOnReferral(c, id, 'audit.read');
    const entries = await readTrail(subject);
    const intact = verifyEntries(subject, entries).length === 0;
    const view = entries.map(({ subject: _subject, referralIds, categories, ...entry }) => ({
      ...entry,
      ...(referralIds ? { referralIds: [...referralIds] } : {}),
      ...(categories ? { categories: [...categories] } : {}),
    }));
    const listings = await readListings(id);
    return c.json({ referralId: id, intact, entries: view, listings }, 200);
  },
);
