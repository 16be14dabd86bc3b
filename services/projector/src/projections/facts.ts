import type { FactEventType } from '@claims/events';
import { sql } from 'kysely';
import type { ProjectedEvent, ReadModelWriter } from '../projection.ts';
import { rowsOf } from '../rows.ts';

type Fact = Extract<ProjectedEvent, { type: FactEventType }>;
type Withdrawal = Extract<ProjectedEvent, { type: 'EventWithdrawn' }>;

/** Columns every fact table shares: where the fact came from and what produced it. */
export function provenanceColumns(e: Fact) {
  return {
    event_id: e.id,
    document_id: e.data.source.documentId,
    global_position: e.position.commit,
    recorded_at: e.recordedAt,
    quote: e.data.quote,
    span_start: e.data.span.start,
    span_end: e.data.span.end,
    extractor_name: e.data.extractor.name,
    extractor_version: e.data.extractor.version,
  };
}

/** The withdrawals in a batch that concern facts of one type. */
export const withdrawalsOf = (events: readonly ProjectedEvent[], type: Fact['type']): Withdrawal[] =>
  events.filter((e): e is Withdrawal => e.type === 'EventWithdrawn' && e.data.withdrawn.type === type);

/**
 * A batch's withdrawals of facts, each fact once, by its first withdrawal: a later one
 * finds it withdrawn already, as one at a time would (what a set-based UPDATE needs).
 */
export function firstWithdrawals(withdrawals: readonly Withdrawal[]): Withdrawal[] {
  const first = new Map<string, Withdrawal>();
  for (const w of withdrawals) if (!first.has(w.data.eventId)) first.set(w.data.eventId, w);
  return [...first.values()];
}

/**
 * Marks the facts a batch withdraws in `meetings` or `agreements` (one UPDATE … FROM), each fact once and only while
 * it stands; answers the withdrawals that took effect, in log order.
 */
export async function markWithdrawn(
  db: ReadModelWriter,
  table: 'meetings' | 'agreements',
  withdrawals: readonly Withdrawal[],
): Promise<Withdrawal[]> {
  if (withdrawals.length === 0) return [];
  const values = withdrawals.map((w) => ({
    event_id: w.data.eventId,
    withdrawn_at: w.recordedAt,
    withdrawn_reason: w.data.reason,
  }));
  const done = await db
    .updateTable(table)
    .from(rowsOf(table, values, 'w'))
    .set({ withdrawn_at: sql.ref('w.withdrawn_at'), withdrawn_reason: sql.ref('w.withdrawn_reason') })
    .where(sql.ref(`${table}.event_id`), '=', sql.ref('w.event_id'))
    .where(sql.ref(`${table}.withdrawn_at`), 'is', null)
    .returning(sql.ref<string>(`${table}.event_id`).as('event_id'))
    .execute();
  const withdrawn = new Set(done.map((r) => r.event_id));
  return withdrawals.filter((w) => withdrawn.has(w.data.eventId));
}
