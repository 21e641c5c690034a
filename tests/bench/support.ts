// Shared helpers of the benchmarks: the platform in a second process, an engine of their own, percentiles, and the
// results file.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dynamoEngine } from '../../packages/local/src/engines';
import { spawnPlatformProcess } from '../support/platform-process';

/**
 * DynamoDB Local of the benchmark's own, on a port the system picks, its address and the table prefix in the
 * environment: the store reads its configuration from there on first use, as a Lambda function does.
 */
export async function ownDynamoEngine(tablePrefix: string) {
  const engine = dynamoEngine({});
  await engine.start();
  Object.assign(process.env, {
    AWS_REGION: 'eu-north-1',
    AWS_ACCESS_KEY_ID: 'local',
    AWS_SECRET_ACCESS_KEY: 'local',
    NRM_TABLE_PREFIX: tablePrefix,
    NRM_DYNAMODB_ENDPOINT: engine.endpoint,
    NRM_JWT_ISSUER: 'bench',
    NRM_JWT_AUDIENCE: 'bench',
    NRM_JWKS_URL: 'http://127.0.0.1/jwks.json',
  });
  return engine;
}

export interface RunningPlatform {
  readonly url: string;
  readonly dynamodb: string;
  readonly sqs: string;
  readonly tablePrefix: string;
  stop(): Promise<void>;
}

/**
 * `pnpm start --in-memory --no-demo` in its own process, as a user would run it, without the demo year: a benchmark
 * measures the platform alone, on real time. Resolves once /health is 200 and the platform's clock is real time.
 */
export async function startPlatformProcess(env: Record<string, string> = {}): Promise<RunningPlatform> {
  const running = await spawnPlatformProcess(['--in-memory', '--no-demo'], {
    // A benchmark's client submits hundreds of referrals within the hour: the submission quotas are not measured.
    NRM_QUOTA_ORGANISATION_PER_HOUR: '1000000',
    NRM_QUOTA_PERSON_PER_HOUR: '1000000',
    ...env,
  });
  // The engines listen where the system put them; the platform prints it.
  const platform: RunningPlatform = {
    url: running.url,
    dynamodb: running.address('DynamoDB Local')!,
    sqs: running.address('SQS emulator')!,
    tablePrefix: 'nrm-local-',
    stop: running.stop,
  };
  await assertRealTime(platform);
  return platform;
}

/**
 * Fails loudly unless the platform's clock is real time (no offset, and its now within seconds of this machine's):
 * figures measured against a moved clock measure nothing.
 */
export async function assertRealTime(platform: RunningPlatform): Promise<void> {
  const res = await fetch(`${platform.url}/local/clock`);
  const clock = (await res.json()) as { now: string; offsetMs: number };
  const drift = Math.abs(Date.parse(clock.now) - Date.now());
  if (clock.offsetMs !== 0 || drift > 5000) {
    await platform.stop();
    throw new Error(
      `The platform's clock is not real time (offset ${clock.offsetMs} ms, ${drift} ms from this machine's): no figures.`,
    );
  }
}

export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const index = Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1);
  return sorted[Math.max(0, index)]!;
}

export function summarise(samples: readonly number[]) {
  const sorted = [...samples].sort((a, b) => a - b);
  const round = (n: number) => Math.round(n * 10) / 10;
  return {
    n: sorted.length,
    p50: round(percentile(sorted, 50)),
    p95: round(percentile(sorted, 95)),
    p99: round(percentile(sorted, 99)),
    max: round(sorted.at(-1) ?? Number.NaN),
  };
}

/** Runs `task` `total` times with `concurrency` in flight; returns each call's latency in ms and the wall time. */
export async function load(total: number, concurrency: number, task: (i: number) => Promise<void>) {
  const latencies: number[] = [];
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < total) {
        const i = next++;
        const t = performance.now();
        await task(i);
        latencies.push(performance.now() - t);
      }
    }),
  );
  return { latencies, wallMs: performance.now() - started };
}

const RESULTS = 'tests/bench/results.json';

/** Merges this benchmark's figures into tests/bench/results.json (the README's table is written from it). */
export function record(name: string, figures: unknown): void {
  mkdirSync('tests/bench', { recursive: true });
  let all: Record<string, unknown> = {};
  try {
    all = JSON.parse(readFileSync(RESULTS, 'utf8'));
  } catch {
    // first benchmark of this checkout
  }
  all[name] = { ...(figures as object), measuredAt: new Date().toISOString() };
  writeFileSync(RESULTS, `${JSON.stringify(all, null, 2)}\n`);
}
