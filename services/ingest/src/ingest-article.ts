import { randomUUID } from 'node:crypto';
import { articleStream, type DomainEvent } from '@claims/events';
import { type EventStore, positionToString, WrongExpectedRevisionError } from '@claims/eventstore';
import { type ArticleInput, extractArticle } from '@claims/extract';
import { HttpError } from '@claims/http';
import type { Profile } from '@claims/profile';
import type { ArticleExtractor } from './extraction/pool.ts';
import { toStoredEvent, type WriteContext } from './write.ts';

export type { WriteContext };

export interface IngestResult {
  documentId: string;
  stream: string;
  /** True when this text was already registered: nothing was appended. */
  duplicate: boolean;
  /** The ids of the article's events, registration first. */
  eventIds: string[];
  /** How many events of each type the article holds. */
  counts: Record<string, number>;
  /** Global position of the last event (string form). */
  position: string | null;
  title: string | null;
  publishedAt: string | null;
}

const countTypes = (types: string[]) =>
  types.reduce<Record<string, number>>((acc, t) => {
    acc[t] = (acc[t] ?? 0) + 1;
    return acc;
  }, {});

/**
 * Registers an article and every fact extracted from it in one atomic append to
 * the article's stream. The stream must not exist yet: a second post of the same
 * normalised text (however concurrent) appends nothing and answers with the ids
 * already stored.
 */
export async function ingestArticle(
  store: EventStore,
  input: ArticleInput,
  options: { profile?: Profile; context: WriteContext; extractor?: ArticleExtractor },
): Promise<IngestResult> {
  // The service's extractor runs off this thread with a time budget (extraction/pool.ts); inline only where none is
  // given.
  const extracted = options.extractor
    ? await options.extractor.extract(input)
    : extractArticle(input, options.profile ? { profile: options.profile } : {});
  if (!extracted.text.trim())
    throw new HttpError(422, 'the article has no text left after removing page furniture', 'text');
  const { documentId, text, metadata } = extracted;
  const stream = articleStream(documentId);
  const ctx = { actor: options.context.actor, correlationId: options.context.correlationId ?? randomUUID() };

  const registered: DomainEvent = {
    type: 'ArticleRegistered',
    data: {
      documentId,
      text,
      url: metadata.url,
      publisher: metadata.publisher,
      title: metadata.title,
      publishedAt: metadata.publishedAt,
    },
  };
  const first = toStoredEvent(documentId, registered, ctx, null);
  const events = [first];
  const seen = new Set([first.id]);
  for (const fact of extracted.events) {
    const e = toStoredEvent(documentId, fact, ctx, first.id);
    // The same fact found twice in one article is one fact.
    if (!seen.has(e.id)) events.push(e);
    seen.add(e.id);
  }
  const base = { documentId, stream, title: metadata.title, publishedAt: metadata.publishedAt };
  try {
    const result = await store.append(stream, events, { expectedRevision: 'no_stream' });
    return {
      ...base,
      duplicate: result.appended === 0,
      eventIds: events.map((e) => e.id),
      counts: countTypes(events.map((e) => e.type)),
      position: positionToString(result.position),
    };
  } catch (err) {
    if (!(err instanceof WrongExpectedRevisionError)) throw err;
    // Already registered (perhaps by a concurrent post): answer with what is stored.
    const stored = await store.readStream(stream);
    return {
      ...base,
      duplicate: true,
      eventIds: stored.map((e) => e.id),
      counts: countTypes(stored.map((e) => e.type)),
      position: stored.length ? positionToString(stored.at(-1)!.position) : null,
    };
  }
}
