// The outbox relay: new event items from the table stream go to every queue that subscribes to their type.

import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { SendMessageBatchCommand } from '@aws-sdk/client-sqs';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { EventEnvelope } from '@nrm/domain';
import { queueUrl, sqs } from '@nrm/runtime';
import type { DynamoDBBatchResponse, DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import { queuesFor } from './queues';

/** The event an INSERT of an event item carries, or undefined for every other change of the table. */
export function eventOfStreamRecord(record: DynamoDBRecord): EventEnvelope | undefined {
  if (record.eventName !== 'INSERT' || !record.dynamodb?.NewImage) return undefined;
  const item = unmarshall(record.dynamodb.NewImage as Record<string, AttributeValue>);
  return item.entity === 'event' ? (item.event as EventEnvelope) : undefined;
}

export async function publishEvent(event: EventEnvelope): Promise<void> {
  for (const queue of queuesFor(event.type)) {
    const result = await sqs().send(
      new SendMessageBatchCommand({
        QueueUrl: queueUrl(queue.name),
        Entries: [
          {
            Id: '0',
            MessageBody: JSON.stringify(event),
            MessageAttributes: { eventType: { DataType: 'String', StringValue: event.type } },
          },
        ],
      }),
    );
    if (result.Failed?.length) throw new Error(`SQS refused event ${event.eventId} for ${queue.name}`);
  }
}

/**
 * Relays records in stream order. On the first failure it reports that record and stops, so the stream resumes from
 * it: events after it are not sent before it, and the ones before it are not sent twice by this invocation.
 * (A retry can still resend an event once; every consumer is idempotent on the event id.)
 */
export async function relayStreamBatch(event: DynamoDBStreamEvent): Promise<DynamoDBBatchResponse> {
  for (const record of event.Records) {
    const envelope = eventOfStreamRecord(record);
    if (!envelope) continue;
    try {
      await publishEvent(envelope);
    } catch {
      return { batchItemFailures: [{ itemIdentifier: record.dynamodb?.SequenceNumber ?? '' }] };
    }
  }
  return { batchItemFailures: [] };
}
