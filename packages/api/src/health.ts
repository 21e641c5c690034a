// Dependency checks behind GET /health in AWS: the table and every queue answer. Each call carries the probe's abort
// signal, so a stalled dependency is reported (503, which one) within the probe's time instead of holding the answer.
import { queuesAnswer } from '@nrm/messaging/health';
import { tablesAnswer } from '@nrm/store/health';
import type { HealthCheck } from './app';

export function awsHealthChecks(): HealthCheck {
  return { checks: { database: tablesAnswer, queues: queuesAnswer } };
}
