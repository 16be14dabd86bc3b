import { type Kysely, sql } from 'kysely';

/**
 * Rebuilds in progress, one row per projection being rebuilt into a shadow schema: written
 * by `claims projections rebuild` as it goes, read by `/v1/health` and the page, removed by
 * the swap. A row whose `updated_at` stops moving belongs to a rebuild that died.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('projection_rebuilds')
    .addColumn('projection', 'text', (c) => c.primaryKey())
    .addColumn('shadow_schema', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull())
    // The event types it reads, so that its lag can be counted without knowing the projection.
    .addColumn('event_types', sql`text[]`, (c) => c.notNull())
    .addColumn('position', 'text', (c) => c.notNull())
    .addColumn('events_handled', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('started_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('projection_rebuilds').execute();
}
