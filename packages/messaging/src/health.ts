// Whether every queue answers, for GET /health in AWS: one attribute read per queue of the definition list.
import { GetQueueAttributesCommand } from '@aws-sdk/client-sqs';
import { queueUrl, sqs } from '@nrm/runtime';
import { QUEUES } from './queues';

/** Resolves once every queue answered; rejects (or aborts with `abortSignal`) when one does not. */
export async function queuesAnswer(abortSignal?: AbortSignal): Promise<true> {
  await Promise.all(
    QUEUES.map((q) =>
      sqs().send(
        new GetQueueAttributesCommand({ QueueUrl: queueUrl(q.name), AttributeNames: ['QueueArn'] }),
        {
          abortSignal,
        },
      ),
    ),
  );
  return true;
}
