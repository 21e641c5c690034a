// Creates the tables and queues of local mode from the same definitions infra/ deploys (packages/store/src/tables.ts,
// packages/messaging/src/queues.ts, functions/src/catalogue.ts). Idempotent: existing resources are kept.
import {
  type AttributeDefinition,
  CreateTableCommand,
  DescribeTableCommand,
  type DynamoDBClient,
  ResourceInUseException,
  UpdateTableCommand,
} from '@aws-sdk/client-dynamodb';
import { CreateQueueCommand, GetQueueAttributesCommand, type SQSClient } from '@aws-sdk/client-sqs';
import { visibilityTimeoutSeconds } from '@nrm/functions/catalogue';
import { dlqName, QUEUES, RELAY_FAILURE_QUEUE } from '@nrm/messaging';
import { type IndexDefinition, physicalTableName, TABLES } from '@nrm/store';

/** One index of the shared definition in the shape CreateTable and UpdateTable take. */
function indexSpec(index: IndexDefinition) {
  return {
    IndexName: index.name,
    KeySchema: [
      { AttributeName: index.partitionKey.name, KeyType: 'HASH' as const },
      ...(index.sortKey ? [{ AttributeName: index.sortKey.name, KeyType: 'RANGE' as const }] : []),
    ],
    Projection:
      typeof index.projection === 'string'
        ? { ProjectionType: index.projection }
        : { ProjectionType: 'INCLUDE' as const, NonKeyAttributes: [...index.projection.include] },
  };
}

export async function createTables(client: DynamoDBClient, prefix: string): Promise<Record<string, string>> {
  const streamArns: Record<string, string> = {};
  for (const table of TABLES) {
    const TableName = physicalTableName(prefix, table);
    const attributes = new Map<string, AttributeDefinition>();
    for (const key of [
      table.partitionKey,
      table.sortKey,
      ...table.indexes.flatMap((i) => [i.partitionKey, i.sortKey]),
    ]) {
      if (key) attributes.set(key.name, { AttributeName: key.name, AttributeType: key.type });
    }
    try {
      await client.send(
        new CreateTableCommand({
          TableName,
          BillingMode: 'PAY_PER_REQUEST',
          AttributeDefinitions: [...attributes.values()],
          KeySchema: [
            { AttributeName: table.partitionKey.name, KeyType: 'HASH' },
            ...(table.sortKey ? [{ AttributeName: table.sortKey.name, KeyType: 'RANGE' as const }] : []),
          ],
          ...(table.indexes.length
            ? {
                GlobalSecondaryIndexes: table.indexes.map(indexSpec),
              }
            : {}),
          ...(table.stream
            ? { StreamSpecification: { StreamEnabled: true, StreamViewType: table.stream } }
            : {}),
        }),
      );
    } catch (error) {
      if (!(error instanceof ResourceInUseException)) throw error;
      await addMissingIndexes(client, TableName, table, [...attributes.values()]);
    }
    const { Table } = await client.send(new DescribeTableCommand({ TableName }));
    if (Table?.LatestStreamArn) streamArns[table.name] = Table.LatestStreamArn;
  }
  return streamArns;
}

/**
 * Data kept from an earlier run may predate an index added since; DynamoDB adds one index per UpdateTable, so each
 * missing index is created in turn and waited for.
 */
async function addMissingIndexes(
  client: DynamoDBClient,
  TableName: string,
  table: (typeof TABLES)[number],
  attributes: AttributeDefinition[],
): Promise<void> {
  const { Table } = await client.send(new DescribeTableCommand({ TableName }));
  const existing = new Set((Table?.GlobalSecondaryIndexes ?? []).map((i) => i.IndexName));
  for (const index of table.indexes.filter((i) => !existing.has(i.name))) {
    await client.send(
      new UpdateTableCommand({
        TableName,
        AttributeDefinitions: attributes,
        GlobalSecondaryIndexUpdates: [
          {
            Create: indexSpec(index),
          },
        ],
      }),
    );
  }
}

export interface ProvisionedQueue {
  readonly name: string;
  readonly url: string;
  readonly arn: string;
  readonly dlqUrl: string;
}

/**
 * Every queue with its dead-letter queue and redrive policy. `visibilitySeconds` overrides the deployed visibility
 * timeout (6 × the consumer's timeout) so a local crash is redelivered in seconds instead of minutes.
 */
export async function createQueues(
  client: SQSClient,
  prefix: string,
  visibilitySeconds?: number,
): Promise<ProvisionedQueue[]> {
  const created: ProvisionedQueue[] = [];
  for (const queue of QUEUES) {
    const dlq = await client.send(new CreateQueueCommand({ QueueName: `${prefix}${dlqName(queue)}` }));
    const dlqArn = await arnOf(client, dlq.QueueUrl!);
    const main = await client.send(
      new CreateQueueCommand({
        QueueName: `${prefix}${queue.name}`,
        Attributes: {
          VisibilityTimeout: String(visibilitySeconds ?? visibilityTimeoutSeconds(queue.name)),
          RedrivePolicy: JSON.stringify({
            deadLetterTargetArn: dlqArn,
            maxReceiveCount: queue.maxReceiveCount,
          }),
        },
      }),
    );
    created.push({
      name: queue.name,
      url: main.QueueUrl!,
      arn: await arnOf(client, main.QueueUrl!),
      dlqUrl: dlq.QueueUrl!,
    });
  }
  const relayFailures = await client.send(
    new CreateQueueCommand({ QueueName: `${prefix}${RELAY_FAILURE_QUEUE}` }),
  );
  created.push({
    name: RELAY_FAILURE_QUEUE,
    url: relayFailures.QueueUrl!,
    arn: await arnOf(client, relayFailures.QueueUrl!),
    dlqUrl: relayFailures.QueueUrl!,
  });
  return created;
}

async function arnOf(client: SQSClient, url: string): Promise<string> {
  const { Attributes } = await client.send(
    new GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: ['QueueArn'] }),
  );
  return Attributes!.QueueArn!;
}
