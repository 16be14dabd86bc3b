import type { ChildProcess } from 'node:child_process';
import type { Database } from '@claims/db';
import type { EventStore } from '@claims/eventstore';
import { rebuildProjections } from '@claims/projector';
import type { Kysely } from 'kysely';
import { spawnClaims } from './cli.ts';
import { allCaughtUp, readModelSnapshot } from './read-models.ts';
import { syntheticArticles } from './synthetic.ts';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function waitUntil(check: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('timed out waiting');
    await sleep(100);
  }
}

export interface KillSoakResult {
  kills: number;
  /** Kills that landed while the projector had work in hand (a checkpoint behind the head). */
  killsWithWorkInHand: number;
  events: number;
  afterKills: Record<string, unknown[]>;
  rebuilt: Record<string, unknown[]>;
}

/**
 * Runs the projector as a real process and kills it with SIGKILL `kills` times at
 * pseudo-random moments while articles stream in; then lets a last one catch up,
 * stops it, and rebuilds every projection from zero for comparison.
 */
export async function runKillSoak(options: {
  db: Kysely<Database>;
  url: string;
  store: EventStore;
  kills: number;
  articlesPerRound?: number;
  seed?: number;
}): Promise<KillSoakResult> {
  const { db, url, store, kills } = options;
  const perRound = options.articlesPerRound ?? 40;
  const articles = [
    ...syntheticArticles({ articles: 150 + kills * perRound, claimsPerArticle: 9, seed: options.seed ?? 7 }),
  ];
  for (const a of articles.slice(0, 150)) await store.append(a.stream, a.events);
  // Small batches, so a kill lands inside a batch's transaction far more often than between two.
  const start = (): ChildProcess => spawnClaims(['projector', '--batch-size', '7'], { DATABASE_URL: url });

  let killsWithWorkInHand = 0;
  let next = 150;
  for (let round = 0; round < kills; round++) {
    const child = start();
    const exited = new Promise((r) => child.once('exit', r));
    // Let it start and get into its batches; the wait varies so kills land at different points.
    await waitUntil(
      async () => (await db.selectFrom('projection_checkpoints').select('projection').execute()).length > 0,
      60_000,
    );
    await sleep(250 + ((round * 397) % 700));
    for (const a of articles.slice(next, next + perRound)) await store.append(a.stream, a.events);
    next += perRound;
    child.kill('SIGKILL');
    await exited;
    const head = String((await store.headPosition())?.commit ?? -1);
    const rows = await db.selectFrom('projection_checkpoints').select('position').execute();
    if (rows.some((r) => r.position !== head)) killsWithWorkInHand++;
  }

  const last = start();
  await waitUntil(() => allCaughtUp(db), 180_000);
  const exited = new Promise((r) => last.once('exit', r));
  last.kill('SIGTERM');
  await exited;

  const afterKills = await readModelSnapshot(db);
  await rebuildProjections({ db, store, log: () => {} });
  const rebuilt = await readModelSnapshot(db);
  return { kills, killsWithWorkInHand, events: articles.length * 10, afterKills, rebuilt };
}
