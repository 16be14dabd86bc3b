import { STREAM_LOCK } from '@claims/eventstore';
import { sql } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postJson } from '../support/http.ts';
import { startTestTracker } from '../support/tracker.ts';

/**
 * A session that began an append and then stalled (a paused process, a forgotten psql transaction): it holds
 * its stream's lock and a transaction id. Appends to other streams go on; an append to its stream answers
 * 503 with Retry-After after the bounded wait, not hang or 500; reads and health go on, and health says the
 * log is stalled (new events wait behind it), not that the database is away.
 */

let env: Awaited<ReturnType<typeof startTestTracker>>;
let stalled: pg.Client;
beforeAll(async () => {
  env = await startTestTracker({ projector: false });
  stalled = new pg.Client({ connectionString: env.tdb.url });
  await stalled.connect();
});
afterAll(async () => {
  await stalled.end().catch(() => {});
  await env.stop();
});

const text = (i: number) =>
  `Kremlin spokesman Dmitry Peskov said on Tuesday that Ukraine must withdraw its troops (${i}).`;
const eventCount = async () => (await env.tdb.eventLog.selectFrom('events').select('event_id').execute()).length;

describe('a stalled append holding its stream', () => {
  it(
    'gets 503 with Retry-After for writes to that stream, while other writes, reads, ' + 'uncached, and health go on',
    async () => {
      const first = await postJson(env.writer, '/v1/articles', { text: text(0), publishedAt: '2024-03-05' });
      expect(first.status).toBe(201);
      const stored = await eventCount();
      // The stalled session takes the article's stream lock, as an append does, and a transaction id.
      await stalled.query('begin');
      await stalled.query('select pg_advisory_xact_lock($1::int, hashtext($2)), pg_current_xact_id()', [
        STREAM_LOCK,
        first.json.stream,
      ]);

      // The same article again: its append waits for the stream, then gives up.
      const again = await postJson(env.writer, '/v1/articles', { text: text(0), publishedAt: '2024-03-05' });
      expect(again.status).toBe(503);
      expect(again.json.error.message).toMatch(/^the database is busy/);

      // Other articles are other streams: they are stored meanwhile, and reads that miss the cache still answer.
      const writes = await Promise.all(
        Array.from({ length: 12 }, (_, i) =>
          postJson(env.writer, '/v1/articles', { text: text(i + 1), publishedAt: '2024-03-05' }),
        ),
      );
      expect(writes.map((w) => w.status)).toEqual(Array(12).fill(201));
      const reads = await Promise.all(
        Array.from({ length: 12 }, (_, i) => fetch(`${env.tracker.url}/v1/claims?q=word${i}`)),
      );
      expect(reads.map((r) => r.status)).toEqual(Array(12).fill(200));
      const health = await fetch(`${env.tracker.url}/v1/health`);
      const body = (await health.json()) as any;
      expect(body).toMatchObject({ database: 'up', log: 'stalled', status: 'degraded' });
      expect(body.problems.join('\n')).toMatch(
        /the event log is stalled: an append has held its transaction open for [0-9.]+ s \(server process \d+\), idle in transaction/,
      );

      await stalled.query('rollback');
      expect(await eventCount()).toBeGreaterThan(stored);
      expect((await postJson(env.writer, '/v1/articles', { text: text(99), publishedAt: '2024-03-05' })).status).toBe(
        201,
      );
      expect(((await (await fetch(`${env.tracker.url}/v1/health`)).json()) as any).log).toBe('ok');
    },
  );

  it('sets a statement timeout and an idle-in-transaction timeout on its own sessions', async () => {
    const db = env.tracker.database;
    for (const k of [db.db, db.writer]) {
      const { rows } = await sql<{
        s: string;
        i: string;
      }>`select current_setting('statement_timeout') as s, current_setting('idle_in_transaction_session_timeout') as i`.execute(
        k,
      );
      expect(rows[0]).toEqual({ s: '30s', i: '10s' });
    }
  });
});
