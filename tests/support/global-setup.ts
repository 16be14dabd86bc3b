import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startEmbeddedPostgres } from '@claims/db';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    /** A server URL on which tests may create and drop databases. */
    adminDatabaseUrl: string;
  }
}

/**
 * Starts one real PostgreSQL for the whole test run: the embedded one, in a fresh
 * temporary folder, unless TEST_DATABASE_URL names a server to use instead.
 */
export default async function setup(project: TestProject) {
  // The compiled `claims`, built from the sources under test: what tests that start the command run.
  // Inside infra/dist (ignored by git), where the packages it leaves out resolve.
  await mkdir(join(import.meta.dirname, '../../infra/dist'), { recursive: true });
  const cli = await mkdtemp(join(import.meta.dirname, '../../infra/dist/test-'));
  execFileSync(process.execPath, [join(import.meta.dirname, '../../infra/build-cli.mjs'), cli], { stdio: 'inherit' });
  process.env.CLAIMS_CLI_BUNDLE = join(cli, 'claims.mjs');
  const given = process.env.TEST_DATABASE_URL;
  if (given) {
    project.provide('adminDatabaseUrl', given);
    return () => rm(cli, { recursive: true, force: true });
  }
  const dataDir = await mkdtemp(join(tmpdir(), 'claims-test-pg-'));
  const server = await startEmbeddedPostgres({ dataDir, database: 'postgres' });
  project.provide('adminDatabaseUrl', server.url);
  return async () => {
    await server.stop();
    await rm(dataDir, { recursive: true, force: true });
    await rm(cli, { recursive: true, force: true });
  };
}
