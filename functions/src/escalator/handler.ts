// Lambda entry of the escalator: each due timer in the batch is re-checked against the referral and, if still due,
// recorded as a warning, breach or escalation. Failures are reported per record.
import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import { parseDueTimer } from '@nrm/messaging/due-timers';
import { now } from '@nrm/runtime/clock';
import { logger } from '@nrm/runtime/logger';
import { escalateDueTimer } from '@nrm/usecases/sla';
import type { SQSHandler, SQSRecord } from 'aws-lambda';

const processor = new BatchProcessor(EventType.SQS);

async function recordHandler(record: SQSRecord): Promise<void> {
  const timer = parseDueTimer(record.body);
  const outcome = await escalateDueTimer(timer, now());
  logger.info('Due timer', {
    referralId: timer.referralId,
    clockId: timer.clockId,
    step: timer.step,
    outcome,
  });
}

export const handler: SQSHandler = (event, context) =>
  processPartialResponse(event, recordHandler, processor, { context });
