import type { ChildProcess } from 'node:child_process';
import { PostgresEventStore } from '@claims/eventstore';
import { allProjections, rebuildProjection } from '@claims/projector';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { spawnClaims } from '../support/cli.ts';
import { type TestDatabase, createTestDatabase } from '../support/database.ts';
import { allCaughtUp, readModelSnapshot } from '../support/read-models.ts';
import { syntheticArticles } from '../support/synthetic.ts';

/**
 * The projector is a real process, killed with SIGKILL in the middle of its work and
 * restarted: the read models it leaves must equal a clean rebuild, nothing lost or doubled.
 */
let tdb: TestDatabase;
let store: PostgresEventStore;
beforeAll(async () => {
  tdb = await createTestDatabase();
  store = new PostgresEventStore({ db: tdb.handle.db, url: tdb.url });
});
afterAll(async () => {
  await store.close();
  await tdb.drop();
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function startProjectorProcess(): ChildProcess {
  // Small batches, so that a kill lands inside a batch's transaction far more often than between two.
  return spawnClaims(['projector', '--batch-size', '7'], { DATABASE_URL: tdb.url });
}

async function killHard(child: ChildProcess): Promise<void> {
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGKILL');
  await exited;
}

async function waitUntil(check: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('timed out');
    await sleep(100);
  }
}

it('survives SIGKILL mid-batch: after a restart the read models equal a clean rebuild', async () => {
  const articles = [...syntheticArticles({ articles: 300, claimsPerArticle: 9, seed: 7 })];
  // Half the articles before the projector starts, half while it is being killed and restarted.
  for (const a of articles.slice(0, 150)) await store.append(a.stream, a.events);

  const checkpointsSeenAtKill: string[] = [];
  let next = 150;
  for (let round = 0; round < 4; round++) {
    const child = startProjectorProcess();
    // Let it start (tsx + connect) and get into its batches.
    await waitUntil(async () => (await tdb.handle.db.selectFrom('projection_checkpoints').select('projection').execute()).length > 0 || round > 0, 30_000);
    await sleep(300 + round * 150);
    for (const a of articles.slice(next, next + 40)) await store.append(a.stream, a.events);
    next += 40;
    await killHard(child);
    const rows = await tdb.handle.db.selectFrom('projection_checkpoints').select('position').execute();
    checkpointsSeenAtKill.push(...rows.map((r) => r.position));
  }
  for (const a of articles.slice(next)) await store.append(a.stream, a.events);

  const head = String((await store.headPosition())!.commit);
  // It was killed while behind the head at least once, i.e. with work in hand.
  expect(checkpointsSeenAtKill.some((p) => p !== head)).toBe(true);

  const last = startProjectorProcess();
  await waitUntil(() => allCaughtUp(tdb.handle.db), 120_000);
  const exited = new Promise((r) => last.once('exit', r));
  last.kill('SIGTERM');
  await exited;
  expect(last.exitCode ?? 143).toBe(143);

  const afterKills = await readModelSnapshot(tdb.handle.db);
  expect(afterKills.claims).toHaveLength(300 * 9);
  for (const projection of allProjections) await rebuildProjection({ db: tdb.handle.db, store, projection });
  expect(await readModelSnapshot(tdb.handle.db)).toEqual(afterKills);
}, 300_000);
