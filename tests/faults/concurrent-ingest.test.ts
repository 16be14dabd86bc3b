import { afterAll, beforeAll, expect, it } from 'vitest';
import { postJson } from '../support/http.ts';
import { startTestTracker } from '../support/tracker.ts';

/** 8 clients post overlapping sets of articles at once: every article is stored once, every event once. */
let env: Awaited<ReturnType<typeof startTestTracker>>;
beforeAll(async () => {
  env = await startTestTracker();
});
afterAll(async () => {
  await env.stop();
});

const sides = [
  'Kremlin spokesman Dmitry Peskov',
  'Ukrainian President Volodymyr Zelensky',
  'Turkish President Recep Tayyip Erdogan',
];
const article = (i: number) => ({
  text:
    `${sides[i % 3]} said on Monday that a ceasefire must begin in sector ${i}. He ` +
    `proposed talks in Istanbul next week on prisoner exchanges.`,
  publishedAt: '2025-05-12',
});

it('stores each of 40 articles once when 8 clients post overlapping sets concurrently', async () => {
  const total = 40;
  // Client c posts 20 articles from c*5 on (wrapping), in its own order: each article is posted by 4 clients.
  const clients = Array.from({ length: 8 }, (_, c) => {
    const mine = Array.from({ length: 20 }, (_, k) => (c * 5 + k) % total);
    return mine.sort((a, b) => ((a * 7 + c) % 11) - ((b * 7 + c) % 11));
  });
  const answers = await Promise.all(
    clients.map(async (mine) => {
      const out = [];
      for (const i of mine) out.push({ i, r: await postJson(env.writer, '/v1/articles', article(i)) });
      return out;
    }),
  );
  const all = answers.flat();
  expect(all.every(({ r }) => r.status === 201 || r.status === 200)).toBe(true);
  const created = all.filter(({ r }) => r.status === 201).map(({ i }) => i);
  expect(created.sort((a, b) => a - b)).toEqual(Array.from({ length: total }, (_, i) => i));
  // Every answer for an article names the same events.
  const byArticle = new Map<number, string>();
  for (const { i, r } of all) {
    const ids = JSON.stringify(r.json.eventIds);
    expect(byArticle.get(i) ?? ids).toBe(ids);
    byArticle.set(i, ids);
  }
  const events = await env.tdb.eventLog.selectFrom('events').select(['event_id', 'stream_id', 'event_type']).execute();
  expect(new Set(events.map((e) => e.event_id)).size).toBe(events.length);
  expect(events.filter((e) => e.event_type === 'ArticleRegistered')).toHaveLength(total);
  const expected = [...byArticle.values()].reduce((n, ids) => n + JSON.parse(ids).length, 0);
  expect(events).toHaveLength(expected);
  await env.tracker.projector!.caughtUp();
  expect(await env.tdb.handle.db.selectFrom('sources').select('document_id').execute()).toHaveLength(total);
});
