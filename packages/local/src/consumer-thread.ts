// The local platform's consumers in a thread of their own: the SQS and stream event source mappings and the schedule
// run the same Lambda handlers here, off the API's event loop, as Lambda runs them apart from the API. The platform
// (consumers.ts) talks to this thread by messages; the clock is shared memory, the environment is shared.
import { join } from 'node:path';
import { parentPort, workerData } from 'node:worker_threads';
import { DynamoDBStreamsClient } from '@aws-sdk/client-dynamodb-streams';
import { SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import type { FunctionDefinition } from '@nrm/functions/catalogue';
import { batchingOf, QUEUES, RELAY_FAILURE_QUEUE, RELAY_MAX_RETRIES } from '@nrm/messaging';
import { logger, now, resetUsage, usageSoFar, useSharedClock } from '@nrm/runtime';
import type { ConsumerThreadData, ToConsumers, ToPlatform } from './consumers';
import { countUsage, functionsTriggeredBy, lambdaContext, loadHandler } from './lambda';
import { SqsPoller } from './sqs-poller';
import { StreamPoller } from './stream-poller';

const port = parentPort!;
const data = workerData as ConsumerThreadData;
const post = (message: ToPlatform) => port.postMessage(message);
useSharedClock(data.clock);
countUsage();
logger.setLogLevel(process.env.LOG_LEVEL as 'WARN');

// Errors cross the thread boundary as name and message: an SDK error carries parts that cannot be cloned.
const onError = (worker: string) => (error: unknown) =>
  post({
    type: 'error',
    worker,
    name: error instanceof Error ? error.name : 'Error',
    message: error instanceof Error ? error.message : String(error),
  });

const credentials = { accessKeyId: 'local', secretAccessKey: 'local' };
const region = data.region;
const streamsClient = new DynamoDBStreamsClient({
  endpoint: data.endpoints.dynamodb,
  region,
  credentials,
});
const sqsClient = new SQSClient({ endpoint: data.endpoints.sqs, region, credentials });

const sqsPollers = new Map<string, SqsPoller>();
for (const fn of functionsTriggeredBy('sqs')) {
  const trigger = fn.trigger as Extract<FunctionDefinition['trigger'], { type: 'sqs' }>;
  const queue = data.queues.find((q) => q.name === trigger.queue)!;
  const definition = QUEUES.find((q) => q.name === trigger.queue)!;
  const poller: SqsPoller = new SqsPoller(
    sqsClient,
    fn,
    queue,
    await loadHandler(fn.name),
    batchingOf(definition),
    onError(fn.name),
    () => post({ type: 'count', name: fn.name, invocations: poller.invocations, crashes: poller.crashes }),
  );
  sqsPollers.set(fn.name, poller);
}
const streamPollers: StreamPoller[] = [];
for (const fn of functionsTriggeredBy('stream')) {
  const trigger = fn.trigger as Extract<FunctionDefinition['trigger'], { type: 'stream' }>;
  const checkpoint = data.dataDir ? join(data.dataDir, `stream-${fn.name}.json`) : undefined;
  const failureQueue = data.queues.find((q) => q.name === RELAY_FAILURE_QUEUE)!;
  const onFailure = async (record: unknown) => {
    await sqsClient.send(
      new SendMessageCommand({ QueueUrl: failureQueue.url, MessageBody: JSON.stringify(record) }),
    );
  };
  streamPollers.push(
    new StreamPoller(
      streamsClient,
      fn,
      data.streamArns[trigger.table]!,
      await loadHandler(fn.name),
      checkpoint,
      onError(fn.name),
      onFailure,
      RELAY_MAX_RETRIES,
    ),
  );
}
const scheduled = await Promise.all(
  functionsTriggeredBy('schedule').map(async (fn) => ({ fn, handler: await loadHandler(fn.name) })),
);

async function runSchedule(): Promise<void> {
  for (const { fn, handler } of scheduled) {
    // The event EventBridge Scheduler sends with its default (empty) input.
    const event = {
      version: '0',
      id: crypto.randomUUID(),
      'detail-type': 'Scheduled Event',
      source: 'aws.scheduler',
      account: '000000000000',
      time: now().toISOString(),
      region,
      resources: [`arn:aws:scheduler:${region}:000000000000:schedule/default/nrm-local-${fn.name}`],
      detail: {},
    };
    await handler(event, lambdaContext(fn)).catch(onError(fn.name));
  }
}

const pollerOf = (name: string) => {
  const poller = sqsPollers.get(name);
  if (!poller) throw new Error(`No SQS consumer called ${name}`);
  return poller;
};
/** Turns held for the platform (SqsPoller.exclusive), released by their id. */
const holds = new Map<number, () => void>();

async function answer(message: ToConsumers): Promise<unknown> {
  switch (message.op) {
    case 'start':
      for (const p of sqsPollers.values()) p.start();
      for (const p of streamPollers) p.start();
      return;
    case 'start-poller':
      pollerOf(message.name).start();
      return;
    case 'stop-poller':
      return pollerOf(message.name).stop();
    case 'fault': {
      const poller = pollerOf(message.name);
      if (message.crashAfter !== undefined) poller.faults.crashAfter = message.crashAfter;
      if (message.duplicateDelivery !== undefined)
        poller.faults.duplicateDelivery = message.duplicateDelivery;
      return;
    }
    case 'hold':
      // Answered once the turn is held (the batch under way has ended); the turn ends with 'release'.
      return new Promise<void>((held) => {
        void pollerOf(message.name).exclusive(
          () =>
            new Promise<void>((release) => {
              holds.set(message.id, release);
              held();
            }),
        );
      });
    case 'release':
      holds.get(message.hold)?.();
      holds.delete(message.hold);
      return;
    case 'schedule':
      return runSchedule();
    case 'reset-iterators':
      for (const p of streamPollers) p.resetIterators();
      return;
    case 'usage':
      return usageSoFar();
    case 'reset-usage':
      resetUsage();
      return;
    case 'stop':
      for (const release of holds.values()) release();
      await Promise.all([
        ...[...sqsPollers.values()].map((p) => p.stop()),
        ...streamPollers.map((p) => p.stop()),
      ]);
      streamsClient.destroy();
      sqsClient.destroy();
      // Nothing is left to keep the thread alive: it ends once this answer is sent.
      port.unref();
      return;
  }
}

port.on('message', (message: ToConsumers) => {
  answer(message).then(
    (value) => post({ type: 'answer', id: message.id, value }),
    (error: unknown) =>
      post({ type: 'answer', id: message.id, error: error instanceof Error ? error.message : String(error) }),
  );
});
post({ type: 'ready' });
