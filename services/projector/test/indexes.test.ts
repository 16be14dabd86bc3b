import { migrateReadModels } from '@claims/db';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../tests/support/database.ts';
import { withIndexesDeferred } from '../src/indexes.ts';

/** A build's deferred indexes and keys (`withIndexesDeferred`, made two at a time) come back as the migrations made them. */
let tdb: TestDatabase;

beforeAll(async () => {
  tdb = await createTestDatabase();
  for (const schema of ['as_migrated', 'deferred', 'deferred_broken']) await migrateReadModels(tdb.handle.db, schema);
});
afterAll(async () => {
  await tdb?.drop();
});

const indexesOf = async (schema: string) =>
  (
    await sql<{ name: string; definition: string }>`
      select indexname as name, replace(indexdef, ${`${schema}.`}, '') as definition
        from pg_indexes where schemaname = ${schema} order by indexname`.execute(tdb.handle.db)
  ).rows;

const band = (n: number) => ({ band: `0:${n}.1.2.3`, document_id: `sha256:${String(n).padStart(64, '0')}` });

describe('withIndexesDeferred', () => {
  it('makes every index and key again as it was, the rows written meanwhile in them', async () => {
    const db = tdb.handle.db.withSchema('deferred');
    const during = await withIndexesDeferred(tdb.handle.db, 'deferred', async () => {
      await db
        .insertInto('article_bands')
        .values(Array.from({ length: 50 }, (_, i) => band(i)))
        .execute();
      return indexesOf('deferred');
    });
    expect(during.length).toBeLessThan((await indexesOf('as_migrated')).length);
    expect(await indexesOf('deferred')).toEqual(await indexesOf('as_migrated'));
    const found = await db.selectFrom('article_bands').select('document_id').where('band', '=', band(7).band).execute();
    expect(found).toEqual([{ document_id: band(7).document_id }]);
  });

  it('throws when a key cannot be made again, after making the others', async () => {
    const db = tdb.handle.db.withSchema('deferred_broken');
    await expect(
      withIndexesDeferred(tdb.handle.db, 'deferred_broken', async () => {
        // Twice the same band of the same article: article_bands' key (deferred) cannot be made.
        await db
          .insertInto('article_bands')
          .values([band(1), band(1)])
          .execute();
      }),
    ).rejects.toThrow(/could not create unique index|duplicate/);
    const made = new Set((await indexesOf('deferred_broken')).map((i) => i.name));
    const expected = (await indexesOf('as_migrated')).map((i) => i.name).filter((n) => n !== 'article_bands_pkey');
    expect(expected.filter((n) => !made.has(n))).toEqual([]);
  });
});
