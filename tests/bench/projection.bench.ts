import { PostgresEventStore } from '@claims/eventstore';
import { allProjections, rebuildProjections } from '@claims/projector';
import { sql } from 'kysely';
import { benchDatabase, goal, loadLine, rate, report, writeSynthetic } from './support.ts';

const EVENTS = Number(process.env.BENCH_PROJECTION_EVENTS ?? 200_000);

/**
 * A full rebuild of every projection (`claims projections rebuild`: into a shadow schema,
 * then swapped in) over a deterministic synthetic log, beside plain multi-row INSERTs
 * (1,000 rows a statement) of the very rows the rebuild produced into bare copies of the
 * tables, with the same columns and indexes, in the same run.
 */
export async function benchProjection(): Promise<void> {
  const handle = await benchDatabase();
  const store = new PostgresEventStore({ db: handle.db, url: handle.url });
  const rows: [string, string | number][] = [];
  try {
    const written = await writeSynthetic(store, EVENTS, 1);
    rows.push(['synthetic log written', `${written.events} events in ${(written.ms / 1000).toFixed(1)} s`]);
    const load = [loadLine()];

    let t = performance.now();
    const rebuilt = await rebuildProjections({ db: handle.db, store, log: () => {} });
    const rebuildMs = performance.now() - t;

    // The same rows, plainly inserted 1,000 per statement into tables with the same columns and indexes.
    const tables = [...allProjections.flatMap((p) => p.tables), 'projection_changes' as const];
    for (const table of tables) {
      // CREATE TABLE … LIKE has no kysely builder; the names are our own constants.
      await sql`create table ${sql.table(`bench_copy_${table}`)} (like ${sql.table(table)} including all)`.execute(
        handle.db,
      );
    }
    let copied = 0;
    t = performance.now();
    for (const table of tables) {
      const all = await handle.db.selectFrom(table).selectAll().execute();
      for (let i = 0; i < all.length; i += 1000) {
        const chunk = all
          .slice(i, i + 1000)
          .map((r) =>
            Object.fromEntries(
              Object.entries(r).map(([k, v]) => [
                k,
                v !== null && typeof v === 'object' && !(v instanceof Date) && !Array.isArray(v)
                  ? JSON.stringify(v)
                  : v,
              ]),
            ),
          );
        await handle.db
          .insertInto(`bench_copy_${table}` as never)
          .values(chunk as never)
          .execute();
      }
      copied += all.length;
    }
    const insertMs = performance.now() - t;
    load.push(loadLine());
    const rebuildRate = rate(written.events, rebuildMs);
    const insertRate = rate(written.events, insertMs);
    rows.push(
      [
        'rebuild of all projections (shadow + swap)',
        `${rebuildRate} events/s (${(rebuildMs / 1000).toFixed(1)} s, ${rebuilt.handled} events read)`,
      ],
      [
        'plain INSERT of the same rows',
        `${rate(copied, insertMs)} rows/s, ${copied} rows (${(insertMs / 1000).toFixed(1)} s) = ${insertRate} events/s`,
      ],
      ['ratio (rebuild / INSERT)', goal(rebuildRate / insertRate, '≥', 0.6)],
      ['machine', load.join(' → ')],
    );
  } finally {
    await store.close();
    await handle.dispose();
  }
  report(`Projection rebuild (${EVENTS.toLocaleString('en')} synthetic events)`, rows);
}
