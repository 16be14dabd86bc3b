import type { Database } from '@claims/db';
import { documentIdOf } from '@claims/events';
import { type EventStore, positionToString } from '@claims/eventstore';
import type { Kysely } from 'kysely';
import { annotate } from './annotations.ts';
import { claimById, sourceById, toClaim } from './queries.ts';
import type { Provenance } from './schemas.ts';

const iso = (d: Date | string): string => (d instanceof Date ? d.toISOString() : new Date(d).toISOString());

/** The paragraph (blank-line separated, as the extractor normalises articles) around a span. */
export function paragraphAround(
  text: string,
  start: number,
  end: number,
): { text: string; start: number; end: number } | null {
  if (start < 0 || end > text.length || end <= start) return null;
  const before = text.lastIndexOf('\n\n', start);
  const pStart = before < 0 ? 0 : before + 2;
  const after = text.indexOf('\n\n', end);
  const pEnd = after < 0 ? text.length : after;
  return { text: text.slice(pStart, pEnd), start: pStart, end: pEnd };
}

/**
 * Where a claim came from: its event, its article, the quote in context, what
 * extracted it, what withdrew or corrected it since, and whether the stored text
 * still proves it (the text hashes to the content hash, the span holds the quote).
 * Withdrawals and corrections are read from the article's stream in the store.
 */
export async function claimProvenance(db: Kysely<Database>, store: EventStore, id: string): Promise<Provenance | null> {
  const row = await claimById(db, id);
  if (!row) return null;
  const source = await sourceById(db, row.document_id);
  const stream = await store.readStream(row.stream_id);
  const withdrawal = stream.find((e) => e.type === 'EventWithdrawn' && e.data.eventId === row.event_id) ?? null;
  const corrections = withdrawal
    ? stream.filter((e) => e.metadata.causationId === withdrawal.id && e.type !== 'EventWithdrawn')
    : [];

  const confirmations = stream
    .filter((e) => e.type === 'FactConfirmed' && e.data.factId === row.event_id)
    .map((e) => {
      const undone = stream.find((w) => w.type === 'EventWithdrawn' && w.data.eventId === e.id);
      return {
        eventId: e.id,
        by: typeof e.data.by === 'string' ? e.data.by : null,
        at: e.recordedAt.toISOString(),
        note: typeof e.data.note === 'string' ? e.data.note : null,
        position: positionToString(e.position),
        withdrawn: undone
          ? {
              eventId: undone.id,
              at: undone.recordedAt.toISOString(),
              by: String(undone.data.by ?? ''),
              reason: String(undone.data.reason ?? ''),
            }
          : null,
      };
    });
  const claim = toClaim(row);
  const annotations = await annotate(db, [claim]);
  const groupId = annotations.get(row.event_id)?.groupId ?? null;

  const hashOk =
    source !== undefined && source.content_hash === row.document_id && documentIdOf(source.text) === row.document_id;
  const atSpan = source?.text.slice(row.span_start, row.span_end);
  const quoteOk = atSpan !== undefined && atSpan === row.quote;
  return {
    claim,
    event: {
      id: row.event_id,
      type: 'ClaimMade',
      stream: row.stream_id,
      revision: String(row.stream_revision),
      position: String(row.global_position),
      recordedAt: iso(row.recorded_at),
      correlationId: row.correlation_id,
      causationId: row.causation_id,
      writtenBy: row.written_by,
    },
    source: source
      ? {
          documentId: source.document_id,
          url: source.url,
          publisher: source.publisher,
          title: source.title,
          publishedAt: source.published_at,
          contentHash: source.content_hash,
          registeredAt: iso(source.recorded_at),
        }
      : null,
    quote: {
      text: row.quote,
      span: { start: row.span_start, end: row.span_end },
      paragraph: source ? paragraphAround(source.text, row.span_start, row.span_end) : null,
    },
    extractor: { name: row.extractor_name, version: row.extractor_version },
    withdrawal: withdrawal
      ? {
          eventId: withdrawal.id,
          at: withdrawal.recordedAt.toISOString(),
          position: positionToString(withdrawal.position),
          reason: String(withdrawal.data.reason ?? ''),
          by: String(withdrawal.data.by ?? ''),
        }
      : null,
    corrections: corrections.map((e) => ({
      eventId: e.id,
      type: e.type,
      recordedAt: e.recordedAt.toISOString(),
      position: positionToString(e.position),
    })),
    verified: hashOk && quoteOk,
    checks: { contentHash: hashOk, quoteAtSpan: quoteOk },
    confirmations,
    sources: groupId ? await sourcesOfGroup(db, groupId) : [],
  };
}

/**
 * Every article that carries a fact group's claim, in log order, each checked against its own
 * stored text (the text hashes to its document id, and the span holds that source's quote).
 */
async function sourcesOfGroup(db: Kysely<Database>, groupId: string): Promise<Provenance['sources']> {
  const rows = await db
    .selectFrom('fact_sources as fs')
    .innerJoin('claims as c', 'c.event_id', 'fs.fact_id')
    .leftJoin('sources as s', 's.document_id', 'c.document_id')
    .select([
      'c.event_id',
      'c.document_id',
      'c.quote',
      'c.span_start',
      'c.span_end',
      'c.withdrawn_at',
      'fs.copy_of',
      's.url',
      's.publisher',
      's.title',
      's.published_at',
      's.text',
    ])
    .where('fs.group_id', '=', groupId)
    .orderBy('fs.global_position')
    .execute();
  return rows.map((r) => ({
    factId: r.event_id,
    documentId: r.document_id,
    url: r.url,
    publisher: r.publisher,
    title: r.title,
    publishedAt: r.published_at,
    quote: r.quote,
    span: { start: r.span_start, end: r.span_end },
    verified:
      r.text !== null && documentIdOf(r.text) === r.document_id && r.text.slice(r.span_start, r.span_end) === r.quote,
    copyOf: r.copy_of,
    withdrawn: r.withdrawn_at !== null,
  }));
}

/**
 * The same provenance as W3C PROV-O in JSON-LD: the claim is an entity derived
 * from (and quoting) the article, generated by an extraction activity associated
 * with the extractor, a software agent; a withdrawal invalidates it.
 */
export function provenanceJsonLd(p: Provenance, baseUrl: string): Record<string, unknown> {
  const claimIri = `${baseUrl}/v1/claims/${p.claim.id}`;
  const docIri = `urn:claims:document:${p.claim.source.documentId}`;
  const quoteIri = `${claimIri}#quote`;
  const activityIri = `urn:claims:event:${p.event.id}`;
  const agentIri = `urn:claims:extractor:${encodeURIComponent(p.extractor.name)}:${encodeURIComponent(p.extractor.version)}`;
  const graph: Record<string, unknown>[] = [
    {
      '@id': claimIri,
      '@type': 'prov:Entity',
      'rdfs:label': p.claim.text,
      'claims:side': p.claim.side,
      'claims:topic': p.claim.topic,
      'claims:stance': p.claim.stance,
      ...(p.claim.speaker ? { 'claims:speaker': p.claim.speaker } : {}),
      ...(p.claim.madeOn ? { 'claims:madeOn': { '@value': p.claim.madeOn, '@type': 'xsd:date' } } : {}),
      'prov:wasDerivedFrom': { '@id': quoteIri },
      'prov:wasGeneratedBy': { '@id': activityIri },
      'prov:generatedAtTime': { '@value': p.event.recordedAt, '@type': 'xsd:dateTime' },
      'claims:verified': p.verified,
      ...(p.withdrawal ? { 'prov:wasInvalidatedBy': { '@id': `urn:claims:event:${p.withdrawal.eventId}` } } : {}),
    },
    {
      '@id': quoteIri,
      '@type': 'prov:Entity',
      'prov:value': p.quote.text,
      'prov:wasQuotedFrom': { '@id': docIri },
      'claims:spanStart': p.quote.span.start,
      'claims:spanEnd': p.quote.span.end,
    },
    {
      '@id': docIri,
      '@type': 'prov:Entity',
      ...(p.source?.title ? { 'dcterms:title': p.source.title } : {}),
      ...(p.source?.publisher ? { 'dcterms:publisher': p.source.publisher } : {}),
      ...(p.source?.publishedAt ? { 'dcterms:issued': { '@value': p.source.publishedAt, '@type': 'xsd:date' } } : {}),
      ...(p.source?.url ? { 'prov:atLocation': { '@id': p.source.url } } : {}),
      'claims:contentHash': p.claim.source.documentId,
    },
    {
      '@id': activityIri,
      '@type': 'prov:Activity',
      'rdfs:label':
        `ClaimMade event ${p.event.id} (stream ${p.event.stream}, revision ` +
        `${p.event.revision}, position ${p.event.position})`,
      'prov:used': { '@id': docIri },
      'prov:wasAssociatedWith': { '@id': agentIri },
      'prov:endedAtTime': { '@value': p.event.recordedAt, '@type': 'xsd:dateTime' },
      ...(p.event.correlationId ? { 'claims:correlationId': p.event.correlationId } : {}),
      ...(p.event.causationId ? { 'claims:causationId': p.event.causationId } : {}),
    },
    {
      '@id': agentIri,
      '@type': ['prov:Agent', 'prov:SoftwareAgent'],
      'rdfs:label': `${p.extractor.name} ${p.extractor.version}`,
    },
  ];
  if (p.withdrawal) {
    graph.push({
      '@id': `urn:claims:event:${p.withdrawal.eventId}`,
      '@type': 'prov:Activity',
      'rdfs:label': `withdrawn by ${p.withdrawal.by}: ${p.withdrawal.reason}`,
      'prov:endedAtTime': { '@value': p.withdrawal.at, '@type': 'xsd:dateTime' },
    });
  }
  // An analyst's confirmation: an activity that used the claim, associated with the person whose token signed it.
  for (const c of p.confirmations) {
    const who = c.by ? `urn:claims:analyst:${encodeURIComponent(c.by)}` : null;
    graph.push({
      '@id': `urn:claims:event:${c.eventId}`,
      '@type': 'prov:Activity',
      'rdfs:label': `confirmed by ${c.by ?? 'an analyst'}${c.withdrawn ? ` (undone by ${c.withdrawn.by})` : ''}`,
      'prov:used': { '@id': claimIri },
      'prov:endedAtTime': { '@value': c.at, '@type': 'xsd:dateTime' },
      ...(who ? { 'prov:wasAssociatedWith': { '@id': who } } : {}),
      ...(c.withdrawn ? { 'prov:wasInvalidatedBy': { '@id': `urn:claims:event:${c.withdrawn.eventId}` } } : {}),
    });
    if (who) graph.push({ '@id': who, '@type': ['prov:Agent', 'prov:Person'], 'rdfs:label': c.by });
  }
  // Every other article that carries the same fact: the claim was also quoted from each.
  for (const s of p.sources) {
    if (s.factId === p.claim.id) continue;
    graph.push({
      '@id': `urn:claims:document:${s.documentId}`,
      '@type': 'prov:Entity',
      ...(s.url ? { 'prov:atLocation': { '@id': s.url } } : {}),
      ...(s.copyOf ? { 'prov:wasDerivedFrom': { '@id': `urn:claims:document:${s.copyOf}` } } : {}),
      'claims:corroborates': { '@id': claimIri },
    });
  }
  for (const c of p.corrections) {
    graph.push({
      '@id': `${baseUrl}/v1/claims/${c.eventId}`,
      '@type': 'prov:Entity',
      'prov:wasRevisionOf': { '@id': claimIri },
    });
  }
  return {
    '@context': {
      prov: 'http://www.w3.org/ns/prov#',
      xsd: 'http://www.w3.org/2001/XMLSchema#',
      rdfs: 'http://www.w3.org/2000/01/rdf-schema#',
      dcterms: 'http://purl.org/dc/terms/',
      claims: `${baseUrl}/ns#`,
    },
    '@graph': graph,
  };
}
