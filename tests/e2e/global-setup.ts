// Starts one in-memory local platform (API, workers and the web pages) for the browser suites and tells them where
// it is. The schedule runs every few seconds so clocks and notifications move while the suites run.
import { startPlatform } from '@nrm/local';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    web: { url: string };
  }
}

export default async function setup(project: TestProject) {
  const platform = await startPlatform({
    port: 0,
    visibilitySeconds: 2,
    scheduleEveryMs: 5_000,
    onWorkerError: (worker, error) =>
      console.error(`[${worker}]`, error instanceof Error ? error.message : error),
  });
  project.provide('web', { url: platform.url });
  return () => platform.stop();
}
