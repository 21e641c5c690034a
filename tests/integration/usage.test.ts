// The counts the cost model prices (tests/bench/cost.ts), against DynamoDB Local and the SQS emulator: requests by
// operation, and the capacity units DynamoDB itself reports — a transaction's writes at twice the rate of a put.
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { CreateQueueCommand, SendMessageBatchCommand, SQSClient } from '@aws-sdk/client-sqs';
import { DynamoDBDocumentClient, GetCommand, PutCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { clientConfig } from '@nrm/runtime/client-config';
import {
  addUsage,
  countIndexesOf,
  countingAs,
  countUsageOf,
  itemSize,
  resetUsage,
  usageSoFar,
} from '@nrm/runtime/usage';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { scratchTable } from '../support/aws';

const platform = inject('platform');
const table = `${platform.tablePrefix}usage-test-${Date.now()}`;
let dynamo: DynamoDBClient;
let doc: DynamoDBDocumentClient;
let dropTable: () => Promise<unknown>;

beforeAll(async () => {
  process.env.NRM_COUNT_USAGE = '1';
  dynamo = new DynamoDBClient(clientConfig('dynamodb', platform.dynamodb));
  countUsageOf('dynamodb', dynamo.middlewareStack);
  doc = DynamoDBDocumentClient.from(dynamo);
  // Sparse, as the store's indexes are: only items with `g` are in its index.
  dropTable = await scratchTable(dynamo, table, { index: true });
  countIndexesOf(table, [{ keys: ['g'], keysOnly: false }]);
});

afterAll(async () => {
  await dropTable();
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

  it('counts a transaction item by item, as DynamoDB bills it, where DynamoDB Local does not', async () => {
    const put = (pk: string, v: string) => ({ Put: { TableName: table, Item: { pk, entity: 'probe', v } } });
    const small = (prefix: string) => [0, 1, 2, 3, 4].map((i) => put(`${prefix}${i}`, 'x'));
    // DynamoDB Local on its own (a client without the counter) reports five small items as 2 units, not 2 × 5.
    const bare = DynamoDBDocumentClient.from(new DynamoDBClient(clientConfig('dynamodb', platform.dynamodb)));
    const local = await bare.send(
      new TransactWriteCommand({ TransactItems: small('local-'), ReturnConsumedCapacity: 'TOTAL' }),
    );
    expect(local.ConsumedCapacity?.[0]?.CapacityUnits).toBe(2);

    resetUsage();
    await doc.send(new TransactWriteCommand({ TransactItems: small('counted-') }));
    expect(usageSoFar().dynamodb.writeUnits).toBe(2 * 5);

    // Two units a KB begun, for every item: 2 × (2 + 1 + 1).
    const mixed = [put('mixed-0', 'x'.repeat(1500)), put('mixed-1', 'x'), put('mixed-2', 'x')];
    resetUsage();
    await doc.send(new TransactWriteCommand({ TransactItems: mixed }));
    const usage = usageSoFar();
    expect(usage.dynamodb.writeUnits).toBe(2 * (2 + 1 + 1));
    expect(usage.dynamodbWrites.api).toEqual({
      probe: {
        writes: 3,
        bytes: mixed.reduce((n, p) => n + itemSize(p.Put.Item), 0),
        units: 2 * (2 + 1 + 1),
      },
    });
  });

  it("adds a write for each index a transaction's item is in, at the standard rate, as DynamoDB Local does for a put", async () => {
    const Item = { pk: 'indexed', entity: 'probe', g: 'G', v: 'x'.repeat(1500) };
    resetUsage();
    await doc.send(new PutCommand({ TableName: table, Item }));
    // DynamoDB Local's own count of a put: the table's 2 KB and the index's 2 KB.
    expect(usageSoFar().dynamodb.writeUnits).toBe(2 + 2);
    resetUsage();
    await doc.send(new TransactWriteCommand({ TransactItems: [{ Put: { TableName: table, Item } }] }));
    expect(usageSoFar().dynamodb.writeUnits).toBe(2 * 2 + 2);
  });

  it('counts a write whose condition failed, as DynamoDB bills it (DynamoDB Local reports nothing for it)', async () => {
    const Item = { pk: 'conditional', entity: 'probe', v: 'x' };
    await doc.send(new PutCommand({ TableName: table, Item }));
    resetUsage();
    const refused = await doc
      .send(new PutCommand({ TableName: table, Item, ConditionExpression: 'attribute_not_exists(pk)' }))
      .catch((error: Error) => error);
    expect((refused as Error).name).toBe('ConditionalCheckFailedException');
    const usage = usageSoFar();
    expect(usage.requests).toEqual({ 'dynamodb.PutItem': 1 });
    expect(usage.dynamodb.writeUnits).toBe(1);
    expect(usage.dynamodbWrites.api).toEqual({
      'probe, condition failed': { writes: 1, bytes: itemSize(Item), units: 1 },
    });
  });

  it('measures an item as DynamoDB does: attribute names and values', () => {
    expect(itemSize({ pk: 'abc' })).toBe(2 + 3);
    expect(itemSize({ n: 12345, ok: true, none: null })).toBe(1 + 4 + 2 + 1 + 4 + 1);
    expect(itemSize({ m: { a: 'x' }, l: ['y', 'z'] })).toBe(1 + 3 + 1 + 1 + 1 + (1 + 3 + 2 + 2));
    expect(itemSize({ b: new Uint8Array(10) })).toBe(1 + 10);
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
