// Lambda entry of the notifier: each event in the batch becomes at most one e-mail, sent once per event id; "new
// referral in your queue" nudges go through the mailbox's nudge window, whose follow-ups come back on the same queue.
import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import { emailTransport } from '@nrm/messaging/email';
import { parseNotificationMessage, scheduleFollowUp } from '@nrm/messaging/follow-ups';
import { now } from '@nrm/runtime/clock';
import { logger } from '@nrm/runtime/logger';
import { type NotifyDeps, notify, nudgeWindowSeconds, sendFollowUp } from '@nrm/usecases/notify';
import type { SQSHandler, SQSRecord } from 'aws-lambda';

const processor = new BatchProcessor(EventType.SQS);
const send = emailTransport();
let deps: NotifyDeps | undefined;

async function recordHandler(record: SQSRecord): Promise<void> {
  deps ??= { send, scheduleFollowUp, windowSeconds: nudgeWindowSeconds() };
  const message = parseNotificationMessage(record.body);
  if (message.followUp) {
    const outcome = await sendFollowUp(message.followUp, now(), deps);
    logger.info('Nudge follow-up', { window: message.followUp.window, outcome });
    return;
  }
  const outcome = await notify(message.event, now(), deps);
  logger.info('Notification', { eventId: message.event.eventId, eventType: message.event.type, outcome });
}

export const handler: SQSHandler = (event, context) =>
  processPartialResponse(event, recordHandler, processor, { context });
