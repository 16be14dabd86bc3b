import { type Kysely, sql } from 'kysely';

/**
 * The read models the projector builds from the event log, with their checkpoints
 * and change feed. Created per schema: the default one, and the separate schemas
 * `claims replay` builds (the migration runs through `db.withSchema(name)`).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  // One row per projection: how far it has read, written in the same transaction as its rows.
  await db.schema
    .createTable('projection_checkpoints')
    .addColumn('projection', 'text', (c) => c.primaryKey())
    .addColumn('position', 'text', (c) => c.notNull())
    .addColumn('events_handled', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();

  // Every read-model change, in commit order per projection: what SSE subscribers receive.
  await db.schema
    .createTable('projection_changes')
    .addColumn('projection', 'text', (c) => c.notNull())
    .addColumn('position_commit', 'bigint', (c) => c.notNull())
    .addColumn('position_prepare', 'bigint', (c) => c.notNull())
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('side', 'text')
    .addColumn('topic', 'text')
    .addColumn('payload', 'jsonb', (c) => c.notNull())
    .addColumn('committed_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('projection_changes_pkey', ['projection', 'position_commit', 'position_prepare', 'seq'])
    .execute();

  // Events a projection could not handle: parked, visible, replayable (never silently skipped).
  await db.schema
    .createTable('projection_dead_letters')
    .addColumn('projection', 'text', (c) => c.notNull())
    .addColumn('event_id', 'uuid', (c) => c.notNull())
    .addColumn('position', 'text', (c) => c.notNull())
    .addColumn('event_type', 'text', (c) => c.notNull())
    .addColumn('error', 'text', (c) => c.notNull())
    .addColumn('parked_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('projection_dead_letters_pkey', ['projection', 'event_id'])
    .execute();

  await db.schema
    .createTable('sources')
    .addColumn('document_id', 'text', (c) => c.primaryKey())
    .addColumn('stream_id', 'text', (c) => c.notNull())
    .addColumn('url', 'text')
    .addColumn('publisher', 'text')
    .addColumn('title', 'text')
    .addColumn('published_at', 'date')
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('content_hash', 'text', (c) => c.notNull())
    .addColumn('event_id', 'uuid', (c) => c.notNull())
    .addColumn('global_position', 'bigint', (c) => c.notNull())
    .addColumn('recorded_at', 'timestamptz', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('claims')
    .addColumn('event_id', 'uuid', (c) => c.primaryKey())
    .addColumn('document_id', 'text', (c) => c.notNull())
    .addColumn('stream_id', 'text', (c) => c.notNull())
    .addColumn('stream_revision', 'bigint', (c) => c.notNull())
    .addColumn('global_position', 'bigint', (c) => c.notNull())
    .addColumn('recorded_at', 'timestamptz', (c) => c.notNull())
    .addColumn('speaker', 'text')
    .addColumn('side', 'text', (c) => c.notNull())
    .addColumn('topic', 'text', (c) => c.notNull())
    .addColumn('stance', 'text', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('quote', 'text', (c) => c.notNull())
    .addColumn('span_start', 'integer', (c) => c.notNull())
    .addColumn('span_end', 'integer', (c) => c.notNull())
    .addColumn('made_on', 'date')
    // The claim's place in valid time: madeOn, else the article's publication day, else the day it was recorded.
    .addColumn('valid_on', 'date', (c) => c.notNull())
    .addColumn('published_at', 'date')
    .addColumn('url', 'text')
    .addColumn('publisher', 'text')
    .addColumn('title', 'text')
    .addColumn('extractor_name', 'text', (c) => c.notNull())
    .addColumn('extractor_version', 'text', (c) => c.notNull())
    .addColumn('correlation_id', 'text')
    .addColumn('causation_id', 'text')
    .addColumn('written_by', 'text')
    .addColumn('withdrawn_at', 'timestamptz')
    .addColumn('withdrawn_position', 'bigint')
    .addColumn('withdrawn_reason', 'text')
    .addColumn('withdrawn_by', 'text')
    .execute();
  await db.schema
    .createIndex('claims_side_topic_valid_idx')
    .on('claims')
    .columns(['side', 'topic', 'valid_on'])
    .execute();
  await db.schema.createIndex('claims_valid_on_idx').on('claims').columns(['valid_on', 'global_position']).execute();
  await db.schema.createIndex('claims_speaker_idx').on('claims').columns(['speaker']).execute();
  await db.schema.createIndex('claims_document_idx').on('claims').columns(['document_id']).execute();
  await db.schema.createIndex('claims_recorded_idx').on('claims').columns(['recorded_at']).execute();

  // For each side and topic, the claims in valid-time order, each in force over [valid_from, valid_to).
  await db.schema
    .createTable('position_history')
    .addColumn('claim_id', 'uuid', (c) => c.primaryKey())
    .addColumn('side', 'text', (c) => c.notNull())
    .addColumn('topic', 'text', (c) => c.notNull())
    .addColumn('valid_from', 'date', (c) => c.notNull())
    .addColumn('valid_to', 'date')
    .addColumn('global_position', 'bigint', (c) => c.notNull())
    .addColumn('stance', 'text', (c) => c.notNull())
    .addColumn('speaker', 'text')
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('quote', 'text', (c) => c.notNull())
    .addColumn('document_id', 'text', (c) => c.notNull())
    .addColumn('recorded_at', 'timestamptz', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('position_history_asof_idx')
    .on('position_history')
    .columns(['side', 'topic', 'valid_from', 'global_position'])
    .execute();

  // Each side's current position per topic: its latest claim by valid time.
  await db.schema
    .createTable('positions')
    .addColumn('side', 'text', (c) => c.notNull())
    .addColumn('topic', 'text', (c) => c.notNull())
    .addColumn('claim_id', 'uuid', (c) => c.notNull())
    .addColumn('stance', 'text', (c) => c.notNull())
    .addColumn('since', 'date', (c) => c.notNull())
    .addColumn('speaker', 'text')
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('quote', 'text', (c) => c.notNull())
    .addColumn('document_id', 'text', (c) => c.notNull())
    .addColumn('claims_count', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('positions_pkey', ['side', 'topic'])
    .execute();

  // A change: a side's claim on a topic whose stance differs from its previous one in valid time
  // (kind `stance`), or that asks for materially different terms with the same stance (kind `terms`).
  await db.schema
    .createTable('position_changes')
    .addColumn('after_claim_id', 'uuid', (c) => c.primaryKey())
    .addColumn('before_claim_id', 'uuid', (c) => c.notNull())
    .addColumn('side', 'text', (c) => c.notNull())
    .addColumn('topic', 'text', (c) => c.notNull())
    .addColumn('changed_on', 'date', (c) => c.notNull())
    .addColumn('from_stance', 'text', (c) => c.notNull())
    .addColumn('to_stance', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('global_position', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('position_changes_side_topic_idx')
    .on('position_changes')
    .columns(['side', 'topic', 'changed_on'])
    .execute();

  await db.schema
    .createTable('meetings')
    .addColumn('event_id', 'uuid', (c) => c.primaryKey())
    .addColumn('document_id', 'text', (c) => c.notNull())
    .addColumn('global_position', 'bigint', (c) => c.notNull())
    .addColumn('recorded_at', 'timestamptz', (c) => c.notNull())
    .addColumn('proposer', 'text')
    .addColumn('proposer_side', 'text', (c) => c.notNull())
    .addColumn('participants', sql`text[]`, (c) => c.notNull())
    .addColumn('level', 'text', (c) => c.notNull())
    .addColumn('location', 'text')
    .addColumn('timeframe', 'text')
    .addColumn('window_from', 'date')
    .addColumn('window_to', 'date')
    .addColumn('made_on', 'date')
    .addColumn('valid_on', 'date', (c) => c.notNull())
    .addColumn('quote', 'text', (c) => c.notNull())
    .addColumn('span_start', 'integer', (c) => c.notNull())
    .addColumn('span_end', 'integer', (c) => c.notNull())
    .addColumn('extractor_name', 'text', (c) => c.notNull())
    .addColumn('extractor_version', 'text', (c) => c.notNull())
    .addColumn('withdrawn_at', 'timestamptz')
    .addColumn('withdrawn_reason', 'text')
    .execute();
  await db.schema.createIndex('meetings_valid_idx').on('meetings').columns(['valid_on', 'global_position']).execute();

  await db.schema
    .createTable('agreements')
    .addColumn('event_id', 'uuid', (c) => c.primaryKey())
    .addColumn('document_id', 'text', (c) => c.notNull())
    .addColumn('global_position', 'bigint', (c) => c.notNull())
    .addColumn('recorded_at', 'timestamptz', (c) => c.notNull())
    .addColumn('parties', sql`text[]`, (c) => c.notNull())
    .addColumn('topic', 'text', (c) => c.notNull())
    .addColumn('terms', 'text', (c) => c.notNull())
    .addColumn('quantities', 'jsonb', (c) => c.notNull())
    .addColumn('reported_by', 'text')
    .addColumn('made_on', 'date')
    .addColumn('valid_on', 'date', (c) => c.notNull())
    .addColumn('quote', 'text', (c) => c.notNull())
    .addColumn('span_start', 'integer', (c) => c.notNull())
    .addColumn('span_end', 'integer', (c) => c.notNull())
    .addColumn('extractor_name', 'text', (c) => c.notNull())
    .addColumn('extractor_version', 'text', (c) => c.notNull())
    .addColumn('withdrawn_at', 'timestamptz')
    .addColumn('withdrawn_reason', 'text')
    .execute();
  await db.schema
    .createIndex('agreements_valid_idx')
    .on('agreements')
    .columns(['valid_on', 'global_position'])
    .execute();

  await db.schema
    .createTable('actors')
    .addColumn('actor', 'text', (c) => c.primaryKey())
    .addColumn('side', 'text', (c) => c.notNull())
    .addColumn('claims_made', 'integer', (c) => c.notNull())
    .addColumn('topics', sql`text[]`, (c) => c.notNull())
    // Claims per topic, so that a withdrawal can take a topic off the list when its last claim goes.
    .addColumn('topic_counts', 'jsonb', (c) => c.notNull())
    .addColumn('first_claim_on', 'date')
    .addColumn('last_claim_on', 'date')
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const t of [
    'actors',
    'agreements',
    'meetings',
    'position_changes',
    'positions',
    'position_history',
    'claims',
    'sources',
    'projection_dead_letters',
    'projection_changes',
    'projection_checkpoints',
  ]) {
    await db.schema.dropTable(t).execute();
  }
}
