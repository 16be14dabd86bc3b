import { validDayOf } from '@claims/events';
import type { Projection, ReadModelChange } from '../projection.ts';
import { insertRows } from '../rows.ts';

interface ActorTally {
  side: string;
  claims: number;
  topicCounts: Record<string, number>;
  first: string | null;
  last: string | null;
}

const earlier = (a: string | null, b: string | null) => (a && b ? (a < b ? a : b) : (a ?? b));
const later = (a: string | null, b: string | null) => (a && b ? (a > b ? a : b) : (a ?? b));

/** `actors`: per actor, the claims made and the topics spoken on. */
export const actorsProjection: Projection = {
  name: 'actors',
  eventTypes: ['ClaimMade', 'EventWithdrawn'],
  tables: ['actors'],
  async apply(db, events, options) {
    const record = options?.changes ?? true;
    const speakers = new Set<string>();
    for (const e of events) {
      if (e.type === 'ClaimMade' && e.data.speaker) speakers.add(e.data.speaker);
      if (e.type === 'EventWithdrawn' && e.data.withdrawn.type === 'ClaimMade' && e.data.withdrawn.speaker) {
        speakers.add(e.data.withdrawn.speaker);
      }
    }
    if (speakers.size === 0) return [];
    // Tally in memory over the batch, starting from the stored rows: one read and one write per actor.
    const tallies = new Map<string, ActorTally>();
    const stored = await db
      .selectFrom('actors')
      .selectAll()
      .where('actor', 'in', [...speakers])
      .execute();
    for (const r of stored) {
      tallies.set(r.actor, {
        side: r.side,
        claims: r.claims_made,
        topicCounts: r.topic_counts,
        first: r.first_claim_on,
        last: r.last_claim_on,
      });
    }
    const changes: ReadModelChange[] = [];
    for (const e of events) {
      if (e.type === 'ClaimMade' && e.data.speaker) {
        const { data: d } = e;
        const speaker = e.data.speaker;
        const day = validDayOf(e, e.recordedAt);
        const t = tallies.get(speaker) ?? { side: d.side, claims: 0, topicCounts: {}, first: null, last: null };
        t.claims++;
        t.topicCounts[d.topic] = (t.topicCounts[d.topic] ?? 0) + 1;
        t.first = earlier(t.first, day);
        t.last = later(t.last, day);
        tallies.set(speaker, t);
        if (record)
          changes.push({
            kind: 'actor_claimed',
            side: d.side,
            topic: d.topic,
            position: e.position,
            payload: { actor: speaker, claims: t.claims },
          });
      } else if (e.type === 'EventWithdrawn' && e.data.withdrawn.type === 'ClaimMade' && e.data.withdrawn.speaker) {
        const { speaker, topic } = e.data.withdrawn;
        const t = tallies.get(speaker);
        if (!t || !topic || !t.topicCounts[topic]) continue;
        t.claims--;
        t.topicCounts[topic]--;
        if (t.topicCounts[topic] === 0) delete t.topicCounts[topic];
        if (record)
          changes.push({
            kind: 'actor_claim_withdrawn',
            side: t.side,
            topic,
            position: e.position,
            payload: { actor: speaker, claims: t.claims },
          });
      }
    }
    const rows = [...tallies].map(([actor, t]) => ({
      actor,
      side: t.side,
      claims_made: t.claims,
      topics: Object.keys(t.topicCounts).sort(),
      topic_counts: t.topicCounts,
      first_claim_on: t.first,
      last_claim_on: t.last,
    }));
    await insertRows(db, 'actors', rows)
      .onConflict((oc) =>
        oc.column('actor').doUpdateSet((eb) => ({
          claims_made: eb.ref('excluded.claims_made'),
          topics: eb.ref('excluded.topics'),
          topic_counts: eb.ref('excluded.topic_counts'),
          first_claim_on: eb.ref('excluded.first_claim_on'),
          last_claim_on: eb.ref('excluded.last_claim_on'),
        })),
      )
      .execute();
    return changes;
  },
};
