import { validDayOf } from '@claims/events';
import type { Projection, ReadModelChange } from '../projection.ts';
import { insertRows } from '../rows.ts';
import { firstWithdrawals, markWithdrawn, provenanceColumns, withdrawalsOf } from './facts.ts';

/** `meetings`: proposals to meet, with proposer, participants, level, place and time window. */
export const meetingsProjection: Projection = {
  name: 'meetings',
  eventTypes: ['MeetingProposed', 'EventWithdrawn'],
  tables: ['meetings'],
  async apply(db, events, options) {
    const record = options?.changes ?? true;
    const changes: ReadModelChange[] = [];
    const rows = [];
    for (const e of events) {
      if (e.type !== 'MeetingProposed') continue;
      const d = e.data;
      rows.push({
        ...provenanceColumns(e),
        proposer: d.proposer,
        proposer_side: d.proposerSide,
        participants: d.participants,
        level: d.level,
        location: d.location,
        timeframe: d.timeframe,
        window_from: d.window?.from ?? null,
        window_to: d.window?.to ?? null,
        made_on: d.madeOn,
        valid_on: validDayOf(e, e.recordedAt),
      });
      if (record)
        changes.push({
          kind: 'meeting_proposed',
          side: d.proposerSide,
          position: e.position,
          payload: {
            meetingId: e.id,
            proposer: d.proposer,
            participants: d.participants,
            level: d.level,
            window: d.window,
          },
        });
    }
    if (rows.length)
      await insertRows(db, 'meetings', rows)
        .onConflict((oc) => oc.column('event_id').doNothing())
        .execute();
    for (const w of await markWithdrawn(db, 'meetings', firstWithdrawals(withdrawalsOf(events, 'MeetingProposed')))) {
      if (record)
        changes.push({
          kind: 'meeting_withdrawn',
          position: w.position,
          payload: { meetingId: w.data.eventId, reason: w.data.reason },
        });
    }
    return changes;
  },
};
