// GET /v1/feed: the pull alternative to webhooks (issue 17). The caller's organisation's messages in the order they
// happened, after an opaque cursor signed for this organisation's feed: a forged, altered or foreign cursor is 400.

import { now } from '@nrm/runtime';
import { FeedPage } from '@nrm/schemas';
import * as z from '@nrm/schemas/zod';
import { listFeed } from '@nrm/store';
import { allow, auditListing } from '../access';
import type { AppEnv } from '../context';
import { answers, get, Operations } from './declare';

export const feed = new Operations<AppEnv>().openapi(
  get(
    '/feed',
    {
      query: z.object({
        after: z.string().max(2048).optional(),
        limit: z.coerce.number().int().min(1).max(200).default(100),
      }),
    },
    answers('The next messages', FeedPage, 400, 401, 403),
    {
      operationId: 'readFeed',
      summary: "Your organisation's event feed",
      description:
        'The same messages the webhooks deliver (purpose-limited: ids, reference, type, time, the status you may see), in the order they were recorded, from 5 seconds after (so a cursor never passes a message recorded late), for systems that cannot receive calls. ' +
        'Start without `after`; pass each answer’s `nextCursor` as `after` to read on. Messages are kept 30 days.',
    },
  ),
  async (c) => {
    const { principal } = await allow(c, 'feed.read');
    const { organisationId } = principal;
    const { after, limit } = c.req.valid('query');
    // A cursor that does not decode is the store's InvalidCursor, a BadRequest: onError answers it (400).
    const page = await listFeed(organisationId, { limit, now: now(), ...(after ? { after } : {}) });
    // A listing of referrals, so it is audited with the referrals it named (never their content: there is none).
    await auditListing(c, `feed:${organisationId}`, 'feed.read', [
      ...new Set(page.items.map((m) => m.referralId)),
    ]);
    return c.json({ items: page.items, nextCursor: page.nextCursor }, 200);
  },
);
