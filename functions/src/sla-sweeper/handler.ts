// Lambda entry of the SLA sweeper, run every minute by the schedule: due timers from the due-index go to the
// escalator's queue. Reads only the timers that are due, whatever the number armed.
import { sendDueTimers } from '@nrm/messaging/due-timers';
import { now } from '@nrm/runtime/clock';
import { logger } from '@nrm/runtime/logger';
import { sweepDueTimers } from '@nrm/usecases/sla';

export const handler = async (): Promise<void> => {
  const result = await sweepDueTimers({ now: now(), emit: sendDueTimers });
  if (result.emitted) logger.info('Due timers sent to the escalator', { ...result });
};
