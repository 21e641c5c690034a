// A local platform of the suite's own, for suites that move the platform's clock: moving the shared platform's
// clock would make every other suite's referrals warn and breach. The schedule is run by the suite, not by a timer.
import { type Platform, startPlatform } from '@nrm/local';
import { afterAll, beforeAll } from 'vitest';
import { settle, sqsClient } from './aws';
import { type ApiClient, apiClient } from './http';

export interface OwnPlatform {
  readonly platform: Platform;
  readonly api: ApiClient;
  /** Moves the platform's clock forward, as POST /local/clock does. */
  advance(ms: number): Promise<string>;
  /** Runs the scheduled functions once (the SLA sweeper), as POST /local/schedule/run does. */
  runSchedule(): Promise<void>;
  /** Waits until every queue is empty and nothing is in flight. */
  settle(timeoutMs?: number): Promise<void>;
  stop(): Promise<void>;
}

export const HOUR = 3_600_000;
export const DAY = 24 * HOUR;

/** Starts a platform of the suite's own before its tests (handing it to `use`) and stops it after them. */
export function ownPlatformForSuite(use: (stack: OwnPlatform) => void): void {
  let stack: OwnPlatform | undefined;
  beforeAll(async () => {
    stack = await startOwnPlatform();
    use(stack);
  });
  afterAll(async () => {
    await stack?.stop();
  });
}

export async function startOwnPlatform(): Promise<OwnPlatform> {
  const platform = await startPlatform({
    port: 0,
    visibilitySeconds: 2,
    scheduleEveryMs: 24 * 3_600_000,
    logLevel: 'ERROR',
    onWorkerError: (worker, error) =>
      console.error(`[${worker}]`, error instanceof Error ? error.message : error),
  });
  const api = apiClient(platform.url);
  const sqs = sqsClient({ sqs: platform.endpoints.sqs });
  const queueUrls = platform.queues.map((q) => q.url);

  return {
    platform,
    api,
    async advance(ms) {
      const res = await api.post('/local/clock', { advanceMs: ms });
      if (res.status !== 200) throw new Error(`POST /local/clock answered ${res.status}`);
      return res.body.now;
    },
    async runSchedule() {
      const res = await api.post('/local/schedule/run', {});
      if (res.status !== 200) throw new Error(`POST /local/schedule/run answered ${res.status}`);
    },
    settle: (timeoutMs = 60_000) => settle(sqs, queueUrls, timeoutMs),
    async stop() {
      await api.post('/local/clock', { offsetMs: 0 });
      sqs.destroy();
      await platform.stop();
    },
  };
}
