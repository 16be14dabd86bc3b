import type { Database } from '@claims/db';
import { positionToString, START } from '@claims/eventstore';
import type { Kysely } from 'kysely';
import { type ChangeKey, changeId } from './change-id.ts';
import type { ChangeSource, FeedChange } from './session.ts';

export interface FeedFilter {
  projection: string;
  side?: string;
  topic?: string;
}

/**
 * A projection's change feed (`projection_changes`), filtered by side and topic,
 * read in (position, seq) order. The projector writes a projection's changes in
 * that order, one transaction after another under its lock, so reading "after
 * the last key seen" cannot pass a change that commits later.
 */
export function projectionFeed(db: Kysely<Database>, filter: FeedFilter): ChangeSource {
  return {
    async read(after: ChangeKey, limit: number): Promise<FeedChange[]> {
      let q = db
        .selectFrom('projection_changes')
        .selectAll()
        .where('projection', '=', filter.projection)
        .where((eb) =>
          eb(
            eb.refTuple('position_commit', 'position_prepare', 'seq'),
            '>',
            eb.tuple(after.position.commit.toString(), after.position.prepare.toString(), after.seq),
          ),
        );
      if (filter.side) q = q.where('side', '=', filter.side);
      if (filter.topic) q = q.where('topic', '=', filter.topic);
      const rows = await q.orderBy('position_commit').orderBy('position_prepare').orderBy('seq').limit(limit).execute();
      return rows.map((r) => {
        const key: ChangeKey = {
          position: { commit: BigInt(r.position_commit), prepare: BigInt(r.position_prepare) },
          seq: r.seq,
        };
        const id = changeId(key);
        const data = {
          id,
          projection: r.projection,
          kind: r.kind,
          side: r.side,
          topic: r.topic,
          position: positionToString(key.position),
          seq: r.seq,
          committedAt: r.committed_at instanceof Date ? r.committed_at.toISOString() : String(r.committed_at),
          payload: r.payload,
        };
        return { id, key, data: JSON.stringify(data) };
      });
    },
  };
}

/** The key of a projection's latest change: where a new subscriber without Last-Event-ID starts ("from now on"). */
export async function feedHead(db: Kysely<Database>, projection: string): Promise<ChangeKey> {
  const row = await db
    .selectFrom('projection_changes')
    .select(['position_commit', 'position_prepare', 'seq'])
    .where('projection', '=', projection)
    .orderBy('position_commit', 'desc')
    .orderBy('position_prepare', 'desc')
    .orderBy('seq', 'desc')
    .limit(1)
    .executeTakeFirst();
  if (!row) return { position: START, seq: 0 };
  return { position: { commit: BigInt(row.position_commit), prepare: BigInt(row.position_prepare) }, seq: row.seq };
}
