import type { AgreementsTable, Database, MeetingsTable } from '@claims/db';
import { type Kysely, type Selectable, sql } from 'kysely';
import { annotate, annotationsOf, NO_ANNOTATION } from './annotations.ts';
import { decodeCursor, page } from './cursor.ts';
import type { Claim, Position } from './schemas.ts';

type Db = Kysely<Database>;
type ClaimRow = Selectable<Database['claims']>;

const iso = (d: Date | string): string => (d instanceof Date ? d.toISOString() : new Date(d).toISOString());

export function toClaim(r: ClaimRow): Claim {
  return {
    id: r.event_id,
    side: r.side,
    topic: r.topic,
    stance: r.stance,
    speaker: r.speaker,
    text: r.text,
    quote: r.quote,
    span: { start: r.span_start, end: r.span_end },
    madeOn: r.made_on,
    validOn: r.valid_on,
    source: {
      documentId: r.document_id,
      url: r.url,
      publisher: r.publisher,
      title: r.title,
      publishedAt: r.published_at,
    },
    extractor: { name: r.extractor_name, version: r.extractor_version },
    recordedAt: iso(r.recorded_at),
    position: String(r.global_position),
    withdrawn: r.withdrawn_at ? { at: iso(r.withdrawn_at), reason: r.withdrawn_reason, by: r.withdrawn_by } : null,
    // Filled in by `annotate` (annotations.ts) from the corroboration read model.
    groupId: r.event_id,
    sources: NO_ANNOTATION.sources,
    confidence: NO_ANNOTATION.confidence,
    confirmed: NO_ANNOTATION.confirmed,
  };
}

/** Each position with the number of sources of the claim that set it. */
async function withSources(db: Db, positions: Omit<Position, 'sources'>[]): Promise<Position[]> {
  const found = await annotationsOf(
    db,
    positions.map((p) => p.claimId),
  );
  return positions.map((p) => ({ ...p, sources: found.get(p.claimId)?.sources ?? 1 }));
}

/** The first instant after `day` (UTC): "what the tracker knew on day D" is what it recorded before D+1. */
const endOfDay = (day: string): Date => new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000);

export interface PositionsQuery {
  side?: string;
  topic?: string;
  asOf?: string;
  clock: 'valid' | 'record';
  /** Every (side, topic) pair that can hold a position: the profile's sides times its topics. */
  pairs: readonly { side: string; topic: string }[];
}

/**
 * Each side's position per topic. Without `asOf`: the `positions` table. Valid
 * clock: the `position_history` interval [valid_from, valid_to) that holds the day
 * (one indexed query). Record clock: per side and topic, the latest claim by valid
 * time among those recorded before the day ended and not withdrawn by then.
 */
export async function positionsAsOf(db: Db, q: PositionsQuery): Promise<Position[]> {
  return withSources(db, await positionRows(db, q));
}

async function positionRows(db: Db, q: PositionsQuery): Promise<Omit<Position, 'sources'>[]> {
  if (!q.asOf) {
    let sel = db.selectFrom('positions').selectAll();
    if (q.side) sel = sel.where('side', '=', q.side);
    if (q.topic) sel = sel.where('topic', '=', q.topic);
    const rows = await sel.orderBy('side').orderBy('topic').execute();
    return rows.map((r) => ({
      side: r.side,
      topic: r.topic,
      stance: r.stance,
      since: r.since,
      claimId: r.claim_id,
      speaker: r.speaker,
      text: r.text,
      quote: r.quote,
      documentId: r.document_id,
    }));
  }
  const day = q.asOf;
  if (q.clock === 'valid') {
    let sel = db
      .selectFrom('position_history')
      .selectAll()
      .where('valid_from', '<=', day)
      .where((eb) => eb.or([eb('valid_to', 'is', null), eb('valid_to', '>', day)]));
    if (q.side) sel = sel.where('side', '=', q.side);
    if (q.topic) sel = sel.where('topic', '=', q.topic);
    const rows = await sel.orderBy('side').orderBy('topic').execute();
    return rows.map((r) => ({
      side: r.side,
      topic: r.topic,
      stance: r.stance,
      since: r.valid_from,
      claimId: r.claim_id,
      speaker: r.speaker,
      text: r.text,
      quote: r.quote,
      documentId: r.document_id,
    }));
  }
  // Record clock: per (side, topic) pair, the latest claim known by the end of the day. A lateral
  // LIMIT 1 per pair probes the (side, topic, valid_on) index instead of sorting every claim.
  const end = endOfDay(day);
  const pairs = q.pairs.filter((p) => (!q.side || p.side === q.side) && (!q.topic || p.topic === q.topic));
  if (pairs.length === 0) return [];
  const rows = await db
    .selectFrom(
      // unnest of two arrays gives the pairs as a table; kysely has no VALUES list builder.
      sql<{
        side: string;
        topic: string;
      }>`(select * from unnest(${pairs.map((p) => p.side)}::text[], ${pairs.map((p) => p.topic)}::text[]) as u(side, topic))`.as(
        'p',
      ),
    )
    .innerJoinLateral(
      (eb) =>
        eb
          .selectFrom('claims')
          .selectAll('claims')
          .whereRef('claims.side', '=', 'p.side')
          .whereRef('claims.topic', '=', 'p.topic')
          .where('claims.recorded_at', '<', end)
          .where((w) => w.or([w('claims.withdrawn_at', 'is', null), w('claims.withdrawn_at', '>=', end)]))
          .orderBy('claims.valid_on', 'desc')
          .orderBy('claims.global_position', 'desc')
          .limit(1)
          .as('c'),
      (join) => join.onTrue(),
    )
    .selectAll('c')
    .orderBy('c.side')
    .orderBy('c.topic')
    .execute();
  return rows.map((r) => ({
    side: r.side,
    topic: r.topic,
    stance: r.stance,
    since: r.valid_on,
    claimId: r.event_id,
    speaker: r.speaker,
    text: r.text,
    quote: r.quote,
    documentId: r.document_id,
  }));
}

export interface ClaimsQuery {
  side?: string;
  topic?: string;
  stance?: string;
  speaker?: string;
  /** The same as speaker (search's and export's name for it). */
  actor?: string;
  from?: string;
  to?: string;
  q?: string;
  includeWithdrawn: 'true' | 'false';
  limit: number;
  cursor?: string;
}

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

/** The rows listClaims answers, filtered (no cursor, no order): what a page of it and a count of it read. */
export function filteredClaims(db: Db, q: Omit<ClaimsQuery, 'limit' | 'cursor'>) {
  let sel = db.selectFrom('claims').selectAll();
  if (q.side) sel = sel.where('side', '=', q.side);
  if (q.topic) sel = sel.where('topic', '=', q.topic);
  if (q.stance) sel = sel.where('stance', '=', q.stance);
  const speaker = q.speaker ?? q.actor;
  if (speaker) sel = sel.where('speaker', '=', speaker);
  if (q.from) sel = sel.where('valid_on', '>=', q.from);
  if (q.to) sel = sel.where('valid_on', '<=', q.to);
  if (q.includeWithdrawn !== 'true') sel = sel.where('withdrawn_at', 'is', null);
  if (q.q) {
    const like = `%${escapeLike(q.q)}%`;
    sel = sel.where((eb) => eb.or([eb('text', 'ilike', like), eb('quote', 'ilike', like)]));
  }
  return sel;
}

/** Claims in valid-time order (then log order), filtered, a page at a time. */
export async function listClaims(db: Db, q: ClaimsQuery) {
  const after = decodeCursor(q.cursor);
  let sel = filteredClaims(db, q);
  if (after)
    sel = sel.where((eb) => eb(eb.refTuple('valid_on', 'global_position'), '>', eb.tuple(after.day, after.position)));
  const rows = await sel
    .orderBy('valid_on')
    .orderBy('global_position')
    .limit(q.limit + 1)
    .execute();
  const { items, nextCursor } = page(rows, q.limit, (r) => ({ day: r.valid_on, position: String(r.global_position) }));
  const claims = items.map(toClaim);
  await annotate(db, claims);
  return { items: claims, nextCursor };
}

/** Claims by id, annotated, withdrawn ones included (in no particular order). */
export async function claimsByIds(db: Db, ids: readonly string[]): Promise<Claim[]> {
  if (ids.length === 0) return [];
  const rows = await db
    .selectFrom('claims')
    .selectAll()
    .where('event_id', 'in', [...ids])
    .execute();
  const claims = rows.map(toClaim);
  await annotate(db, claims);
  return claims;
}

export async function claimById(db: Db, id: string): Promise<ClaimRow | undefined> {
  return db.selectFrom('claims').selectAll().where('event_id', '=', id).executeTakeFirst();
}

/** The rows listChanges answers, filtered (no cursor, no order): what a page of it and a count of it read. */
export function filteredChanges(db: Db, q: { side?: string; topic?: string; from?: string; to?: string }) {
  let sel = db.selectFrom('position_changes').selectAll();
  if (q.side) sel = sel.where('side', '=', q.side);
  if (q.topic) sel = sel.where('topic', '=', q.topic);
  if (q.from) sel = sel.where('changed_on', '>=', q.from);
  if (q.to) sel = sel.where('changed_on', '<=', q.to);
  return sel;
}

/** Position changes (a new stance after a different one), each with the claims on both sides of it. */
export async function listChanges(
  db: Db,
  q: { side?: string; topic?: string; from?: string; to?: string; limit: number; cursor?: string },
) {
  const after = decodeCursor(q.cursor);
  let sel = filteredChanges(db, q);
  if (after)
    sel = sel.where((eb) => eb(eb.refTuple('changed_on', 'global_position'), '>', eb.tuple(after.day, after.position)));
  const rows = await sel
    .orderBy('changed_on')
    .orderBy('global_position')
    .limit(q.limit + 1)
    .execute();
  const { items, nextCursor } = page(rows, q.limit, (r) => ({
    day: r.changed_on,
    position: String(r.global_position),
  }));
  const ids = items.flatMap((r) => [r.after_claim_id, r.before_claim_id]);
  const claims = ids.length ? await db.selectFrom('claims').selectAll().where('event_id', 'in', ids).execute() : [];
  const byId = new Map(claims.map((c) => [c.event_id, toClaim(c)]));
  const groups = await annotate(db, [...byId.values()]);
  const groupOf = (id: string) => groups.get(id)?.groupId ?? id;
  return {
    items: items.flatMap((r) => {
      const claim = byId.get(r.after_claim_id);
      const previousClaim = byId.get(r.before_claim_id);
      if (!claim || !previousClaim) return [];
      // Two reports of one statement (worded with other figures) are one fact, not a change of terms.
      if (groupOf(claim.id) === groupOf(previousClaim.id)) return [];
      return [
        {
          side: r.side,
          topic: r.topic,
          changedOn: r.changed_on,
          kind: r.kind,
          fromStance: r.from_stance,
          toStance: r.to_stance,
          claim,
          previousClaim,
        },
      ];
    }),
    nextCursor,
  };
}

/** One side's history in valid time: every standing claim, marked where its stance changed. */
export async function sideTimeline(db: Db, side: string, q: { topic?: string; from?: string; to?: string }) {
  let sel = db
    .selectFrom('position_history as h')
    .innerJoin('claims as c', 'c.event_id', 'h.claim_id')
    .leftJoin('position_changes as pc', 'pc.after_claim_id', 'h.claim_id')
    .selectAll('c')
    .select(['h.valid_from', 'pc.from_stance'])
    .where('h.side', '=', side);
  if (q.topic) sel = sel.where('h.topic', '=', q.topic);
  if (q.from) sel = sel.where('h.valid_from', '>=', q.from);
  if (q.to) sel = sel.where('h.valid_from', '<=', q.to);
  const rows = await sel.orderBy('h.valid_from').orderBy('h.global_position').limit(10_000).execute();
  const claims = rows.map(toClaim);
  const found = await annotate(db, claims);
  const seen = new Set<string>();
  const groups = new Set<string>();
  return rows.flatMap((r, i) => {
    // Each fact once: a copy or another report of a fact already on the timeline adds a source, not a point.
    const group = found.get(r.event_id)?.groupId;
    if (group && groups.has(group)) return [];
    if (group) groups.add(group);
    const first = !seen.has(r.topic);
    seen.add(r.topic);
    return [
      {
        topic: r.topic,
        validOn: r.valid_from,
        stance: r.stance,
        changed: first || r.from_stance !== null,
        fromStance: r.from_stance,
        claim: claims[i]!,
      },
    ];
  });
}

/** The fields meetings and agreements share: when, where in which article, by what, and any withdrawal. */
function factFields(r: Selectable<MeetingsTable> | Selectable<AgreementsTable>) {
  return {
    madeOn: r.made_on,
    validOn: r.valid_on,
    quote: r.quote,
    span: { start: r.span_start, end: r.span_end },
    documentId: r.document_id,
    extractor: { name: r.extractor_name, version: r.extractor_version },
    recordedAt: iso(r.recorded_at),
    position: String(r.global_position),
    withdrawn: r.withdrawn_at ? { at: iso(r.withdrawn_at), reason: r.withdrawn_reason, by: null } : null,
    groupId: r.event_id,
    sources: NO_ANNOTATION.sources,
    confidence: NO_ANNOTATION.confidence,
    confirmed: NO_ANNOTATION.confirmed,
  };
}

export const toMeeting = (r: Selectable<MeetingsTable>) => ({
  id: r.event_id,
  proposer: r.proposer,
  proposerSide: r.proposer_side,
  participants: r.participants,
  level: r.level,
  location: r.location,
  timeframe: r.timeframe,
  window: r.window_from && r.window_to ? { from: r.window_from, to: r.window_to } : null,
  ...factFields(r),
});

/** The rows listMeetings answers, filtered (no cursor, no order): what a page of it and a count of it read. */
export function filteredMeetings(
  db: Db,
  q: { side?: string; level?: string; from?: string; to?: string; includeWithdrawn: 'true' | 'false' },
) {
  let sel = db.selectFrom('meetings').selectAll();
  const side = q.side;
  if (side)
    sel = sel.where((eb) => eb.or([eb('proposer_side', '=', side), eb(eb.val(side), '=', eb.fn.any('participants'))]));
  if (q.level) sel = sel.where('level', '=', q.level);
  if (q.from) sel = sel.where('valid_on', '>=', q.from);
  if (q.to) sel = sel.where('valid_on', '<=', q.to);
  if (q.includeWithdrawn !== 'true') sel = sel.where('withdrawn_at', 'is', null);
  return sel;
}

export async function listMeetings(
  db: Db,
  q: {
    side?: string;
    level?: string;
    from?: string;
    to?: string;
    includeWithdrawn: 'true' | 'false';
    limit: number;
    cursor?: string;
  },
) {
  const after = decodeCursor(q.cursor);
  let sel = filteredMeetings(db, q);
  if (after)
    sel = sel.where((eb) => eb(eb.refTuple('valid_on', 'global_position'), '>', eb.tuple(after.day, after.position)));
  const rows = await sel
    .orderBy('valid_on')
    .orderBy('global_position')
    .limit(q.limit + 1)
    .execute();
  const { items, nextCursor } = page(rows, q.limit, (r) => ({ day: r.valid_on, position: String(r.global_position) }));
  const meetings = items.map(toMeeting);
  await annotate(db, meetings);
  return { items: meetings, nextCursor };
}

export const toAgreement = (r: Selectable<AgreementsTable>) => ({
  id: r.event_id,
  parties: r.parties,
  topic: r.topic,
  terms: r.terms,
  quantities: r.quantities.map((x) => ({ value: x.value, unit: x.unit, per: x.per ?? null })),
  reportedBy: r.reported_by,
  ...factFields(r),
});

/** The rows listAgreements answers, filtered (no cursor, no order): what a page of it and a count of it read. */
export function filteredAgreements(
  db: Db,
  q: { side?: string; topic?: string; from?: string; to?: string; includeWithdrawn: 'true' | 'false' },
) {
  let sel = db.selectFrom('agreements').selectAll();
  const side = q.side;
  if (side) sel = sel.where((eb) => eb(eb.val(side), '=', eb.fn.any('parties')));
  if (q.topic) sel = sel.where('topic', '=', q.topic);
  if (q.from) sel = sel.where('valid_on', '>=', q.from);
  if (q.to) sel = sel.where('valid_on', '<=', q.to);
  if (q.includeWithdrawn !== 'true') sel = sel.where('withdrawn_at', 'is', null);
  return sel;
}

export async function listAgreements(
  db: Db,
  q: {
    side?: string;
    topic?: string;
    from?: string;
    to?: string;
    includeWithdrawn: 'true' | 'false';
    limit: number;
    cursor?: string;
  },
) {
  const after = decodeCursor(q.cursor);
  let sel = filteredAgreements(db, q);
  if (after)
    sel = sel.where((eb) => eb(eb.refTuple('valid_on', 'global_position'), '>', eb.tuple(after.day, after.position)));
  const rows = await sel
    .orderBy('valid_on')
    .orderBy('global_position')
    .limit(q.limit + 1)
    .execute();
  const { items, nextCursor } = page(rows, q.limit, (r) => ({ day: r.valid_on, position: String(r.global_position) }));
  const agreements = items.map(toAgreement);
  await annotate(db, agreements);
  return { items: agreements, nextCursor };
}

/**
 * Claims per side and per topic (withdrawn ones left out), for /v1/sides and /v1/topics: each fact
 * once, however many articles carry it (its group in fact_sources; a claim not grouped yet counts alone).
 */
export async function claimCounts(db: Db, by: 'side' | 'topic'): Promise<Map<string, number>> {
  const rows = await db
    .selectFrom('claims')
    .leftJoin('fact_sources as fs', 'fs.fact_id', 'claims.event_id')
    .select((eb) => [
      `claims.${by}` as const,
      eb.fn.count<string>(eb.fn.coalesce('fs.group_id', 'claims.event_id')).distinct().as('n'),
    ])
    .where('claims.withdrawn_at', 'is', null)
    .groupBy(`claims.${by}`)
    .execute();
  return new Map(rows.map((r) => [r[by] as string, Number(r.n)]));
}

export async function actorStats(db: Db) {
  return db.selectFrom('actors').selectAll().execute();
}

export async function sourceById(db: Db, documentId: string) {
  return db.selectFrom('sources').selectAll().where('document_id', '=', documentId).executeTakeFirst();
}
