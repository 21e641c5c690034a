// Starts one in-memory local platform for the integration suites and tells them where it is. The platform runs
// with DEBUG logging and everything it logs is kept; at the end the log is searched for the personal data the suites
// sent on purpose (tests/support/personal-data.ts): finding any fails the run.
import { mkdirSync, writeFileSync } from 'node:fs';
import { startPlatform } from '@nrm/local';
import type { TestProject } from 'vitest/node';
import { SEEDED_VALUES } from './personal-data';

declare module 'vitest' {
  export interface ProvidedContext {
    platform: { url: string; dynamodb: string; sqs: string; tablePrefix: string };
  }
}

function captureOutput(): { text: () => string; restore: () => void } {
  const chunks: string[] = [];
  const streams = [process.stdout, process.stderr] as const;
  const originals = streams.map((s) => s.write.bind(s));
  streams.forEach((stream, i) => {
    stream.write = ((chunk: string | Uint8Array, ...rest: unknown[]) => {
      chunks.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8'));
      return (originals[i] as (...a: unknown[]) => boolean)(chunk, ...rest);
    }) as typeof stream.write;
  });
  return {
    text: () => chunks.join(''),
    restore: () => {
      streams.forEach((stream, i) => {
        stream.write = originals[i] as typeof stream.write;
      });
    },
  };
}

export default async function setup(project: TestProject) {
  // The suites submit hundreds of referrals as a few demo organisations within the hour; the quotas themselves are
  // tested on a platform of their own (tests/isolated/quotas.test.ts).
  process.env.NRM_QUOTA_ORGANISATION_PER_HOUR ??= '100000';
  process.env.NRM_QUOTA_PERSON_PER_HOUR ??= '100000';
  // Webhook retries after 1 s, 2 s (jittered), and the third failed attempt dead-letters (tests/integration/webhooks).
  process.env.NRM_WEBHOOK_RETRY_BASE_SECONDS ??= '1';
  process.env.NRM_WEBHOOK_MAX_ATTEMPTS ??= '3';
  const output = captureOutput();
  const platform = await startPlatform({
    port: 0,
    visibilitySeconds: 2,
    logLevel: 'DEBUG',
    onWorkerError: (worker, error) =>
      console.error(`[${worker}]`, error instanceof Error ? error.message : error),
  });
  project.provide('platform', {
    url: platform.url,
    dynamodb: platform.endpoints.dynamodb,
    sqs: platform.endpoints.sqs,
    tablePrefix: platform.tablePrefix,
  });
  return async () => {
    await platform.stop();
    output.restore();
    const log = output.text();
    mkdirSync('tests/artifacts', { recursive: true });
    writeFileSync('tests/artifacts/integration-platform.log', log);
    const leaked = SEEDED_VALUES.filter((value) => log.includes(value));
    if (leaked.length > 0) {
      throw new Error(
        `Personal data reached the logs (${leaked.length} seeded values); see tests/artifacts/integration-platform.log`,
      );
    }
    if (!log.includes('"level":"DEBUG"'))
      throw new Error('The platform logged nothing at DEBUG: the log scan proves nothing');
  };
}
