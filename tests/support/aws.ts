// Raw AWS clients pointed at the local engines, for tests that look at what was stored or queued.
import {
  type AttributeValue,
  CreateTableCommand,
  DeleteTableCommand,
  DynamoDBClient,
  QueryCommand,
} from '@aws-sdk/client-dynamodb';
import { GetQueueAttributesCommand, ListQueuesCommand, SQSClient } from '@aws-sdk/client-sqs';
import { QUEUES } from '@nrm/messaging';
import { stateOf } from '@nrm/store';
import { eventually } from './http';

const credentials = { accessKeyId: 'local', secretAccessKey: 'local' };

export function dynamoClient(platform: { dynamodb: string }): DynamoDBClient {
  return new DynamoDBClient({ endpoint: platform.dynamodb, region: 'eu-north-1', credentials });
}

/**
 * A table of a suite's own beside the platform's (string keys `pk`, and `sk` if asked; with a sparse index on `g`
 * projecting everything if asked), to measure writes apart from the platform's. Answers how to delete it.
 */
export async function scratchTable(
  db: DynamoDBClient,
  TableName: string,
  shape: { readonly sortKey?: boolean; readonly index?: boolean } = {},
): Promise<() => Promise<unknown>> {
  const attributes = ['pk', ...(shape.sortKey ? ['sk'] : []), ...(shape.index ? ['g'] : [])];
  await db.send(
    new CreateTableCommand({
      TableName,
      BillingMode: 'PAY_PER_REQUEST',
      AttributeDefinitions: attributes.map((AttributeName) => ({ AttributeName, AttributeType: 'S' })),
      KeySchema: [
        { AttributeName: 'pk', KeyType: 'HASH' },
        ...(shape.sortKey ? [{ AttributeName: 'sk', KeyType: 'RANGE' as const }] : []),
      ],
      ...(shape.index
        ? {
            GlobalSecondaryIndexes: [
              {
                IndexName: 'byG',
                KeySchema: [{ AttributeName: 'g', KeyType: 'HASH' }],
                Projection: { ProjectionType: 'ALL' },
              },
            ],
          }
        : {}),
    }),
  );
  return () => db.send(new DeleteTableCommand({ TableName }));
}

/**
 * Raw items with a referral's packed state (`stateZ`, deflated with a preset dictionary) opened into its JSON text:
 * a canary scan must read what the state holds, and the packed bytes would pass whatever it held.
 */
export function readableItems(
  items: readonly Record<string, AttributeValue>[],
): Record<string, AttributeValue>[] {
  return items.map((item) =>
    item.stateZ?.B ? { ...item, stateZ: { S: JSON.stringify(stateOf({ stateZ: item.stateZ.B })) } } : item,
  );
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
  return readableItems(Items);
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
