import { type Database, migrateReadModels, PROJECTION_CHANGES_CHANNEL } from '@claims/db';
import {
  comparePositions,
  type EventStore,
  type Position,
  positionToString,
  type RecordedEvent,
  START,
} from '@claims/eventstore';
import { type Kysely, sql, type Transaction } from 'kysely';
import { buildProjections } from './builder.ts';
import { advanceCheckpoint, readCheckpoint, recordChanges } from './checkpoints.ts';
import { toProjected } from './events.ts';
import { withIndexesDeferred } from './indexes.ts';
import { holdSwap, tryLockRebuild, unlockRebuild } from './lock.ts';
import type { Projection } from './projection.ts';
import { allProjections } from './projections/index.ts';

export class RebuildBusyError extends Error {
  constructor() {
    super('another rebuild is running (its lock is held); wait for it to finish');
    this.name = 'RebuildBusyError';
  }
}

export interface RebuildOptions {
  /** The live database: its default schema holds the read models the tracker serves. */
  db: Kysely<Database>;
  store: EventStore;
  /** Default: every projection. */
  projections?: readonly Projection[];
  batchSize?: number;
  onProgress?: (info: { state: 'building' | 'swapping'; handled: number; position: Position }) => void;
  /** Runs once the shadow has caught up, just before the swap (tests; tooling). */
  beforeSwap?: () => Promise<void>;
  log?: (line: string) => void;
}

export interface RebuildResult {
  handled: number;
  /** Each projection's checkpoint as swapped in. */
  projections: { projection: string; position: string }[];
}

/** Tries at taking the live tables for the swap (100 ms each, with pauses between) before giving up. */
const SWAP_LOCK_ATTEMPTS = 200;

/** Progress rows are written at most this often. */
const PROGRESS_EVERY_MS = 250;

/** Drops the shadow schemas that rebuilds which died left behind (their rows say which). */
async function clearDeadRebuilds(db: Kysely<Database>): Promise<void> {
  const dead = await db.selectFrom('projection_rebuilds').select('shadow_schema').distinct().execute();
  for (const { shadow_schema } of dead) {
    await db.schema.dropSchema(shadow_schema).ifExists().cascade().execute();
    await db.schema.dropSchema(`${shadow_schema}_retired`).ifExists().cascade().execute();
  }
  await db.deleteFrom('projection_rebuilds').execute();
}

/** The events of `projection` after `from` up to `to` (inclusive). */
async function eventsUpTo(
  store: EventStore,
  projection: Projection,
  from: Position,
  to: Position,
): Promise<RecordedEvent[]> {
  const out: RecordedEvent[] = [];
  let at = from;
  while (comparePositions(at, to) < 0) {
    const page = await store.readAll({ from: at, filter: { eventTypes: projection.eventTypes }, maxCount: 2000 });
    out.push(...page.events.filter((e) => comparePositions(e.position, to) <= 0));
    if (page.isEnd || comparePositions(page.position, at) === 0) break;
    at = page.position;
  }
  return out;
}

/**
 * In one transaction, with every live batch of these projections held off: brings the
 * shadow up to where the live projection is (so no reader sees an answer go back), moves
 * each projection's change feed, parked events and checkpoint over, and exchanges the
 * tables (`ALTER TABLE … SET SCHEMA`; readers wait for the commit, then see the new ones).
 */
async function swap(
  db: Kysely<Database>,
  store: EventStore,
  shadow: string,
  projections: readonly Projection[],
): Promise<RebuildResult['projections']> {
  const live = (await sql<{ s: string }>`select current_schema() as s`.execute(db)).rows[0]!.s;
  const retired = `${shadow}_retired`;
  await db.schema.createSchema(retired).ifNotExists().execute();
  return db.transaction().execute(async (trx) => {
    for (const p of projections) await holdSwap(trx, p.name);
    const target = trx.withSchema(shadow);
    const result: RebuildResult['projections'] = [];
    for (const p of projections) {
      const at = await readCheckpoint(target, p.name);
      const liveAt = await readCheckpoint(trx, p.name);
      let position = at;
      if (comparePositions(liveAt, at) > 0) {
        const events = await eventsUpTo(store, p, at, liveAt);
        const changes = await p.apply(target as Transaction<Database>, events.map(toProjected));
        await recordChanges(target as Transaction<Database>, p.name, changes, false);
        await advanceCheckpoint(target as Transaction<Database>, p.name, at, liveAt, events.length);
        position = liveAt;
      }
      await trx.deleteFrom('projection_changes').where('projection', '=', p.name).execute();
      await trx
        .insertInto('projection_changes')
        .expression(target.selectFrom('projection_changes').selectAll().where('projection', '=', p.name))
        .execute();
      await trx.deleteFrom('projection_dead_letters').where('projection', '=', p.name).execute();
      await trx
        .insertInto('projection_dead_letters')
        .expression(target.selectFrom('projection_dead_letters').selectAll().where('projection', '=', p.name))
        .execute();
      await trx.deleteFrom('projection_checkpoints').where('projection', '=', p.name).execute();
      await trx
        .insertInto('projection_checkpoints')
        .expression(target.selectFrom('projection_checkpoints').selectAll().where('projection', '=', p.name))
        .execute();
      result.push({ projection: p.name, position: positionToString(position) });
    }
    // Last, so that readers wait only for the commit that follows. Readers take the live tables a
    // moment at a time, in whatever order their queries name them: take them all before moving any,
    // and give up after a moment (trying again) rather than wait where a reader could wait for us.
    const tables = projections.flatMap((p) => p.tables);
    for (let attempt = 1; ; attempt++) {
      await sql`savepoint swap_locks`.execute(trx);
      try {
        // LOCK TABLE has no kysely builder; the names are the projections' own constants.
        await sql`set local lock_timeout = '100ms'`.execute(trx);
        await sql`lock table ${sql.join(tables.map((t) => sql.id(live, t)))} in access exclusive mode`.execute(trx);
        await sql`set local lock_timeout = '0'`.execute(trx);
        break;
      } catch (err) {
        if ((err as { code?: string }).code !== '55P03' || attempt >= SWAP_LOCK_ATTEMPTS) throw err;
        await sql`rollback to savepoint swap_locks`.execute(trx);
        await new Promise((r) => setTimeout(r, Math.min(20 * attempt, 250)));
      }
    }
    for (const p of projections) {
      for (const table of p.tables) {
        await trx.schema.withSchema(live).alterTable(table).setSchema(retired).execute();
        await trx.schema.withSchema(shadow).alterTable(table).setSchema(live).execute();
      }
      await sql`select pg_notify(${PROJECTION_CHANGES_CHANNEL}, ${p.name})`.execute(trx);
    }
    await trx
      .deleteFrom('projection_rebuilds')
      .where(
        'projection',
        'in',
        projections.map((p) => p.name),
      )
      .execute();
    return result;
  });
}

/**
 * Rebuilds projections without downtime: builds them from position zero into a shadow
 * schema while the tracker goes on serving and projecting, catches up with the head, then
 * swaps the shadow tables in, in one transaction (`swap`). Readers see the old tables or the
 * new ones, never a half-built model; the live projection runs until the swap and goes on
 * from the swapped-in checkpoint. Progress is in `projection_rebuilds` (`/v1/health`, the page).
 * One rebuild at a time.
 */
export async function rebuildProjections(options: RebuildOptions): Promise<RebuildResult> {
  const { db, store } = options;
  const projections = options.projections ?? allProjections;
  const log = options.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  return db.connection().execute(async (conn) => {
    if (!(await tryLockRebuild(conn))) throw new RebuildBusyError();
    const shadow = `rebuild_${Date.now().toString(36)}`;
    try {
      await clearDeadRebuilds(db);
      await migrateReadModels(db, shadow);
      await db
        .insertInto('projection_rebuilds')
        .values(
          projections.map((p) => ({
            projection: p.name,
            shadow_schema: shadow,
            state: 'building' as const,
            event_types: [...p.eventTypes],
            position: positionToString(START),
          })),
        )
        .execute();
      let handled = 0;
      let last = 0;
      const onBatch = (b: { handled: number; position: Position }) => {
        options.onProgress?.({ state: 'building', handled: handled + b.handled, position: b.position });
        if (performance.now() - last < PROGRESS_EVERY_MS) return;
        last = performance.now();
        void db
          .updateTable('projection_rebuilds')
          .set({ position: positionToString(b.position), events_handled: handled + b.handled, updated_at: new Date() })
          .where('shadow_schema', '=', shadow)
          .execute()
          .catch(() => {});
      };
      const target = db.withSchema(shadow);
      // To the head (the indexes no build reads made at the end); then once more for what came in
      // meanwhile, so that the swap has little left to do.
      const first = await withIndexesDeferred(db, shadow, () =>
        buildProjections({ db: target, store, projections, batchSize: options.batchSize, empty: true, onBatch, log }),
      );
      const second = await buildProjections({
        db: target,
        store,
        projections,
        batchSize: options.batchSize,
        onBatch: (b) => onBatch({ ...b, handled: first.handled + b.handled }),
        log,
      });
      handled = first.handled + second.handled;
      await options.beforeSwap?.();
      await db
        .updateTable('projection_rebuilds')
        .set({ state: 'swapping', updated_at: new Date() })
        .where('shadow_schema', '=', shadow)
        .execute();
      options.onProgress?.({ state: 'swapping', handled, position: (await store.headPosition()) ?? START });
      const swapped = await swap(db, store, shadow, projections);
      await db.schema.dropSchema(shadow).ifExists().cascade().execute();
      await db.schema.dropSchema(`${shadow}_retired`).ifExists().cascade().execute();
      return { handled, projections: swapped };
    } catch (err) {
      await db
        .deleteFrom('projection_rebuilds')
        .where('shadow_schema', '=', shadow)
        .execute()
        .catch(() => {});
      await db.schema
        .dropSchema(shadow)
        .ifExists()
        .cascade()
        .execute()
        .catch(() => {});
      await db.schema
        .dropSchema(`${shadow}_retired`)
        .ifExists()
        .cascade()
        .execute()
        .catch(() => {});
      throw err;
    } finally {
      await unlockRebuild(conn);
    }
  });
}
