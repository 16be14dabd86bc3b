import { migrateReadModels, openDatabase } from '@claims/db';
import { PostgresEventStore } from '@claims/eventstore';
import { allProjections, buildProjections, rebuildProjections } from '@claims/projector';
import { sql } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { readModelSnapshot } from '../support/read-models.ts';
import { syntheticArticles } from '../support/synthetic.ts';
import { startTestTracker } from '../support/tracker.ts';

let env: Awaited<ReturnType<typeof startTestTracker>>;
let store: PostgresEventStore;
beforeAll(async () => {
  env = await startTestTracker();
  store = new PostgresEventStore({ db: env.tdb.handle.db, url: env.tdb.url });
  for (const a of syntheticArticles({ articles: 600, seed: 21 })) await store.append(a.stream, a.events);
  await env.tracker.projector!.caughtUp(120_000);
});
afterAll(async () => {
  await store?.close();
  await env?.stop();
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

it(
  'rebuilds while the tracker serves and ingests: no reader sees a half-built ' +
    'model, the live projection runs until the swap, and the result equals a clean ' +
    'rebuild',
  async () => {
    const db = env.tdb.handle.db;
    let stop = false;
    const violations: string[] = [];
    let reads = 0;

    // Readers: over HTTP, the sides and topics with a position only grow; in SQL, no table shrinks,
    // and the history holds as many claims as the positions count (one projection, one transaction).
    const http = async () => {
      let seen = new Set<string>();
      while (!stop) {
        const body = (await (await fetch(`${env.tracker.url}/v1/positions`)).json()) as {
          positions: { side: string; topic: string }[];
        };
        const now = new Set(body.positions.map((p) => `${p.side}|${p.topic}`));
        for (const k of seen) if (!now.has(k)) violations.push(`GET /v1/positions lost ${k}`);
        seen = now;
        reads++;
      }
    };
    const direct = async () => {
      let last = { claims: 0, history: 0, sources: 0 };
      while (!stop) {
        const { rows } = await sql<{ claims: string; history: string; counted: string; sources: string }>`
        select (select count(*) from claims) as claims, (select count(*) from position_history) as history,
               (select coalesce(sum(claims_count), 0) from positions) as counted, (select count(*) from sources) as sources`.execute(
          db,
        );
        const r = rows[0]!;
        const now = { claims: Number(r.claims), history: Number(r.history), sources: Number(r.sources) };
        if (now.history !== Number(r.counted))
          violations.push(`history ${now.history} rows but positions count ${r.counted}`);
        for (const k of ['claims', 'history', 'sources'] as const)
          if (now[k] < last[k]) violations.push(`${k} went from ${last[k]} to ${now[k]}`);
        last = now;
        reads++;
        await sleep(5);
      }
    };
    // Ingest goes on throughout.
    const ingest = async () => {
      const more = syntheticArticles({ articles: 10_000, seed: 22 });
      while (!stop) {
        const a = more.next().value!;
        await store.append(a.stream, a.events);
        await sleep(50);
      }
    };
    const running = [http(), http(), direct(), ingest()];

    // The rebuild runs as `claims projections rebuild` would: its own connections.
    const other = await openDatabase({ url: env.tdb.url, migrate: false });
    const otherStore = new PostgresEventStore({ db: other.db, url: env.tdb.url });
    let liveBeforeSwap = false;
    let healthDuring: any = null;
    try {
      await rebuildProjections({
        db: other.db,
        store: otherStore,
        log: () => {},
        beforeSwap: async () => {
          // The live projection still runs: an article appended now is in the live tables before the swap.
          const a = syntheticArticles({ articles: 1, seed: 23 }).next().value!;
          await store.append(a.stream, a.events);
          const claimId = a.events.find((e: { type: string }) => e.type === 'ClaimMade')!.id;
          for (let i = 0; i < 600 && !liveBeforeSwap; i++) {
            liveBeforeSwap =
              (await db.selectFrom('claims').select('event_id').where('event_id', '=', claimId).executeTakeFirst()) !==
              undefined;
            if (!liveBeforeSwap) await sleep(50);
          }
          healthDuring = await (await fetch(`${env.tracker.url}/v1/health`)).json();
        },
      });
    } finally {
      await otherStore.close();
      await other.close();
    }
    await sleep(500);
    stop = true;
    await Promise.all(running);
    await env.tracker.projector!.caughtUp(120_000);

    expect(violations).toEqual([]);
    expect(reads).toBeGreaterThan(50);
    expect(liveBeforeSwap).toBe(true);
    // The page and /v1/health show the rebuild in progress, with its lag.
    expect(healthDuring.rebuilds.map((r: any) => r.projection).sort()).toEqual(
      allProjections.map((p) => p.name).sort(),
    );
    expect(healthDuring.rebuilds.every((r: any) => r.state === 'building' && r.behind >= 0)).toBe(true);
    const after = (await (await fetch(`${env.tracker.url}/v1/health`)).json()) as any;
    expect(after.rebuilds).toEqual([]);
    expect(after.projections.every((p: any) => p.state === 'live')).toBe(true);
    // The swapped-in tables kept their indexes, and no shadow schema is left.
    const indexes = await sql<{
      n: string;
    }>`select count(*) as n from pg_indexes where schemaname = current_schema() and indexname = 'claims_side_topic_valid_idx'`.execute(
      db,
    );
    expect(indexes.rows[0]!.n).toBe('1');
    const schemas = await sql<{
      nspname: string;
    }>`select nspname from pg_namespace where nspname like 'rebuild_%'`.execute(db);
    expect(schemas.rows).toEqual([]);

    // Equal to a clean rebuild of the same log.
    await migrateReadModels(db, 'clean_build');
    await buildProjections({ db: db.withSchema('clean_build'), store, projections: allProjections, log: () => {} });
    expect(await readModelSnapshot(db)).toEqual(await readModelSnapshot(db.withSchema('clean_build')));
  },
);
