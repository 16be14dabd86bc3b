import type { Database } from '@claims/db';
import { type EventStore, type Position, START, positionToString } from '@claims/eventstore';
import type { Kysely } from 'kysely';
import { tryLockProjection, unlockProjection } from './lock.ts';
import type { Projection } from './projection.ts';
import { ProjectionRunner } from './runner.ts';

export class ProjectionBusyError extends Error {
  constructor(name: string) {
    super(`projection "${name}" is being run by another process (its lock is held); stop that process, then rebuild`);
    this.name = 'ProjectionBusyError';
  }
}

export interface RebuildOptions {
  db: Kysely<Database>;
  store: EventStore;
  projection: Projection;
  batchSize?: number;
  onProgress?: (info: { handled: number; position: Position }) => void;
}

/**
 * Empties a projection's tables, its change feed and checkpoint, then replays the
 * whole log into it from position zero. Holds the projection's lock throughout,
 * so it refuses to run beside a live runner of the same projection.
 */
export async function rebuildProjection(options: RebuildOptions): Promise<{ handled: number; position: string }> {
  const { db, projection } = options;
  return db.connection().execute(async (conn) => {
    if (!(await tryLockProjection(conn, projection.name))) throw new ProjectionBusyError(projection.name);
    try {
      await conn.transaction().execute(async (trx) => {
        for (const table of projection.tables) await trx.deleteFrom(table).execute();
        await trx.deleteFrom('projection_changes').where('projection', '=', projection.name).execute();
        await trx.deleteFrom('projection_dead_letters').where('projection', '=', projection.name).execute();
        await trx.deleteFrom('projection_checkpoints').where('projection', '=', projection.name).execute();
      });
      let handled = 0;
      let position: Position = START;
      const runner = new ProjectionRunner({
        db: conn,
        store: options.store,
        projection,
        batchSize: options.batchSize ?? 1000,
        exclusive: false,
        stopWhenCaughtUp: true,
        onBatch: (b) => {
          handled += b.handled;
          position = b.position;
          options.onProgress?.({ handled, position });
        },
      });
      await runner.done;
      return { handled, position: positionToString(position) };
    } finally {
      await unlockProjection(conn, projection.name);
    }
  });
}
