import type { ColumnType, Generated, JSONColumnType } from 'kysely';

/** int8 columns: PostgreSQL sends them as strings (they may exceed 2^53); insert a bigint, string or number. */
export type Int8 = ColumnType<string, bigint | string | number, bigint | string | number>;

/** The append-only event log (see packages/eventstore/src/postgres). */
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

/**
 * Every table the tracker owns, for kysely's type checking. Read-model tables
 * are added here beside the migration that creates them.
 */
export interface Database {
  events: EventsTable;
}
