import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const repoRoot = resolve(import.meta.dirname, '../..');

/**
 * The hand-labelled corpus beside the repository (`../shared/corpus`), which a clone does
 * not have. The suites that read it run when it is there and are skipped, saying so, when
 * it is not; everything else uses the repository's own samples (samples/).
 */
export const sharedCorpusDir = resolve(repoRoot, '..', 'shared', 'corpus');
export const SHARED_SUITES = [
  'tests/e2e/seeds.test.ts',
  'packages/extract/src/extract.test.ts',
  'tests/eval/score.test.ts',
];
export const hasSharedCorpus = () => existsSync(join(sharedCorpusDir, 'seeds'));

/**
 * Environment every test process gets, so that no test reads the user's own `.data`:
 * a tokens file of the run's own (absent until a test writes it). Tests pass DATABASE_URL
 * to what they start, and the embedded server gets a data folder of its own.
 */
export const testEnvironment = (): Record<string, string> => ({
  CLAIMS_TOKENS_FILE: join(tmpdir(), `claims-tests-${process.pid}`, 'tokens.json'),
});
