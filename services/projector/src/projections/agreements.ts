import { validDayOf } from '@claims/events';
import type { Projection, ReadModelChange } from '../projection.ts';
import { provenanceColumns, withdrawalsOf } from './facts.ts';

/** `agreements`: what two or more sides were reported to have agreed, with terms and quantities. */
export const agreementsProjection: Projection = {
  name: 'agreements',
  eventTypes: ['AgreementReported', 'EventWithdrawn'],
  tables: ['agreements'],
  async apply(db, events) {
    const changes: ReadModelChange[] = [];
    for (const e of events) {
      if (e.type !== 'AgreementReported') continue;
      const d = e.data;
      await db
        .insertInto('agreements')
        .values({
          ...provenanceColumns(e),
          parties: d.parties,
          topic: d.topic,
          terms: d.terms,
          quantities: JSON.stringify(d.quantities),
          reported_by: d.reportedBy,
          made_on: d.madeOn,
          valid_on: validDayOf(e, e.recordedAt),
        })
        .onConflict((oc) => oc.column('event_id').doNothing())
        .execute();
      changes.push({
        kind: 'agreement_reported',
        topic: d.topic,
        position: e.position,
        payload: { agreementId: e.id, parties: d.parties, terms: d.terms, quantities: d.quantities },
      });
    }
    for (const w of withdrawalsOf(events, 'AgreementReported')) {
      const done = await db
        .updateTable('agreements')
        .set({ withdrawn_at: w.recordedAt, withdrawn_reason: w.data.reason })
        .where('event_id', '=', w.data.eventId)
        .where('withdrawn_at', 'is', null)
        .executeTakeFirst();
      if (done.numUpdatedRows > 0n) {
        changes.push({ kind: 'agreement_withdrawn', position: w.position, payload: { agreementId: w.data.eventId, reason: w.data.reason } });
      }
    }
    return changes;
  },
};
