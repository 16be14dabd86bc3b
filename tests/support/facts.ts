import { randomUUID } from 'node:crypto';
import {
  articleStream,
  type ClaimMadeData,
  currentVersion,
  type DomainEvent,
  documentIdOf,
  type EventWithdrawnData,
} from '@claims/events';
import type { NewEvent } from '@claims/eventstore';

/** Builds valid events for tests: an article and claims whose quotes really are in its text. */
export function article(text: string, publishedAt: string | null = '2025-07-20') {
  const documentId = documentIdOf(text);
  const source = {
    documentId,
    url: `https://news.example/${documentId.slice(7, 15)}`,
    publisher: 'Example News',
    publishedAt,
    title: 'A story',
  };
  const registered: DomainEvent = {
    type: 'ArticleRegistered',
    data: { documentId, text, url: source.url, publisher: source.publisher, title: source.title, publishedAt },
  };
  const claim = (
    quote: string,
    fields: Partial<ClaimMadeData> & Pick<ClaimMadeData, 'side' | 'topic' | 'stance'>,
  ): DomainEvent => {
    const start = text.indexOf(quote);
    if (start < 0) throw new Error(`quote not in text: ${quote}`);
    return {
      type: 'ClaimMade',
      data: {
        source,
        quote,
        span: { start, end: start + quote.length },
        extractor: { name: 'test', version: '1' },
        confidence: 0.9,
        speaker: null,
        text: quote,
        madeOn: null,
        ...fields,
      },
    };
  };
  return { documentId, stream: articleStream(documentId), source, registered, claim };
}

export function withdrawal(
  eventId: string,
  documentId: string,
  withdrawn: EventWithdrawnData['withdrawn'],
): DomainEvent {
  return { type: 'EventWithdrawn', data: { eventId, documentId, reason: 'wrong speaker', by: 'analyst-1', withdrawn } };
}

/** A domain event as the store takes it, with a fresh id (or the one given). */
export function toNew(event: DomainEvent, id: string = randomUUID()): NewEvent {
  return {
    id,
    type: event.type,
    data: event.data as Record<string, unknown>,
    metadata: { schemaVersion: currentVersion(event.type), correlationId: 'test', causationId: null, actor: null },
  };
}
