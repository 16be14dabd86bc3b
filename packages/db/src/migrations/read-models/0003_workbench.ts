import { type Kysely, sql } from 'kysely';
import { SEARCH_DOCUMENTS } from '../../search.ts';

/**
 * The analyst's workbench (issue 15): which articles are copies of which, every source of every
 * fact grouped into one fact, analysts' confirmations, and full-text search.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  // One row per article: the stored article it copies (wire copy, repost), found by MinHash over its shingles.
  await db.schema
    .createTable('article_copies')
    .addColumn('document_id', 'text', (c) => c.primaryKey())
    .addColumn('copy_of', 'text')
    .addColumn('similarity', 'real')
    // The publication day of the article it copies (its own when none): a copy's facts are dated like the original's.
    .addColumn('root_published_at', 'date')
    .addColumn('signature', sql`integer[]`, (c) => c.notNull())
    .addColumn('global_position', 'bigint', (c) => c.notNull())
    .execute();
  // The locality-sensitive bands of each signature: an article sharing one is a candidate copy. A row per
  // band with a b-tree key, not an array column with a GIN index: a batch looks up thousands of bands at once,
  // which probing a b-tree answers in milliseconds and an array overlap over GIN in seconds.
  await db.schema
    .createTable('article_bands')
    .addColumn('band', 'text', (c) => c.notNull())
    .addColumn('document_id', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('article_bands_pkey', ['band', 'document_id'])
    .execute();

  // One row per fact event: the fact (group) it is a source of, and what the review queue reads.
  await db.schema
    .createTable('fact_sources')
    .addColumn('fact_id', 'uuid', (c) => c.primaryKey())
    .addColumn('fact_type', 'text', (c) => c.notNull())
    .addColumn('group_id', 'uuid', (c) => c.notNull())
    .addColumn('document_id', 'text', (c) => c.notNull())
    .addColumn('copy_of', 'text')
    .addColumn('confidence', 'real')
    .addColumn('group_day', 'date', (c) => c.notNull())
    .addColumn('global_position', 'bigint', (c) => c.notNull())
    .addColumn('withdrawn_at', 'timestamptz')
    .execute();
  await db.schema
    .createIndex('fact_sources_group_idx')
    .on('fact_sources')
    .columns(['group_id', 'document_id'])
    .execute();

  await db.schema
    .createTable('fact_confirmations')
    .addColumn('confirmation_id', 'uuid', (c) => c.primaryKey())
    .addColumn('fact_id', 'uuid', (c) => c.notNull())
    .addColumn('fact_type', 'text', (c) => c.notNull())
    .addColumn('confirmed_by', 'text')
    .addColumn('note', 'text')
    .addColumn('confirmed_at', 'timestamptz', (c) => c.notNull())
    .addColumn('global_position', 'bigint', (c) => c.notNull())
    .addColumn('withdrawn_at', 'timestamptz')
    .execute();
  await db.schema.createIndex('fact_confirmations_fact_idx').on('fact_confirmations').columns(['fact_id']).execute();

  // Full-text search: GIN indexes over the documents' tsvectors (an expression index, not a stored column, so that
  // the lists that select whole rows do not carry a tsvector each). Queries use the same expressions (search.ts).
  // kysely's index builder takes the expression as raw SQL.
  for (const [table, document] of Object.entries(SEARCH_DOCUMENTS)) {
    await db.schema.createIndex(`${table}_search_idx`).on(table).using('gin').expression(sql.raw(document)).execute();
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of Object.keys(SEARCH_DOCUMENTS)) await db.schema.dropIndex(`${table}_search_idx`).execute();
  await db.schema.dropTable('fact_confirmations').execute();
  await db.schema.dropTable('fact_sources').execute();
  await db.schema.dropTable('article_bands').execute();
  await db.schema.dropTable('article_copies').execute();
}
