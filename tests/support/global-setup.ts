// Starts one in-memory local platform for the integration suites and tells them where it is.
import { startPlatform } from '@nrm/local';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    platform: { url: string; dynamodb: string; sqs: string; tablePrefix: string };
  }
}

export default async function setup(project: TestProject) {
  const platform = await startPlatform({
    port: 0,
    visibilitySeconds: 2,
    logLevel: 'WARN',
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
  };
}
