/**
 * @claims/db: connecting to PostgreSQL (DATABASE_URL, or an embedded server), and the
 * read models: their kysely `Database` types, migrations and change-feed channel. The
 * event log's table lives with its adapter in @claims/eventstore.
 */

export { PROJECTION_CHANGES_CHANNEL } from './channels.ts';
export { validateDatabaseUrl } from './config.ts';
export {
  createKysely,
  createPool,
  type DatabaseHandle,
  type OpenDatabaseOptions,
  openDatabase,
  type SessionLimits,
  TRACKER_SESSION_LIMITS,
} from './connect.ts';
export { CopyInput } from './copy.ts';
export { type EmbeddedPostgresHandle, type EmbeddedPostgresOptions, startEmbeddedPostgres } from './embedded.ts';
export { DatabaseConfigError, describeConnectionError, redactUrl } from './errors.ts';
export { MigrationError, migrateReadModels, migrateToLatest, runMigrations } from './migrate.ts';
export { readModelMigrations } from './migrations/index.ts';
export { NotificationListener } from './notifications.ts';
export type * from './schema.ts';
export { SEARCH_DOCUMENTS, type SearchableTable } from './search.ts';
export { onShutdown, runShutdown } from './shutdown.ts';
export { isServerShuttingDown, onServerShutdownNotice } from './shutdown-notice.ts';
export { isDatabaseBusyError, isTransientDatabaseError } from './transient.ts';
