import { PostgresEventStore } from '@claims/eventstore';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { type RunningTracker, startTracker } from '../../infra/local/tracker.ts';
import { openSse } from '../../services/api/test/support.ts';
import { testAccess } from '../support/access.ts';
import { createTestDatabase, type TestDatabase } from '../support/database.ts';
import { postJson } from '../support/http.ts';
import { syntheticArticles } from '../support/synthetic.ts';

/**
 * A subscriber follows the claims feed; the server goes away, other writers go on
 * appending, a new server starts on the same database, and the subscriber resumes
 * with Last-Event-ID: it receives every change it missed, once, and then live ones.
 */
let tdb: TestDatabase;
const writer = testAccess();
beforeAll(async () => {
  tdb = await createTestDatabase();
});
afterAll(async () => {
  await tdb.drop();
});

const text = (i: number) =>
  `Kremlin spokesman Dmitry Peskov said on Tuesday that Ukraine must withdraw its troops from sector ${i} before any ceasefire.`;
const start = () =>
  startTracker({ databaseUrl: tdb.url, port: 0, access: writer.access, api: { pollIntervalMs: 200 } });

it('resumes across a server restart with Last-Event-ID, with no gap and no repeat', async () => {
  let tracker: RunningTracker = await start();
  const first = openSse(`${tracker.url}/v1/subscriptions?projection=claims&lastEventId=-1`);
  await first.ready();
  for (let i = 0; i < 3; i++)
    await postJson({ url: tracker.url, headers: writer.headers }, '/v1/articles', {
      text: text(i),
      publishedAt: '2024-03-05',
    });
  await first.until(() => first.messages.length >= 3, 15_000, 'the first three claims');
  const seenBefore = [...first.messages];
  await first.close();
  await tracker.close();

  // While no server runs, another writer appends (a batch import, another ingest instance).
  const store = new PostgresEventStore({ db: tdb.handle.db, url: tdb.url });
  for (const a of syntheticArticles({ articles: 5, claimsPerArticle: 4, seed: 3 }))
    await store.append(a.stream, a.events);
  await store.close();

  tracker = await start();
  try {
    const lastId = seenBefore.at(-1)!.id!;
    const resumed = openSse(`${tracker.url}/v1/subscriptions?projection=claims`, { 'last-event-id': lastId });
    await resumed.ready();
    await postJson({ url: tracker.url, headers: writer.headers }, '/v1/articles', {
      text: text(99),
      publishedAt: '2024-03-06',
    });
    const expected = 3 + 5 * 4 + 1;
    await resumed.until(() => seenBefore.length + resumed.messages.length >= expected, 30_000, 'every claim');
    const ids = [...seenBefore, ...resumed.messages].map((m) => m.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toHaveLength(expected);
    // The feed as stored: the subscriber saw exactly it, in order.
    const feed = await tdb.handle.db
      .selectFrom('projection_changes')
      .select(['position_commit', 'seq'])
      .where('projection', '=', 'claims')
      .orderBy('position_commit')
      .orderBy('seq')
      .execute();
    expect(ids).toEqual(feed.map((r) => (r.seq > 0 ? `${r.position_commit}:${r.seq}` : String(r.position_commit))));
    await resumed.close();
  } finally {
    await tracker.close();
  }
}, 120_000);
