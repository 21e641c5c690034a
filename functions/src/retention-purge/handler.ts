// Lambda entry of the retention purge, run by the schedule: erases personal data whose retention period has run out.
import { config, logger, now } from '@nrm/runtime';
import { erasePersonalData } from '@nrm/usecases';
import type { ScheduledHandler } from 'aws-lambda';

export const handler: ScheduledHandler = async () => {
  const { erased } = await erasePersonalData(now(), config().retentionPersonalDataDays);
  logger.info('Retention purge', { erased: erased.length });
};
