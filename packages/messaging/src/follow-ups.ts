// The notifications queue carries two kinds of message: domain events from the outbox relay, and the follow-ups of
// nudge windows (packages/domain/src/notifications/nudges.ts), which the notifier puts there itself, delayed to the
// window's end — as the webhook sender delays its retries on its own queue. A follow-up names a mailbox (an office)
// and a window id, nothing about a referral.
import { SendMessageCommand } from '@aws-sdk/client-sqs';
import type { EventEnvelope, FollowUpRef } from '@nrm/domain';
import { queueUrl, sqs } from '@nrm/runtime/sqs';
import * as z from 'zod/mini';
import { jsonOrUndefined, parseEnvelope } from './envelope';

export const NOTIFICATIONS_QUEUE = 'notifications';

const FollowUpMessage = z.strictObject({
  followUp: z.strictObject({
    mailbox: z.string().check(z.minLength(1), z.maxLength(200)),
    window: z.string().check(z.regex(/^[0-9A-Z]{26}$/)),
  }),
});

export type NotificationMessage =
  | { readonly event: EventEnvelope; readonly followUp?: undefined }
  | { readonly followUp: FollowUpRef; readonly event?: undefined };

/** One record of the notifications queue, of either kind; anything else is a poison message. */
export function parseNotificationMessage(body: string): NotificationMessage {
  const followUp = FollowUpMessage.safeParse(jsonOrUndefined(body));
  if (followUp.success) return { followUp: followUp.data.followUp };
  return { event: parseEnvelope(body) };
}

/** Puts a window's follow-up on the notifications queue, to be delivered after `delaySeconds` (0–900). */
export async function scheduleFollowUp(followUp: FollowUpRef, delaySeconds: number): Promise<void> {
  await sqs().send(
    new SendMessageCommand({
      QueueUrl: queueUrl(NOTIFICATIONS_QUEUE),
      MessageBody: JSON.stringify({ followUp }),
      ...(delaySeconds > 0 ? { DelaySeconds: Math.min(900, delaySeconds) } : {}),
    }),
  );
}
