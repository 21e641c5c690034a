// A local platform of the suite's own, for suites that move the platform's clock: moving the shared platform's
// clock would make every other suite's referrals warn and breach. The schedule is run by the suite, not by a timer.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Platform, type PlatformOptions, startPlatform } from '@nrm/local';
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

/**
 * A platform for the file's tests alone, started with `options` before them and stopped after them; with `dataIn`
 * its data is kept in a temporary folder of that prefix (removed afterwards), so a suite can stop and restart
 * DynamoDB Local under it. `platform` is there from the file's first hook on.
 */
export function platformForFile(options: PlatformOptions, dataIn?: string): { readonly platform: Platform } {
  let started: Platform | undefined;
  let dataDir: string | undefined;
  beforeAll(async () => {
    if (dataIn) dataDir = mkdtempSync(join(tmpdir(), dataIn));
    started = await startPlatform({ port: 0, ...options, ...(dataDir ? { dataDir } : {}) });
  });
  afterAll(async () => {
    await started?.stop();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });
  return {
    get platform(): Platform {
      if (!started) throw new Error('The platform starts in beforeAll: use it in a hook or a test');
      return started;
    },
  };
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
