import { PostgresEventStore } from '@claims/eventstore';
import { rebuildProjections } from '@claims/projector';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runClaims } from '../support/cli.ts';
import { readModelSnapshot } from '../support/read-models.ts';
import { startTestTracker } from '../support/tracker.ts';

/**
 * Needs ../shared/corpus beside the repository (vitest.config.ts skips it, saying so, without).
 * From the five seed articles to the positions a reader of them would expect,
 * through the real CLI, the real store and the projector of a running tracker.
 */
let env: Awaited<ReturnType<typeof startTestTracker>>;
const db = () => env.tdb.handle.db;

/** Each side's stance per topic as of a day, in valid time: one query over the history intervals. */
async function asOf(day: string) {
  const rows = await db()
    .selectFrom('position_history')
    .select(['side', 'topic', 'stance'])
    .where('valid_from', '<=', day)
    .where((eb) => eb.or([eb('valid_to', 'is', null), eb('valid_to', '>', day)]))
    .execute();
  return new Map(rows.map((r) => [`${r.side}/${r.topic}`, r.stance]));
}

beforeAll(async () => {
  env = await startTestTracker();
  const run = runClaims(['ingest', '../shared/corpus/seeds', '--meta-dir', 'tests/fixtures/seed-meta'], {
    DATABASE_URL: env.tdb.url,
  });
  expect(run.stderr).not.toMatch(/failed: /);
  expect(run.stdout).toMatch(/5 file\(s\): 5 new, 0 duplicate, 0 failed/);
  expect(run.status).toBe(0);
  await env.tracker.projector!.caughtUp();
});
afterAll(async () => {
  await env.stop();
});

describe('the seed corpus in the read models', () => {
  it('registers every article with its metadata and text', async () => {
    const sources = await db()
      .selectFrom('sources')
      .select(['published_at', 'title'])
      .orderBy('published_at')
      .execute();
    expect(sources.map((s) => s.published_at)).toEqual([
      '2019-08-07',
      '2019-12-09',
      '2025-07-19',
      '2025-07-21',
      '2025-07-23',
    ]);
  });

  it("shows Russia's demands on territory and NATO in July 2025, and none before the 2025 articles", async () => {
    const july = await asOf('2025-07-31');
    expect(july.get('russia/territory')).toBe('demand');
    expect(july.get('russia/nato_neutrality')).toBe('demand');
    const before = await asOf('2019-12-31');
    expect(before.get('russia/territory')).toBeUndefined();
  });

  it(
    "keeps Ukraine's repeated call for a leaders' meeting in 2019 and in 2025 as " + 'separate points of its history',
    async () => {
      const history = await db()
        .selectFrom('position_history')
        .select(['valid_from', 'stance'])
        .where('side', '=', 'ukraine')
        .where('topic', '=', 'leaders_meeting')
        .where('stance', 'in', ['proposal', 'demand', 'offer'])
        .orderBy('valid_from')
        .execute();
      const years = new Set(history.map((h) => h.valid_from.slice(0, 4)));
      expect(years).toEqual(new Set(['2019', '2025']));
      expect((await asOf('2019-08-31')).get('ukraine/leaders_meeting')).toMatch(/proposal|demand/);
      expect((await asOf('2025-07-31')).get('ukraine/leaders_meeting')).toMatch(/proposal|demand/);
    },
  );

  it('records the 2025 agreement on exchanges with its quantities, and who spoke how often', async () => {
    const agreements = await db().selectFrom('agreements').select(['topic', 'quantities', 'parties']).execute();
    expect(
      agreements.some(
        (a) => a.topic === 'prisoner_exchange' && a.parties.includes('russia') && a.parties.includes('ukraine'),
      ),
    ).toBe(true);
    expect(agreements.some((a) => a.quantities.some((q) => q.value === 1200))).toBe(true);
    const zelensky = await db()
      .selectFrom('actors')
      .selectAll()
      .where('actor', '=', 'zelensky')
      .executeTakeFirstOrThrow();
    expect(zelensky.side).toBe('ukraine');
    expect(zelensky.claims_made).toBeGreaterThan(5);
    expect(zelensky.topics).toContain('leaders_meeting');
  });

  it('appends nothing when the same folder is ingested again', async () => {
    const run = runClaims(['ingest', '../shared/corpus/seeds', '--meta-dir', 'tests/fixtures/seed-meta'], {
      DATABASE_URL: env.tdb.url,
    });
    expect(run.stdout).toMatch(/0 new, 5 duplicate, 0 failed; 0 event\(s\) appended/);
  });

  it('rebuilds every read model from position zero into the rows built live', async () => {
    const live = await readModelSnapshot(db());
    await env.tracker.projector!.stop();
    const store = new PostgresEventStore({ db: db(), url: env.tdb.url });
    try {
      await rebuildProjections({ db: db(), store, log: () => {} });
    } finally {
      await store.close();
    }
    expect(await readModelSnapshot(db())).toEqual(live);
  });
});
