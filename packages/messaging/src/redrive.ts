// Replaying dead letters: every message in a queue's dead-letter queue goes back to the queue it came from, where the
// idempotent consumer handles it as if it were new. Messages that are not event envelopes (poison) stay where they
// are and are counted, so a redrive never feeds a consumer what it can never process.
import { DeleteMessageCommand, ReceiveMessageCommand, SendMessageCommand } from '@aws-sdk/client-sqs';
import { queueUrl, sqs } from '@nrm/runtime';
import type { DynamoDBRecord } from 'aws-lambda';
import { PoisonMessage, parseEnvelope } from './envelope';
import { dlqName, QUEUES, RELAY_FAILURE_QUEUE } from './queues';
import { eventOfStreamRecord, publishEvent } from './relay';

export interface RedriveReport {
  readonly queue: string;
  readonly replayed: number;
  readonly leftAsPoison: number;
}

async function drain(url: string, handle: (body: string) => Promise<'replayed' | 'poison'>) {
  let replayed = 0;
  let leftAsPoison = 0;
  const seenPoison = new Set<string>();
  for (;;) {
    const { Messages = [] } = await sqs().send(
      new ReceiveMessageCommand({
        QueueUrl: url,
        MaxNumberOfMessages: 10,
        WaitTimeSeconds: 0,
        VisibilityTimeout: 30,
      }),
    );
    const fresh = Messages.filter((m) => !seenPoison.has(m.MessageId!));
    if (fresh.length === 0) return { replayed, leftAsPoison };
    for (const message of fresh) {
      if ((await handle(message.Body ?? '')) === 'poison') {
        // Left in the dead-letter queue (it reappears after the visibility timeout) for a person to look at.
        seenPoison.add(message.MessageId!);
        leftAsPoison++;
        continue;
      }
      await sqs().send(new DeleteMessageCommand({ QueueUrl: url, ReceiptHandle: message.ReceiptHandle! }));
      replayed++;
    }
  }
}

export async function redriveDeadLetters(): Promise<RedriveReport[]> {
  const reports: RedriveReport[] = [];
  for (const queue of QUEUES) {
    const target = queueUrl(queue.name);
    const result = await drain(queueUrl(dlqName(queue)), async (body) => {
      try {
        parseEnvelope(body);
      } catch (error) {
        if (error instanceof PoisonMessage) return 'poison';
        throw error;
      }
      await sqs().send(new SendMessageCommand({ QueueUrl: target, MessageBody: body }));
      return 'replayed';
    });
    reports.push({ queue: queue.name, ...result });
  }
  // The relay's on-failure queue holds stream records (locally, the record itself): their events are sent on.
  const relay = await drain(queueUrl(RELAY_FAILURE_QUEUE), async (body) => {
    let event: ReturnType<typeof eventOfStreamRecord>;
    try {
      event = eventOfStreamRecord(JSON.parse(body) as DynamoDBRecord);
    } catch {
      return 'poison';
    }
    if (!event) return 'poison';
    await publishEvent(event);
    return 'replayed';
  });
  reports.push({ queue: RELAY_FAILURE_QUEUE, ...relay });
  return reports;
}
