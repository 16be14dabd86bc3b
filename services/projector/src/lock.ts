import type { Database } from '@claims/db';
import { type Kysely, sql } from 'kysely';

/**
 * The session-level advisory lock that lets one process at a time run a projection:
 * the live runner holds it while it follows the log, and a rebuild takes the same one,
 * so the two can never write the same tables at once. The one home of its key.
 */
const lockKey = (projection: string) => sql<string>`hashtextextended(${`claims-projection:${projection}`}, 0)`;

/** Takes the projection's lock on this (pinned) connection if it is free; true when taken. */
export async function tryLockProjection(conn: Kysely<Database>, projection: string): Promise<boolean> {
  const row = await conn.selectNoFrom(sql<boolean>`pg_try_advisory_lock(${lockKey(projection)})`.as('locked')).executeTakeFirstOrThrow();
  return row.locked;
}

/** Releases the lock taken on this connection; a connection already lost has released it. */
export async function unlockProjection(conn: Kysely<Database>, projection: string): Promise<void> {
  await conn
    .selectNoFrom(sql<boolean>`pg_advisory_unlock(${lockKey(projection)})`.as('unlocked'))
    .execute()
    .catch(() => {});
}
