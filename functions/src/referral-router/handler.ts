// Lambda entry of the referral router: routes each received referral in the SQS batch; failures are reported per
// record so only they are retried (and, after maxReceiveCount, land in the dead-letter queue).
import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import { parseEnvelope } from '@nrm/messaging/envelope';
import { now } from '@nrm/runtime/clock';
import { logger } from '@nrm/runtime/logger';
import { routeReferral } from '@nrm/usecases/route-referral';
import type { SQSHandler, SQSRecord } from 'aws-lambda';

const processor = new BatchProcessor(EventType.SQS);

async function recordHandler(record: SQSRecord): Promise<void> {
  const event = parseEnvelope(record.body);
  if (event.type !== 'referral.received.v1') return;
  const outcome = await routeReferral(event.referralId, now());
  logger.info('Referral routing', { referralId: event.referralId, eventId: event.eventId, outcome });
}

export const handler: SQSHandler = (event, context) =>
  processPartialResponse(event, recordHandler, processor, { context });
