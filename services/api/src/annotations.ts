import type { Database } from '@claims/db';
import type { Kysely } from 'kysely';

/**
 * What the workbench adds to every claim, meeting and agreement: how many articles carry it, how sure the extractor
 * was, who confirmed it.
 */
export interface FactAnnotation {
  /** The fact group (corroboration projection): equal for every source of one fact. */
  groupId: string | null;
  sources: number;
  confidence: number | null;
  confirmed: { by: string | null; at: string } | null;
}

export const NO_ANNOTATION: FactAnnotation = { groupId: null, sources: 1, confidence: null, confirmed: null };

/**
 * The annotations of some facts, two queries whatever their number. `sources` counts the distinct
 * articles that still carry the fact's group (withdrawn sources left out), at least 1: the fact itself.
 */
export async function annotationsOf(
  db: Kysely<Database>,
  ids: readonly string[],
): Promise<Map<string, FactAnnotation>> {
  const unique = [...new Set(ids)];
  const out = new Map<string, FactAnnotation>();
  if (unique.length === 0) return out;
  const rows = await db
    .selectFrom('fact_sources as fs')
    .select((eb) => [
      'fs.fact_id',
      'fs.group_id',
      'fs.confidence',
      eb
        .selectFrom('fact_sources as g')
        .select((g) => g.fn.count<string>('g.document_id').distinct().as('n'))
        .whereRef('g.group_id', '=', 'fs.group_id')
        .where('g.withdrawn_at', 'is', null)
        .as('sources'),
    ])
    .where('fs.fact_id', 'in', unique)
    .execute();
  // A confirmation of one source confirms the fact: every source of its group shows it.
  const groups = [...new Set(rows.map((r) => r.group_id))];
  const confirmations = groups.length
    ? await db
        .selectFrom('fact_confirmations as fc')
        .innerJoin('fact_sources as g', 'g.fact_id', 'fc.fact_id')
        .select(['g.group_id', 'fc.confirmed_by', 'fc.confirmed_at'])
        .where('g.group_id', 'in', groups)
        .where('fc.withdrawn_at', 'is', null)
        .orderBy('fc.global_position')
        .execute()
    : [];
  const confirmed = new Map<string, { by: string | null; at: string }>();
  for (const c of confirmations)
    if (!confirmed.has(c.group_id))
      confirmed.set(c.group_id, { by: c.confirmed_by, at: new Date(c.confirmed_at).toISOString() });
  for (const r of rows) {
    out.set(r.fact_id, {
      groupId: r.group_id,
      sources: Math.max(1, Number(r.sources ?? 0)),
      confidence: r.confidence,
      confirmed: confirmed.get(r.group_id) ?? null,
    });
  }
  return out;
}

/**
 * Sets `groupId`, `sources`, `confidence` and `confirmed` on each fact (in place, nested ones too), from one lookup.
 */
export async function annotate<
  T extends {
    id: string;
    groupId: string;
    sources: number;
    confidence: number | null;
    confirmed: FactAnnotation['confirmed'];
  },
>(db: Kysely<Database>, facts: readonly T[]): Promise<Map<string, FactAnnotation>> {
  const found = await annotationsOf(
    db,
    facts.map((f) => f.id),
  );
  for (const f of facts) {
    const a = found.get(f.id) ?? NO_ANNOTATION;
    f.groupId = a.groupId ?? f.id;
    f.sources = a.sources;
    f.confidence = a.confidence;
    f.confirmed = a.confirmed;
  }
  return found;
}
