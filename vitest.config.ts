import { defineConfig } from 'vitest/config';

/**
 * Three suites: unit (pure, milliseconds), infra (the synthesized template and cdk-nag), and
 * integration (the local runtime: DynamoDB Local, s3rver, the real ASL, real JWTs), which
 * one global setup starts once for all its files.
 */
export default defineConfig({
  test: {
    reporters: ['default'],
    projects: [
      { extends: true, test: { name: 'unit', include: ['test/unit/**/*.test.ts'] } },
      {
        extends: true,
        // Synthesizing the whole stack takes ~10 s on a loaded 2-core machine: more than vitest's default hook timeout.
        test: { name: 'infra', include: ['test/infra/**/*.test.ts'], testTimeout: 120_000, hookTimeout: 120_000 },
      },
      {
        extends: true,
        test: {
          name: 'integration',
          // The browser tests drive the console against the same local runtime.
          include: ['test/integration/**/*.test.ts', 'test/browser/**/*.test.ts'],
          globalSetup: ['test/integration/global-setup.ts'],
          testTimeout: 120_000,
          hookTimeout: 180_000,
        },
      },
    ],
  },
});
