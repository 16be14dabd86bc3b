import type { Database } from '@claims/db';
import { withEventLog } from '@claims/eventstore';
import { allProjections } from '@claims/projector';
import type { Kysely } from 'kysely';

const byJson = (a: unknown, b: unknown) => {
  const x = JSON.stringify(a);
  const y = JSON.stringify(b);
  return x < y ? -1 : x > y ? 1 : 0;
};

/** Every row of every read-model table and the change feed, in a stable order: compare a live build with a rebuild. */
export async function readModelSnapshot(db: Kysely<Database>): Promise<Record<string, unknown[]>> {
  const out: Record<string, unknown[]> = {};
  for (const p of allProjections) {
    // Sorted whole, not by a key: two builds may insert tied rows in different physical order.
    for (const t of p.tables) out[t] = (await db.selectFrom(t).selectAll().execute()).sort(byJson);
  }
  out.projection_changes = await db
    .selectFrom('projection_changes')
    .select(['projection', 'position_commit', 'position_prepare', 'seq', 'kind', 'side', 'topic', 'payload'])
    .orderBy('projection')
    .orderBy('position_commit')
    .orderBy('position_prepare')
    .orderBy('seq')
    .execute();
  return out;
}

/** The head of the log as a checkpoint string, and whether every projection's checkpoint has reached it. */
export async function allCaughtUp(db: Kysely<Database>): Promise<boolean> {
  const head = await withEventLog(db)
    .selectFrom('events')
    .select((eb) => eb.fn.max('global_position').as('head'))
    .executeTakeFirst();
  const rows = await db.selectFrom('projection_checkpoints').select('position').execute();
  return rows.length === allProjections.length && rows.every((r) => r.position === String(head?.head ?? '-1'));
}
