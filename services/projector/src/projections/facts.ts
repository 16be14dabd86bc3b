import type { FactEventType } from '@claims/events';
import type { ProjectedEvent } from '../projection.ts';

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
