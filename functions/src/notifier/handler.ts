// Lambda entry of the notifier: each event in the batch becomes at most one e-mail, sent once per event id.
import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import { emailTransport } from '@nrm/messaging/email';
import { parseEnvelope } from '@nrm/messaging/envelope';
import { now } from '@nrm/runtime/clock';
import { logger } from '@nrm/runtime/logger';
import { notify } from '@nrm/usecases/notify';
import type { SQSHandler, SQSRecord } from 'aws-lambda';

const processor = new BatchProcessor(EventType.SQS);
const send = emailTransport();

async function recordHandler(record: SQSRecord): Promise<void> {
  const event = parseEnvelope(record.body);
  const outcome = await notify(event, now(), send);
  logger.info('Notification', { eventId: event.eventId, eventType: event.type, outcome });
}

export const handler: SQSHandler = (event, context) =>
  processPartialResponse(event, recordHandler, processor, { context });
