import { defineConfig } from 'vitest/config';

// Unit suites run in parallel; suites that talk to the local engines share one platform started by globalSetup.
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: [
            'schemas/test/**/*.test.ts',
            'packages/*/test/**/*.test.ts',
            'functions/test/**/*.test.ts',
          ],
        },
      },
    ],
  },
});
