// /v1/queues/{queue}/referrals: a coordinator's queue, most urgent first.

import { ALL_QUEUES, BadRequest, isQueueId } from '@nrm/domain';
import { QueueListing } from '@nrm/schemas';
import { listQueue } from '@nrm/store';
import { allow, auditListing } from '../access';
import type { AppEnv } from '../context';
import { queueItemView } from '../views';
import { answers, get, Operations } from './declare';
import { PageQuery, pageArgs, QueueParams } from './outcomes';

export const queues = new Operations<AppEnv>().openapi(
  get(
    '/{queue}/referrals',
    { params: QueueParams, query: PageQuery },
    answers('The queue', QueueListing, 400, 401, 403),
    {
      operationId: 'listQueue',
      summary: "List a queue's open referrals",
      description: `Open referrals of one queue, the one whose clock runs out first at the top. Queues: ${ALL_QUEUES.join(', ')}.`,
    },
  ),
  async (c) => {
    const { queue } = c.req.valid('param');
    if (!isQueueId(queue)) throw new BadRequest('Unknown queue.');
    await allow(c, 'referral.list-queue', { queue }, undefined, { auditRefusalAs: `queue:${queue}` });
    const page = await listQueue(queue, pageArgs(c.req.valid('query')));
    const ids = page.items.map((i) => i.id);
    await auditListing(c, `queue:${queue}`, 'referral.list-queue', ids);
    return c.json({ queue, items: page.items.map(queueItemView), nextCursor: page.nextCursor }, 200);
  },
);
