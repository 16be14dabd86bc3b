import { randomUUID } from 'node:crypto';
import {
  type ArticleRegisteredData,
  articleStream,
  type ClaimMadeData,
  type DomainEvent,
  type EventData,
  type FactEventType,
  factDefinitionOf,
  isFactEventType,
  type WithdrawableEventType,
} from '@claims/events';
import {
  type EventStore,
  type NewEvent,
  positionToString,
  type RecordedEvent,
  WrongExpectedRevisionError,
} from '@claims/eventstore';
import { HttpError } from '@claims/http';
import { toStoredEvent, type WriteContext } from './write.ts';

type Provenanced = 'source' | 'quote' | 'span' | 'extractor' | 'confidence';

/**
 * The fields of a fact an analyst enters by hand (the provenance comes from the article); a claim's text defaults to
 * the quote.
 */
export type AnalystFact = {
  [T in FactEventType]: T extends 'ClaimMade'
    ? { type: T; data: Omit<ClaimMadeData, Provenanced | 'text'> & { text?: string } }
    : { type: T; data: Omit<EventData<T>, Provenanced> };
}[FactEventType];

export interface AnalystEntry {
  documentId: string;
  span: { start: number; end: number };
  /** When given, must equal the article's text at the span. */
  quote?: string;
  /** Who enters it: becomes the extractor version, `{ name: "analyst", version: analyst }`. */
  analyst: string;
  /** An event this entry replaces: it is withdrawn in the same append. */
  corrects?: string;
  fact: AnalystFact;
}

export interface WriteResult {
  documentId: string;
  stream: string;
  eventIds: string[];
  duplicate: boolean;
  position: string;
}

/** The article's stream, read whole, with its registration; 404 when no such article was registered. */
export async function readArticle(store: EventStore, documentId: string) {
  const stream = articleStream(documentId);
  const events = await store.readStream(stream);
  const registration = events.find((e) => e.type === 'ArticleRegistered');
  if (!registration) throw new HttpError(404, `no article is registered with documentId ${documentId}`, 'documentId');
  return { stream, events, article: registration.data as unknown as ArticleRegisteredData };
}

const withdrawnIds = (events: RecordedEvent[]) =>
  new Set(events.filter((e) => e.type === 'EventWithdrawn').map((e) => String(e.data.eventId)));

type Withdrawable = RecordedEvent & { type: WithdrawableEventType };

/**
 * The withdrawal of a stored fact: what it names comes from the fact's own type (types/<type>.ts).
 * A confirmation names no side, topic or speaker: withdrawing it only undoes the confirmation.
 */
function withdrawalOf(target: Withdrawable, documentId: string, reason: string, by: string): DomainEvent {
  const named =
    target.type === 'FactConfirmed'
      ? { side: null, topic: null, speaker: null }
      : factDefinitionOf(target.type).withdrawn(target.data);
  return {
    type: 'EventWithdrawn',
    data: { eventId: target.id, documentId, reason, by, withdrawn: { type: target.type, ...named } },
  };
}

export function findLiveFact(
  events: RecordedEvent[],
  eventId: string,
  field: string,
): RecordedEvent & { type: FactEventType } {
  const target = events.find(
    (e): e is RecordedEvent & { type: FactEventType } => e.id === eventId.toLowerCase() && isFactEventType(e.type),
  );
  if (!target) throw new HttpError(404, `no claim, meeting or agreement ${eventId} in this article`, field);
  if (withdrawnIds(events).has(target.id)) throw new HttpError(409, `event ${eventId} was already withdrawn`, field);
  return target;
}

/** A fact, or a confirmation of one (withdrawing it undoes the confirmation), not yet withdrawn. */
function findLiveWithdrawable(events: RecordedEvent[], eventId: string, field: string): Withdrawable {
  const confirmation = events.find(
    (e): e is Withdrawable => e.id === eventId.toLowerCase() && e.type === 'FactConfirmed',
  );
  if (!confirmation) return findLiveFact(events, eventId, field);
  if (withdrawnIds(events).has(confirmation.id))
    throw new HttpError(409, `confirmation ${eventId} was already withdrawn`, field);
  return confirmation;
}

/** The confirmations of one fact in its article's stream, and whether one of them still holds. */
export function confirmationsOf(events: RecordedEvent[], factId: string) {
  const all = events.filter((e) => e.type === 'FactConfirmed' && e.data.factId === factId);
  const withdrawn = withdrawnIds(events);
  return { count: all.length, live: all.find((e) => !withdrawn.has(e.id)) ?? null };
}

/** Appends at the revision we read, so two analysts acting at once cannot both withdraw the same event. */
export async function appendAfterRead(store: EventStore, stream: string, read: RecordedEvent[], events: NewEvent[]) {
  try {
    return await store.append(stream, events, { expectedRevision: read.at(-1)!.revision });
  } catch (err) {
    if (err instanceof WrongExpectedRevisionError) {
      throw new HttpError(409, 'the article changed while this was being written; read it again and retry', null);
    }
    throw err;
  }
}

/**
 * Adds a claim, meeting or agreement by hand to a registered article. The span must
 * point at the stored text exactly (a quote, when given, must equal it), else 422.
 * With `corrects`, the fact it replaces is withdrawn in the same append, even when
 * the corrected fact is one the article already holds.
 */
export async function addAnalystFact(
  store: EventStore,
  entry: AnalystEntry,
  context: WriteContext,
): Promise<WriteResult> {
  const { stream, events, article } = await readArticle(store, entry.documentId);
  const { start, end } = entry.span;
  if (end > article.text.length) {
    throw new HttpError(
      422,
      `span.end ${end} is past the end of the article (${article.text.length} characters)`,
      'span.end',
    );
  }
  const atSpan = article.text.slice(start, end);
  if (entry.quote !== undefined && entry.quote !== atSpan) {
    // The span is what points into the article: when its text is not the quote, the span is stale (or wrong).
    throw new HttpError(
      422,
      `span ${start}-${end} does not hold the quote in the stored article (a stale span?): the ` +
        `text there is ${JSON.stringify(atSpan.slice(0, 200))}`,
      'span',
    );
  }
  const source = {
    documentId: entry.documentId,
    url: article.url,
    publisher: article.publisher,
    publishedAt: article.publishedAt,
    title: article.title,
  };
  // An analyst's fact is certain as far as the tracker can tell: confidence 1.
  const provenance = {
    source,
    quote: atSpan,
    span: { start, end },
    extractor: { name: 'analyst', version: entry.analyst },
    confidence: 1,
  };
  const fact = (
    entry.fact.type === 'ClaimMade'
      ? { type: 'ClaimMade', data: { ...entry.fact.data, text: entry.fact.data.text ?? atSpan, ...provenance } }
      : { type: entry.fact.type, data: { ...entry.fact.data, ...provenance } }
  ) as DomainEvent;

  const ctx = { actor: context.actor ?? entry.analyst, correlationId: context.correlationId ?? randomUUID() };
  const withdrawal = entry.corrects
    ? toStoredEvent(
        entry.documentId,
        withdrawalOf(
          findLiveFact(events, entry.corrects, 'corrects'),
          entry.documentId,
          `corrected by ${entry.analyst}`,
          entry.analyst,
        ),
        ctx,
        null,
      )
    : null;
  const added = toStoredEvent(entry.documentId, fact, ctx, withdrawal?.id ?? null);
  if (withdrawal && added.id === entry.corrects?.toLowerCase()) {
    throw new HttpError(
      422,
      `the correction is the same as event ${entry.corrects}: change a field, or withdraw it instead`,
      'corrects',
    );
  }
  const stored = events.some((e) => e.id === added.id);
  const toWrite = [...(withdrawal ? [withdrawal] : []), ...(stored ? [] : [added])];
  if (toWrite.length === 0) {
    return {
      documentId: entry.documentId,
      stream,
      eventIds: [added.id],
      duplicate: true,
      position: positionToString(events.at(-1)!.position),
    };
  }
  const result = await appendAfterRead(store, stream, events, toWrite);
  return {
    documentId: entry.documentId,
    stream,
    eventIds: [...(withdrawal ? [withdrawal.id] : []), added.id],
    duplicate: result.appended === 0,
    position: positionToString(result.position),
  };
}

/** Withdraws an extracted or entered fact that is wrong: an event in the history, never a delete. */
export async function withdrawFact(
  store: EventStore,
  request: { documentId: string; eventId: string; reason: string; analyst: string },
  context: WriteContext,
): Promise<WriteResult> {
  const { stream, events } = await readArticle(store, request.documentId);
  const target = findLiveWithdrawable(events, request.eventId, 'eventId');
  const ctx = { actor: context.actor ?? request.analyst, correlationId: context.correlationId ?? randomUUID() };
  const withdrawal = toStoredEvent(
    request.documentId,
    withdrawalOf(target, request.documentId, request.reason, request.analyst),
    ctx,
    target.id,
  );
  const result = await appendAfterRead(store, stream, events, [withdrawal]);
  return {
    documentId: request.documentId,
    stream,
    eventIds: [withdrawal.id],
    duplicate: false,
    position: positionToString(result.position),
  };
}
