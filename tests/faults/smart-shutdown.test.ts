import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type EmbeddedPostgresHandle, startEmbeddedPostgres } from '@claims/db';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { type RunningTracker, startTracker } from '../../infra/local/tracker.ts';
import { testAccess } from '../support/access.ts';
import { freePort, postJson } from '../support/http.ts';

/**
 * PostgreSQL asked to shut down "smart" (SIGTERM: no new sessions, wait for the open ones to
 * end) while the tracker runs: the tracker must let go of its long-lived connections (LISTEN,
 * the projections' locks) so that the server can stop, then reconnect once it is back.
 */
let dataDir: string;
let port: number;
let server: EmbeddedPostgresHandle;
let tracker: RunningTracker;
const writer = testAccess();

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};
const text = (i: number) =>
  `Kremlin spokesman Dmitry Peskov said on Tuesday that Ukraine must withdraw its troops from region ${i}.`;

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'claims-smart-pg-'));
  port = await freePort();
  server = await startEmbeddedPostgres({ dataDir, port });
  tracker = await startTracker({ databaseUrl: server.url, port: 0, access: writer.access });
});
afterAll(async () => {
  await tracker?.close();
  await server?.stop();
  await rm(dataDir, { recursive: true, force: true });
});

it('lets PostgreSQL finish a smart shutdown, then reconnects and goes on', async () => {
  const target = { url: tracker.url, headers: writer.headers };
  expect((await postJson(target, '/v1/articles', { text: text(1), publishedAt: '2024-03-05' })).status).toBe(201);
  await tracker.projector!.caughtUp();
  // A live subscription too: its session must not keep the server up either.
  const sse = await fetch(`${tracker.url}/v1/subscriptions?projection=claims`);
  expect(sse.status).toBe(200);

  const pid = Number(readFileSync(join(dataDir, 'postmaster.pid'), 'utf8').split('\n')[0]);
  process.kill(pid, 'SIGTERM');
  const deadline = Date.now() + 90_000; // a hang guard: it ends in seconds once the tracker lets go
  while (alive(pid) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 250));
  expect(alive(pid), 'PostgreSQL still waits for the tracker’s sessions').toBe(false);

  server = await startEmbeddedPostgres({ dataDir, port });
  let status = 0;
  for (let i = 2; status !== 201 && Date.now() < deadline + 60_000; i++) {
    status = (await postJson(target, '/v1/articles', { text: text(i), publishedAt: '2024-03-05' })).status;
    if (status !== 201) await new Promise((r) => setTimeout(r, 500));
  }
  expect(status).toBe(201);
  await tracker.projector!.caughtUp(60_000);
  await sse.body?.cancel();
}, 240_000);
