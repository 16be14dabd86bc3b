import { type Database, isTransientDatabaseError } from '@claims/db';
import {
  comparePositions,
  type EventStore,
  type Position,
  positionToString,
  type RecordedEvent,
  START,
} from '@claims/eventstore';
import type { Kysely } from 'kysely';
import { commitBatch } from './batch.ts';
import { CheckpointConflictError, readCheckpoint } from './checkpoints.ts';
import { tryLockProjection, unlockProjection } from './lock.ts';
import type { Projection } from './projection.ts';

export type RunnerState = 'idle' | 'waiting_for_lock' | 'catching_up' | 'live' | 'retrying' | 'stopped' | 'failed';

export interface ProjectionStatus {
  projection: string;
  state: RunnerState;
  /** The checkpoint: the last event this projection has handled. */
  position: string;
  /** Events of this projection's types after the checkpoint (read against the true head). */
  behind: number;
  /** Of those, how many it cannot read yet: a transaction that began before them is still open. */
  heldBack: number;
  /** That transaction (its server process and how long it has been open), while one holds it back. */
  heldBackBy: { pid: number | null; openForMs: number } | null;
  lastError: string | null;
}

export interface RunnerOptions {
  /** Where the read models are (the default schema, or a replay's via `db.withSchema`). */
  db: Kysely<Database>;
  store: EventStore;
  projection: Projection;
  batchSize?: number;
  /**
   * Take the projection's advisory lock so that one process at a time runs it.
   * Default true; a replay into a private schema needs none.
   */
  exclusive?: boolean;
  /** Only events for which this holds are applied (the others still move the checkpoint). */
  accept?: (e: RecordedEvent) => boolean;
  /** Stop once caught up with the head instead of following live appends (rebuilds, replays). */
  stopWhenCaughtUp?: boolean;
  /** Called after each committed batch (progress bars, tests). */
  onBatch?: (info: { handled: number; position: Position; caughtUp: boolean }) => void;
  log?: (line: string) => void;
}

/** Lag beyond this many events is reported as this many: a long lag costs a bounded read. */
export const LAG_CAP = 5_000;

/**
 * Waits `ms`, or less if `signal` aborts; either way its abort listener goes (a standby waits once a second, for
 * hours).
 */
const sleep = (ms: number, signal: AbortSignal) =>
  new Promise<void>((resolve) => {
    const done = () => {
      clearTimeout(t);
      signal.removeEventListener('abort', done);
      resolve();
    };
    const t = setTimeout(done, ms);
    signal.addEventListener('abort', done, { once: true });
  });

/**
 * Feeds one projection from the event store: batches, a checkpoint written in the
 * same transaction as the rows (compare-and-set), one process at a time (a
 * session-level advisory lock), poison events parked in `projection_dead_letters`,
 * automatic retry while the database is away, and a graceful stop.
 */
export class ProjectionRunner {
  private readonly abort = new AbortController();
  private state: RunnerState = 'idle';
  private checkpoint: Position = START;
  private lastError: string | null = null;
  private running: Promise<void> | null = null;

  constructor(private readonly options: RunnerOptions) {}

  get name(): string {
    return this.options.projection.name;
  }

  /** Starts in the background; `done` settles when it stops. */
  start(): this {
    this.running ??= this.run();
    return this;
  }

  /** Settles when the runner stops (after `stop()`, or once caught up with `stopWhenCaughtUp`). */
  get done(): Promise<void> {
    return this.start().running!;
  }

  /** Finishes the batch in hand, releases the lock and returns. */
  async stop(): Promise<void> {
    this.abort.abort();
    await this.running?.catch(() => {});
  }

  async status(): Promise<ProjectionStatus> {
    const { store, projection } = this.options;
    // Counted by the store against the true head, whichever adapter holds the log; at most LAG_CAP.
    const lag = await store
      .lag(this.checkpoint, { filter: { eventTypes: projection.eventTypes }, max: LAG_CAP })
      .catch(() => ({ behind: -1, heldBack: 0, heldBackBy: null }));
    return {
      projection: projection.name,
      state: this.state,
      position: positionToString(this.checkpoint),
      behind: lag.behind,
      heldBack: lag.heldBack,
      heldBackBy: lag.heldBackBy,
      lastError: this.lastError,
    };
  }

  private log(line: string) {
    (this.options.log ?? ((l: string) => process.stderr.write(`${l}\n`)))(`projector[${this.name}]: ${line}`);
  }

  private async run(): Promise<void> {
    const signal = this.abort.signal;
    let backoff = 250;
    while (!signal.aborted) {
      try {
        if (this.options.exclusive === false) await this.follow(this.options.db);
        else await this.options.db.connection().execute((conn) => this.whileLocked(conn));
        if (this.options.stopWhenCaughtUp) break;
      } catch (err) {
        if (err instanceof CheckpointConflictError && (await this.movedAhead())) continue;
        if (err instanceof CheckpointConflictError || !isTransientDatabaseError(err)) {
          this.state = 'failed';
          this.lastError = err instanceof Error ? err.message : String(err);
          this.log(`stopped: ${this.lastError}`);
          throw err;
        }
        this.state = 'retrying';
        this.lastError = err instanceof Error ? err.message : String(err);
        this.log(`database unavailable (${this.lastError}); retrying in ${backoff} ms`);
        await sleep(backoff, signal);
        backoff = Math.min(backoff * 2, 5_000);
        continue;
      }
      backoff = 250;
    }
    this.state = 'stopped';
  }

  /**
   * After a checkpoint conflict: true when the stored checkpoint is past this runner's, as after
   * a rebuild swapped its tables in (they and their checkpoint were written together, so going
   * on from there writes nothing twice). A checkpoint behind means another runner: stop.
   */
  private async movedAhead(): Promise<boolean> {
    const stored = await readCheckpoint(this.options.db, this.name).catch(() => null);
    if (!stored || comparePositions(stored, this.checkpoint) <= 0) return false;
    this.log(`checkpoint moved ahead to ${positionToString(stored)} (a rebuild swapped in); going on from there`);
    return true;
  }

  /** Holds the projection's session-level advisory lock on one pinned connection while following the log. */
  private async whileLocked(conn: Kysely<Database>): Promise<void> {
    const signal = this.abort.signal;
    let waiting = false;
    for (;;) {
      if (await tryLockProjection(conn, this.name)) break;
      if (!waiting) this.log('another process runs this projection; waiting for its lock');
      waiting = true;
      this.state = 'waiting_for_lock';
      await sleep(1_000, signal);
      if (signal.aborted) return;
    }
    try {
      // Everything goes through the pinned connection: one connection per running projection.
      await this.follow(conn);
    } finally {
      await unlockProjection(conn, this.name);
    }
  }

  private async follow(db: Kysely<Database>): Promise<void> {
    const { store, projection } = this.options;
    const signal = this.abort.signal;
    this.checkpoint = await readCheckpoint(db, projection.name);
    // The database answers again: an error from before the recovery is no longer the state of things.
    this.lastError = null;
    this.state = 'catching_up';
    const subscription = store.subscribe({
      from: this.checkpoint,
      filter: { eventTypes: projection.eventTypes },
      batchSize: this.options.batchSize ?? 500,
      signal,
    });
    try {
      for await (const batch of subscription) {
        const accepted = this.options.accept ? batch.events.filter(this.options.accept) : batch.events;
        if (accepted.length > 0 || comparePositions(batch.position, this.checkpoint) > 0) {
          await this.commit(db, accepted, batch.position);
        }
        this.state = batch.caughtUp ? 'live' : 'catching_up';
        this.options.onBatch?.({ handled: accepted.length, position: batch.position, caughtUp: batch.caughtUp });
        if (batch.caughtUp && this.options.stopWhenCaughtUp) break;
        if (signal.aborted) break;
      }
    } finally {
      await subscription.close();
    }
  }

  private async commit(db: Kysely<Database>, events: RecordedEvent[], to: Position): Promise<void> {
    this.checkpoint = await commitBatch(db, this.options.projection, events, this.checkpoint, to, {
      swapTurn: this.options.exclusive !== false,
      log: (line) => this.log(line),
    });
  }
}
