import { type Database, SEARCH_DOCUMENTS, type SearchableTable } from '@claims/db';
import type { FactEventType } from '@claims/events';
import { type Expression, type Kysely, type SqlBool, sql } from 'kysely';
import { annotationsOf } from './annotations.ts';
import { decodeCursor, page } from './cursor.ts';

export interface SearchQuery {
  q?: string | undefined;
  side?: string | undefined;
  actor?: string | undefined;
  topic?: string | undefined;
  stance?: string | undefined;
  type?: FactEventType | undefined;
  from?: string | undefined;
  to?: string | undefined;
  limit: number;
  cursor?: string | undefined;
}

export interface SearchHit {
  type: FactEventType;
  factId: string;
  day: string;
  side: string | null;
  topic: string | null;
  stance: string | null;
  speaker: string | null;
  quote: string;
  /** The quote with the words that matched between « and », or the quote itself without `q`. */
  snippet: string;
  documentId: string;
  title: string | null;
  sources: number;
}

/** The search expression of a table, as its GIN index was built (a query must repeat it exactly to use the index). */
const documentOf = (table: SearchableTable) => sql.raw(SEARCH_DOCUMENTS[table]);
/** websearch_to_tsquery reads what people type ("ceasefire -energy", "\"grain deal\"") and never fails on syntax. */
const tsquery = (q: string) => sql`websearch_to_tsquery('english'::regconfig, ${q})`;

/**
 * Full-text search over claims, meetings and agreements (their quotes and wording) and the
 * articles they came from, with filters, in valid-time order a page at a time. Any filter works
 * alone, without `q`. A meeting's side is its proposer's or a participant's; an agreement's, a
 * party's; its actor the proposer or reporter. Raw SQL only for what kysely has no builder for:
 * the tsquery, the `@@` match on an index expression, and ts_headline.
 */
export async function searchFacts(
  db: Kysely<Database>,
  query: SearchQuery,
): Promise<{ items: SearchHit[]; nextCursor: string | null }> {
  const after = decodeCursor(query.cursor);
  const { q, side, actor, topic, stance, type, from, to } = query;
  const wants = (t: FactEventType) =>
    (!type || type === t) && (!stance || t === 'ClaimMade') && (!topic || t !== 'MeetingProposed');
  // Each match is a subquery on its own GIN index, computed once (a hashed subplan), rather than a
  // to_tsvector per row that an OR of two matches would make PostgreSQL compute.
  const inMatchingArticle = (documentId: Expression<string>): Expression<SqlBool> =>
    sql<SqlBool>`${documentId} in (select document_id from sources where ${documentOf('sources')} @@ ${tsquery(q!)})`;
  const matching = (table: 'claims' | 'meetings' | 'agreements', id: Expression<string>): Expression<SqlBool> =>
    sql<SqlBool>`${id} in (select event_id from ${sql.table(table)} where ${documentOf(table)} @@ ${tsquery(q!)})`;
  const snippet = (quote: Expression<string>) =>
    q
      ? sql<string>`ts_headline('english'::regconfig, ${quote}, ${tsquery(q)}, 'StartSel=«, StopSel=», HighlightAll=true')`
      : sql<string>`${quote}`;

  // The three selects give the same columns; typed as one so that kysely can union them.
  type Part = ReturnType<typeof claimsPart>;
  const claimsPart = () =>
    db
      .selectFrom('claims')
      .select((eb) => [
        sql<FactEventType>`'ClaimMade'`.as('type'),
        'event_id as factId',
        'valid_on as day',
        eb.ref('side').$castTo<string | null>().as('side'),
        eb.ref('topic').$castTo<string | null>().as('topic'),
        eb.ref('stance').$castTo<string | null>().as('stance'),
        'speaker',
        'quote',
        'document_id as documentId',
        'title',
        'global_position',
      ])
      .where('withdrawn_at', 'is', null);
  const parts: Part[] = [];
  if (wants('ClaimMade')) {
    let s = claimsPart();
    if (side) s = s.where('side', '=', side);
    if (actor) s = s.where('speaker', '=', actor);
    if (topic) s = s.where('topic', '=', topic);
    if (stance) s = s.where('stance', '=', stance);
    if (q)
      s = s.where((eb) =>
        eb.or([matching('claims', eb.ref('claims.event_id')), inMatchingArticle(eb.ref('claims.document_id'))]),
      );
    parts.push(s);
  }
  if (wants('MeetingProposed')) {
    let s = db
      .selectFrom('meetings')
      .leftJoin('sources', 'sources.document_id', 'meetings.document_id')
      .select((eb) => [
        sql<FactEventType>`'MeetingProposed'`.as('type'),
        'meetings.event_id as factId',
        'meetings.valid_on as day',
        eb.ref('meetings.proposer_side').$castTo<string | null>().as('side'),
        sql<string | null>`null::text`.as('topic'),
        sql<string | null>`null::text`.as('stance'),
        'meetings.proposer as speaker',
        'meetings.quote',
        'meetings.document_id as documentId',
        'sources.title',
        'meetings.global_position',
      ])
      .where('meetings.withdrawn_at', 'is', null);
    if (side)
      s = s.where((eb) =>
        eb.or([eb('meetings.proposer_side', '=', side), eb(eb.val(side), '=', eb.fn.any('meetings.participants'))]),
      );
    if (actor) s = s.where('meetings.proposer', '=', actor);
    if (q)
      s = s.where((eb) =>
        eb.or([matching('meetings', eb.ref('meetings.event_id')), inMatchingArticle(eb.ref('meetings.document_id'))]),
      );
    parts.push(s as unknown as Part);
  }
  if (wants('AgreementReported')) {
    let s = db
      .selectFrom('agreements')
      .leftJoin('sources', 'sources.document_id', 'agreements.document_id')
      .select((eb) => [
        sql<FactEventType>`'AgreementReported'`.as('type'),
        'agreements.event_id as factId',
        'agreements.valid_on as day',
        sql<string | null>`null::text`.as('side'),
        eb.ref('agreements.topic').$castTo<string | null>().as('topic'),
        sql<string | null>`null::text`.as('stance'),
        'agreements.reported_by as speaker',
        'agreements.quote',
        'agreements.document_id as documentId',
        'sources.title',
        'agreements.global_position',
      ])
      .where('agreements.withdrawn_at', 'is', null);
    if (side) s = s.where((eb) => eb(eb.val(side), '=', eb.fn.any('agreements.parties')));
    if (actor) s = s.where('agreements.reported_by', '=', actor);
    if (topic) s = s.where('agreements.topic', '=', topic);
    if (q)
      s = s.where((eb) =>
        eb.or([
          matching('agreements', eb.ref('agreements.event_id')),
          inMatchingArticle(eb.ref('agreements.document_id')),
        ]),
      );
    parts.push(s as unknown as Part);
  }
  if (parts.length === 0) return { items: [], nextCursor: null };
  const [first, ...rest] = parts;
  const union = rest.reduce((acc, p) => acc.unionAll(p as never), first!);

  let sel = db.selectFrom(union.as('f')).selectAll();
  if (from) sel = sel.where('f.day', '>=', from);
  if (to) sel = sel.where('f.day', '<=', to);
  if (after)
    sel = sel.where((eb) => eb(eb.refTuple('f.day', 'f.global_position'), '>', eb.tuple(after.day, after.position)));
  const pageRows = sel
    .orderBy('f.day')
    .orderBy('f.global_position')
    .limit(query.limit + 1);
  // The snippet is made for the page's rows only, after the limit: ts_headline reads the whole quote.
  const rows = await db
    .selectFrom(pageRows.as('p'))
    .selectAll()
    .select((eb) => snippet(eb.ref('p.quote')).as('snippet'))
    .orderBy('p.day')
    .orderBy('p.global_position')
    .execute();
  const { items, nextCursor } = page(rows, query.limit, (r) => ({ day: r.day, position: String(r.global_position) }));
  const annotations = await annotationsOf(
    db,
    items.map((r) => r.factId),
  );
  return {
    items: items.map(({ global_position: _, ...r }) => ({ ...r, sources: annotations.get(r.factId)?.sources ?? 1 })),
    nextCursor,
  };
}
