import { validDayOf } from '@claims/events';
import type { Projection, ReadModelChange } from '../projection.ts';
import { insertRows, rowsOf } from '../rows.ts';
import { firstWithdrawals, provenanceColumns, withdrawalsOf } from './facts.ts';

/** `agreements`: what two or more sides were reported to have agreed, with terms and quantities. */
export const agreementsProjection: Projection = {
  name: 'agreements',
  eventTypes: ['AgreementReported', 'EventWithdrawn'],
  tables: ['agreements'],
  async apply(db, events) {
    const changes: ReadModelChange[] = [];
    const rows = [];
    for (const e of events) {
      if (e.type !== 'AgreementReported') continue;
      const d = e.data;
      rows.push({
        ...provenanceColumns(e),
        parties: d.parties,
        topic: d.topic,
        terms: d.terms,
        quantities: d.quantities,
        reported_by: d.reportedBy,
        made_on: d.madeOn,
        valid_on: validDayOf(e, e.recordedAt),
      });
      changes.push({
        kind: 'agreement_reported',
        topic: d.topic,
        position: e.position,
        payload: { agreementId: e.id, parties: d.parties, terms: d.terms, quantities: d.quantities },
      });
    }
    if (rows.length)
      await insertRows(db, 'agreements', rows)
        .onConflict((oc) => oc.column('event_id').doNothing())
        .execute();
    const withdrawals = firstWithdrawals(withdrawalsOf(events, 'AgreementReported'));
    if (withdrawals.length === 0) return changes;
    const done = await db
      .updateTable('agreements')
      .from(
        rowsOf(
          'agreements',
          withdrawals.map((w) => ({
            event_id: w.data.eventId,
            withdrawn_at: w.recordedAt,
            withdrawn_reason: w.data.reason,
          })),
          'w',
        ),
      )
      .set((eb) => ({ withdrawn_at: eb.ref('w.withdrawn_at'), withdrawn_reason: eb.ref('w.withdrawn_reason') }))
      .whereRef('agreements.event_id', '=', 'w.event_id')
      .where('agreements.withdrawn_at', 'is', null)
      .returning('agreements.event_id')
      .execute();
    const withdrawn = new Set(done.map((r) => r.event_id));
    for (const w of withdrawals) {
      if (withdrawn.has(w.data.eventId)) {
        changes.push({
          kind: 'agreement_withdrawn',
          position: w.position,
          payload: { agreementId: w.data.eventId, reason: w.data.reason },
        });
      }
    }
    return changes;
  },
};
