// Lambda entry of the webhook sender: each record is an event to fan out or a delivery attempt to make.
import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import { handleWebhookRecord } from '@nrm/messaging/webhooks';
import { now } from '@nrm/runtime/clock';
import { logger } from '@nrm/runtime/logger';
import type { SQSHandler, SQSRecord } from 'aws-lambda';

const processor = new BatchProcessor(EventType.SQS);

async function recordHandler(record: SQSRecord): Promise<void> {
  const outcome = await handleWebhookRecord(record.body, now());
  // Ids and outcomes only: no payload, no URL (an endpoint's URL may carry a token of its owner).
  logger.info('Webhook', {
    messageId: record.messageId,
    outcome: typeof outcome === 'string' ? outcome : 'dispatched',
  });
}

export const handler: SQSHandler = (event, context) =>
  processPartialResponse(event, recordHandler, processor, { context });
