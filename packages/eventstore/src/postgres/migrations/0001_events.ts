import { type Kysely, sql } from 'kysely';

/**
 * The event log. `global_position` comes from an identity sequence; appends take a
 * transaction-scoped advisory lock before drawing it (store.ts beside this folder), so
 * positions become visible in the order they were drawn and a reader following
 * `global_position > checkpoint` can never pass an event that commits late.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('events')
    .addColumn('global_position', 'bigint', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('event_id', 'uuid', (c) => c.notNull().unique())
    .addColumn('stream_id', 'text', (c) => c.notNull())
    .addColumn('stream_revision', 'bigint', (c) => c.notNull())
    .addColumn('event_type', 'text', (c) => c.notNull())
    .addColumn('data', 'jsonb', (c) => c.notNull())
    .addColumn('metadata', 'jsonb', (c) => c.notNull())
    // clock_timestamp(), not now(): taken after the append lock, so record time follows position order.
    .addColumn('recorded_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`clock_timestamp()`))
    .addUniqueConstraint('events_stream_revision_key', ['stream_id', 'stream_revision'])
    .execute();
  await db.schema
    .createIndex('events_event_type_idx')
    .on('events')
    .columns(['event_type', 'global_position'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('events').execute();
}
