// Raw AWS clients pointed at the local engines, for tests that look at what was stored or queued.
import { DynamoDBClient, QueryCommand } from '@aws-sdk/client-dynamodb';
import { GetQueueAttributesCommand, ListQueuesCommand, SQSClient } from '@aws-sdk/client-sqs';
import { QUEUES } from '@nrm/messaging';
import { eventually } from './http';

const credentials = { accessKeyId: 'local', secretAccessKey: 'local' };

export function dynamoClient(platform: { dynamodb: string }): DynamoDBClient {
  return new DynamoDBClient({ endpoint: platform.dynamodb, region: 'eu-north-1', credentials });
}

/** Every item stored under a referral (state, events, personal data, …), raw, as a canary scan reads them. */
export async function referralItems(db: DynamoDBClient, tablePrefix: string, id: string) {
  const { Items = [] } = await db.send(
    new QueryCommand({
      TableName: `${tablePrefix}referrals`,
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': { S: `REFERRAL#${id}` } },
    }),
  );
  return Items;
}

export function sqsClient(platform: { sqs: string }): SQSClient {
  return new SQSClient({ endpoint: platform.sqs, region: 'eu-north-1', credentials });
}

/** How many messages wait in a queue (visible ones, as SQS approximates them). */
export async function queueDepth(sqs: SQSClient, QueueUrl: string): Promise<number> {
  const { Attributes } = await sqs.send(
    new GetQueueAttributesCommand({ QueueUrl, AttributeNames: ['ApproximateNumberOfMessages'] }),
  );
  return Number(Attributes?.ApproximateNumberOfMessages);
}

/** Whether no queue holds a message, waiting or in flight. */
async function queuesEmpty(sqs: SQSClient, queueUrls: readonly string[]): Promise<boolean> {
  const counts = await Promise.all(
    queueUrls.map(async (QueueUrl) => {
      const { Attributes } = await sqs.send(
        new GetQueueAttributesCommand({
          QueueUrl,
          AttributeNames: ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible'],
        }),
      );
      return (
        Number(Attributes?.ApproximateNumberOfMessages ?? 0) +
        Number(Attributes?.ApproximateNumberOfMessagesNotVisible ?? 0)
      );
    }),
  );
  return counts.every((n) => n === 0);
}

/** The platform's work queues (not their dead-letter queues, whose messages wait for a person). */
async function workQueues(sqs: SQSClient, tablePrefix: string): Promise<string[]> {
  const names = new Set(QUEUES.map((q) => `${tablePrefix}${q.name}`));
  const { QueueUrls = [] } = await sqs.send(new ListQueuesCommand({ QueueNamePrefix: tablePrefix }));
  return QueueUrls.filter((url) => names.has(url.slice(url.lastIndexOf('/') + 1)));
}

/**
 * Waits until the platform's queues are empty and nothing is in flight: twice in a row, and once more after a pause,
 * so an event the stream relay was sending between two looks is not missed. The queues are the platform's own, or,
 * for the suites' shared platform, every queue under its table prefix.
 */
export async function settle(
  sqs: SQSClient,
  queues: readonly string[] | { readonly tablePrefix: string },
  timeoutMs = 60_000,
): Promise<void> {
  const queueUrls = Array.isArray(queues)
    ? queues
    : await workQueues(sqs, (queues as { tablePrefix: string }).tablePrefix);
  await eventually(
    async () =>
      (await queuesEmpty(sqs, queueUrls)) && (await queuesEmpty(sqs, queueUrls)) ? true : undefined,
    timeoutMs,
    200,
  );
  await new Promise((r) => setTimeout(r, 300));
  await eventually(async () => ((await queuesEmpty(sqs, queueUrls)) ? true : undefined), timeoutMs, 200);
}
