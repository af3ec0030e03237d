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
      {
        extends: true,
        // A unit file spends a second starting a worker and loading zod, the SDK and the catalogues
        // for milliseconds of tests: run in one worker that keeps its modules from file to file,
        // the suite takes ~20 s instead of ~47 s on a loaded 2-core machine. The files that change
        // the environment or need a module afresh (tracing, the dossier key rotation) stub and
        // reset what they touch and undo it after; vitest restores every mock after each file.
        test: {
          name: 'unit',
          include: ['test/unit/**/*.test.ts'],
          poolOptions: { forks: { singleFork: true, isolate: false } },
        },
      },
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
