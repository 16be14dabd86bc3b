/**
 * @claims/db: connecting to PostgreSQL (DATABASE_URL, or an embedded server),
 * the kysely `Database` types, and the migrations.
 */
export { validateDatabaseUrl } from './config.ts';
export { createKysely, createPool, type DatabaseHandle, openDatabase, type OpenDatabaseOptions } from './connect.ts';
export { type EmbeddedPostgresHandle, type EmbeddedPostgresOptions, startEmbeddedPostgres } from './embedded.ts';
export { DatabaseConfigError, describeConnectionError, redactUrl } from './errors.ts';
export { MigrationError, migrateReadModels, migrateToLatest } from './migrate.ts';
export { eventStoreMigrations, readModelMigrations } from './migrations/index.ts';
export type * from './schema.ts';
export { migrateCommand } from './cli.ts';
export { onShutdown, runShutdown } from './shutdown.ts';
export { isTransientDatabaseError } from './transient.ts';
export { NotificationListener } from './notifications.ts';
export { PROJECTION_CHANGES_CHANNEL } from './channels.ts';
