// The platform's side of the consumer thread (consumer-thread.ts): starts it, and offers what the platform and the
// suites ask of the consumers — start and stop a poller, inject its faults, hold its turn, run the schedule, read
// the usage counted there, stop — as calls answered by messages.
import { SHARE_ENV, Worker } from 'node:worker_threads';
import { sharedClock } from '@nrm/runtime';
import type { Usage } from '@nrm/runtime/usage';
import type { ProvisionedQueue } from './provision';

export interface ConsumerThreadData {
  readonly clock: SharedArrayBuffer;
  readonly region: string;
  readonly endpoints: { readonly dynamodb: string; readonly sqs: string };
  readonly queues: readonly ProvisionedQueue[];
  readonly streamArns: Readonly<Record<string, string>>;
  readonly dataDir: string | undefined;
}

export type ToConsumers = { readonly id: number } & (
  | { readonly op: 'start' | 'schedule' | 'reset-iterators' | 'usage' | 'reset-usage' | 'stop' }
  | { readonly op: 'start-poller' | 'stop-poller' | 'hold'; readonly name: string }
  | { readonly op: 'release'; readonly hold: number }
  | {
      readonly op: 'fault';
      readonly name: string;
      readonly crashAfter?: number;
      readonly duplicateDelivery?: boolean;
    }
);

export type ToPlatform =
  | { readonly type: 'ready' }
  | { readonly type: 'answer'; readonly id: number; readonly value?: unknown; readonly error?: string }
  | { readonly type: 'error'; readonly worker: string; readonly name: string; readonly message: string }
  | { readonly type: 'count'; readonly name: string; readonly invocations: number; readonly crashes: number };

/** An SQS consumer of the local platform, as the suites see it. */
export interface SqsConsumer {
  /** Batches handed to the handler. */
  readonly invocations: number;
  /** Simulated crashes that happened. */
  readonly crashes: number;
  start(): void;
  stop(): Promise<void>;
  /** Runs `work` while this consumer handles no batch (see SqsPoller.exclusive). */
  exclusive<T>(work: () => Promise<T>): Promise<T>;
}

export interface ConsumerThread {
  readonly sqsConsumers: ReadonlyMap<string, SqsConsumer>;
  /** Starts every poller. */
  start(): void;
  runSchedule(): Promise<void>;
  resetIterators(): void;
  fault(name: string, fault: { crashAfter?: number; duplicateDelivery?: boolean }): void;
  usage(): Promise<Usage>;
  resetUsage(): Promise<void>;
  /** Whether the thread still runs. */
  readonly alive: boolean;
  stop(): Promise<void>;
}

/** A message without its id (send adds it). */
type Omit1<T> = T extends unknown ? Omit<T, 'id'> : never;

export async function startConsumerThread(
  data: Omit<ConsumerThreadData, 'clock'>,
  sqsConsumerNames: readonly string[],
  onError: (worker: string, error: Error) => void,
): Promise<ConsumerThread> {
  // The thread compiles the handlers' TypeScript itself (consumer-thread.mjs registers tsx), so it starts the same
  // under `pnpm start` and inside a vitest process.
  const worker = new Worker(new URL('./consumer-thread.mjs', import.meta.url), {
    workerData: { ...data, clock: sharedClock() } satisfies ConsumerThreadData,
    env: SHARE_ENV,
    // Not the parent's flags (they may name a loader meant for the main thread); Node's warning about experimental
    // modules (node:sqlite, loaded by a dependency) is silenced as `pnpm start` silences it.
    execArgv: ['--disable-warning=ExperimentalWarning'],
  });
  let alive = true;
  let nextId = 1;
  const pending = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>();
  const counts = new Map(sqsConsumerNames.map((name) => [name, { invocations: 0, crashes: 0 }]));
  const send = (message: Omit1<ToConsumers>) => {
    const id = nextId++;
    worker.postMessage({ ...message, id });
    return id;
  };
  /** Sends a message and answers its id and the thread's answer to it. */
  const request = <T = void>(message: Omit1<ToConsumers>) => {
    let id = 0;
    const answer = new Promise<T>((resolve, reject) => {
      if (!alive) return reject(new Error('The consumer thread has stopped'));
      id = send(message);
      pending.set(id, { resolve: resolve as (value: unknown) => void, reject });
    });
    return { id, answer };
  };
  const call = <T = void>(message: Omit1<ToConsumers>) => request<T>(message).answer;

  const ready = new Promise<void>((resolve, reject) => {
    worker.on('message', (message: ToPlatform) => {
      switch (message.type) {
        case 'ready':
          return resolve();
        case 'answer': {
          const waiting = pending.get(message.id);
          pending.delete(message.id);
          if (message.error !== undefined) waiting?.reject(new Error(message.error));
          else waiting?.resolve(message.value);
          return;
        }
        case 'error':
          return onError(message.worker, Object.assign(new Error(message.message), { name: message.name }));
        case 'count':
          counts.set(message.name, { invocations: message.invocations, crashes: message.crashes });
          return;
      }
    });
    worker.on('error', (error) => {
      onError('consumers', error);
      reject(error);
    });
    worker.on('exit', () => {
      alive = false;
      for (const waiting of pending.values()) waiting.reject(new Error('The consumer thread has stopped'));
      pending.clear();
      reject(new Error('The consumer thread stopped before it was ready'));
    });
  });
  await ready;

  const sqsConsumers = new Map<string, SqsConsumer>(
    sqsConsumerNames.map((name) => [
      name,
      {
        get invocations() {
          return counts.get(name)!.invocations;
        },
        get crashes() {
          return counts.get(name)!.crashes;
        },
        start: () => void send({ op: 'start-poller', name }),
        stop: () => call({ op: 'stop-poller', name }),
        async exclusive<T>(work: () => Promise<T>): Promise<T> {
          // The thread holds the turn under the id of the request, until the release that names it.
          const { id: hold, answer: held } = request({ op: 'hold', name });
          await held;
          try {
            return await work();
          } finally {
            if (alive) send({ op: 'release', hold });
          }
        },
      },
    ]),
  );

  return {
    sqsConsumers,
    start: () => void send({ op: 'start' }),
    runSchedule: () => call({ op: 'schedule' }),
    resetIterators: () => void send({ op: 'reset-iterators' }),
    fault: (name, fault) => {
      if (!counts.has(name)) throw new Error(`No SQS consumer called ${name}`);
      send({ op: 'fault', name, ...fault });
    },
    usage: () => call<Usage>({ op: 'usage' }),
    resetUsage: () => call({ op: 'reset-usage' }),
    get alive() {
      return alive;
    },
    async stop() {
      if (!alive) return;
      const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
      await call({ op: 'stop' });
      // The thread ends by itself once its pollers have stopped; one that lingers (an open socket) is ended.
      const linger = setTimeout(() => void worker.terminate(), 2000);
      await exited;
      clearTimeout(linger);
    },
  };
}
