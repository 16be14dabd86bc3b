import { type Database, isTransientDatabaseError } from '@claims/db';
import type { EventType } from '@claims/events';
import { comparePositions, type EventStore, type Position, type RecordedEvent } from '@claims/eventstore';
import { type Kysely, sql } from 'kysely';
import { commitBatch } from './batch.ts';
import { advanceCheckpoints, readCheckpoint, recordChanges } from './checkpoints.ts';
import { toProjected } from './events.ts';
import type { EmptyBuildProjection, ProjectedEvent, Projection } from './projection.ts';

export interface BuildOptions {
  /** Where the read models go: a shadow schema's or a replay's (`db.withSchema(name)`). */
  db: Kysely<Database>;
  store: EventStore;
  projections: readonly Projection[];
  /** Events per batch (and per transaction). Default 2000. */
  batchSize?: number;
  /**
   * Only events for which this holds are applied (the others still move the checkpoints); unreadable ones always go on,
   * to be parked.
   */
  accept?: (e: ProjectedEvent) => boolean;
  /** Keep a change feed (a rebuild does, to swap it in; a replay has no subscribers). Default true. */
  changes?: boolean;
  /**
   * Transactions that apply a batch side by side, the projections shared out among them (default 2): the database
   * writes on as many connections, which on a build is most of the work.
   */
  lanes?: number;
  /**
   * The tables are empty, the checkpoints at zero, and nothing else writes them during the build (a replay, a
   * rebuild's first pass): projections that can keep what they read back in memory do (`forEmptyBuild`).
   */
  empty?: boolean;
  onBatch?: (info: { handled: number; position: Position; caughtUp: boolean }) => void;
  log?: (line: string) => void;
}

/**
 * The next batch is read while this one is applied: reading the log and writing the read models
 * are each about half of a build, on two connections they overlap. The order is the source's.
 */
async function* readAhead<T>(source: AsyncIterable<T>): AsyncGenerator<T> {
  const it = source[Symbol.asyncIterator]();
  let next = it.next();
  try {
    for (;;) {
      const r = await next;
      if (r.done) return;
      next = it.next();
      yield r.value;
    }
  } finally {
    // Stopped early (caught up, or an error): the read in flight is the source's to end; its outcome is not wanted.
    next.catch(() => undefined);
  }
}

/**
 * Shares projections out among `count` lanes, the slowest first, each to the lane with the least work so far (longest
 * processing time first); a projection not timed yet counts as the slowest.
 */
export function lanesOf<T extends { p: Projection }>(
  shares: readonly T[],
  cost: ReadonlyMap<string, number>,
  count: number,
): T[][] {
  const costOf = (s: T) => cost.get(s.p.name) ?? Number.POSITIVE_INFINITY;
  const lanes = Array.from({ length: Math.max(1, Math.min(count, shares.length)) }, () => ({
    work: 0,
    shares: [] as T[],
  }));
  for (const s of [...shares].sort((a, b) => costOf(b) - costOf(a))) {
    const lane = lanes.reduce((a, b) => (b.work < a.work ? b : a));
    lane.shares.push(s);
    lane.work += Number.isFinite(costOf(s)) ? costOf(s) : 1e9;
  }
  return lanes.map((l) => l.shares).filter((l) => l.length > 0);
}

/**
 * Builds several projections from their checkpoints up to the head, in one pass over the
 * log: each event is read and upcast once, and each batch goes into a few transactions side by side (`lanes`),
 * each applying its projections' shares of it, recording their changes and moving their checkpoints. What rebuilds and replays run; the
 * live tracker runs one `ProjectionRunner` per projection instead (its own checkpoint, lock
 * and pace). A batch that fails is done again projection by projection, event by event,
 * parking what cannot be applied, as a runner would.
 */
export async function buildProjections(
  options: BuildOptions,
): Promise<{ handled: number; position: Position; applied: Map<string, number> }> {
  const { db, store } = options;
  const projections: readonly (Projection & Partial<EmptyBuildProjection>)[] = options.empty
    ? options.projections.map((p) => p.forEmptyBuild?.() ?? p)
    : options.projections;
  const log = options.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  if (projections.length === 0)
    return { handled: 0, position: (await store.headPosition()) ?? { commit: -1n, prepare: -1n }, applied: new Map() };
  const checkpoints = new Map<string, Position>();
  for (const p of projections) checkpoints.set(p.name, await readCheckpoint(db, p.name));
  // From the projection furthest behind; each skips what it has already.
  const from = [...checkpoints.values()].reduce((a, b) => (comparePositions(a, b) < 0 ? a : b));
  const types = [...new Set(projections.flatMap((p) => p.eventTypes))] as EventType[];
  const wants = new Map(projections.map((p) => [p.name, new Set<string>(p.eventTypes)]));
  const subscription = store.subscribe({ from, filter: { eventTypes: types }, batchSize: options.batchSize ?? 2000 });
  // How long each projection's share of the last batch took: what the lanes are balanced by.
  const cost = new Map<string, number>();
  let handled = 0;
  let position = from;
  const applied = new Map<string, number>();
  try {
    for await (const batch of readAhead(subscription)) {
      const projected: (ProjectedEvent | null)[] = batch.events.map((e) => {
        try {
          return toProjected(e);
        } catch {
          return null; // unreadable: its projections park it below
        }
      });
      const accepted = projected.map((pe) => !pe || !options.accept || options.accept(pe));
      const share = (p: Projection) => {
        const after = checkpoints.get(p.name)!;
        const events: RecordedEvent[] = [];
        const typed: ProjectedEvent[] = [];
        batch.events.forEach((e, i) => {
          if (!accepted[i] || !wants.get(p.name)!.has(e.type) || comparePositions(e.position, after) <= 0) return;
          events.push(e);
          const pe = projected[i];
          if (pe) typed.push(pe);
        });
        return { events, typed, clean: typed.length === events.length };
      };
      const shares = projections.map((p) => ({ p, ...share(p) }));
      const movable = shares.filter(({ p }) => comparePositions(batch.position, checkpoints.get(p.name)!) > 0);
      // The lanes commit side by side, each its projections' writes with their checkpoints (a projection reads
      // only its own tables, so no lane waits for another's rows); the next batch starts when all have committed.
      await Promise.all(
        lanesOf(movable, cost, options.lanes ?? 2).map(async (lane) => {
          let together = lane.every((s) => s.clean);
          if (together) {
            try {
              await db.transaction().execute(async (trx) => {
                // Not waiting for the WAL flush is safe here: a crash loses the last batches with their
                // checkpoints (they commit together), and the build goes on from the checkpoint left.
                await sql`set local synchronous_commit = off`.execute(trx);
                // The checkpoints first, all the lane's in one statement: a build whose checkpoint was moved fails
                // before writing anything.
                await advanceCheckpoints(
                  trx,
                  lane.map(({ p, typed }) => ({
                    projection: p.name,
                    from: checkpoints.get(p.name)!,
                    to: batch.position,
                    handled: typed.length,
                  })),
                );
                for (const { p, typed } of lane) {
                  const started = performance.now();
                  const changes = await p.apply(trx, typed, { changes: options.changes ?? true });
                  if (options.changes ?? true) await recordChanges(trx, p.name, changes, false);
                  cost.set(p.name, performance.now() - started);
                }
              });
              for (const { p } of lane) p.committed?.();
            } catch (err) {
              for (const { p } of lane) p.rolledBack?.();
              if (isTransientDatabaseError(err)) throw err;
              together = false;
            }
          }
          for (const s of lane) {
            applied.set(s.p.name, (applied.get(s.p.name) ?? 0) + s.events.length);
            if (!together) {
              const to = await commitBatch(db, s.p, s.events, checkpoints.get(s.p.name)!, batch.position, {
                changes: options.changes ?? true,
                notify: false,
                onCommit: () => s.p.committed?.(),
                onRollback: () => s.p.rolledBack?.(),
                log,
              });
              checkpoints.set(s.p.name, to);
            } else checkpoints.set(s.p.name, batch.position);
          }
        }),
      );
      handled += batch.events.length;
      position = batch.position;
      options.onBatch?.({ handled, position, caughtUp: batch.caughtUp });
      if (batch.caughtUp) break;
    }
  } finally {
    await subscription.close();
  }
  return { handled, position, applied };
}
