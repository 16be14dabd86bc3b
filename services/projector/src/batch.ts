import { type Database, isTransientDatabaseError } from '@claims/db';
import { comparePositions, type Position, positionToString, type RecordedEvent } from '@claims/eventstore';
import type { Kysely, Transaction } from 'kysely';
import { advanceCheckpoint, CheckpointConflictError, recordChanges } from './checkpoints.ts';
import { toProjected } from './events.ts';
import { takeSwapTurn } from './lock.ts';
import type { Projection } from './projection.ts';

export interface CommitOptions {
  /** Record the changes in the change feed (off for a replay nobody subscribes to). Default true. */
  changes?: boolean;
  /** NOTIFY the change feed's channel (off for a shadow build). Default true. */
  notify?: boolean;
  /** Wait for a rebuild's swap of this projection and keep it off while the batch commits (the live runner). */
  swapTurn?: boolean;
  /** Called after each transaction of the batch commits, and after each rolls back (see `EmptyBuildProjection`). */
  onCommit?: () => void;
  onRollback?: () => void;
  log: (line: string) => void;
}

async function inTransaction(
  db: Kysely<Database>,
  projection: Projection,
  options: CommitOptions,
  fn: (trx: Transaction<Database>) => Promise<void>,
) {
  try {
    await db.transaction().execute(async (trx) => {
      if (options.swapTurn) await takeSwapTurn(trx, projection.name);
      await fn(trx);
    });
  } catch (err) {
    options.onRollback?.();
    throw err;
  }
  options.onCommit?.();
}

/**
 * Applies a batch of one projection and moves its checkpoint from `from` to `to` in one
 * transaction. When the batch fails for a reason other than the database being away,
 * goes event by event and parks each event it cannot apply in `projection_dead_letters`
 * (never stopping for ever, never skipping silently). Returns the new checkpoint.
 */
export async function commitBatch(
  db: Kysely<Database>,
  projection: Projection,
  events: readonly RecordedEvent[],
  from: Position,
  to: Position,
  options: CommitOptions,
): Promise<Position> {
  // The checkpoint first: a runner whose checkpoint was moved (a rebuild swapped in) fails before writing anything.
  const apply = async (
    trx: Transaction<Database>,
    batch: readonly RecordedEvent[],
    at: Position,
    handled: number,
    start: Position,
  ) => {
    await advanceCheckpoint(trx, projection.name, start, at, handled);
    const changes = await projection.apply(trx, batch.map(toProjected), { changes: options.changes ?? true });
    if (options.changes ?? true) await recordChanges(trx, projection.name, changes, options.notify ?? true);
  };
  try {
    await inTransaction(db, projection, options, (trx) => apply(trx, events, to, events.length, from));
    return to;
  } catch (err) {
    if (err instanceof CheckpointConflictError || isTransientDatabaseError(err) || events.length === 0) throw err;
  }
  let checkpoint = from;
  for (const event of events) {
    try {
      await inTransaction(db, projection, options, (trx) => apply(trx, [event], event.position, 1, checkpoint));
    } catch (err) {
      if (err instanceof CheckpointConflictError || isTransientDatabaseError(err)) throw err;
      const message = err instanceof Error ? err.message : String(err);
      // Said once it is parked for good: the transaction below can still meet a moved checkpoint.
      const said = () =>
        options.log(`parked event ${event.id} (${event.type} at ${positionToString(event.position)}): ${message}`);
      await inTransaction(db, projection, options, async (trx) => {
        await advanceCheckpoint(trx, projection.name, checkpoint, event.position, 0);
        await trx
          .insertInto('projection_dead_letters')
          .values({
            projection: projection.name,
            event_id: event.id,
            position: positionToString(event.position),
            event_type: event.type,
            error: message,
          })
          .onConflict((oc) => oc.columns(['projection', 'event_id']).doNothing())
          .execute();
      });
      said();
    }
    checkpoint = event.position;
  }
  if (comparePositions(to, checkpoint) > 0) {
    await inTransaction(db, projection, options, (trx) => advanceCheckpoint(trx, projection.name, checkpoint, to, 0));
    checkpoint = to;
  }
  return checkpoint;
}
