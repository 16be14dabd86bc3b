import { APPEND_LOCK_KEY } from '@claims/eventstore';
import { sql } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postJson } from '../support/http.ts';
import { startTestTracker } from '../support/tracker.ts';

/**
 * A session that takes the event log's append lock and then stalls (a paused process, a
 * forgotten psql transaction): writes must answer 503 with Retry-After, not hang or 500;
 * reads and health must go on, and health must say the log is stalled, not the database away.
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

const text = (i: number) => `Kremlin spokesman Dmitry Peskov said on Tuesday that Ukraine must withdraw its troops (${i}).`;

describe('a stalled writer holding the event log', () => {
  it('gets 503 with Retry-After for writes, while reads, uncached, and health go on', async () => {
    await stalled.query('begin');
    await stalled.query('select pg_advisory_xact_lock($1::bigint)', [APPEND_LOCK_KEY.toString()]);

    const one = await postJson(env.writer, '/v1/articles', { text: text(0), publishedAt: '2024-03-05' });
    expect(one.status).toBe(503);
    expect(one.json.error.message).toMatch(/^the database is busy/);

    // More writers than the writers' pool has connections, all waiting at once …
    const writes = Array.from({ length: 24 }, (_, i) =>
      fetch(`${env.tracker.url}/v1/articles`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...env.auth },
        body: JSON.stringify({ text: text(i + 1), publishedAt: '2024-03-05' }),
      }),
    );
    await new Promise((r) => setTimeout(r, 300));
    // … and reads that miss the cache still answer.
    const reads = await Promise.all(Array.from({ length: 12 }, (_, i) => fetch(`${env.tracker.url}/v1/claims?q=word${i}`)));
    expect(reads.map((r) => r.status)).toEqual(Array(12).fill(200));
    const health = await fetch(`${env.tracker.url}/v1/health`);
    const body = (await health.json()) as any;
    expect(body).toMatchObject({ database: 'up', log: 'stalled', status: 'degraded' });
    expect(body.problems.join('\n')).toMatch(/the event log is stalled: session \d+ \(idle in transaction\) has held its append lock/);

    const answers = await Promise.all(writes);
    for (const a of answers) {
      expect(a.status).toBe(503);
      expect(Number(a.headers.get('retry-after'))).toBeGreaterThan(0);
    }
    expect(await env.tdb.eventLog.selectFrom('events').select('event_id').execute()).toEqual([]);

    await stalled.query('rollback');
    expect((await postJson(env.writer, '/v1/articles', { text: text(99), publishedAt: '2024-03-05' })).status).toBe(201);
    expect(((await (await fetch(`${env.tracker.url}/v1/health`)).json()) as any).log).toBe('ok');
  });

  it('sets a statement timeout and an idle-in-transaction timeout on its own sessions', async () => {
    const db = env.tracker.database;
    for (const k of [db.db, db.writer]) {
      const { rows } = await sql<{ s: string; i: string }>`select current_setting('statement_timeout') as s, current_setting('idle_in_transaction_session_timeout') as i`.execute(k);
      expect(rows[0]).toEqual({ s: '30s', i: '10s' });
    }
  });
});
