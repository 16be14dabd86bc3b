import { PostgresEventStore } from '@claims/eventstore';
import { replay } from '@claims/projector';
import { sql } from 'kysely';
import { benchDatabase, goal, loadLine, rate, report, writeSynthetic } from './support.ts';

const EVENTS = Number(process.env.BENCH_REPLAY_EVENTS ?? 1_000_000);

/**
 * `claims replay --as-of D` (every read model rebuilt from the events in scope of D into its
 * own schema) over a synthetic log of a million events, D after its last day, so that every
 * event is in scope: the whole log, on the valid clock (the default).
 */
export async function benchReplay(): Promise<void> {
  const handle = await benchDatabase();
  const store = new PostgresEventStore({ db: handle.db, url: handle.url });
  try {
    const written = await writeSynthetic(store, EVENTS, 3);
    // A replay reads a log at rest, which autovacuum has long visited; right after a bulk write, the first
    // reads would also set every page's hint bits and race autovacuum, a cost no real replay pays.
    const vacuumStarted = performance.now();
    await sql`vacuum (analyze) events`.execute(handle.db);
    const vacuumMs = performance.now() - vacuumStarted;
    const before = loadLine();
    const t = performance.now();
    const result = await replay({ db: handle.db, store, asOf: '2100-12-31', clock: 'valid' });
    const ms = performance.now() - t;
    report(`Replay (${written.events.toLocaleString('en')} synthetic events, all in scope)`, [
      ['synthetic log written', `${written.events} events in ${(written.ms / 1000).toFixed(1)} s`],
      ['then vacuum (analyze) events', `${(vacuumMs / 1000).toFixed(1)} s (a log at rest)`],
      ['claims replay --as-of 2100-12-31', `${rate(written.events, ms)} events/s`],
      ['time', goal(ms / 1000, '≤', 120, 1, ' s')],
      ['applied', result.projections.map((p) => `${p.projection} ${p.handled}`).join(', ')],
      ['machine', `${before} → ${loadLine()}`],
    ]);
  } finally {
    await store.close();
    await handle.dispose();
  }
}
