// Dependency checks behind GET /health in AWS: the table and every queue answer. Each call carries the probe's abort
// signal, so a stalled dependency is reported (503, which one) within the probe's time instead of holding the answer.
import { GetQueueAttributesCommand } from '@aws-sdk/client-sqs';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { QUEUES } from '@nrm/messaging';
import { dynamo, queueUrl, sqs } from '@nrm/runtime';
import { referralsTableName } from '@nrm/store';
import type { HealthCheck } from './app';

export function awsHealthChecks(): HealthCheck {
  return {
    checks: {
      database: async (abortSignal) => {
        await dynamo().send(
          new GetCommand({ TableName: referralsTableName(), Key: { pk: 'HEALTH', sk: 'HEALTH' } }),
          { abortSignal },
        );
        return true;
      },
      queues: async (abortSignal) => {
        await Promise.all(
          QUEUES.map((q) =>
            sqs().send(
              new GetQueueAttributesCommand({ QueueUrl: queueUrl(q.name), AttributeNames: ['QueueArn'] }),
              { abortSignal },
            ),
          ),
        );
        return true;
      },
    },
  };
}
