// /v1/queues/{queue}/referrals: a coordinator's queue, most urgent first.
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { ALL_QUEUES, BadRequest, isQueueId } from '@nrm/domain';
import { QueueListing } from '@nrm/schemas';
import { listQueue } from '@nrm/store';
import { allow, auditListing } from '../access';
import type { AppEnv } from '../context';
import { validationHook } from '../validation';
import { queueItemView } from '../views';
import { ok, PageQuery, problems, security } from './outcomes';

const list = createRoute({
  method: 'get',
  path: '/{queue}/referrals',
  operationId: 'listQueue',
  summary: "List a queue's open referrals",
  description: `Open referrals of one queue, the one whose clock runs out first at the top. Queues: ${ALL_QUEUES.join(', ')}.`,
  security,
  request: {
    params: z.object({ queue: z.string().refine(isQueueId, { error: 'unknown queue' }) }),
    query: PageQuery,
  },
  responses: {
    ...ok('The queue', QueueListing),
    ...problems(400, 401, 403),
  },
});

export const queues = new OpenAPIHono<AppEnv>({ defaultHook: validationHook }).openapi(list, async (c) => {
  const { queue } = c.req.valid('param');
  if (!isQueueId(queue)) throw new BadRequest('Unknown queue.');
  await allow(c, 'referral.list-queue', { queue }, undefined, { auditRefusalAs: `queue:${queue}` });
  const { limit, cursor } = c.req.valid('query');
  const page = await listQueue(queue, { limit, ...(cursor ? { cursor } : {}) });
  await auditListing(
    c,
    `queue:${queue}`,
    'referral.list-queue',
    page.items.map((i) => i.id),
  );
  return c.json({ queue, items: page.items.map(queueItemView), nextCursor: page.nextCursor }, 200);
});
