import type { Database } from '@claims/db';
import { HttpError } from '@claims/http';
import type { Profile } from '@claims/profile';
import { type Kysely, sql } from 'kysely';
import { toAgreement, toClaim, toMeeting } from './queries.ts';
import type { Agreement, Claim, Meeting } from './schemas.ts';

export const REVIEW_REASONS = [
  'low_confidence',
  'before_term',
  'after_article',
  'no_speaker',
  'side_not_in_quote',
  'topic_not_in_quote',
  'moves_on_one_uncertain_claim',
] as const;
export type ReviewReasonCode = (typeof REVIEW_REASONS)[number];

/**
 * Below this confidence a fact is worth a person's look: about a quarter of the extractor's facts on the labelled dev
 * articles (0.13 to 0.99).
 */
export const DEFAULT_REVIEW_THRESHOLD = 0.6;
/**
 * The most facts of each type one review reads, the newest: the queue is for people, and a longer one is worked
 * through by filters. The answer says when it was reached (`complete: false`).
 */
export const MAX_CANDIDATES = 20_000;

type Reason = { code: ReviewReasonCode; message: string };
export interface ReviewItem {
  factId: string;
  type: 'ClaimMade' | 'MeetingProposed' | 'AgreementReported';
  reasons: Reason[];
  movesPosition: boolean;
  fact: Claim | Meeting | Agreement;
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** One pattern that finds any of `words` as a whole word, ignoring case (compiled once per side, not per fact). */
function wordsPattern(words: readonly string[]): RegExp | null {
  const alternatives = [...new Set(words.map((w) => w.trim()).filter(Boolean))]
    .sort((a, b) => b.length - a.length)
    .map(escapeRegExp);
  return alternatives.length
    ? new RegExp(`(?<![\\p{L}\\p{N}])(?:${alternatives.join('|')})(?![\\p{L}\\p{N}])`, 'iu')
    : null;
}

/**
 * The checks a fact's words can be held to, from the profile: what names a side (its names and
 * adjectives, its actors' names, aliases and titles, its news agencies, the groups it belongs to)
 * and what signals a topic (its cues' fixed words; a `word*` cue by its stem).
 */
function profileChecks(profile: Profile) {
  const sideWords = new Map<string, string[]>();
  for (const s of profile.sides) sideWords.set(s.slug, [s.name, ...s.names, ...s.adjectives]);
  for (const a of profile.actors) {
    const titles = a.titles.map((t) => (typeof t === 'string' ? t : t.title));
    sideWords.get(a.side)?.push(a.name, ...a.aliases, ...titles);
  }
  for (const src of profile.sources) sideWords.get(src.side)?.push(...src.aliases);
  for (const g of profile.groups) for (const s of g.sides) sideWords.get(s)?.push(...g.aliases);
  const topicCues = new Map(
    profile.topics.map((t) => [
      t.slug,
      t.cues
        .flatMap((cue) => cue.split(/\s+/).filter((w) => w !== '*' && w.replace(/\*$/, '').length >= 4))
        .map((w) => w.replace(/\*$/, '').toLowerCase()),
    ]),
  );
  const actors = new Map(profile.actors.map((a) => [a.slug, a]));
  const sidePatterns = new Map([...sideWords].map(([side, words]) => [side, wordsPattern(words)]));
  return {
    namesSide: (text: string, side: string) => sidePatterns.get(side)?.test(text) ?? false,
    // A cue word's stem anywhere in the quote: lenient, so that what it flags is worth the look.
    namesTopic: (text: string, topic: string) => {
      const lower = text.toLowerCase();
      return (topicCues.get(topic) ?? []).some((w) => lower.includes(w.length > 6 ? w.slice(0, -2) : w));
    },
    /** When `day` falls outside every term the profile gives the actor, the terms; else null. */
    outsideTerms: (speaker: string, day: string): string | null => {
      const tenure = actors.get(speaker)?.tenure ?? [];
      if (tenure.length === 0) return null;
      if (tenure.some((t) => (!t.from || t.from <= day) && (!t.to || day <= t.to))) return null;
      return tenure.map((t) => `${t.from ?? '…'} to ${t.to ?? '…'}`).join(', ');
    },
    nameOf: (speaker: string) => actors.get(speaker)?.name ?? speaker,
  };
}

const compiled = new WeakMap<Profile, ReturnType<typeof profileChecks>>();
/** The profile's checks, compiled once per profile. */
function checksOf(profile: Profile) {
  const known = compiled.get(profile);
  if (known) return known;
  const checks = profileChecks(profile);
  compiled.set(profile, checks);
  return checks;
}

const CURSOR = /^o(\d{1,9})$/;
const encodeOffset = (n: number) => Buffer.from(`o${n}`).toString('base64url');
function decodeOffset(cursor: string | undefined): number {
  if (cursor === undefined) return 0;
  const m = CURSOR.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
  if (!m)
    throw new HttpError(
      400,
      'invalid query: cursor: not a cursor this API returned (pass nextCursor unchanged)',
      'cursor',
    );
  return Number(m[1]);
}

/**
 * The facts that need a person's look, each with why: standing (not withdrawn), not confirmed, and
 * with at least one reason. Facts that set a current position come first, then the least certain.
 */
export async function reviewQueue(
  db: Kysely<Database>,
  profile: Profile,
  q: { limit: number; cursor?: string | undefined; reason?: ReviewReasonCode | undefined; threshold: number },
): Promise<{ items: ReviewItem[]; nextCursor: string | null; complete: boolean }> {
  const offset = decodeOffset(q.cursor);
  const checks = checksOf(profile);
  const low = (c: number | null) => c !== null && c < q.threshold;

  // One query per fact table with its confidence, sources and group joined (not a lookup by thousands of
  // ids), leaving out withdrawn facts and those of a group a confirmation still holds (one source confirmed
  // confirms the fact).
  const sourcesPerGroup = db
    .selectFrom('fact_sources')
    .select((eb) => ['group_id', eb.fn.count<string>('document_id').distinct().as('n')])
    .where('withdrawn_at', 'is', null)
    .groupBy('group_id')
    .as('gc');
  const liveConfirmation = (id: string) =>
    db
      .selectFrom('fact_confirmations as fc')
      .innerJoin('fact_sources as g', 'g.fact_id', 'fc.fact_id')
      .select('fc.fact_id')
      .where('fc.withdrawn_at', 'is', null)
      .where((eb) =>
        eb.or([eb('fc.fact_id', '=', sql.ref<string>(id)), eb('g.group_id', '=', sql.ref<string>('fs.group_id'))]),
      );
  const [claimRows, meetingRows, agreementRows, current, changes, published] = await Promise.all([
    db
      .selectFrom('claims')
      .leftJoin('fact_sources as fs', 'fs.fact_id', 'claims.event_id')
      .leftJoin(sourcesPerGroup, 'gc.group_id', 'fs.group_id')
      .selectAll('claims')
      .select(['fs.confidence', 'fs.group_id', 'gc.n'])
      .where('claims.withdrawn_at', 'is', null)
      .where((eb) => eb.not(eb.exists(liveConfirmation('claims.event_id'))))
      .orderBy('claims.global_position', 'desc')
      .limit(MAX_CANDIDATES)
      .execute(),
    db
      .selectFrom('meetings')
      .leftJoin('fact_sources as fs', 'fs.fact_id', 'meetings.event_id')
      .leftJoin(sourcesPerGroup, 'gc.group_id', 'fs.group_id')
      .selectAll('meetings')
      .select(['fs.confidence', 'fs.group_id', 'gc.n'])
      .where('meetings.withdrawn_at', 'is', null)
      .where((eb) => eb.not(eb.exists(liveConfirmation('meetings.event_id'))))
      .orderBy('meetings.global_position', 'desc')
      .limit(MAX_CANDIDATES)
      .execute(),
    db
      .selectFrom('agreements')
      .leftJoin('fact_sources as fs', 'fs.fact_id', 'agreements.event_id')
      .leftJoin(sourcesPerGroup, 'gc.group_id', 'fs.group_id')
      .selectAll('agreements')
      .select(['fs.confidence', 'fs.group_id', 'gc.n'])
      .where('agreements.withdrawn_at', 'is', null)
      .where((eb) => eb.not(eb.exists(liveConfirmation('agreements.event_id'))))
      .orderBy('agreements.global_position', 'desc')
      .limit(MAX_CANDIDATES)
      .execute(),
    db.selectFrom('positions').select('claim_id').execute(),
    db.selectFrom('position_changes').select('after_claim_id').execute(),
    db.selectFrom('sources').select(['document_id', 'published_at']).execute(),
  ]);
  const setsPosition = new Set(current.map((r) => r.claim_id));
  const changesPosition = new Set(changes.map((r) => r.after_claim_id));
  const publishedOn = new Map(published.map((r) => [r.document_id, r.published_at]));
  const groupOf = new Map<string, string>();
  const annotated = <
    R extends { event_id: string; confidence: number | null; group_id: string | null; n: string | null },
    F,
  >(
    rows: R[],
    to: (r: R) => F,
  ) =>
    rows.map((r) => {
      groupOf.set(r.event_id, r.group_id ?? r.event_id);
      return {
        ...to(r),
        groupId: r.group_id ?? r.event_id,
        confidence: r.confidence,
        sources: Math.max(1, Number(r.n ?? 1)),
        confirmed: null,
      };
    });
  const claims = annotated(claimRows, toClaim);
  const meetings = annotated(meetingRows, toMeeting);
  const agreements = annotated(agreementRows, toAgreement);

  const common = (f: { confidence: number | null; madeOn: string | null }, documentId: string): Reason[] => {
    const out: Reason[] = [];
    if (low(f.confidence))
      out.push({
        code: 'low_confidence',
        message: `the extractor's confidence ${f.confidence} is below ${q.threshold}`,
      });
    const day = publishedOn.get(documentId);
    if (f.madeOn && day && f.madeOn > day)
      out.push({ code: 'after_article', message: `dated ${f.madeOn}, after its article was published (${day})` });
    return out;
  };

  const items: ReviewItem[] = [];
  for (const c of claims) {
    const reasons = common(c, c.source.documentId);
    if (c.speaker) {
      const terms = checks.outsideTerms(c.speaker, c.madeOn ?? c.validOn);
      if (terms)
        reasons.push({
          code: 'before_term',
          message: `dated ${c.madeOn ?? c.validOn}, outside ${checks.nameOf(c.speaker)}'s term (${terms})`,
        });
    } else {
      reasons.push({ code: 'no_speaker', message: 'no speaker: only the side is known' });
    }
    if (!checks.namesSide(c.quote, c.side))
      reasons.push({
        code: 'side_not_in_quote',
        message: `the quote names neither ${c.side} nor anyone who speaks for it`,
      });
    if (!checks.namesTopic(c.quote, c.topic))
      reasons.push({ code: 'topic_not_in_quote', message: `the quote has no word that signals ${c.topic}` });
    if (changesPosition.has(c.id) && c.sources === 1 && low(c.confidence)) {
      reasons.push({
        code: 'moves_on_one_uncertain_claim',
        message: `a change of ${c.side}'s position on ${c.topic} rests on this one uncertain claim`,
      });
    }
    if (reasons.length)
      items.push({ factId: c.id, type: 'ClaimMade', reasons, movesPosition: setsPosition.has(c.id), fact: c });
  }
  for (const m of meetings) {
    const reasons = common(m, m.documentId);
    if (!m.proposer) reasons.push({ code: 'no_speaker', message: 'no proposer named: only the side is known' });
    if (!checks.namesSide(m.quote, m.proposerSide))
      reasons.push({
        code: 'side_not_in_quote',
        message: `the quote names neither ${m.proposerSide} nor anyone who speaks for it`,
      });
    if (reasons.length) items.push({ factId: m.id, type: 'MeetingProposed', reasons, movesPosition: false, fact: m });
  }
  for (const a of agreements) {
    const reasons = common(a, a.documentId);
    const unnamed = a.parties.filter((p) => !checks.namesSide(a.quote, p));
    if (unnamed.length)
      reasons.push({ code: 'side_not_in_quote', message: `the quote does not name ${unnamed.join(', ')}` });
    if (!checks.namesTopic(`${a.quote} ${a.terms}`, a.topic))
      reasons.push({ code: 'topic_not_in_quote', message: `the quote has no word that signals ${a.topic}` });
    if (reasons.length) items.push({ factId: a.id, type: 'AgreementReported', reasons, movesPosition: false, fact: a });
  }

  // Each fact once: its first source in the log stands for the others (a copy's words are the original's), and
  // it sets a position when any of its sources does.
  items.sort((x, y) => Number(BigInt(x.fact.position) - BigInt(y.fact.position)));
  const positionGroups = new Set([...setsPosition].map((id) => groupOf.get(id) ?? id));
  const seenGroups = new Set<string>();
  const facts = items.filter((i) => {
    const group = groupOf.get(i.factId) ?? i.factId;
    if (seenGroups.has(group)) return false;
    seenGroups.add(group);
    if (i.type === 'ClaimMade') i.movesPosition = positionGroups.has(group);
    return true;
  });
  const wanted = q.reason ? facts.filter((i) => i.reasons.some((r) => r.code === q.reason)) : facts;
  // What matters most first: facts that set a current position, then the least certain, then log order.
  const rank = (i: ReviewItem) => i.fact.confidence ?? 2;
  wanted.sort(
    (x, y) =>
      Number(y.movesPosition) - Number(x.movesPosition) ||
      rank(x) - rank(y) ||
      Number(BigInt(x.fact.position) - BigInt(y.fact.position)),
  );
  const page = wanted.slice(offset, offset + q.limit);
  const complete = [claimRows, meetingRows, agreementRows].every((rows) => rows.length < MAX_CANDIDATES);
  return {
    items: page,
    nextCursor: offset + q.limit < wanted.length ? encodeOffset(offset + q.limit) : null,
    complete,
  };
}
