// The SQS client, created once per process, and the queues' URLs from the configuration.
import { SQSClient } from '@aws-sdk/client-sqs';
import { clientConfig } from './client-config';
import { clientCreated } from './client-hooks';
import { config } from './config';

let sqsClient: SQSClient | undefined;

export function sqs(): SQSClient {
  if (!sqsClient) {
    sqsClient = new SQSClient(clientConfig('sqs', config().sqsEndpoint));
    clientCreated('sqs', sqsClient.middlewareStack);
  }
  return sqsClient;
}

export function queueUrl(name: string): string {
  const url = config().queueUrls[name];
  if (!url) throw new Error(`No URL configured for queue ${name}`);
  return url;
}
