import { defineConfig } from 'vitest/config';
import SlowFirst from './test/slow-first';

export default defineConfig({
  test: {
    // Emulators (DynamoDB Local's JVM, CDK synth) are slow to start on two cores.
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    maxWorkers: 2,
    sequence: { sequencer: SlowFirst },
    env: {
      AWS_REGION: 'cn-north-1',
      AWS_ACCESS_KEY_ID: 'test',
      AWS_SECRET_ACCESS_KEY: 'test',
      POWERTOOLS_METRICS_DISABLED: 'true',
      POWERTOOLS_LOG_LEVEL: 'SILENT',
    },
    projects: [
      {
        extends: true,
        test: {
          name: 'infra',
          // All in one process, one file after another: aws-cdk-lib loads once (~8 s cold) and
          // each region is synthesized once (test/infra/synth.ts). A group of its own, after the
          // rest, as vitest runs projects with different maxWorkers in separate groups; so the
          // bundling test, which synthesizes an app of its own, runs with the rest, in parallel.
          include: ['test/infra/**/*.test.ts'],
          exclude: ['test/infra/bundling.test.ts'],
          isolate: false,
          maxWorkers: 1,
          sequence: { groupOrder: 1 },
        },
      },
      {
        extends: true,
        test: {
          name: 'rest',
          include: ['test/**/*.test.ts'],
          exclude: ['test/infra/!(bundling).test.ts'],
          // One DynamoDB Local per worker, started on first use and shared by the worker's files.
          globalSetup: ['test/global-setup.ts'],
        },
      },
    ],
  },
});
