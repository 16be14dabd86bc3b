import { randomUUID } from 'node:crypto';
import { type NewEvent, PostgresEventStore } from '@claims/eventstore';
import { sql } from 'kysely';
import { benchDatabase, rate, report } from './support.ts';

const TOTAL = Number(process.env.BENCH_APPEND_EVENTS ?? 100_000);

/** A claim-sized payload (~400 B), like the events ingest writes. */
function payload(i: number): Record<string, unknown> {
  return {
    side: i % 2 ? 'russia' : 'ukraine',
    topic: 'ceasefire',
    stance: 'demand',
    speaker: 'peskov',
    quote: `The Russian side must stop hiding from decisions, said the spokesman in statement number ${i}.`,
    span: { start: i, end: i + 90 },
    madeOn: '2025-07-20',
    extractor: { name: 'bench', version: '1' },
  };
}

const newEvent = (i: number): NewEvent => ({
  id: randomUUID(),
  type: 'ClaimMade',
  data: payload(i),
  metadata: { schemaVersion: 1, correlationId: null, causationId: null },
});

/**
 * Append rate through the port (lock, revision check, idempotency check, insert,
 * notify) beside plain INSERTs of the same rows into a bare table, in the same run.
 */
export async function benchAppend(): Promise<void> {
  const handle = await benchDatabase();
  const store = new PostgresEventStore({ db: handle.db, url: handle.url });
  // Created here, not by a migration: a bare table with no indexes but its key, for comparison only.
  await sql`create table bare_events (id uuid primary key, stream text, type text, data jsonb, metadata jsonb)`.execute(
    handle.db,
  );
  const rows: [string, string | number][] = [];
  try {
    for (const batch of [1, 100]) {
      const streams = 1_000;
      let t = performance.now();
      for (let i = 0; i < TOTAL; i += batch) {
        const events = Array.from({ length: batch }, (_, k) => newEvent(i + k));
        await store.append(`bench-${batch}-${i % streams}`, events);
      }
      const storeMs = performance.now() - t;

      t = performance.now();
      for (let i = 0; i < TOTAL; i += batch) {
        const events = Array.from({ length: batch }, (_, k) => newEvent(i + k));
        await handle.db.transaction().execute(async (trx) => {
          await sql`insert into bare_events (id, stream, type, data, metadata) values ${sql.join(
            events.map((e) => sql`(${e.id}, ${`bare-${i % streams}`}, ${e.type}, ${JSON.stringify(e.data)}, ${JSON.stringify(e.metadata)})`),
          )}`.execute(trx);
        });
      }
      const plainMs = performance.now() - t;
      const storeRate = rate(TOTAL, storeMs);
      const plainRate = rate(TOTAL, plainMs);
      rows.push(
        [`append, batches of ${batch}`, `${storeRate} events/s`],
        [`plain INSERT, batches of ${batch}`, `${plainRate} events/s`],
        [`ratio (append / INSERT), batches of ${batch}`, (storeRate / plainRate).toFixed(2)],
      );
    }
  } finally {
    await store.close();
    await handle.dispose();
  }
  report(`Event store append (${TOTAL.toLocaleString('en')} events each, one writer, PostgreSQL ${handle.embedded ? 'embedded' : 'at BENCH_DATABASE_URL'})`, rows);
}
