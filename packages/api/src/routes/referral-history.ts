// What happened to a referral and what was written about it: the timeline of its events (codes and ids, never free
// text) and its notes, supplements and comments (personal data, read only by those with a need to know). Both reads
// are audited like any read of the referral.

import { NoteListing, ReferralHistory } from '@nrm/schemas';
import * as z from '@nrm/schemas/zod';
import { getReferralEvents, listNotes } from '@nrm/store';
import { allowOnReferral } from '../access';
import type { AppEnv } from '../context';
import { answers, get, Operations } from './declare';
import { Ulid } from './outcomes';

const params = z.object({ id: Ulid('referral') });

export const referralHistory = new Operations<AppEnv>()
  .openapi(
    get('/{id}/events', { params }, answers('The timeline', ReferralHistory, 400, 401, 403, 404), {
      operationId: 'listReferralEvents',
      summary: "Read a referral's timeline",
      description:
        'Every event of the referral in order, with who recorded it: for the coordinators of its queue and the national coordinator. Events carry codes and ids only.',
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      await allowOnReferral(c, id, 'referral.history');
      const events = (await getReferralEvents(id)).map((event) => {
        const { personKey: _personKey, ...data } = event.data as Record<string, unknown>;
        const { sub, role, organisationId } = event.actor;
        return {
          seq: event.seq,
          type: event.type,
          occurredAt: event.occurredAt,
          actor: { sub, role, organisationId },
          data,
        };
      });
      return c.json({ referralId: id, events }, 200);
    },
  )
  .openapi(
    get('/{id}/notes', { params }, answers('The notes', NoteListing, 400, 401, 403, 404), {
      operationId: 'listNotes',
      summary: "Read a referral's notes",
      description:
        "Notes, the referrer's supplements and the comments given with a transfer, close, reopen or decline. The coordinators of its queue and the national coordinator read them all; an organisation that owns the referral reads what it wrote itself.",
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      const allowed = await allowOnReferral(c, id, 'referral.read-notes');
      const all = await listNotes(id);
      const mine =
        allowed.view === 'full'
          ? all
          : all.filter((n) => n.author.organisationId === allowed.principal.organisationId);
      return c.json({ items: mine }, 200);
    },
  );
