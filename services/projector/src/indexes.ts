import type { Database } from '@claims/db';
import { type Kysely, sql } from 'kysely';

/**
 * Unique keys that a build into empty tables never needs: no statement there resolves a conflict on them or looks rows
 * up by them (corroboration knows which bands are stored from its memory; see `forEmptyBuild`).
 */
const KEYS_UNUSED_WHILE_BUILDING = ['article_bands_pkey'];

/**
 * Runs a build into a fresh schema with its secondary (non-unique) indexes and the keys above dropped, and
 * creates them again afterwards, as they were: one sort per index at the end costs far less
 * than keeping each up to date row by row. The other unique indexes stay (conflicts and lookups use them). No
 * projection reads a secondary index while it builds into empty tables: what it reads back it keeps in memory.
 */
export async function withIndexesDeferred<T>(
  db: Kysely<Database>,
  schema: string,
  build: () => Promise<T>,
): Promise<T> {
  const { rows: indexes } = await sql<{ name: string; definition: string }>`
    select c.relname as name, pg_get_indexdef(i.indexrelid) as definition
      from pg_index i join pg_class c on c.oid = i.indexrelid join pg_namespace n on n.oid = c.relnamespace
     where n.nspname = ${schema} and not i.indisunique`.execute(db);
  const { rows: keys } = await sql<{ table: string; name: string; definition: string }>`
    select t.relname as table, k.conname as name, pg_get_constraintdef(k.oid) as definition
      from pg_constraint k join pg_class t on t.oid = k.conrelid join pg_namespace n on n.oid = t.relnamespace
     where n.nspname = ${schema} and k.conname = any(${KEYS_UNUSED_WHILE_BUILDING}::text[])`.execute(db);
  for (const index of indexes) await sql`drop index ${sql.id(schema, index.name)}`.execute(db);
  for (const key of keys) await db.withSchema(schema).schema.alterTable(key.table).dropConstraint(key.name).execute();
  try {
    return await build();
  } finally {
    // The definitions PostgreSQL gave, schema-qualified: kysely has no builder for an index or a key read back.
    for (const index of indexes) await sql.raw(index.definition).execute(db);
    for (const key of keys)
      await sql`alter table ${sql.id(schema, key.table)} add constraint ${sql.id(key.name)} ${sql.raw(key.definition)}`.execute(
        db,
      );
  }
}
