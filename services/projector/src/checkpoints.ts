import { type Database, PROJECTION_CHANGES_CHANNEL } from '@claims/db';
import { type Position, parsePosition, positionToString, START } from '@claims/eventstore';
import { type Kysely, sql, type Transaction } from 'kysely';
import type { ReadModelChange } from './projection.ts';
import { insertRows } from './rows.ts';

/** Another runner moved this projection's checkpoint: this one must stop instead of writing twice. */
export class CheckpointConflictError extends Error {
  constructor(
    readonly projection: string,
    expected: Position,
  ) {
    super(
      `projection "${projection}": checkpoint is no longer at ${positionToString(expected)}; another runner owns it`,
    );
    this.name = 'CheckpointConflictError';
  }
}

export async function readCheckpoint(db: Kysely<Database>, projection: string): Promise<Position> {
  const row = await db
    .selectFrom('projection_checkpoints')
    .select('position')
    .where('projection', '=', projection)
    .executeTakeFirst();
  return row ? (parsePosition(row.position) ?? START) : START;
}

/**
 * Moves the checkpoint from `from` to `to` with compare-and-set, in the caller's
 * transaction (the one that wrote the rows): a runner that lost its lock fails here.
 */
export async function advanceCheckpoint(
  trx: Transaction<Database>,
  projection: string,
  from: Position,
  to: Position,
  handled: number,
): Promise<void> {
  const fromText = positionToString(from);
  const toText = positionToString(to);
  const moved = await trx
    .updateTable('projection_checkpoints')
    .set({ position: toText, events_handled: sql`events_handled + ${handled}`, updated_at: new Date() })
    .where('projection', '=', projection)
    .where('position', '=', fromText)
    .executeTakeFirst();
  if (moved.numUpdatedRows === 1n) return;
  if (fromText === positionToString(START)) {
    const created = await trx
      .insertInto('projection_checkpoints')
      .values({ projection, position: toText, events_handled: handled })
      .onConflict((oc) => oc.column('projection').doNothing())
      .returning('projection')
      .executeTakeFirst();
    if (created) return;
  }
  throw new CheckpointConflictError(projection, from);
}

/** One projection's move of `advanceCheckpoints`. */
export interface CheckpointMove {
  projection: string;
  from: Position;
  to: Position;
  handled: number;
}

/**
 * `advanceCheckpoint` for several projections in one statement (a build's lane moves the checkpoints of all its
 * projections with each batch: one round trip instead of one each). Compare-and-set as there: a projection whose
 * checkpoint is not where the move starts is moved (or, from the start, created) by `advanceCheckpoint`, which throws
 * `CheckpointConflictError` as it would on its own.
 */
export async function advanceCheckpoints(trx: Transaction<Database>, moves: readonly CheckpointMove[]): Promise<void> {
  if (moves.length === 0) return;
  const moved = await trx
    .updateTable('projection_checkpoints')
    .from(
      sql<{
        projection: string;
        from_position: string;
        to_position: string;
        handled: number;
      }>`(select * from unnest(${moves.map((m) => m.projection)}::text[], ${moves.map((m) => positionToString(m.from))}::text[], ${moves.map((m) => positionToString(m.to))}::text[], ${moves.map((m) => m.handled)}::bigint[]) as m(projection, from_position, to_position, handled))`.as(
        'm',
      ),
    )
    .set((eb) => ({
      position: eb.ref('m.to_position'),
      events_handled: sql`projection_checkpoints.events_handled + m.handled`,
      updated_at: new Date(),
    }))
    .whereRef('projection_checkpoints.projection', '=', 'm.projection')
    .whereRef('projection_checkpoints.position', '=', 'm.from_position')
    .returning('projection_checkpoints.projection')
    .execute();
  const done = new Set(moved.map((r) => r.projection));
  for (const m of moves)
    if (!done.has(m.projection)) await advanceCheckpoint(trx, m.projection, m.from, m.to, m.handled);
}

/**
 * Appends a batch's read-model changes to the change feed subscribers read, and
 * notifies PROJECTION_CHANGES_CHANNEL with the projection's name: PostgreSQL delivers the
 * notification at commit, so a listener never reads ahead of the rows. A hint
 * only; listeners keep a fallback poll. A build nobody listens to (a shadow rebuild, a
 * replay) passes `notify: false`.
 */
export async function recordChanges(
  trx: Transaction<Database>,
  projection: string,
  changes: readonly ReadModelChange[],
  notify = true,
) {
  if (changes.length === 0) return;
  let seq = 0;
  let last: Position | null = null;
  const rows = changes.map((c) => {
    seq = last && last.commit === c.position.commit && last.prepare === c.position.prepare ? seq + 1 : 0;
    last = c.position;
    return {
      projection,
      position_commit: c.position.commit,
      position_prepare: c.position.prepare,
      seq,
      kind: c.kind,
      side: c.side ?? null,
      topic: c.topic ?? null,
      payload: c.payload,
    };
  });
  await insertRows(trx, 'projection_changes', rows).execute();
  if (notify)
    await trx.selectNoFrom(sql<void>`pg_notify(${PROJECTION_CHANGES_CHANNEL}, ${projection})`.as('notified')).execute();
}
