// Lambda entry of the statistics aggregator: counts each relayed event once (idempotent on the event id, not the
// SQS message id); failures are reported per record so only they are retried.
import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import { parseEnvelope } from '@nrm/messaging/envelope';
import { logger } from '@nrm/runtime/logger';
import { countEvent } from '@nrm/usecases/statistics';
import type { SQSHandler, SQSRecord } from 'aws-lambda';

const processor = new BatchProcessor(EventType.SQS);

async function recordHandler(record: SQSRecord): Promise<void> {
  const event = parseEnvelope(record.body);
  const outcome = await countEvent(event);
  logger.debug('Statistics', { eventId: event.eventId, type: event.type, outcome });
}

export const handler: SQSHandler = (event, context) =>
  processPartialResponse(event, recordHandler, processor, { context });
