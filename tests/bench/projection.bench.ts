import { PostgresEventStore } from '@claims/eventstore';
import { allProjections, rebuildProjection } from '@claims/projector';
import { sql } from 'kysely';
import { syntheticArticles } from '../support/synthetic.ts';
import { benchDatabase, rate, report } from './support.ts';

const EVENTS = Number(process.env.BENCH_PROJECTION_EVENTS ?? 200_000);
const PER_ARTICLE = 9; // claims per article, plus its registration

/**
 * Rebuild rate of every projection over a deterministic synthetic log, beside plain
 * multi-row INSERTs of the very rows the rebuild produced into bare copies of the tables.
 */
export async function benchProjection(): Promise<void> {
  const handle = await benchDatabase();
  const store = new PostgresEventStore({ db: handle.db, url: handle.url });
  const rows: [string, string | number][] = [];
  try {
    const articles = Math.ceil(EVENTS / (PER_ARTICLE + 1));
    let t = performance.now();
    let appended = 0;
    for (const a of syntheticArticles({ articles, claimsPerArticle: PER_ARTICLE, seed: 1 })) {
      await store.append(a.stream, a.events);
      appended += a.events.length;
    }
    rows.push(['synthetic log written', `${appended} events in ${((performance.now() - t) / 1000).toFixed(1)} s`]);

    t = performance.now();
    for (const projection of allProjections) {
      const started = performance.now();
      const r = await rebuildProjection({ db: handle.db, store, projection, batchSize: 1000 });
      rows.push([`  rebuild ${projection.name}`, `${r.handled} events, ${rate(r.handled, performance.now() - started)} events/s`]);
    }
    const rebuildMs = performance.now() - t;

    // The same rows, plainly inserted 1,000 per statement into tables with the same columns and indexes.
    t = performance.now();
    let copied = 0;
    const tables = [...allProjections.flatMap((p) => p.tables), 'projection_changes' as const];
    for (const table of tables) {
      // CREATE TABLE … LIKE has no kysely builder; the names are our own constants.
      await sql`create table ${sql.table(`bench_copy_${table}`)} (like ${sql.table(table)} including all)`.execute(handle.db);
    }
    const loadMs = performance.now() - t;
    t = performance.now();
    for (const table of tables) {
      const all = await handle.db.selectFrom(table).selectAll().execute();
      for (let i = 0; i < all.length; i += 1000) {
        const chunk = all.slice(i, i + 1000).map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, v !== null && typeof v === 'object' && !(v instanceof Date) && !Array.isArray(v) ? JSON.stringify(v) : v])));
        await handle.db.insertInto(`bench_copy_${table}` as never).values(chunk as never).execute();
      }
      copied += all.length;
    }
    const insertMs = performance.now() - t;
    void loadMs;
    const rebuildRate = rate(appended, rebuildMs);
    const insertRate = rate(appended, insertMs);
    rows.push(
      ['rebuild of all projections', `${rebuildRate} events/s (${(rebuildMs / 1000).toFixed(1)} s)`],
      ['plain INSERT of the same rows', `${rate(copied, insertMs)} rows/s, ${copied} rows (${(insertMs / 1000).toFixed(1)} s) = ${insertRate} events/s`],
      ['ratio (rebuild / INSERT)', (rebuildRate / insertRate).toFixed(2)],
    );
  } finally {
    await store.close();
    await handle.dispose();
  }
  report(`Projection rebuild (${EVENTS.toLocaleString('en')} synthetic events)`, rows);
}
