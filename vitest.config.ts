import { defineConfig } from 'vitest/config';

// Six suites. Unit suites are pure and run in parallel. Component suites run use cases and API routes against the two
// engines alone (DynamoDB Local and the SQS emulator, started by their globalSetup; no platform), in parallel: each
// test makes its own referrals. Integration suites share one local platform (DynamoDB
// Local, the SQS emulator, the API and the workers) started by globalSetup. Fault and isolated suites start their own
// platform because they stop, crash or move the clock of parts of it. The e2e suites drive headless Chromium against
// the web pages; `pnpm test` runs them in a vitest process of their own, because a globalSetup platform configures
// the process it runs in (its environment, its cached clients). Suites that use the engines run one file at a time:
// the machine has 2 cores.
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: [
            'schemas/test/**/*.test.ts',
            'packages/*/test/**/*.test.{ts,tsx}',
            'functions/test/**/*.test.ts',
            'infra/test/**/*.test.ts',
          ],
          testTimeout: 60_000,
        },
      },
      {
        test: {
          name: 'component',
          include: ['tests/component/**/*.test.ts'],
          globalSetup: ['tests/component/global-setup.ts'],
          setupFiles: ['tests/component/setup-env.ts'],
          testTimeout: 30_000,
          hookTimeout: 120_000,
        },
      },
      {
        test: {
          name: 'integration',
          include: ['tests/integration/**/*.test.ts'],
          globalSetup: ['tests/support/global-setup.ts'],
          fileParallelism: false,
          testTimeout: 180_000,
          hookTimeout: 120_000,
        },
      },
      {
        test: {
          name: 'isolated',
          include: ['tests/isolated/**/*.test.ts'],
          fileParallelism: false,
          testTimeout: 180_000,
          hookTimeout: 120_000,
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['tests/e2e/**/*.test.ts'],
          globalSetup: ['tests/e2e/global-setup.ts'],
          fileParallelism: false,
          testTimeout: 120_000,
          hookTimeout: 300_000,
        },
      },
      {
        test: {
          name: 'fault',
          include: ['tests/fault/**/*.test.ts'],
          fileParallelism: false,
          testTimeout: 180_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
});
