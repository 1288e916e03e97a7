import { defineConfig } from 'vitest/config';

// Four projects: `unit` (pure modules beside their code: no database, no global setup, seconds),
// `documents` (PDF and DOCX rendered and read back with poppler: tens of seconds), `integration` (HTTP and
// services on both engines, one database per file copied from a template) and `e2e` (the browser doing a
// person's job). `npm test` runs all four.
export default defineConfig({
  test: {
    env: { TZ: 'UTC', NODE_ENV: 'test', LOG_LEVEL: 'silent' },
    testTimeout: 30_000,
    hookTimeout: 120_000,
    // What a test waits for with expect.poll can take seconds on a busy shared machine (one polled save took more
    // than the default 1 s in a loaded run): it is given as long as a waitFor in the suite.
    expect: { poll: { timeout: 15_000 } },
    pool: 'forks',
    reporters: ['default', './test/helpers/summary-reporter.ts'],
    projects: [
      {
        extends: true,
        test: { name: 'unit', include: ['src/**/*.test.ts'], exclude: ['src/documents/**'] },
      },
      {
        extends: true,
        // The bulk export test starts render threads: it runs with the integration tests.
        test: {
          name: 'documents',
          include: ['src/documents/**/*.test.ts'],
          exclude: ['src/documents/export/**'],
        },
      },
      {
        extends: true,
        test: {
          name: 'integration',
          include: ['test/**/*.test.ts', 'src/documents/export/**/*.test.ts'],
          globalSetup: ['test/helpers/global-setup.ts'],
          testTimeout: 60_000,
        },
      },
      // A browser test does a person's whole task; on a busy shared machine one step can take tens of seconds.
      {
        extends: true,
        test: {
          name: 'e2e',
          include: ['e2e/**/*.test.ts'],
          globalSetup: ['e2e/helpers/global-setup.ts'],
          testTimeout: 90_000,
        },
      },
    ],
  },
});
