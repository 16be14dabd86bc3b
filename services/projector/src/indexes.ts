import type { Database } from '@claims/db';
import { type Kysely, sql } from 'kysely';

/** The one secondary index a projection reads while it builds: the position history's, for a claim's neighbours. */
const READ_WHILE_BUILDING = ['position_history_asof_idx'];

/**
 * Runs a build into a fresh schema with its secondary (non-unique) indexes dropped, and
 * creates them again afterwards, as they were: one sort per index at the end costs far less
 * than keeping each up to date row by row. Unique indexes stay (conflicts and lookups use them).
 */
export async function withIndexesDeferred<T>(
  db: Kysely<Database>,
  schema: string,
  build: () => Promise<T>,
): Promise<T> {
  const { rows } = await sql<{ name: string; definition: string }>`
    select c.relname as name, pg_get_indexdef(i.indexrelid) as definition
      from pg_index i join pg_class c on c.oid = i.indexrelid join pg_namespace n on n.oid = c.relnamespace
     where n.nspname = ${schema} and not i.indisunique and c.relname <> all(${READ_WHILE_BUILDING}::text[])`.execute(
    db,
  );
  for (const index of rows) await sql`drop index ${sql.id(schema, index.name)}`.execute(db);
  try {
    return await build();
  } finally {
    // The definitions PostgreSQL gave, schema-qualified: kysely has no builder for an index read back.
    for (const index of rows) await sql.raw(index.definition).execute(db);
  }
}
