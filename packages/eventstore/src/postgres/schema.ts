import { type Database, type Int8, runMigrations } from '@claims/db';
import type { Generated, JSONColumnType, Kysely, Migration } from 'kysely';
import * as events from './migrations/0001_events.ts';

/** The append-only event log of the PostgreSQL adapter. */
export interface EventsTable {
  global_position: Generated<string>;
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
};

/** The tracker's database seen with its event log too: for the adapter, and for tests that look at stored events. */
export const withEventLog = (db: Kysely<Database>): Kysely<Database & EventLogTables> => db.withTables<EventLogTables>();

/**
 * The event log's migrations, in code. They live with the adapter that uses the table,
 * and keep the history table and names they had when @claims/db held them, so a
 * database migrated before sees them as applied.
 */
export const eventLogMigrations: Record<string, Migration> = {
  '0001_events': events,
};

/** Creates or updates the event log in the default schema; returns the migrations applied. */
export const migrateEventLog = (db: Kysely<Database>): Promise<string[]> => runMigrations(db, eventLogMigrations, 'migrations_event_store');
