import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type EmbeddedPostgresHandle, startEmbeddedPostgres } from '@claims/db';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { type RunningTracker, startTracker } from '../../infra/local/tracker.ts';
import { testAccess } from '../support/access.ts';
import { freePort, postJson } from '../support/http.ts';

/**
 * PostgreSQL stops and comes back while articles are being ingested and projected:
 * requests during the outage get a quick 503, the services reconnect by themselves,
 * and every article that was acknowledged is stored and projected.
 */
let dataDir: string;
let port: number;
let pg: EmbeddedPostgresHandle;
let tracker: RunningTracker;
const writer = testAccess();

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'claims-restart-pg-'));
  port = await freePort();
  pg = await startEmbeddedPostgres({ dataDir, port });
  tracker = await startTracker({ databaseUrl: pg.url, port: 0, access: writer.access });
});
afterAll(async () => {
  await tracker?.close();
  await pg?.stop();
  await rm(dataDir, { recursive: true, force: true });
});

const article = (i: number) => ({
  text:
    `Kremlin spokesman Dmitry Peskov said on Tuesday that Ukraine must withdraw its ` +
    `troops from region ${i} before any ceasefire.`,
  publishedAt: '2024-03-05',
});

it('answers 503 during a database restart, reconnects by itself and loses nothing acknowledged', async () => {
  const acknowledged = new Map<string, number>(); // documentId → events appended
  const statuses: number[] = [];
  let i = 0;
  const post = async () => {
    const started = Date.now();
    const r = await postJson({ url: tracker.url, headers: writer.headers }, '/v1/articles', article(i++));
    statuses.push(r.status);
    if (r.status === 201) acknowledged.set(r.json.documentId, r.json.eventIds.length);
    return { status: r.status, ms: Date.now() - started, json: r.json };
  };

  for (let k = 0; k < 20; k++) await post();
  expect(acknowledged.size).toBe(20);

  await pg.stop();
  const during = [];
  for (let k = 0; k < 5; k++) during.push(await post());
  for (const r of during) {
    expect(r.status).toBe(503);
    expect(r.json.error.message).toMatch(/database is unavailable/);
    // An answer, not a hang: well inside the pool's 5 s connect timeout plus room for a loaded machine.
    expect(r.ms).toBeLessThan(20_000);
  }
  // Reads that miss the cache say the same: 503 with Retry-After, not 500.
  for (const path of [
    '/v1/claims?q=outage',
    '/v1/positions?asOf=2020-02-02',
    '/v1/meetings?side=russia',
    '/v1/sides',
  ]) {
    const res = await fetch(`${tracker.url}${path}`);
    expect(res.status, path).toBe(503);
    expect(Number(res.headers.get('retry-after')), path).toBeGreaterThan(0);
  }

  pg = await startEmbeddedPostgres({ dataDir, port });
  // The first requests after the restart may still meet a connection the server closed; they must not be acknowledged
  // falsely.
  const deadline = Date.now() + 30_000;
  while (acknowledged.size < 40 && Date.now() < deadline) await post();
  expect(acknowledged.size).toBe(40);
  expect(statuses.filter((s) => s !== 201 && s !== 503)).toEqual([]);

  // The projector resumed from its checkpoint: every acknowledged article and claim is in the read models, once.
  await tracker.projector!.caughtUp(60_000);
  const db = tracker.database.db;
  const sources = await db.selectFrom('sources').select('document_id').execute();
  expect(new Set(sources.map((s) => s.document_id))).toEqual(new Set(acknowledged.keys()));
  const claims = await db.selectFrom('claims').select(['document_id']).execute();
  const expectedClaims = [...acknowledged.values()].reduce((n, events) => n + events - 1, 0);
  expect(claims).toHaveLength(expectedClaims);
  // Health no longer shows the outage's errors once every projection has recovered.
  const health = (await (await fetch(`${tracker.url}/v1/health`)).json()) as any;
  expect(health.status).toBe('ok');
  expect(health.projections.map((p: any) => p.lastError)).toEqual(health.projections.map(() => null));
}, 120_000);
