// Lambda entry of the retention purge, run by the schedule: erases personal data whose retention period has run out.
import { now } from '@nrm/runtime/clock';
import { config } from '@nrm/runtime/config';
import { logger } from '@nrm/runtime/logger';
import { erasePersonalData } from '@nrm/usecases/erase-personal-data';
import type { ScheduledHandler } from 'aws-lambda';

export const handler: ScheduledHandler = async () => {
  const { erased } = await erasePersonalData(now(), config().retentionPersonalDataDays);
  logger.info('Retention purge', { erased: erased.length });
};
