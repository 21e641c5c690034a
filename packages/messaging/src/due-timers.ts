// Due SLA timers on their way from the sla-sweeper to the escalator (queue `sla-due`).
import { SendMessageBatchCommand } from '@aws-sdk/client-sqs';
import { queueUrl, sqs } from '@nrm/runtime';
import * as z from 'zod/mini';
import { parseMessage } from './envelope';

export const SLA_DUE_QUEUE = 'sla-due';

const DueTimerMessage = z.strictObject({
  referralId: z.string().check(z.minLength(1)),
  clockId: z.string().check(z.regex(/^[a-z0-9-]+$/)),
  action: z.enum(['warn', 'breach', 'escalate']),
  step: z.int().check(z.minimum(0)),
  dueAt: z.iso.datetime(),
  legacy: z.optional(z.literal(true)),
});
export type DueTimerMessage = z.infer<typeof DueTimerMessage>;

export function parseDueTimer(body: string): DueTimerMessage {
  return parseMessage(body, DueTimerMessage, 'a due timer');
}

/** Sends the timers in batches of ten (the SQS limit); fails if SQS refuses any of them, so the sweep is retried. */
export async function sendDueTimers(timers: readonly DueTimerMessage[]): Promise<void> {
  for (let i = 0; i < timers.length; i += 10) {
    const batch = timers.slice(i, i + 10);
    const result = await sqs().send(
      new SendMessageBatchCommand({
        QueueUrl: queueUrl(SLA_DUE_QUEUE),
        Entries: batch.map((timer, j) => ({ Id: String(j), MessageBody: JSON.stringify(timer) })),
      }),
    );
    if (result.Failed?.length) throw new Error(`SQS refused ${result.Failed.length} due timers`);
  }
}
