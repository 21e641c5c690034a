// Raw AWS clients pointed at the local engines, for tests that look at what was stored or queued.
import { DynamoDBClient, QueryCommand } from '@aws-sdk/client-dynamodb';
import { GetQueueAttributesCommand, SQSClient } from '@aws-sdk/client-sqs';

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
