import { validDayOf } from '@claims/events';
import type { Projection, ReadModelChange } from '../projection.ts';
import { insertRows } from '../rows.ts';
import { firstWithdrawals, markWithdrawn, provenanceColumns, withdrawalsOf } from './facts.ts';

/** `agreements`: what two or more sides were reported to have agreed, with terms and quantities. */
export const agreementsProjection: Projection = {
  name: 'agreements',
  eventTypes: ['AgreementReported', 'EventWithdrawn'],
  tables: ['agreements'],
  async apply(db, events, options) {
    const record = options?.changes ?? true;
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
      if (record)
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
    for (const w of await markWithdrawn(
      db,
      'agreements',
      firstWithdrawals(withdrawalsOf(events, 'AgreementReported')),
    )) {
      if (record)
        changes.push({
          kind: 'agreement_withdrawn',
          position: w.position,
          payload: { agreementId: w.data.eventId, reason: w.data.reason },
        });
    }
    return changes;
  },
};
