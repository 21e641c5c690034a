// Lambda entry of the audit sealer, run by the schedule: signs a checkpoint at the head of every audit chain that grew.
import { now } from '@nrm/runtime/clock';
import { config } from '@nrm/runtime/config';
import { logger } from '@nrm/runtime/logger';
import { loadSecrets } from '@nrm/runtime/secrets';
import { sealAuditTrails } from '@nrm/usecases/seal-audit';
import type { ScheduledHandler } from 'aws-lambda';

export const handler: ScheduledHandler = async () => {
  await loadSecrets();
  const { auditSealKey } = config();
  if (!auditSealKey)
    throw new Error('The audit sealer has no seal key (NRM_AUDIT_SEAL_KEY or its secret ARN)');
  const { sealed } = await sealAuditTrails(now(), auditSealKey);
  logger.info('Audit sealed', { checkpoints: sealed });
};
