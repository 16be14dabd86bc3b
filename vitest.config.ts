import { defineConfig } from 'vitest/config';
import { hasSharedCorpus, SHARED_SUITES, sharedCorpusDir, testEnvironment } from './tests/support/isolation.ts';

// Suites that read ../shared run when it is beside the repository; without it they are skipped, and say so.
const skipped = hasSharedCorpus() ? [] : SHARED_SUITES;
for (const suite of skipped)
  process.stdout.write(`skipped ${suite}: it needs the corpus at ${sharedCorpusDir} (not beside this clone)\n`);

export default defineConfig({
  test: {
    include: [
      'packages/*/src/**/*.test.ts',
      'packages/*/test/**/*.test.ts',
      'services/*/src/**/*.test.ts',
      'services/*/test/**/*.test.ts',
      'tests/**/*.test.ts',
    ],
    exclude: ['**/node_modules/**', ...skipped],
    env: testEnvironment(),
    // One real PostgreSQL for the run (embedded unless TEST_DATABASE_URL is set); each test file gets its own database.
    globalSetup: ['tests/support/global-setup.ts'],
    // Safety nets against a hang, not measures of speed: a loaded machine (2 cores, a full run) must not fail a test.
    testTimeout: 180_000,
    hookTimeout: 240_000,
    pool: 'forks',
    // Two cores: more workers only make the database tests fight for them.
    maxWorkers: 2,
  },
});
