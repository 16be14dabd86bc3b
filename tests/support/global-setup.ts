import { mkdtemp, rm } from 'node:fs/promises';
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
  const given = process.env.TEST_DATABASE_URL;
  if (given) {
    project.provide('adminDatabaseUrl', given);
    return;
  }
  const dataDir = await mkdtemp(join(tmpdir(), 'claims-test-pg-'));
  const server = await startEmbeddedPostgres({ dataDir, database: 'postgres' });
  project.provide('adminDatabaseUrl', server.url);
  return async () => {
    await server.stop();
    await rm(dataDir, { recursive: true, force: true });
  };
}
