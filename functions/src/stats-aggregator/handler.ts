// Lambda entry of the statistics aggregator: counts each relayed event once (idempotent on the event id, not the
// SQS message id). A batch's events are counted together, sharing transactions (`countEvents`); a message that
// cannot be read or counted is reported as a batch item failure, so only it is delivered again.
import { parseEnvelope } from '@nrm/messaging/envelope';
import { logger } from '@nrm/runtime/logger';
import { countEvents } from '@nrm/usecases/statistics';
import type { SQSBatchItemFailure, SQSHandler } from 'aws-lambda';

export const handler: SQSHandler = async (event) => {
  // Errors are logged by name only: a message can hold what no log may.
  const batchItemFailures: SQSBatchItemFailure[] = [];
  const parsed = event.Records.flatMap((record) => {
    try {
      return [{ messageId: record.messageId, envelope: parseEnvelope(record.body) }];
    } catch (error) {
      logger.error('Statistics: unreadable message', {
        messageId: record.messageId,
        error: (error as Error).name,
      });
      batchItemFailures.push({ itemIdentifier: record.messageId });
      return [];
    }
  });
  const results = await countEvents(parsed.map((p) => p.envelope));
  for (const [i, result] of results.entries()) {
    const { messageId, envelope } = parsed[i]!;
    if (result.status === 'fulfilled') {
      logger.debug('Statistics', { eventId: envelope.eventId, type: envelope.type, outcome: result.value });
    } else {
      logger.warn('Statistics: not counted', {
        eventId: envelope.eventId,
        type: envelope.type,
        error: (result.reason as Error).name,
      });
      batchItemFailures.push({ itemIdentifier: messageId });
    }
  }
  return { batchItemFailures };
};
