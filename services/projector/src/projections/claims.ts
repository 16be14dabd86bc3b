import { validDayOf } from '@claims/events';
import type { Projection, ReadModelChange } from '../projection.ts';
import { provenanceColumns, withdrawalsOf } from './facts.ts';

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
        ...provenanceColumns(e),
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
        payload: { claimId: e.id, speaker: d.speaker, stance: d.stance, madeOn: d.madeOn, quote: d.quote, text: d.text },
      });
    }
    if (rows.length) await db.insertInto('claims').values(rows).onConflict((oc) => oc.column('event_id').doNothing()).execute();

    // A withdrawal always follows the claim it withdraws in the log, so inserting first is safe.
    for (const w of withdrawalsOf(events, 'ClaimMade')) {
      const done = await db
        .updateTable('claims')
        .set({ withdrawn_at: w.recordedAt, withdrawn_position: w.position.commit, withdrawn_reason: w.data.reason, withdrawn_by: w.data.by })
        .where('event_id', '=', w.data.eventId)
        .where('withdrawn_at', 'is', null)
        .returning(['side', 'topic'])
        .executeTakeFirst();
      if (done) {
        changes.push({
          kind: 'claim_withdrawn',
          side: done.side,
          topic: done.topic,
          position: w.position,
          payload: { claimId: w.data.eventId, reason: w.data.reason, by: w.data.by },
        });
      }
    }
    return changes;
  },
};
