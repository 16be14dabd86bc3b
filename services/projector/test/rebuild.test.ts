import { migrateReadModels } from '@claims/db';
import { type EventStore, PostgresEventStore, type Subscription } from '@claims/eventstore';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../tests/support/database.ts';
import { readModelSnapshot } from '../../../tests/support/read-models.ts';
import { syntheticArticles } from '../../../tests/support/synthetic.ts';
import {
  allProjections,
  buildProjections,
  claimsProjection,
  ProjectionRunner,
  RebuildBusyError,
  rebuildProjections,
} from '../src/index.ts';

let tdb: TestDatabase;
let store: PostgresEventStore;
beforeAll(async () => {
  tdb = await createTestDatabase({ maxConnections: 20 });
  store = new PostgresEventStore({ db: tdb.handle.db, url: tdb.url, pollIntervalMs: 200 });
  for (const a of syntheticArticles({ articles: 60, seed: 31 })) await store.append(a.stream, a.events);
});
afterAll(async () => {
  await store.close();
  await tdb.drop();
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The store as a slow live runner sees it: small batches, each a while apart. */
function slowed(inner: EventStore): EventStore {
  return {
    append: (...a) => inner.append(...a),
    readStream: (...a) => inner.readStream(...a),
    readAll: (...a) => inner.readAll(...a),
    headPosition: () => inner.headPosition(),
    lag: (...a) => inner.lag(...a),
    close: async () => {},
    subscribe(options): Subscription {
      const sub = inner.subscribe({ ...options, batchSize: 5 });
      return {
        async *[Symbol.asyncIterator]() {
          for await (const batch of sub) {
            await sleep(150);
            yield batch;
          }
        },
        close: () => sub.close(),
      };
    },
  };
}

it('a live runner behind the swapped-in checkpoint goes on from it, writing nothing twice', async () => {
  const lines: string[] = [];
  const live = new ProjectionRunner({
    db: tdb.handle.db,
    store: slowed(store),
    projection: claimsProjection,
    log: (l) => lines.push(l),
  }).start();
  await sleep(500);
  const result = await rebuildProjections({ db: tdb.handle.db, store, projections: [claimsProjection], log: () => {} });
  expect(result.projections).toEqual([{ projection: 'claims', position: expect.any(String) }]);
  for (let i = 0; i < 400; i++) {
    const s = await live.status();
    if (s.state === 'live' && s.behind === 0) break;
    await sleep(50);
  }
  const status = await live.status();
  await live.stop();
  expect(status).toMatchObject({ state: 'live', behind: 0, lastError: null });
  expect(
    lines.some((l) => /checkpoint moved ahead to \d+ \(a rebuild swapped in\)/.test(l)),
    lines.join('\n'),
  ).toBe(true);
  expect(lines.filter((l) => l.includes('parked'))).toEqual([]);

  await migrateReadModels(tdb.handle.db, 'clean');
  await buildProjections({
    db: tdb.handle.db.withSchema('clean'),
    store,
    projections: [claimsProjection],
    log: () => {},
  });
  const [got, clean] = [
    await readModelSnapshot(tdb.handle.db),
    await readModelSnapshot(tdb.handle.db.withSchema('clean')),
  ];
  expect(got.claims).toEqual(clean.claims);
  expect(got.projection_changes).toEqual(clean.projection_changes);
});

it('runs one rebuild at a time', async () => {
  let second: Promise<unknown> | null = null;
  await rebuildProjections({
    db: tdb.handle.db,
    store,
    projections: [claimsProjection],
    log: () => {},
    beforeSwap: async () => {
      second = rebuildProjections({ db: tdb.handle.db, store, projections: [claimsProjection], log: () => {} }).catch(
        (e) => e,
      );
      await second;
    },
  });
  expect(await second).toBeInstanceOf(RebuildBusyError);
});

it('builds the same read models in parallel lanes as in one, parking an unreadable event in each lane that reads it', async () => {
  // A log of its own: an event no projection can read, amid readable ones.
  const own = await createTestDatabase({ maxConnections: 20 });
  const log = new PostgresEventStore({ db: own.handle.db, url: own.url });
  try {
    const articles = [...syntheticArticles({ articles: 12, seed: 5 })];
    for (const a of articles.slice(0, 6)) await log.append(a.stream, a.events);
    await log.append(articles[0]!.stream, [
      {
        id: '00000000-0000-4000-8000-00000000dead',
        type: 'ClaimMade',
        data: { nonsense: true },
        metadata: { schemaVersion: 1 },
      },
    ]);
    for (const a of articles.slice(6)) await log.append(a.stream, a.events);
    const snapshots = [];
    for (const lanes of [1, 3]) {
      const schema = `lanes_${lanes}`;
      await migrateReadModels(own.handle.db, schema);
      await buildProjections({
        db: own.handle.db.withSchema(schema),
        store: log,
        projections: allProjections,
        batchSize: 50,
        lanes,
        log: () => {},
      });
      snapshots.push({
        models: await readModelSnapshot(own.handle.db.withSchema(schema)),
        parked: await own.handle.db
          .withSchema(schema)
          .selectFrom('projection_dead_letters')
          .select(['projection', 'event_id'])
          .orderBy('projection')
          .execute(),
      });
    }
    const [one, three] = snapshots;
    expect(one!.models.claims).toHaveLength(12 * 9);
    expect(three!.models).toEqual(one!.models);
    expect(three!.parked.map((p) => p.projection)).toEqual(['actors', 'claims', 'corroboration', 'positions']);
    expect(three!.parked).toEqual(one!.parked);
  } finally {
    await log.close();
    await own.drop();
  }
});
