// Raw AWS clients pointed at the local engines, for tests that look at what was stored or queued.
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { SQSClient } from '@aws-sdk/client-sqs';

const credentials = { accessKeyId: 'local', secretAccessKey: 'local' };

export function dynamoClient(platform: { dynamodb: string }): DynamoDBClient {
  return new DynamoDBClient({ endpoint: platform.dynamodb, region: 'eu-north-1', credentials });
}

export function sqsClient(platform: { sqs: string }): SQSClient {
  return new SQSClient({ endpoint: platform.sqs, region: 'eu-north-1', credentials });
}
