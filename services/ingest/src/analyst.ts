import { randomUUID } from 'node:crypto';
import {
  type AgreementReportedData,
  type ArticleRegisteredData,
  type ClaimMadeData,
  type DomainEvent,
  FACT_EVENT_TYPES,
  type FactEventType,
  type MeetingProposedData,
  articleStream,
} from '@claims/events';
import { type EventStore, type RecordedEvent, WrongExpectedRevisionError, positionToString } from '@claims/eventstore';
import { IngestError } from './errors.ts';
import { type WriteContext, toStoredEvent } from './ingest-article.ts';

type Provenanced = 'source' | 'quote' | 'span' | 'extractor';

/** A fact an analyst enters by hand: its fields, and where in a registered article it stands. */
export type AnalystFact =
  | { type: 'ClaimMade'; data: Omit<ClaimMadeData, Provenanced | 'text'> & { text?: string } }
  | { type: 'MeetingProposed'; data: Omit<MeetingProposedData, Provenanced> }
  | { type: 'AgreementReported'; data: Omit<AgreementReportedData, Provenanced> };

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
async function readArticle(store: EventStore, documentId: string) {
  const stream = articleStream(documentId);
  const events = await store.readStream(stream);
  const registration = events.find((e) => e.type === 'ArticleRegistered');
  if (!registration) throw new IngestError(404, `no article is registered with documentId ${documentId}`, 'documentId');
  return { stream, events, article: registration.data as unknown as ArticleRegisteredData };
}

const isFact = (e: RecordedEvent): boolean => (FACT_EVENT_TYPES as readonly string[]).includes(e.type);
const withdrawnIds = (events: RecordedEvent[]) =>
  new Set(events.filter((e) => e.type === 'EventWithdrawn').map((e) => String(e.data.eventId)));

function withdrawalOf(target: RecordedEvent, documentId: string, reason: string, by: string): DomainEvent {
  const d = target.data as Record<string, unknown>;
  const slug = (v: unknown) => (typeof v === 'string' ? v : null);
  return {
    type: 'EventWithdrawn',
    data: {
      eventId: target.id,
      documentId,
      reason,
      by,
      withdrawn: {
        type: target.type as FactEventType,
        side: slug(d.side ?? d.proposerSide),
        topic: slug(d.topic),
        speaker: slug(d.speaker ?? d.proposer ?? d.reportedBy),
      },
    },
  };
}

function findLiveFact(events: RecordedEvent[], eventId: string, field: string): RecordedEvent {
  const target = events.find((e) => e.id === eventId.toLowerCase() && isFact(e));
  if (!target) throw new IngestError(404, `no claim, meeting or agreement ${eventId} in this article`, field);
  if (withdrawnIds(events).has(target.id)) throw new IngestError(409, `event ${eventId} was already withdrawn`, field);
  return target;
}

/** Appends at the revision we read, so two analysts acting at once cannot both withdraw the same event. */
async function appendAfterRead(store: EventStore, stream: string, read: RecordedEvent[], events: ReturnType<typeof toStoredEvent>[]) {
  try {
    return await store.append(stream, events, { expectedRevision: read.at(-1)!.revision });
  } catch (err) {
    if (err instanceof WrongExpectedRevisionError) throw new IngestError(409, 'the article changed while this was being written; read it again and retry', null);
    throw err;
  }
}

/**
 * Adds a claim, meeting or agreement by hand to a registered article. The span must
 * point at the stored text exactly (a quote, when given, must equal it), else 422.
 */
export async function addAnalystFact(store: EventStore, entry: AnalystEntry, context: WriteContext): Promise<WriteResult> {
  const { stream, events, article } = await readArticle(store, entry.documentId);
  const { start, end } = entry.span;
  if (end > article.text.length) {
    throw new IngestError(422, `span.end ${end} is past the end of the article (${article.text.length} characters)`, 'span.end');
  }
  const atSpan = article.text.slice(start, end);
  if (entry.quote !== undefined && entry.quote !== atSpan) {
    throw new IngestError(422, `quote does not match the article at span ${start}-${end}: the text there is ${JSON.stringify(atSpan.slice(0, 200))}`, 'quote');
  }
  const source = { documentId: entry.documentId, url: article.url, publisher: article.publisher, publishedAt: article.publishedAt, title: article.title };
  const provenance = { source, quote: atSpan, span: { start, end }, extractor: { name: 'analyst', version: entry.analyst } };
  const fact = (
    entry.fact.type === 'ClaimMade'
      ? { type: 'ClaimMade', data: { ...entry.fact.data, text: entry.fact.data.text ?? atSpan, ...provenance } }
      : { type: entry.fact.type, data: { ...entry.fact.data, ...provenance } }
  ) as DomainEvent;

  const ctx = { actor: context.actor ?? entry.analyst, correlationId: context.correlationId ?? randomUUID() };
  const toWrite = [];
  if (entry.corrects) {
    const target = findLiveFact(events, entry.corrects, 'corrects');
    toWrite.push(toStoredEvent(entry.documentId, withdrawalOf(target, entry.documentId, `corrected by ${entry.analyst}`, entry.analyst), ctx, null));
  }
  const added = toStoredEvent(entry.documentId, fact, ctx, toWrite[0]?.id ?? null);
  toWrite.push(added);
  if (events.some((e) => e.id === added.id)) {
    return { documentId: entry.documentId, stream, eventIds: [added.id], duplicate: true, position: positionToString(events.at(-1)!.position) };
  }
  const result = await appendAfterRead(store, stream, events, toWrite);
  return { documentId: entry.documentId, stream, eventIds: toWrite.map((e) => e.id), duplicate: result.appended === 0, position: positionToString(result.position) };
}

/** Withdraws an extracted or entered fact that is wrong: an event in the history, never a delete. */
export async function withdrawFact(
  store: EventStore,
  request: { documentId: string; eventId: string; reason: string; analyst: string },
  context: WriteContext,
): Promise<WriteResult> {
  const { stream, events } = await readArticle(store, request.documentId);
  const target = findLiveFact(events, request.eventId, 'eventId');
  const ctx = { actor: context.actor ?? request.analyst, correlationId: context.correlationId ?? randomUUID() };
  const withdrawal = toStoredEvent(request.documentId, withdrawalOf(target, request.documentId, request.reason, request.analyst), ctx, target.id);
  const result = await appendAfterRead(store, stream, events, [withdrawal]);
  return { documentId: request.documentId, stream, eventIds: [withdrawal.id], duplicate: false, position: positionToString(result.position) };
}
