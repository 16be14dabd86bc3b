import { type Kysely, type Migration, type MigrationResultSet, Migrator } from 'kysely';
import { readModelMigrations } from './migrations/index.ts';
import type { Database } from './schema.ts';

export class MigrationError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'MigrationError';
  }
}

/**
 * Applies a set of migrations with kysely's Migrator, with its own history table (and,
 * for replays, its own schema): the one way this project migrates, read models or event log.
 */
export async function runMigrations(
  db: Kysely<Database>,
  migrations: Record<string, Migration>,
  table: string,
  schema?: string,
): Promise<string[]> {
  const migrator = new Migrator({
    db: schema ? db.withSchema(schema) : db,
    provider: { getMigrations: async () => migrations },
    migrationTableName: table,
    migrationLockTableName: `${table}_lock`,
    ...(schema ? { migrationTableSchema: schema } : {}),
  });
  const { error, results }: MigrationResultSet = await migrator.migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === 'Error')?.migrationName ?? 'unknown';
    throw new MigrationError(`migration ${failed} failed: ${error instanceof Error ? error.message : String(error)}`, {
      cause: error,
    });
  }
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}

/**
 * Applies every pending read-model migration in the default schema; returns the names applied.
 * The event log migrates with its adapter (@claims/eventstore `migrateEventLog`).
 */
export async function migrateToLatest(db: Kysely<Database>): Promise<string[]> {
  return runMigrations(db, readModelMigrations, 'migrations_read_models');
}

/** Creates `schema` if needed and builds the read-model tables inside it (for replays). */
export async function migrateReadModels(db: Kysely<Database>, schema: string): Promise<string[]> {
  await db.schema.createSchema(schema).ifNotExists().execute();
  return runMigrations(db, readModelMigrations, 'migrations_read_models', schema);
}
