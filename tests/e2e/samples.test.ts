import { extractArticle } from '@claims/extract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runClaims } from '../support/cli.ts';
import { sampleArticles } from '../support/samples.ts';
import { startTestTracker } from '../support/tracker.ts';

/**
 * The repository's own sample articles (samples/): each gives exactly the facts its
 * `.expected.json` lists, and the README's first ingest (`claims ingest samples/articles`)
 * builds the read models a reader of them would expect. Needs nothing beside the clone.
 */
const samples = sampleArticles();

describe('each sample gives exactly the facts it must', () => {
  it.each(samples.map((s) => [s.name, s] as const))('%s', (_, s) => {
    const { events } = extractArticle({
      text: s.text,
      publishedAt: s.publishedAt,
      url: s.url,
      title: s.title,
      publisher: s.publisher,
    });
    const got = { claims: [] as unknown[], meetings: [] as unknown[], agreements: [] as unknown[] };
    for (const e of events) {
      if (e.type === 'ClaimMade') {
        const d = e.data;
        got.claims.push({
          side: d.side,
          topic: d.topic,
          stance: d.stance,
          speaker: d.speaker,
          madeOn: d.madeOn,
          quote: d.quote,
        });
      } else if (e.type === 'MeetingProposed') {
        const d = e.data;
        got.meetings.push({
          proposerSide: d.proposerSide,
          proposer: d.proposer,
          participants: d.participants,
          level: d.level,
          location: d.location,
          madeOn: d.madeOn,
          quote: d.quote,
        });
      } else {
        const d = e.data;
        got.agreements.push({
          parties: d.parties,
          topic: d.topic,
          quantities: d.quantities,
          madeOn: d.madeOn,
          quote: d.quote,
        });
      }
    }
    expect(got).toEqual(s.expected);
  });
});

describe('the README first ingest: claims ingest samples/articles', () => {
  let env: Awaited<ReturnType<typeof startTestTracker>>;
  const db = () => env.tdb.handle.db;
  beforeAll(async () => {
    env = await startTestTracker();
    const run = runClaims(['ingest', 'samples/articles'], { DATABASE_URL: env.tdb.url });
    expect(run.stdout).toMatch(
      new RegExp(`${samples.length} file\\(s\\): ${samples.length} new, 0 duplicate, 0 failed`),
    );
    expect(run.status).toBe(0);
    await env.tracker.projector!.caughtUp();
  });
  afterAll(async () => {
    await env?.stop();
  });

  it('registers every sample with the metadata beside it, and every fact it lists', async () => {
    const sources = await db()
      .selectFrom('sources')
      .select(['published_at', 'title', 'url'])
      .orderBy('published_at')
      .execute();
    expect(sources.map((s) => s.published_at)).toEqual(samples.map((s) => s.publishedAt).sort());
    expect(sources.every((s) => s.url?.startsWith('https://samples.'))).toBe(true);
    const claims = await db().selectFrom('claims').select(['side', 'topic', 'stance']).execute();
    expect(claims).toHaveLength(samples.reduce((n, s) => n + s.expected.claims.length, 0));
    expect(await db().selectFrom('meetings').selectAll().execute()).toHaveLength(
      samples.reduce((n, s) => n + s.expected.meetings.length, 0),
    );
  });

  it("answers each side's position as of a day, and the change in Ukraine's ceasefire stance", async () => {
    const asOf = async (day: string) =>
      new Map(
        (
          await db()
            .selectFrom('position_history')
            .select(['side', 'topic', 'stance'])
            .where('valid_from', '<=', day)
            .where((eb) => eb.or([eb('valid_to', 'is', null), eb('valid_to', '>', day)]))
            .execute()
        ).map((r) => [`${r.side}/${r.topic}`, r.stance]),
      );
    expect((await asOf('2024-03-31')).get('russia/territory')).toBe('demand');
    expect((await asOf('2024-03-31')).get('ukraine/territory')).toBe('rejection');
    expect((await asOf('2025-06-30')).get('ukraine/ceasefire')).toBe('proposal');
    expect((await asOf('2025-07-31')).get('ukraine/ceasefire')).toBe('demand');
    const change = await db()
      .selectFrom('position_changes')
      .selectAll()
      .where('side', '=', 'ukraine')
      .where('topic', '=', 'ceasefire')
      .execute();
    expect(change.map((c) => [c.from_stance, c.to_stance, c.changed_on])).toEqual([
      ['proposal', 'demand', '2025-07-23'],
    ]);
    const agreement = await db().selectFrom('agreements').select(['topic', 'quantities']).executeTakeFirstOrThrow();
    expect(agreement).toEqual({
      topic: 'prisoner_exchange',
      quantities: [{ value: 1000, unit: 'prisoners', per: 'side' }],
    });
  });

  it('appends nothing when the samples are ingested again', () => {
    const run = runClaims(['ingest', 'samples/articles'], { DATABASE_URL: env.tdb.url });
    expect(run.stdout).toMatch(/0 new, 4 duplicate, 0 failed; 0 event\(s\) appended/);
  });
});
