import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postJson } from '../../../tests/support/http.ts';
import { startTestTracker } from '../../../tests/support/tracker.ts';
import { ExtractionBusyError, ExtractionPool, ExtractionRefusedError } from '../src/index.ts';

/**
 * An article that costs the extractor seconds: it must cost one thread for the budget, no more. The extractor
 * reads about 150 characters a millisecond, so within the default size limit nothing takes long; these tests
 * raise the limit and send a million characters (several seconds of work on any machine) against a 1 s budget.
 */
const slowArticle = () => 'Putin said that '.repeat(60_000);
const LONG_TEXTS = 2_000_000;
const short =
  'Kremlin spokesman Dmitry Peskov said on Tuesday that Ukraine must withdraw its troops from the Donbas region before any ceasefire.';

describe('the extraction pool', () => {
  it('refuses an article over its time budget, then extracts the next one on a fresh thread', async () => {
    const pool = new ExtractionPool(null, { threads: 1, timeBudgetMs: 1_000, maxTextChars: LONG_TEXTS });
    try {
      const slow = await pool.extract({ text: slowArticle() }).catch((e) => e);
      expect(slow).toBeInstanceOf(ExtractionRefusedError);
      expect(slow.message).toBe('extracting this article took longer than 1 s and was stopped; nothing was stored');
      const next = await pool.extract({ text: short, publishedAt: '2024-03-05' });
      expect(next.events.map((e) => e.type)).toContain('ClaimMade');
    } finally {
      await pool.close();
    }
  });

  it('refuses what does not fit in its queue, and a text over the size limit', async () => {
    const pool = new ExtractionPool(null, { threads: 1, maxQueued: 1, timeBudgetMs: 1_000, maxTextChars: 1_000 });
    try {
      await pool.ready();
      const running = pool.extract({ text: `${short} `.repeat(10) }).catch((e) => e);
      const queued = pool.extract({ text: short }).catch((e) => e);
      const refused = await pool.extract({ text: short }).catch((e) => e);
      expect(refused).toBeInstanceOf(ExtractionBusyError);
      expect(refused.retryAfterSeconds).toBeGreaterThan(0);
      expect((await running).message).toMatch(/^the article is 1,\d{3} characters long; the limit is 1,000$/);
      expect((await queued).events.length).toBeGreaterThan(0);
    } finally {
      await pool.close();
    }
  });
});

describe('POST /v1/articles with a pathological article', () => {
  let env: Awaited<ReturnType<typeof startTestTracker>>;
  beforeAll(async () => {
    env = await startTestTracker({
      projector: false,
      extraction: { threads: 1, maxQueued: 1, timeBudgetMs: 1_000, maxTextChars: LONG_TEXTS },
    });
  });
  afterAll(async () => {
    await env.stop();
  });
  const events = async () =>
    Number(
      (
        await env.tdb.eventLog
          .selectFrom('events')
          .select((eb) => eb.fn.countAll<string>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

  it('keeps answering reads while it is extracted, then refuses it with 422 on text, storing nothing', async () => {
    let settled = false;
    const post = postJson(env.writer, '/v1/articles', { text: slowArticle(), publishedAt: '2024-03-05' }).finally(
      () => {
        settled = true;
      },
    );
    await new Promise((r) => setTimeout(r, 500));
    // Reads that miss the cache, and health: answered while the article is still on its thread.
    for (const path of ['/v1/health', '/v1/claims?q=first', '/v1/positions?asOf=2020-01-01']) {
      const res = await fetch(`${env.tracker.url}${path}`);
      expect(res.status, path).toBe(200);
      expect(settled, `${path} was answered only after the article`).toBe(false);
    }
    const answer = await post;
    expect(answer.status).toBe(422);
    expect(answer.json.error).toMatchObject({
      field: 'text',
      message: 'extracting this article took longer than 1 s and was stopped; nothing was stored',
    });
    expect(await events()).toBe(0);
    // The next article is extracted as usual.
    expect((await postJson(env.writer, '/v1/articles', { text: short, publishedAt: '2024-03-05' })).status).toBe(201);
  });

  it('answers 503 with Retry-After when every thread is busy and the queue is full', async () => {
    const first = postJson(env.writer, '/v1/articles', { text: slowArticle(), publishedAt: '2024-03-05' });
    await new Promise((r) => setTimeout(r, 300));
    const second = postJson(env.writer, '/v1/articles', { text: `${short} Again.`, publishedAt: '2024-03-05' });
    await new Promise((r) => setTimeout(r, 100));
    const res = await fetch(`${env.tracker.url}/v1/articles`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...env.auth },
      body: JSON.stringify({ text: `${short} Third.`, publishedAt: '2024-03-05' }),
    });
    expect(res.status).toBe(503);
    expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(((await res.json()) as any).error.message).toMatch(/^the extractor is busy/);
    expect((await first).status).toBe(422);
    expect((await second).status).toBe(201);
  });
});
