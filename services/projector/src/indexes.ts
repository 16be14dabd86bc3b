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
  const { rows: indexes } = await sql<{ name: string; table: string; definition: string }>`
    select c.relname as name, t.relname as table, pg_get_indexdef(i.indexrelid) as definition
      from pg_index i join pg_class c on c.oid = i.indexrelid join pg_namespace n on n.oid = c.relnamespace
      join pg_class t on t.oid = i.indrelid
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
    const makes = [
      ...indexes.map((index) => ({
        table: index.table,
        // A full-text index costs several times a b-tree of its table (to_tsvector of every row).
        weight: /\busing gin\b/i.test(index.definition) ? 8 : 1,
        make: () => sql.raw(index.definition).execute(db),
      })),
      ...keys.map((key) => ({
        table: key.table,
        weight: 1,
        make: () =>
          sql`alter table ${sql.id(schema, key.table)} add constraint ${sql.id(key.name)} ${sql.raw(key.definition)}`.execute(
            db,
          ),
      })),
    ];
    await makeSideBySide(makes, await tableSizes(db, schema));
  }
}

/** How many indexes are made at once at the end of a build. */
const MAKING_AT_ONCE = 2;

async function tableSizes(db: Kysely<Database>, schema: string): Promise<Map<string, number>> {
  const { rows } = await sql<{ table: string; bytes: string }>`
    select c.relname as table, pg_relation_size(c.oid)::text as bytes
      from pg_class c join pg_namespace n on n.oid = c.relnamespace
     where n.nspname = ${schema} and c.relkind = 'r'`.execute(db);
  return new Map(rows.map((r) => [r.table, Number(r.bytes)]));
}

/**
 * Makes the indexes two at a time, on two of the pool's connections, the costliest first (by their table's size and
 * `weight`), each to the connection free first. What counts is the two full-text GIN indexes, whose build is CPU
 * (to_tsvector) with a serial merge at its end: one beside the other, those of a 100,000-event replay took 4.4-5.0 s
 * instead of 6.1 s one after the other. Two indexes of one table can be made at once (both take a SHARE lock); a key's
 * ALTER TABLE waits for them. One that fails (a key the rows break) does not stop
 * the others: the first error is thrown once all have been tried.
 */
async function makeSideBySide(
  makes: readonly { table: string; weight: number; make: () => Promise<unknown> }[],
  sizes: ReadonlyMap<string, number>,
): Promise<void> {
  const cost = (m: (typeof makes)[number]) => (sizes.get(m.table) ?? 0) * m.weight;
  const queue = [...makes].sort((a, b) => cost(b) - cost(a));
  let failure: { error: unknown } | null = null;
  const worker = async () => {
    for (let next = queue.shift(); next; next = queue.shift()) {
      try {
        await next.make();
      } catch (error) {
        failure ??= { error };
      }
    }
  };
  await Promise.all(Array.from({ length: MAKING_AT_ONCE }, worker));
  if (failure) throw (failure as { error: unknown }).error;
}
