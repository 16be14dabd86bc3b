import { migrateReadModels } from '@claims/db';
import { PostgresEventStore } from '@claims/eventstore';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../tests/support/database.ts';
import { article, toNew } from '../../../tests/support/facts.ts';
import { readModelSnapshot } from '../../../tests/support/read-models.ts';
import { allProjections, buildProjections } from '../src/index.ts';
import { withIndexesDeferred } from '../src/indexes.ts';
import { copyRows, insertRows } from '../src/rows.ts';

/**
 * `copyRows` (COPY … FROM STDIN, what an empty build writes with) must store what `insertRows` (JSON) stores, whatever
 * the text holds, and fail the transaction on a broken constraint as an INSERT does.
 */
let tdb: TestDatabase;

beforeAll(async () => {
  tdb = await createTestDatabase();
  await migrateReadModels(tdb.handle.db, 'copy_a');
  await migrateReadModels(tdb.handle.db, 'copy_b');
});
afterAll(async () => {
  await tdb?.drop();
});

const awkward = [
  'tab\there, new line\nthere, return\r, backslash \\ and \\N, quotes " and \'',
  '\\.',
  'ünïcödé — “quoted” 🕊️',
  '',
  '{braces}, commas, "NULL"',
];

describe('copyRows', () => {
  it('stores the rows insertRows stores: escapes, nulls, dates, bigints, numbers, arrays and JSON', async () => {
    const meetings = awkward.map((text, i) => ({
      event_id: `00000000-0000-4000-8000-00000000000${i}`,
      document_id: text,
      global_position: BigInt(i) + 9007199254740993n,
      recorded_at: new Date(Date.UTC(2024, 2, i + 1, 12, 30, 15, 123)),
      proposer: i % 2 ? null : text,
      proposer_side: 'russia',
      participants: [text, 'NULL', i % 2 ? 'b\\c' : 'a,"b"'],
      level: 'leaders',
      location: undefined,
      timeframe: text,
      window_from: '2024-03-01',
      window_to: null,
      made_on: null,
      valid_on: '2024-03-02',
      quote: text,
      span_start: i,
      span_end: i + 10,
      extractor_name: 'x',
      extractor_version: '1',
    }));
    const agreements = awkward.map((text, i) => ({
      event_id: `00000000-0000-4000-8000-00000000001${i}`,
      document_id: 'd',
      global_position: i,
      recorded_at: new Date(Date.UTC(2024, 2, 1)),
      parties: [],
      topic: 'ceasefire',
      terms: text,
      quantities: { text, n: [1, 2.5, null], nested: { q: '"\\' } },
      reported_by: null,
      made_on: null,
      valid_on: '2024-03-02',
      quote: text,
      span_start: 0,
      span_end: 1,
      extractor_name: 'x',
      extractor_version: '1',
    }));
    const copies = [
      {
        document_id: 'a',
        copy_of: null,
        similarity: 0.625,
        root_published_at: null,
        signature: [1, -2, 2147483647],
        global_position: '5',
      },
    ];
    const a = tdb.handle.db.withSchema('copy_a');
    const b = tdb.handle.db.withSchema('copy_b');
    await a.transaction().execute(async (trx) => {
      await copyRows(trx, 'meetings', meetings);
      await copyRows(trx, 'agreements', agreements);
      await copyRows(trx, 'article_copies', copies);
      await copyRows(trx, 'article_bands', []);
    });
    await insertRows(b, 'meetings', meetings).execute();
    await insertRows(b, 'agreements', agreements).execute();
    await insertRows(b, 'article_copies', copies).execute();
    for (const table of ['meetings', 'agreements', 'article_copies'] as const) {
      const rows = async (db: typeof a) => db.selectFrom(table).selectAll().orderBy('document_id').execute();
      const copied = await rows(a);
      expect(copied).toEqual(await rows(b));
      expect(copied.length).toBeGreaterThan(0);
    }
    const [m] = await a.selectFrom('meetings').selectAll().where('event_id', '=', meetings[0]!.event_id).execute();
    expect(m?.document_id).toBe(awkward[0]);
    expect(m?.participants).toEqual([awkward[0], 'NULL', 'a,"b"']);
  });

  it('fails its transaction on a broken key, and the connection goes on', async () => {
    const db = tdb.handle.db.withSchema('copy_a');
    const row = { band: 'x', document_id: 'y' };
    await expect(
      db.transaction().execute(async (trx) => {
        await copyRows(trx, 'sources', [
          {
            document_id: 'k',
            stream_id: 's',
            text: 't',
            content_hash: 'h',
            event_id: '00000000-0000-4000-8000-000000000001',
            global_position: 1,
            recorded_at: new Date(),
          },
          {
            document_id: 'k',
            stream_id: 's',
            text: 't',
            content_hash: 'h',
            event_id: '00000000-0000-4000-8000-000000000002',
            global_position: 2,
            recorded_at: new Date(),
          },
        ]);
      }),
    ).rejects.toThrow(/duplicate key/);
    expect(await db.selectFrom('sources').selectAll().execute()).toEqual([]);
    // Every connection of the pool still answers (the one that failed among them).
    await Promise.all(Array.from({ length: 10 }, () => sql`select 1`.execute(db)));
    await copyRows(db, 'article_bands', [row]);
    expect(await db.selectFrom('article_bands').selectAll().execute()).toEqual([row]);
  });

  it('an empty build parks a claim whose row the database refuses, as the live projections do', async () => {
    const store = new PostgresEventStore({ db: tdb.handle.db, url: tdb.url });
    try {
      for (let i = 0; i < 30; i++) {
        const quotes = [0, 1, 2].map((k) => `statement ${i}.${k} asks for a truce of ${24 * (k + 1)} hours`);
        const a = article(`${quotes.join('. ')}.`, `2024-03-${String(1 + (i % 28)).padStart(2, '0')}`);
        const claims = quotes.map((q, k) =>
          a.claim(q, {
            side: k % 2 ? 'russia' : 'ukraine',
            topic: 'ceasefire',
            stance: 'demand',
            // Its span's end is beyond the integer column's range: `claims` refuses the row (by INSERT or by COPY).
            ...(i === 17 && k === 1 ? { span: { start: 0, end: 3_000_000_000 } } : {}),
          }),
        );
        await store.append(a.stream, [toNew(a.registered), ...claims.map((c) => toNew(c))]);
      }
      const built: Record<string, unknown>[] = [];
      for (const empty of [false, true]) {
        const schema = empty ? 'parked_empty' : 'parked_live';
        await migrateReadModels(tdb.handle.db, schema);
        const db = tdb.handle.db.withSchema(schema);
        const lines: string[] = [];
        await withIndexesDeferred(tdb.handle.db, schema, () =>
          buildProjections({ db, store, projections: allProjections, batchSize: 40, empty, log: (l) => lines.push(l) }),
        );
        const parked = await db.selectFrom('projection_dead_letters').select(['projection', 'error']).execute();
        built.push({ snapshot: await readModelSnapshot(db), parked });
        expect(parked.map((p) => p.projection)).toEqual(['claims']);
        expect(lines).toHaveLength(1);
      }
      expect(built[1]).toEqual(built[0]);
    } finally {
      await store.close();
    }
  });
});
