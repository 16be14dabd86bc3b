import type { Database } from '@claims/db';
import type { DomainEvent, EventMetadata, EventType } from '@claims/events';
import type { Position } from '@claims/eventstore';
import type { Kysely, Transaction } from 'kysely';

/** An event as a projection receives it: upcast to the current schema, with where and when it was stored. */
export type ProjectedEvent = DomainEvent & {
  id: string;
  streamId: string;
  revision: bigint;
  position: Position;
  recordedAt: Date;
  metadata: EventMetadata;
};

/** One change to a read model, published to subscribers once its transaction commits. */
export interface ReadModelChange {
  kind: string;
  side?: string | null;
  topic?: string | null;
  payload: Record<string, unknown>;
  /** The event that caused it (its position becomes the change's id). */
  position: Position;
}

/** How a batch is applied. */
export interface ApplyOptions {
  /**
   * Whether the caller records the batch's changes (default true). A replay keeps no change feed: with false a projection
   * may answer none, and leaves out the objects it would only have made for the feed.
   */
  changes?: boolean;
}

/** The read-model database a projection writes to: a transaction, in the default schema or a replay's. */
export type ReadModelWriter = Transaction<Database> | Kysely<Database>;

/**
 * A projection: turns events into rows of the read-model tables it owns. The
 * runner calls `apply` with a batch of events in log order inside one transaction
 * that also moves the projection's checkpoint, so each event counts exactly once.
 */
export interface Projection {
  readonly name: string;
  /** The event types it reads (the subscription's filter). */
  readonly eventTypes: readonly EventType[];
  /** The tables it owns: emptied before a rebuild. */
  readonly tables: readonly (keyof Database)[];
  apply(db: ReadModelWriter, events: readonly ProjectedEvent[], options?: ApplyOptions): Promise<ReadModelChange[]>;
  /**
   * A copy of this projection for one build from position zero into empty tables that nothing else writes (a replay,
   * a rebuild's first pass): it keeps in memory what it would otherwise read back from its tables.
   */
  forEmptyBuild?(): EmptyBuildProjection;
}

/**
 * A projection that keeps in memory, for one build, what its tables hold of what it reads. A batch's additions to the
 * memory wait for its transaction: `committed` takes them in, `rolledBack` drops them, so the memory is always what the
 * tables hold.
 */
export interface EmptyBuildProjection extends Projection {
  committed(): void;
  rolledBack(): void;
}

/** What a batch applied with memory answers: its changes, and what to add to the memory once it commits. */
export interface AppliedWithMemory {
  changes: ReadModelChange[];
  remember: () => void;
}

/** `projection`'s copy for an empty build, its batches applied by `apply` with `memory` (see `EmptyBuildProjection`). */
export function withMemory<M>(
  projection: Projection,
  memory: M,
  apply: (
    db: ReadModelWriter,
    events: readonly ProjectedEvent[],
    memory: M,
    options: ApplyOptions | undefined,
  ) => Promise<AppliedWithMemory>,
): EmptyBuildProjection {
  let pending: (() => void) | null = null;
  return {
    ...projection,
    async apply(db, events, options) {
      const applied = await apply(db, events, memory, options);
      pending = applied.remember;
      return applied.changes;
    },
    committed() {
      pending?.();
      pending = null;
    },
    rolledBack() {
      pending = null;
    },
  };
}
