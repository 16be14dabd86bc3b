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
  apply(db: ReadModelWriter, events: readonly ProjectedEvent[]): Promise<ReadModelChange[]>;
}
