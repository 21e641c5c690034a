// Lambda entry of the outbox relay: DynamoDB stream batch in, SQS messages out, partial batch response.
import { relayStreamBatch } from '@nrm/messaging/relay';
import type { DynamoDBStreamHandler } from 'aws-lambda';

export const handler: DynamoDBStreamHandler = (event) => relayStreamBatch(event);
