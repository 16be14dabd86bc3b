import {
  articleStream,
  currentVersion,
  type DomainEvent,
  deterministicUuid,
  documentIdOf,
  STANCES,
} from '@claims/events';
import type { NewEvent } from '@claims/eventstore';

const SIDES = [
  'russia',
  'ukraine',
  'united_states',
  'turkey',
  'france',
  'germany',
  'european_union',
  'nato',
  'united_kingdom',
];
const TOPICS = [
  'ceasefire',
  'prisoner_exchange',
  'remains_repatriation',
  'leaders_meeting',
  'negotiations',
  'territory',
  'nato_neutrality',
  'sanctions',
];
const SPEAKERS: Record<string, string> = {
  russia: 'peskov',
  ukraine: 'zelensky',
  united_states: 'trump',
  turkey: 'erdogan',
  france: 'macron',
  germany: 'merkel',
};

/** A small deterministic pseudo-random generator (mulberry32), so every run makes the same corpus. */
function random(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const day = (base: number, offset: number) => new Date(base + offset * 86_400_000).toISOString().slice(0, 10);

/**
 * A deterministic synthetic corpus: articles, each registered with `claimsPerArticle`
 * claims about random sides, topics and stances, mostly in date order with some
 * articles arriving late about earlier days, from 2014 on, `articlesPerDay` (default 3) a day.
 * Yields one append (stream, events) per article.
 */
export function* syntheticArticles(options: {
  articles: number;
  claimsPerArticle?: number;
  seed?: number;
  articlesPerDay?: number;
}): Generator<{ stream: string; events: NewEvent[] }> {
  const rnd = random(options.seed ?? 42);
  const perArticle = options.claimsPerArticle ?? 9;
  const start = Date.UTC(2014, 0, 1);
  for (let i = 0; i < options.articles; i++) {
    // Every tenth article is about a day up to a year before its neighbours: a late arrival.
    const offset = Math.floor(i / (options.articlesPerDay ?? 3)) - (i % 10 === 9 ? Math.floor(rnd() * 365) : 0);
    const publishedAt = day(start, Math.max(0, offset));
    const sentences = Array.from(
      { length: perArticle },
      (_, k) =>
        `Statement ${k} of article ${i}: the side said it ${['wants', 'offers', 'rejects'][k % 3]} ` +
        `terms ${Math.floor(rnd() * 1e6)}.`,
    );
    const text = sentences.join(' ');
    const documentId = documentIdOf(text);
    const source = {
      documentId,
      url: `https://synthetic.example/${i}`,
      publisher: 'Synthetic',
      publishedAt,
      title: `Article ${i}`,
    };
    const facts: DomainEvent[] = [
      {
        type: 'ArticleRegistered',
        data: { documentId, text, url: source.url, publisher: source.publisher, title: source.title, publishedAt },
      },
    ];
    let at = 0;
    for (const s of sentences) {
      const side = SIDES[Math.floor(rnd() * SIDES.length)]!;
      facts.push({
        type: 'ClaimMade',
        data: {
          source,
          quote: s,
          span: { start: at, end: at + s.length },
          extractor: { name: 'synthetic', version: '1' },
          confidence: 0.9,
          speaker: rnd() < 0.7 ? (SPEAKERS[side] ?? null) : null,
          side,
          topic: TOPICS[Math.floor(rnd() * TOPICS.length)]!,
          stance: STANCES[Math.floor(rnd() * STANCES.length)]!,
          text: s,
          madeOn: rnd() < 0.5 ? publishedAt : null,
        },
      });
      at += s.length + 1;
    }
    yield {
      stream: articleStream(documentId),
      events: facts.map((f, k) => ({
        id: deterministicUuid('synthetic', `${options.seed ?? 42}/${i}/${k}`),
        type: f.type,
        data: f.data as Record<string, unknown>,
        metadata: {
          schemaVersion: currentVersion(f.type),
          correlationId: `synthetic-${i}`,
          causationId: null,
          actor: 'synthetic',
        },
      })),
    };
  }
}
