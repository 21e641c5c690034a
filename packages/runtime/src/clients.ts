// AWS clients, created once per process; local mode points them at DynamoDB Local and the SQS emulator.
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { SQSClient } from '@aws-sdk/client-sqs';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { config } from './config';

const localCredentials = { accessKeyId: 'local', secretAccessKey: 'local' };

let documentClient: DynamoDBDocumentClient | undefined;
let sqsClient: SQSClient | undefined;

export function dynamo(): DynamoDBDocumentClient {
  if (!documentClient) {
    const { region, dynamodbEndpoint } = config();
    const client = new DynamoDBClient({
      region,
      ...(dynamodbEndpoint ? { endpoint: dynamodbEndpoint, credentials: localCredentials } : {}),
      maxAttempts: 4,
    });
    documentClient = DynamoDBDocumentClient.from(client, {
      marshallOptions: { removeUndefinedValues: true, convertClassInstanceToMap: false },
    });
  }
  return documentClient;
}

export function sqs(): SQSClient {
  if (!sqsClient) {
    const { region, sqsEndpoint } = config();
    sqsClient = new SQSClient({
      region,
      ...(sqsEndpoint ? { endpoint: sqsEndpoint, credentials: localCredentials } : {}),
      maxAttempts: 4,
    });
  }
  return sqsClient;
}

export function queueUrl(name: string): string {
  const url = config().queueUrls[name];
  if (!url) throw new Error(`No URL configured for queue ${name}`);
  return url;
}
