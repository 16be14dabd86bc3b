import { randomUUID } from 'node:crypto';

import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../tests/support/database.ts';
import {
  comparePositions,
  type EventBatch,
  migrateEventLog,
  PostgresEventStore,
  type RecordedEvent,
  START,
} from '../src/index.ts';
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

/** A writer outside the store: its own connection, its own transaction, the same stored function. */
async function rawWriter(url: string) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  client.on('error', () => {});
  const pid = (await client.query<{ pid: number }>('select pg_backend_pid() as pid')).rows[0]!.pid;
  return {
    client,
    pid,
    /** BEGIN, then one append, left open. */
    async open(stream: string, type: string, data: Record<string, unknown> = {}) {
      await client.query('begin');
      const id = randomUUID();
      await client.query(
        `select * from append_events($1, $2::uuid[], $3::text[], $4::jsonb[], $5::jsonb[], 'any', null)`,
        [stream, [id], [type], [JSON.stringify(data)], ['{}']],
      );
      return id;
    },
    end: () => client.end().catch(() => {}),
  };
}

describe('postgres adapter: positions in transaction order', () => {
  let tdb: TestDatabase;
  let store: PostgresEventStore;
  beforeAll(async () => {
    tdb = await createTestDatabase({ maxConnections: 20 });
    store = new PostgresEventStore({ db: tdb.handle.db, url: tdb.url, pollIntervalMs: 200 });
  });
  afterAll(async () => {
    await store.close();
    await tdb.drop();
  });

  it('commits an append beside a slow one without waiting for it, and lets no reader pass the slow one', async () => {
    const before = (await store.headPosition()) ?? START;
    const slow = await rawWriter(tdb.url);
    await slow.open(`slow-${randomUUID()}`, 'Slow');
    const sub = store.subscribe({ from: before });
    const seen: RecordedEvent[] = [];
    const reading = (async () => {
      for await (const batch of sub) {
        seen.push(...batch.events);
        if (seen.length >= 2) break;
      }
    })();

    // Not serialised behind the open transaction: this resolves while it is still open (20 s is a hang guard).
    const fast = await Promise.race([
      store.append(`fast-${randomUUID()}`, [{ id: randomUUID(), type: 'Fast', data: {} }]),
      new Promise<never>((_, reject) =>
        setTimeout(() => reject(new Error('append waited for the open transaction')), 20_000),
      ),
    ]);
    expect(fast.appended).toBe(1);

    // Committed, but behind a transaction that began first: no reader may have it yet.
    const during = await store.readAll({ from: before });
    expect(during.events).toEqual([]);
    expect(during.heldBack).toBe(true);
    expect(comparePositions(during.position, before)).toBe(0);
    const lag = await store.lag(before);
    expect(lag).toMatchObject({ behind: 1, heldBack: 1, heldBackBy: { pid: slow.pid } });
    // What a reader that followed the sequence alone would do: take Fast, and move past Slow's place for good.
    const naive = await sql<{
      event_type: string;
    }>`select event_type from events where global_position > ${before.commit.toString()} order by global_position`.execute(
      tdb.handle.db,
    );
    expect(naive.rows.map((r) => r.event_type)).toEqual(['Fast']);
    await new Promise((r) => setTimeout(r, 300));
    expect(seen).toEqual([]);

    await slow.client.query('commit');
    await slow.end();
    await reading;
    await sub.close();
    expect(seen.map((e) => e.type)).toEqual(['Slow', 'Fast']);
    const after = await store.readAll({ from: before });
    expect(after.events.map((e) => e.type)).toEqual(['Slow', 'Fast']);
    expect(after.heldBack).toBe(false);
    expect(comparePositions(after.events[0]!.position, after.events[1]!.position)).toBeLessThan(0);
  });

  for (const ending of ['rolled back', 'killed'] as const) {
    it(`leaves no hole that stalls readers when a transaction is ${ending}`, async () => {
      const before = (await store.headPosition()) ?? START;
      const doomed = await rawWriter(tdb.url);
      await doomed.open(`doomed-${randomUUID()}`, 'Doomed');
      await store.append(`after-${randomUUID()}`, [{ id: randomUUID(), type: 'After', data: {} }]);
      expect((await store.readAll({ from: before })).heldBack).toBe(true);
      if (ending === 'rolled back') await doomed.client.query('rollback');
      else await sql`select pg_terminate_backend(${doomed.pid})`.execute(tdb.handle.db);
      await doomed.end();
      // Wait for the server to have ended it (a terminated backend takes a moment to go).
      for (let i = 0; i < 200 && (await store.readAll({ from: before })).heldBack; i++)
        await new Promise((r) => setTimeout(r, 25));
      const page = await store.readAll({ from: before });
      expect(page.events.map((e) => e.type)).toEqual(['After']);
      expect(page.heldBack).toBe(false);
      expect((await store.lag(before)).behind).toBe(1);
    });
  }

  it(
    'delivers every committed event once, in one order, to a subscriber while 8 ' +
      'writers sleep inside their transactions and some roll back',
    async () => {
      const prefix = `stress-${randomUUID()}`;
      const from = (await store.headPosition()) ?? START;
      const sub = store.subscribe({ from, filter: { streamPrefix: prefix }, batchSize: 50 });
      const delivered: RecordedEvent[] = [];
      const committed = new Set<string>();
      const rolledBack = new Set<string>();
      let writing = true;
      const reading = (async () => {
        for await (const batch of sub as AsyncIterable<EventBatch>) {
          delivered.push(...batch.events);
          if (!writing && delivered.length >= committed.size) break;
        }
      })();
      let seed = 7;
      const rnd = () => {
        seed = (seed * 1103515245 + 12345) % 2147483648;
        return seed / 2147483648;
      };
      await Promise.all(
        Array.from({ length: 8 }, async (_, w) => {
          const writer = await rawWriter(tdb.url);
          try {
            for (let n = 0; n < 60; n++) {
              const id = await writer.open(`${prefix}-${w}-${n % 3}`, 'Stress', { w, n });
              await new Promise((r) => setTimeout(r, Math.floor(rnd() * 25)));
              if (rnd() < 0.15) {
                await writer.client.query('rollback');
                rolledBack.add(id);
              } else {
                await writer.client.query('commit');
                committed.add(id);
              }
            }
          } finally {
            await writer.end();
          }
        }),
      );
      writing = false;
      // Wake the subscriber once more in case it is waiting at the head.
      await store
        .append(`${prefix}-last`, [{ id: randomUUID(), type: 'Stress', data: {} }])
        .then((r) => r.appended === 1 && committed.add('last'));
      const guard = setTimeout(() => void sub.close(), 60_000);
      await reading;
      clearTimeout(guard);
      await sub.close();
      const ids = delivered.filter((e) => e.streamId !== `${prefix}-last`).map((e) => e.id);
      expect(rolledBack.size).toBeGreaterThan(0);
      expect(new Set(ids).size).toBe(ids.length);
      expect(ids.filter((id) => rolledBack.has(id))).toEqual([]);
      expect(new Set(ids)).toEqual(new Set([...committed].filter((id) => id !== 'last')));
      const final = await store.readAll({ from, filter: { streamPrefix: prefix }, maxCount: 10_000 });
      expect(delivered.map((e) => e.id)).toEqual(final.events.map((e) => e.id));
    },
  );

  it('is not held back by an open transaction that does not append (a projector batch, a migration)', async () => {
    const before = (await store.headPosition()) ?? START;
    const other = await rawWriter(tdb.url);
    try {
      await other.client.query('begin');
      await other.client.query(`create temporary table scratch (n int); insert into scratch values (1)`);
      await other.client.query('select pg_current_xact_id()');
      await store.append(`free-${randomUUID()}`, [{ id: randomUUID(), type: 'Free', data: {} }]);
      const page = await store.readAll({ from: before });
      expect(page.events.map((e) => e.type)).toEqual(['Free']);
      expect(page.heldBack).toBe(false);
    } finally {
      await other.client.query('rollback');
      await other.end();
    }
  });

  it('appends in one round trip', async () => {
    const statements: string[] = [];
    const counted = new Kysely<any>({
      dialect: new PostgresDialect({ pool: tdb.handle.pool }),
      log: (e) => statements.push(e.query.sql),
    });
    const one = new PostgresEventStore({ db: counted, url: tdb.url });
    try {
      const s = `trips-${randomUUID()}`;
      const ev = () => ({ id: randomUUID(), type: 'A', data: {} });
      const appends = [
        () => one.append(s, [ev(), ev()], { expectedRevision: 'no_stream' }),
        () => one.append(s, [ev()], { expectedRevision: 1n }),
        () => one.append(s, [ev()], { expectedRevision: 'stream_exists' }),
        () => one.append(s, [ev()], { expectedRevision: 0n }).catch((e) => e),
      ];
      for (const append of appends) {
        statements.length = 0;
        await append();
        // What ran before the append resolved: the stored function, nothing else (the wake-up NOTIFY follows it).
        expect(statements.filter((q) => !q.includes('pg_notify'))).toEqual([expect.stringMatching(/append_events/)]);
      }
    } finally {
      await one.close();
    }
  });

  it('refuses to append inside a transaction that has already written', async () => {
    const writer = await rawWriter(tdb.url);
    try {
      await writer.client.query('begin');
      await writer.client.query(`select pg_current_xact_id()`);
      await expect(
        writer.client.query(
          `select * from append_events('x', array[gen_random_uuid()], array['A'], ` +
            `array['{}'::jsonb], array['{}'::jsonb], 'any', null)`,
        ),
      ).rejects.toThrow(/first write of its transaction/);
      await writer.client.query('rollback');
    } finally {
      await writer.end();
    }
  });

  it('an append that fails inside its transaction leaves nothing behind', async () => {
    const before = (await store.headPosition()) ?? START;
    const s = `atomic-${randomUUID()}`;
    // PostgreSQL's jsonb refuses \u0000: the statement fails, and the whole call with it.
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

  it('keeps new positions above stored ones when transaction ids go back (a restore into a new cluster)', async () => {
    // As if the log came from a server whose transaction ids ran a million ahead of this one's.
    const xid = BigInt(
      (await sql<{ x: string }>`select pg_current_xact_id()::text as x`.execute(tdb.handle.db)).rows[0]!.x,
    );
    const shift = BigInt(
      (await sql<{ s: string }>`select xid_shift as s from event_log_clock`.execute(tdb.handle.db)).rows[0]!.s,
    );
    const restored = (xid + shift + 1_000_000n) * 1_048_576n;
    await sql`insert into events (global_position, event_id, stream_id, stream_revision, event_type, data, metadata)
      values (${restored.toString()}, ${randomUUID()}, ${`restored-${randomUUID()}`}, 0, 'Restored', '{}', '{}')`.execute(
      tdb.handle.db,
    );
    const beforeRebase = await store.append(`probe-${randomUUID()}`, [{ id: randomUUID(), type: 'Probe', data: {} }]);
    expect(beforeRebase.position.commit < restored).toBe(true); // what a reader past `restored` would never see
    await migrateEventLog(tdb.handle.db);
    const afterRebase = await store.append(`probe-${randomUUID()}`, [{ id: randomUUID(), type: 'Probe', data: {} }]);
    expect(afterRebase.position.commit > restored).toBe(true);
  });

  it('stores record times in position order for appends that follow one another', async () => {
    const s = `clock-${randomUUID()}`;
    for (let i = 0; i < 5; i++) await store.append(s, [{ id: randomUUID(), type: 'Tick', data: { i } }]);
    const rows = await tdb.eventLog
      .selectFrom('events')
      .select(['global_position', 'recorded_at'])
      .where('stream_id', '=', s)
      .orderBy('global_position')
      .execute();
    expect(rows).toHaveLength(5);
    for (let i = 1; i < rows.length; i++) expect(rows[i]!.recorded_at >= rows[i - 1]!.recorded_at).toBe(true);
  });
});
