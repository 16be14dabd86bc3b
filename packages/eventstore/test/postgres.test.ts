import { randomUUID } from 'node:crypto';

import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestDatabase, createTestDatabase } from '../../../tests/support/database.ts';
import { PostgresEventStore, START, comparePositions } from '../src/index.ts';
import { eventStoreContract } from './contract.ts';

eventStoreContract('postgres', async () => {
  const tdb = await createTestDatabase({ maxConnections: 20 });
  const store = new PostgresEventStore({ db: tdb.handle.db, url: tdb.url, pollIntervalMs: 500 });
  return {
    store,
    cleanup: async () => {
      await store.close();
      await tdb.drop();
    },
  };
});

describe('postgres adapter: positions follow commit order', () => {
  let tdb: TestDatabase;
  let store: PostgresEventStore;
  beforeAll(async () => {
    tdb = await createTestDatabase();
    store = new PostgresEventStore({ db: tdb.handle.db, url: tdb.url, pollIntervalMs: 200 });
  });
  afterAll(async () => {
    await store.close();
    await tdb.drop();
  });

  it('a slow append holds later appends back, so a reader can never pass its position', async () => {
    // A raw transaction that behaves like a slow append: takes the append lock, draws a position, waits.
    const slow = new pg.Client({ connectionString: tdb.url });
    await slow.connect();
    await slow.query('begin');
    await slow.query("select pg_advisory_xact_lock(x'636c61696d73'::bigint)");
    await slow.query(
      `insert into events (event_id, stream_id, stream_revision, event_type, data, metadata) values ($1, 'slow', 0, 'Slow', '{}', '{}')`,
      [randomUUID()],
    );
    const fast = store.append(`fast-${randomUUID()}`, [{ id: randomUUID(), type: 'Fast', data: {} }]);
    await new Promise((r) => setTimeout(r, 300));
    // The fast append has not drawn a position past the uncommitted one: nothing is visible yet.
    const during = await store.readAll({ from: START });
    expect(during.events.map((e) => e.type)).toEqual([]);
    await slow.query('commit');
    await slow.end();
    await fast;
    const after = await store.readAll({ from: START });
    expect(after.events.map((e) => e.type)).toEqual(['Slow', 'Fast']);
    expect(comparePositions(after.events[0]!.position, after.events[1]!.position)).toBeLessThan(0);
  });

  it('an append that fails inside its transaction leaves nothing and a hole that never fills', async () => {
    const before = (await store.headPosition()) ?? START;
    const s = `atomic-${randomUUID()}`;
    // PostgreSQL's jsonb refuses \u0000: the insert fails after positions were drawn, and the whole call rolls back.
    await expect(
      store.append(s, [
        { id: randomUUID(), type: 'Good', data: { ok: true } },
        { id: randomUUID(), type: 'Bad', data: { text: 'nul\u0000byte' } },
      ]),
    ).rejects.toThrow();
    expect(await store.readStream(s)).toEqual([]);
    const ok = await store.append(s, [{ id: randomUUID(), type: 'Good', data: {} }]);
    expect(ok.nextExpectedRevision).toBe(0n);
    const page = await store.readAll({ from: before });
    expect(page.events.map((e) => e.type)).toEqual(['Good']);
  });

  it('stores the transaction-consistent record time in position order', async () => {
    const rows = await tdb.eventLog
      .selectFrom('events')
      .select(['global_position', 'recorded_at'])
      .orderBy('global_position')
      .execute();
    for (let i = 1; i < rows.length; i++) expect(rows[i]!.recorded_at >= rows[i - 1]!.recorded_at).toBe(true);
  });
});
