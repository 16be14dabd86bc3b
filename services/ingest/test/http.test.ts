import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postJson, postText, type Target } from '../../../tests/support/http.ts';
import { sampleArticles } from '../../../tests/support/samples.ts';
import { startTestTracker } from '../../../tests/support/tracker.ts';

const seed = sampleArticles()[0]!.text;
const short =
  'Kremlin spokesman Dmitry Peskov said on Tuesday that Ukraine must withdraw its troops from the Donbas region before any ceasefire.';

let env: Awaited<ReturnType<typeof startTestTracker>>;
let base: Target;
const eventCount = () => env.tdb.eventCount();

beforeAll(async () => {
  env = await startTestTracker({ projector: false });
  base = env.writer;
});
afterAll(async () => {
  await env.stop();
});

describe('POST /v1/articles', () => {
  it('registers an article and its facts in one append, and a repeat appends nothing', async () => {
    const first = await postJson(base, '/v1/articles', {
      text: seed,
      publishedAt: '2019-08-07',
      url: 'https://example.org/a',
    });
    expect(first.status).toBe(201);
    expect(first.json).toMatchObject({ duplicate: false, publishedAt: '2019-08-07' });
    expect(first.json.counts.ArticleRegistered).toBe(1);
    expect(first.json.counts.ClaimMade).toBeGreaterThan(0);
    const stored = await env.tdb.eventLog
      .selectFrom('events')
      .select(['event_id', 'event_type', 'metadata'])
      .where('stream_id', '=', first.json.stream)
      .orderBy('stream_revision')
      .execute();
    expect(stored.map((e) => e.event_id)).toEqual(first.json.eventIds);
    // Facts are caused by the registration and share one correlation id.
    expect(new Set(stored.map((e) => e.metadata.correlationId)).size).toBe(1);
    expect(stored.slice(1).every((e) => e.metadata.causationId === stored[0]!.event_id)).toBe(true);

    const before = await eventCount();
    const again = await postJson(base, '/v1/articles', { text: seed, publishedAt: '2019-08-07' });
    expect(again.status).toBe(200);
    expect(again.json).toMatchObject({
      duplicate: true,
      documentId: first.json.documentId,
      eventIds: first.json.eventIds,
    });
    expect(await eventCount()).toBe(before);
  });

  it('appends an article posted by 8 clients at once exactly once', async () => {
    const text = `${short} He added that talks could resume next week.`;
    const before = await eventCount();
    const answers = await Promise.all(
      Array.from({ length: 8 }, () => postJson(base, '/v1/articles', { text, publishedAt: '2024-03-05' })),
    );
    expect(answers.map((a) => a.status).sort()).toEqual([200, 200, 200, 200, 200, 200, 200, 201]);
    expect(new Set(answers.map((a) => JSON.stringify(a.json.eventIds))).size).toBe(1);
    expect(await eventCount()).toBe(before + answers[0]!.json.eventIds.length);
  });

  it('takes the article as text/plain with its metadata in query parameters', async () => {
    const r = await postText(
      base,
      '/v1/articles?publishedAt=2024-03-06&url=https%3A%2F%2Fexample.org%2Fb&publisher=Example',
      `${short} (plain)`,
    );
    expect(r.status).toBe(201);
    expect(r.json.publishedAt).toBe('2024-03-06');
    const html = await postText(
      base,
      '/v1/articles?publishedAt=2024-03-07',
      `<html><body><p>${short}</p><p>Share this article</p></body></html>`,
      'text/html',
    );
    expect(html.status).toBe(201);
  });

  it('refuses bad requests with a 4xx naming the field, appending nothing', async () => {
    const before = await eventCount();
    const cases: [string, () => Promise<{ status: number; json: any }>, number, RegExp][] = [
      ['broken JSON', () => postJson(base, '/v1/articles', '{"text": '), 400, /Malformed JSON/],
      ['wrong type', () => postJson(base, '/v1/articles', { text: 42 }), 400, /text/],
      [
        'both text and html',
        () => postJson(base, '/v1/articles', { text: 'a', html: '<p>a</p>' }),
        400,
        /exactly one of text or html/,
      ],
      [
        'unknown field',
        () => postJson(base, '/v1/articles', { text: short, author: 'x' }),
        400,
        /author|Unrecognized/i,
      ],
      [
        'bad date',
        () => postJson(base, '/v1/articles', { text: short, publishedAt: '2024-02-30' }),
        400,
        /publishedAt/,
      ],
      [
        'year 0 in the query',
        () => postText(base, '/v1/articles?publishedAt=0000-01-01', short),
        400,
        /publishedAt: expected a day from 1900-01-01/,
      ],
      [
        'year 0 in JSON',
        () => postJson(base, '/v1/articles', { text: short, publishedAt: '0000-01-01' }),
        400,
        /publishedAt/,
      ],
      ['bad url', () => postJson(base, '/v1/articles', { text: short, url: 'not a url' }), 400, /url/],
      ['empty text body', () => postText(base, '/v1/articles', ''), 400, /empty/],
      ['invalid UTF-8', () => postText(base, '/v1/articles', new Uint8Array([0x41, 0xff, 0xfe, 0x42])), 400, /UTF-8/],
      ['binary', () => postJson(base, '/v1/articles', { text: 'a\u0003b\u0001c\u0002'.repeat(50) }), 422, /binary/],
      ['NUL', () => postJson(base, '/v1/articles', { text: 'a\u0000b' }), 400, /NUL/],
      ['huge body', () => postText(base, '/v1/articles', 'word '.repeat(2_000_000)), 413, /larger than/],
      ['wrong content type', () => postText(base, '/v1/articles', short, 'application/xml'), 415, /content-type/],
    ];
    for (const [name, call, status, message] of cases) {
      const r = await call();
      expect(r.status, name).toBe(status);
      expect(r.json?.error?.message, name).toMatch(message);
    }
    expect(await eventCount()).toBe(before);
  });
});

describe('analyst entries', () => {
  let documentId: string;
  let text: string;
  beforeAll(async () => {
    text = `${short} Moscow also demanded neutrality.`;
    const r = await postJson(base, '/v1/articles', { text, publishedAt: '2024-04-01' });
    documentId = r.json.documentId;
  });

  const span = (quote: string) => ({ start: text.indexOf(quote), end: text.indexOf(quote) + quote.length });

  it('adds a claim whose span matches the stored text, once however often it is posted', async () => {
    const quote = 'Moscow also demanded neutrality';
    const body = {
      documentId,
      span: span(quote),
      quote,
      side: 'russia',
      topic: 'nato_neutrality',
      stance: 'demand',
      speaker: 'kremlin',
      analyst: 'ana',
    };
    const r = await postJson(base, '/v1/claims', body);
    expect(r.status).toBe(201);
    const stored = await env.tdb.eventLog
      .selectFrom('events')
      .select(['data'])
      .where('event_id', '=', r.json.eventIds[0])
      .executeTakeFirstOrThrow();
    expect(stored.data).toMatchObject({ quote, extractor: { name: 'analyst', version: 'ana' }, span: span(quote) });
    const again = await postJson(base, '/v1/claims', body);
    expect(again.json.duplicate).toBe(true);
  });

  it(
    'refuses a span or quote that does not match, an unknown side and an unknown ' + 'article, appending nothing',
    async () => {
      const before = await eventCount();
      const ok = {
        documentId,
        span: span('Moscow also demanded neutrality'),
        side: 'russia',
        topic: 'nato_neutrality',
        stance: 'demand',
        analyst: 'ana',
      };
      const cases: [object, number, string][] = [
        // The span no longer (or never) holds the quote: a stale span, named as such.
        [{ ...ok, quote: 'Moscow demanded nothing' }, 422, 'span'],
        [{ ...ok, span: { start: 0, end: 100_000 } }, 422, 'span.end'],
        [{ ...ok, span: { start: 10, end: 5 } }, 400, 'span.end'],
        [{ ...ok, side: 'atlantis' }, 400, 'side'],
        [{ ...ok, topic: 'weather' }, 400, 'topic'],
        [{ ...ok, stance: 'maybe' }, 400, 'stance'],
        [{ ...ok, documentId: `sha256:${'0'.repeat(64)}` }, 404, 'documentId'],
        [{ ...ok, corrects: '00000000-0000-4000-8000-000000000000' }, 404, 'corrects'],
      ];
      for (const [body, status, field] of cases) {
        const r = await postJson(base, '/v1/claims', body);
        expect(r.status, JSON.stringify(body)).toBe(status);
        expect(r.json.error.field).toBe(field);
      }
      expect(await eventCount()).toBe(before);
    },
  );

  it('corrects a claim (withdrawal and replacement in one write) and refuses to withdraw it twice', async () => {
    const quote = 'Ukraine must withdraw its troops from the Donbas region before any ceasefire';
    const first = await postJson(base, '/v1/claims', {
      documentId,
      span: span(quote),
      side: 'russia',
      topic: 'ceasefire',
      stance: 'statement',
      analyst: 'ana',
    });
    const corrected = await postJson(base, '/v1/claims', {
      documentId,
      span: span(quote),
      side: 'russia',
      topic: 'territory',
      stance: 'demand',
      speaker: 'peskov',
      analyst: 'ana',
      corrects: first.json.eventIds[0],
    });
    expect(corrected.status).toBe(201);
    expect(corrected.json.eventIds).toHaveLength(2);
    const types = await env.tdb.eventLog
      .selectFrom('events')
      .select('event_type')
      .where('event_id', 'in', corrected.json.eventIds)
      .execute();
    expect(types.map((t) => t.event_type).sort()).toEqual(['ClaimMade', 'EventWithdrawn']);
    const twice = await postJson(base, '/v1/withdrawals', {
      documentId,
      eventId: first.json.eventIds[0],
      reason: 'again',
      analyst: 'ana',
    });
    expect(twice.status).toBe(409);
    expect(twice.json.error.field).toBe('eventId');
  });

  it(
    'refuses a claim dated in year 0 and a meeting whose window runs backwards, ' +
      'naming the field, appending nothing',
    async () => {
      const before = await eventCount();
      const quote = 'Moscow also demanded neutrality';
      const claim = await postJson(base, '/v1/claims', {
        documentId,
        span: span(quote),
        side: 'russia',
        topic: 'nato_neutrality',
        stance: 'demand',
        madeOn: '0000-01-01',
        analyst: 'ana',
      });
      expect(claim.status).toBe(400);
      expect(claim.json.error.field).toBe('madeOn');
      const meeting = await postJson(base, '/v1/meetings', {
        documentId,
        span: span(quote),
        proposerSide: 'russia',
        participants: ['russia', 'ukraine'],
        level: 'leaders',
        window: { from: '2024-05-31', to: '2024-05-01' },
        analyst: 'ana',
      });
      expect(meeting.status).toBe(400);
      expect(meeting.json.error.field).toBe('window.to');
      expect(await eventCount()).toBe(before);
    },
  );

  it(
    'corrects only the day, or only the wording, of a claim: the withdrawal and the ' + 'new claim are both written',
    async () => {
      const quote = 'Moscow also demanded neutrality';
      const claim = {
        documentId,
        span: span(quote),
        side: 'russia',
        topic: 'nato_neutrality',
        stance: 'demand',
        analyst: 'bo',
        madeOn: '2024-03-30',
      };
      const first = await postJson(base, '/v1/claims', claim);
      expect(first.status).toBe(201);
      const redated = await postJson(base, '/v1/claims', {
        ...claim,
        madeOn: '2024-03-31',
        corrects: first.json.eventIds[0],
      });
      expect(redated.status).toBe(201);
      expect(redated.json.duplicate).toBe(false);
      expect(redated.json.eventIds).toHaveLength(2);
      const reworded = await postJson(base, '/v1/claims', {
        ...claim,
        madeOn: '2024-03-31',
        text: 'Russia demands that Ukraine stay neutral.',
        corrects: redated.json.eventIds[1],
      });
      expect(reworded.status).toBe(201);
      expect(reworded.json.eventIds).toHaveLength(2);
      const stored = await env.tdb.handle.db
        .selectFrom('events')
        .select(['event_type', 'data'])
        .where('event_id', 'in', [...redated.json.eventIds, ...reworded.json.eventIds])
        .execute();
      expect(
        stored
          .filter((e) => e.event_type === 'EventWithdrawn')
          .map((e) => e.data.eventId)
          .sort(),
      ).toEqual([first.json.eventIds[0], redated.json.eventIds[1]].sort());
      // A "correction" that changes nothing is refused rather than silently dropped.
      const same = await postJson(base, '/v1/claims', {
        ...claim,
        madeOn: '2024-03-31',
        text: 'Russia demands that Ukraine stay neutral.',
        corrects: reworded.json.eventIds[1],
      });
      expect(same.status).toBe(422);
      expect(same.json.error.field).toBe('corrects');
    },
  );

  it('adds meetings and agreements by hand', async () => {
    const quote = 'talks could resume';
    const t2 = `${short} He added that talks could resume in Istanbul; both sides agreed to swap 1,000 prisoners.`;
    const doc = (await postJson(base, '/v1/articles', { text: t2, publishedAt: '2024-04-02' })).json.documentId;
    const at = (q: string) => ({ start: t2.indexOf(q), end: t2.indexOf(q) + q.length });
    const meeting = await postJson(base, '/v1/meetings', {
      documentId: doc,
      span: at(quote),
      proposerSide: 'russia',
      participants: ['russia', 'ukraine'],
      level: 'delegations',
      location: 'Istanbul',
      analyst: 'ana',
    });
    expect(meeting.status).toBe(201);
    const agreement = await postJson(base, '/v1/agreements', {
      documentId: doc,
      span: at('both sides agreed to swap 1,000 prisoners'),
      parties: ['russia', 'ukraine'],
      topic: 'prisoner_exchange',
      terms: 'swap 1,000 prisoners',
      quantities: [{ value: 1000, unit: 'prisoners', per: null }],
      analyst: 'ana',
    });
    expect(agreement.status).toBe(201);
    const bad = await postJson(base, '/v1/agreements', {
      documentId: doc,
      span: at('both sides'),
      parties: ['russia'],
      topic: 'prisoner_exchange',
      terms: 'x',
      analyst: 'ana',
    });
    expect(bad.status).toBe(400);
    expect(bad.json.error.field).toBe('parties');
  });
});
