import { type Database, type Int8, runMigrations } from '@claims/db';
import { type Generated, type JSONColumnType, type Kysely, type Migration, sql } from 'kysely';
import * as events from './migrations/0001_events.ts';
import * as transactionOrder from './migrations/0002_transaction_order.ts';
import * as appendFastPath from './migrations/0003_append_fast_path.ts';

/** The append-only event log of the PostgreSQL adapter. */
export interface EventsTable {
  /** `(transaction id + shift) × 2^20 + index in the append` (migrations/0002_transaction_order.ts). */
  global_position: Int8;
  event_id: string;
  stream_id: string;
  stream_revision: Int8;
  event_type: string;
  data: JSONColumnType<Record<string, unknown>, string, string>;
  metadata: JSONColumnType<Record<string, unknown>, string, string>;
  recorded_at: Generated<Date>;
}

/** The tables of the event log, for kysely's type checking (the read models are @claims/db's `Database`). */
export type EventLogTables = {
  events: EventsTable;
  event_log_clock: { id: Generated<boolean>; xid_shift: Int8 };
};

/** The tracker's database seen with its event log too: for the adapter, and for tests that look at stored events. */
export const withEventLog = (db: Kysely<Database>): Kysely<Database & EventLogTables> =>
  db.withTables<EventLogTables>();

/**
 * The event log's migrations, in code. They live with the adapter that uses the table,
 * and keep the history table and names they had when @claims/db held them, so a
 * database migrated before sees them as applied.
 */
export const eventLogMigrations: Record<string, Migration> = {
  '0001_events': events,
  '0002_transaction_order': transactionOrder,
  '0003_append_fast_path': appendFastPath,
};

/** Creates or updates the event log in the default schema, then `rebaseEventClock`; returns the migrations applied. */
export async function migrateEventLog(db: Kysely<Database>): Promise<string[]> {
  const applied = await runMigrations(db, eventLogMigrations, 'migrations_event_store');
  await rebaseEventClock(db);
  return applied;
}

/**
 * Raises `xid_shift` when this server's transaction ids are below those the log already
 * holds, as after a restore into a new cluster, so that new positions still land above
 * every stored one (a reader's checkpoint would otherwise be past them). A no-op normally.
 * Run at start-up, before anything appends.
 */
export async function rebaseEventClock(db: Kysely<Database>): Promise<boolean> {
  const log = withEventLog(db);
  const raised = await log
    .updateTable('event_log_clock')
    .set({ xid_shift: sql`(select (max(global_position) >> 20) + 1 from events) - pg_current_xact_id()::text::bigint` })
    .where(
      sql<boolean>`(select (max(global_position) >> 20) + 1 from events) - pg_current_xact_id()::text::bigint > xid_shift`,
    )
    .executeTakeFirst();
  return raised.numUpdatedRows > 0n;
}
