import { getEventListeners } from 'node:events';
import { PostgresEventStore } from '@claims/eventstore';
import pg from 'pg';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../tests/support/database.ts';
import { claimsProjection, ProjectionRunner } from '../src/index.ts';

let tdb: TestDatabase;
beforeAll(async () => {
  tdb = await createTestDatabase();
});
afterAll(async () => {
  await tdb.drop();
});

it("waits for another process's lock without adding an abort listener every second", async () => {
  // Another process runs the projection: it holds the projection's lock (services/projector/src/lock.ts).
  const other = new pg.Client({ connectionString: tdb.url });
  await other.connect();
  await other.query("select pg_advisory_lock(hashtextextended('claims-projection:claims', 0))");
  const store = new PostgresEventStore({ db: tdb.handle.db, url: tdb.url });
  const runner = new ProjectionRunner({
    db: tdb.handle.db,
    store,
    projection: claimsProjection,
    log: () => {},
  }).start();
  try {
    await expect.poll(async () => (await runner.status()).state, { timeout: 30_000 }).toBe('waiting_for_lock');
    // A standby waits for hours: four seconds are four waits, and may leave no listener behind.
    await new Promise((r) => setTimeout(r, 4_000));
    const signal = (runner as unknown as { abort: AbortController }).abort.signal;
    expect(getEventListeners(signal, 'abort').length).toBeLessThanOrEqual(1);
  } finally {
    await runner.stop();
    await store.close();
    await other.end();
  }
});
