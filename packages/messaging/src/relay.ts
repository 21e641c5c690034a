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

/** SendMessageBatch takes at most 10 entries and 256 KiB in all; events carry no free text, so they are small. */
const BATCH_ENTRIES = 10;
const BATCH_BYTES = 240 * 1024;

interface Pending {
  readonly sequenceNumber: string;
  readonly event: EventEnvelope;
  readonly body: string;
  readonly bytes: number;
}

/**
 * Sends a run of consecutive events, each queue's share in one SendMessageBatch and the queues at once. Answers the
 * index of the earliest event that did not reach every queue it subscribes to, or -1.
 */
async function publishRun(run: readonly Pending[]): Promise<number> {
  const byQueue = new Map<string, number[]>();
  run.forEach(({ event }, index) => {
    for (const queue of queuesFor(event.type))
      byQueue.set(queue.name, [...(byQueue.get(queue.name) ?? []), index]);
  });
  let earliest = run.length;
  await Promise.all(
    [...byQueue].map(async ([queue, indexes]) => {
      try {
        const result = await sqs().send(
          new SendMessageBatchCommand({
            QueueUrl: queueUrl(queue),
            Entries: indexes.map((index) => ({
              Id: String(index),
              MessageBody: run[index]!.body,
              MessageAttributes: { eventType: { DataType: 'String', StringValue: run[index]!.event.type } },
            })),
          }),
        );
        for (const failed of result.Failed ?? []) earliest = Math.min(earliest, Number(failed.Id));
      } catch {
        earliest = Math.min(earliest, indexes[0]!);
      }
    }),
  );
  return earliest < run.length ? earliest : -1;
}

/**
 * Relays the batch's events in runs of up to ten consecutive records: one SendMessageBatch per subscribing queue a
 * run (a request per event and queue, one after another, made the relay the slowest hop from submission to queue,
 * and ten times the SQS requests). When an event does not reach every queue, that record is reported and the batch
 * stops, so the stream resumes from it: nothing after it counts as relayed. Events after it in the same run may
 * have been sent already and are sent again; standard queues do not keep order anyway, and every consumer is
 * idempotent on the event id.
 */
export async function relayStreamBatch(event: DynamoDBStreamEvent): Promise<DynamoDBBatchResponse> {
  const pending: Pending[] = [];
  for (const record of event.Records) {
    const envelope = eventOfStreamRecord(record);
    if (envelope) {
      const body = JSON.stringify(envelope);
      pending.push({
        sequenceNumber: record.dynamodb?.SequenceNumber ?? '',
        event: envelope,
        body,
        bytes: Buffer.byteLength(body),
      });
    }
  }
  for (let start = 0; start < pending.length; ) {
    let end = start;
    let bytes = 0;
    while (
      end < pending.length &&
      end - start < BATCH_ENTRIES &&
      bytes + pending[end]!.bytes <= BATCH_BYTES
    ) {
      bytes += pending[end]!.bytes;
      end++;
    }
    if (end === start) end++; // one event alone over the limit: SQS answers for it, and it is reported
    const run = pending.slice(start, end);
    const failed = await publishRun(run);
    if (failed >= 0) return { batchItemFailures: [{ itemIdentifier: run[failed]!.sequenceNumber }] };
    start = end;
  }
  return { batchItemFailures: [] };
}
