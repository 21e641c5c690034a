// The counts the cost model prices (tests/bench/cost.ts), against DynamoDB Local and the SQS emulator: requests by
// operation, and the capacity units DynamoDB itself reports — a transaction's writes at twice the rate of a put.
import { CreateTableCommand, DeleteTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { CreateQueueCommand, SendMessageBatchCommand, SQSClient } from '@aws-sdk/client-sqs';
import { DynamoDBDocumentClient, GetCommand, PutCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { clientConfig } from '@nrm/runtime/client-config';
import { addUsage, countingAs, countUsageOf, resetUsage, usageSoFar } from '@nrm/runtime/usage';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';

const platform = inject('platform');
const table = `${platform.tablePrefix}usage-test-${Date.now()}`;
let dynamo: DynamoDBClient;
let doc: DynamoDBDocumentClient;

beforeAll(async () => {
  process.env.NRM_COUNT_USAGE = '1';
  dynamo = new DynamoDBClient(clientConfig('dynamodb', platform.dynamodb));
  countUsageOf('dynamodb', dynamo.middlewareStack);
  doc = DynamoDBDocumentClient.from(dynamo);
  await dynamo.send(
    new CreateTableCommand({
      TableName: table,
      BillingMode: 'PAY_PER_REQUEST',
      AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }],
      KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
    }),
  );
});

afterAll(async () => {
  await dynamo.send(new DeleteTableCommand({ TableName: table }));
  delete process.env.NRM_COUNT_USAGE;
});

describe('usage counting (NRM_COUNT_USAGE=1)', () => {
  it('adds up the requests and the capacity units DynamoDB reports', async () => {
    resetUsage();
    await doc.send(new PutCommand({ TableName: table, Item: { pk: 'a', v: 'x' } }));
    await doc.send(
      new TransactWriteCommand({
        TransactItems: [
          { Put: { TableName: table, Item: { pk: 'b', v: 'x' } } },
          { Put: { TableName: table, Item: { pk: 'c', v: 'x' } } },
        ],
      }),
    );
    await doc.send(new GetCommand({ TableName: table, Key: { pk: 'a' }, ConsistentRead: true }));
    const usage = usageSoFar();
    expect(usage.requests).toEqual({
      'dynamodb.PutItem': 1,
      'dynamodb.TransactWriteItems': 1,
      'dynamodb.GetItem': 1,
    });
    // A put of a small item is 1 unit, each transactional write 2 (DynamoDB Local reports 1 an item; the counter
    // doubles transactions as DynamoDB bills them), a strongly consistent read of it 1.
    expect(usage.dynamodb).toEqual({ writeUnits: 1 + 2 * 2, readUnits: 1 });
  });

  it('counts the units to the function whose invocation used them, the rest to the API', async () => {
    resetUsage();
    await doc.send(new PutCommand({ TableName: table, Item: { pk: 'd', v: 'x' } }));
    await countingAs('stats-aggregator', async () => {
      await doc.send(
        new TransactWriteCommand({
          TransactItems: [
            { Put: { TableName: table, Item: { pk: 'e', v: 'x' } } },
            { Put: { TableName: table, Item: { pk: 'f', v: 'x' } } },
          ],
        }),
      );
    });
    const usage = usageSoFar();
    expect(usage.dynamodbByFunction).toEqual({
      api: { writeUnits: 1, readUnits: 0 },
      'stats-aggregator': { writeUnits: 2 * 2, readUnits: 0 },
    });
    // The local platform's two threads count apart; /local/usage adds them up.
    const twice = addUsage(usage, usage);
    expect(twice.dynamodb).toEqual({ writeUnits: 2 * 5, readUnits: 0 });
    expect(twice.dynamodbByFunction['stats-aggregator']).toEqual({ writeUnits: 8, readUnits: 0 });
    expect(twice.requests).toEqual({ 'dynamodb.PutItem': 2, 'dynamodb.TransactWriteItems': 2 });
  });

  it('counts SQS requests by operation, a batch as one', async () => {
    const sqs = new SQSClient(clientConfig('sqs', platform.sqs));
    countUsageOf('sqs', sqs.middlewareStack);
    const { QueueUrl } = await sqs.send(new CreateQueueCommand({ QueueName: `usage-test-${Date.now()}` }));
    resetUsage();
    await sqs.send(
      new SendMessageBatchCommand({
        QueueUrl,
        Entries: [
          { Id: '0', MessageBody: 'one' },
          { Id: '1', MessageBody: 'two' },
        ],
      }),
    );
    expect(usageSoFar().requests).toEqual({ 'sqs.SendMessageBatch': 1 });
  });

  it('counts nothing when it is off', async () => {
    delete process.env.NRM_COUNT_USAGE;
    const quiet = new DynamoDBClient(clientConfig('dynamodb', platform.dynamodb));
    countUsageOf('dynamodb', quiet.middlewareStack);
    resetUsage();
    await DynamoDBDocumentClient.from(quiet).send(new GetCommand({ TableName: table, Key: { pk: 'a' } }));
    expect(usageSoFar().requests).toEqual({});
    process.env.NRM_COUNT_USAGE = '1';
  });
});
