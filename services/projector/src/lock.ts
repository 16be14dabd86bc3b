import type { Database } from '@claims/db';
import { type Kysely, sql, type Transaction } from 'kysely';

/**
 * The advisory locks of the projections, and the one home of their keys:
 * - a projection's session lock lets one process at a time run it (the live runner holds it
 *   while it follows the log);
 * - its swap lock: every live batch takes it shared, a rebuild's swap exclusively, so the swap
 *   waits for the batch in hand and no batch commits until the swapped tables are in place;
 * - the rebuild lock lets one rebuild run at a time.
 */
const lockKey = (projection: string) => sql<string>`hashtextextended(${`claims-projection:${projection}`}, 0)`;
const swapKey = (projection: string) => sql<string>`hashtextextended(${`claims-projection-swap/${projection}`}, 0)`;
const REBUILD_KEY = sql<string>`hashtextextended('claims-projections-rebuild', 0)`;

/** Takes the projection's lock on this (pinned) connection if it is free; true when taken. */
export async function tryLockProjection(conn: Kysely<Database>, projection: string): Promise<boolean> {
  const row = await conn
    .selectNoFrom(sql<boolean>`pg_try_advisory_lock(${lockKey(projection)})`.as('locked'))
    .executeTakeFirstOrThrow();
  return row.locked;
}

/** Releases the lock taken on this connection; a connection already lost has released it. */
export async function unlockProjection(conn: Kysely<Database>, projection: string): Promise<void> {
  await conn
    .selectNoFrom(sql<boolean>`pg_advisory_unlock(${lockKey(projection)})`.as('unlocked'))
    .execute()
    .catch(() => {});
}

/** A live batch's turn: shared with other batches, never beside a swap of this projection. */
export async function takeSwapTurn(trx: Transaction<Database>, projection: string): Promise<void> {
  await trx.selectNoFrom(sql<void>`pg_advisory_xact_lock_shared(${swapKey(projection)})`.as('turn')).execute();
}

/** A swap's hold: waits for the live batch in hand, then keeps every other off until commit. */
export async function holdSwap(trx: Transaction<Database>, projection: string): Promise<void> {
  await trx.selectNoFrom(sql<void>`pg_advisory_xact_lock(${swapKey(projection)})`.as('hold')).execute();
}

/** Takes the rebuild lock on this (pinned) connection if it is free; true when taken. */
export async function tryLockRebuild(conn: Kysely<Database>): Promise<boolean> {
  const row = await conn
    .selectNoFrom(sql<boolean>`pg_try_advisory_lock(${REBUILD_KEY})`.as('locked'))
    .executeTakeFirstOrThrow();
  return row.locked;
}

export async function unlockRebuild(conn: Kysely<Database>): Promise<void> {
  await conn
    .selectNoFrom(sql<boolean>`pg_advisory_unlock(${REBUILD_KEY})`.as('unlocked'))
    .execute()
    .catch(() => {});
}
