import { validDayOf } from '@claims/events';
import type { Projection, ReadModelChange } from '../projection.ts';
import { insertRows, rowsOf } from '../rows.ts';
import { firstWithdrawals, withdrawalsOf } from './facts.ts';

/** `claims`: every claim, flat and filterable, with its provenance and whether it was withdrawn. */
export const claimsProjection: Projection = {
  name: 'claims',
  eventTypes: ['ClaimMade', 'EventWithdrawn'],
  tables: ['claims'],
  async apply(db, events) {
    const changes: ReadModelChange[] = [];
    const rows = [];
    for (const e of events) {
      if (e.type !== 'ClaimMade') continue;
      const d = e.data;
      rows.push({
        event_id: e.id,
      document_id: d.source.documentId,
      global_position: e.position.commit,
      recorded_at: e.recordedAt,
      quote: d.quote,
      span_start: d.span.start,
      span_end: d.span.end,
      extractor_name: d.extractor.name,
      extractor_version: d.extractor.version,
        stream_id: e.streamId,
        stream_revision: e.revision,
        speaker: d.speaker,
        side: d.side,
        topic: d.topic,
        stance: d.stance,
        text: d.text,
        made_on: d.madeOn,
        valid_on: validDayOf(e, e.recordedAt),
        published_at: d.source.publishedAt,
        url: d.source.url,
        publisher: d.source.publisher,
        title: d.source.title,
        correlation_id: e.metadata.correlationId,
        causation_id: e.metadata.causationId,
        written_by: e.metadata.actor,
      });
      changes.push({
        kind: 'claim_added',
        side: d.side,
        topic: d.topic,
        position: e.position,
        payload: {
          claimId: e.id,
          speaker: d.speaker,
          stance: d.stance,
          madeOn: d.madeOn,
          quote: d.quote,
          text: d.text,
        },
      });
    }
    if (rows.length)
      await insertRows(db, 'claims', rows)
        .onConflict((oc) => oc.column('event_id').doNothing())
        .execute();

    // A withdrawal always follows the claim it withdraws in the log, so inserting first is safe.
    const withdrawals = firstWithdrawals(withdrawalsOf(events, 'ClaimMade'));
    if (withdrawals.length === 0) return changes;
    const values = withdrawals.map((w) => ({
      event_id: w.data.eventId,
      withdrawn_at: w.recordedAt,
      withdrawn_position: w.position.commit,
      withdrawn_reason: w.data.reason,
      withdrawn_by: w.data.by,
    }));
    const done = await db
      .updateTable('claims')
      .from(rowsOf('claims', values, 'w'))
      .set((eb) => ({
        withdrawn_at: eb.ref('w.withdrawn_at'),
        withdrawn_position: eb.ref('w.withdrawn_position'),
        withdrawn_reason: eb.ref('w.withdrawn_reason'),
        withdrawn_by: eb.ref('w.withdrawn_by'),
      }))
      .whereRef('claims.event_id', '=', 'w.event_id')
      .where('claims.withdrawn_at', 'is', null)
      .returning(['claims.event_id', 'claims.side', 'claims.topic'])
      .execute();
    const byId = new Map(done.map((r) => [r.event_id, r]));
    for (const w of withdrawals) {
      const row = byId.get(w.data.eventId);
      if (!row) continue;
      changes.push({
        kind: 'claim_withdrawn',
        side: row.side,
        topic: row.topic,
        position: w.position,
        payload: { claimId: w.data.eventId, reason: w.data.reason, by: w.data.by },
      });
    }
    return changes;
  },
};
