// The local platform's consumers run in a thread of their own (packages/local/src/consumers.ts), off the API's event
// loop: what they count is still in /local/usage, added to the API's, and the platform can still hold one of them
// (the demo year's turns). Its own platform: it counts usage (NRM_COUNT_USAGE=1).
import { GetQueueAttributesCommand } from '@aws-sdk/client-sqs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sqsClient } from '../support/aws';
import { referral } from '../support/fixtures';
import { eventually } from '../support/http';
import { type OwnPlatform, startOwnPlatform } from '../support/own-platform';

let stack: OwnPlatform;

beforeAll(async () => {
  process.env.NRM_COUNT_USAGE = '1';
  stack = await startOwnPlatform();
});

afterAll(async () => {
  await stack?.stop();
  delete process.env.NRM_COUNT_USAGE;
});

const usage = async () => (await stack.api.get('/local/usage')).body;

describe('the consumer thread', () => {
  it("adds what the consumers counted to the API's usage", async () => {
    await stack.api.post('/local/usage/reset', {});
    const res = await stack.api.post('/v1/referrals', referral(), 'police-syd-system');
    expect(res.status).toBe(201);
    // The router runs in the consumer thread: its invocation and its writes reach /local/usage.
    const counted = await eventually(async () => {
      const u = await usage();
      return u.functions['referral-router']?.invocations ? u : undefined;
    }, 30_000);
    expect(counted.dynamodbByFunction.api?.writeUnits).toBeGreaterThan(0);
    expect(counted.dynamodbByFunction['referral-router']?.writeUnits).toBeGreaterThan(0);
    const byFunction = Object.values(counted.dynamodbByFunction).reduce((sum, u) => sum + u.writeUnits, 0);
    expect(byFunction).toBe(counted.dynamodb.writeUnits);

    await stack.settle();
    await stack.api.post('/local/usage/reset', {});
    const reset = await usage();
    expect(reset.functions).toEqual({});
    expect(reset.dynamodb).toEqual({ readUnits: 0, writeUnits: 0 });
  });

  it("holds a consumer for the platform (the demo year's turns) and lets it go", async () => {
    const router = stack.platform.sqsPollers.get('referral-router')!;
    const status = async (id: string) =>
      (await stack.api.get(`/v1/referrals/${id}`, 'police-syd-system')).body.status;
    let id = '';
    const invocationsBefore = router.invocations;
    await router.exclusive(async () => {
      // The API answers while the router, in the other thread, waits for its turn.
      const res = await stack.api.post('/v1/referrals', referral(), 'police-syd-system');
      expect(res.status).toBe(201);
      id = res.body.id;
      // The referral reaches the routing queue and waits there (received or not, it is not handled): the held router
      // takes no batch.
      const routing = stack.platform.queues.find((q) => q.name === 'referral-routing')!;
      const sqs = sqsClient(stack.platform.endpoints);
      await eventually(async () => {
        const { Attributes } = await sqs.send(
          new GetQueueAttributesCommand({
            QueueUrl: routing.url,
            AttributeNames: ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible'],
          }),
        );
        const waiting =
          Number(Attributes?.ApproximateNumberOfMessages) +
          Number(Attributes?.ApproximateNumberOfMessagesNotVisible);
        return waiting > 0 ? true : undefined;
      }, 30_000);
      sqs.destroy();
      expect(await status(id)).toBe('received');
      expect(router.invocations).toBe(invocationsBefore);
    });
    await eventually(async () => ((await status(id)) === 'routed' ? true : undefined), 30_000, 200);
    expect(router.invocations).toBeGreaterThan(invocationsBefore);
  });
});
