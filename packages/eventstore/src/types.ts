import type { Position } from './position.ts';

/** What the caller expects the stream's last revision to be before appending. */
export type ExpectedRevision =
  /** Append whatever the stream holds. */
  | 'any'
  /** The stream must not exist yet. */
  | 'no_stream'
  /** The stream must exist. */
  | 'stream_exists'
  /** The stream's last event must have exactly this revision (revisions start at 0). */
  | bigint;

/** An event to append. `id` is the writer's: appending an id already stored is a no-op. */
export interface NewEvent {
  id: string;
  type: string;
  data: Record<string, unknown>;
  metadata?: Record<string, unknown>;
}

/** An event as stored. */
export interface RecordedEvent {
  id: string;
  type: string;
  data: Record<string, unknown>;
  metadata: Record<string, unknown>;
  streamId: string;
  /** 0-based revision inside its stream. */
  revision: bigint;
  /** Place in the global log. */
  position: Position;
  /** Assigned by the store on append (record time). */
  recordedAt: Date;
}

export interface AppendOptions {
  expectedRevision?: ExpectedRevision;
}

export interface AppendResult {
  /** The stream's last revision after the append (expect it next time). */
  nextExpectedRevision: bigint;
  /** Position of the last event of this call (the stored one, on an idempotent retry). */
  position: Position;
  /** How many events were newly stored: 0 when every id was already there. */
  appended: number;
}

export interface EventFilter {
  /** Only these event types. */
  eventTypes?: readonly string[];
  /** Only streams whose id starts with this. */
  streamPrefix?: string;
}

export interface ReadStreamOptions {
  /** First revision to read (inclusive). Default 0. */
  fromRevision?: bigint;
  /** At most this many events. Default: all. */
  maxCount?: number;
}

export interface ReadAllOptions {
  /** Read events *after* this position. Default: from the start. */
  from?: Position;
  filter?: EventFilter;
  /** At most this many events in the page. Default 1000. */
  maxCount?: number;
}

/** A page of the global log. */
export interface ReadAllPage {
  events: RecordedEvent[];
  /**
   * How far the read looked, filtered-out events included: pass it as `from` next
   * time. Equal to the `from` given when nothing new was there.
   */
  position: Position;
  /** True when the page reached the head of the log as the reader saw it. */
  isEnd: boolean;
  /**
   * True when events beyond this page are committed but cannot be read yet: a transaction
   * that began before them is still open and may yet add an event below them (PostgreSQL).
   * Read again soon rather than waiting for the next append.
   */
  heldBack?: boolean;
}

/** How far a reader at some position is behind the log (`EventStore.lag`). */
export interface Lag {
  /** Committed events after the position (of the filter), counted up to `max`. */
  behind: number;
  /** Of those, how many no reader can read yet because an older transaction is still open. */
  heldBack: number;
  /** The oldest open transaction holding readers back, when one is (PostgreSQL). */
  heldBackBy: { pid: number | null; openForMs: number } | null;
}

export interface LagOptions {
  filter?: EventFilter;
  /** Count at most this many events. Default 5000. */
  max?: number;
}

/**
 * A batch delivered by a subscription: events in log order, and the checkpoint after
 * them. A batch may be empty: when filtered-out events moved the position, and once
 * when the subscription first reaches the head (`caughtUp`).
 */
export interface EventBatch {
  events: RecordedEvent[];
  /** Store this as the checkpoint once the batch is handled; resume with `from: position`. */
  position: Position;
  /** True when this batch reached the head of the log (the subscription is live). */
  caughtUp: boolean;
}

export interface SubscribeOptions {
  /** Deliver events after this position. Default: from the start. */
  from?: Position;
  filter?: EventFilter;
  /** Largest batch. Default 500. */
  batchSize?: number;
  /** Stops the subscription when aborted. */
  signal?: AbortSignal;
}

/** Catches up from a position, then follows live appends, as an async iterable of batches. */
export interface Subscription extends AsyncIterable<EventBatch> {
  close(): Promise<void>;
}

/**
 * The event-store port. Two adapters implement it (PostgreSQL, EventStoreDB) and
 * pass the same contract suite (`test/contract.ts`).
 */
export interface EventStore {
  /** Appends all `events` to `stream` atomically, or none of them. */
  append(stream: string, events: readonly NewEvent[], options?: AppendOptions): Promise<AppendResult>;
  /** The events of one stream, in revision order. Empty when the stream does not exist. */
  readStream(stream: string, options?: ReadStreamOptions): Promise<RecordedEvent[]>;
  /** A page of the global log after `from`, in position order. */
  readAll(options?: ReadAllOptions): Promise<ReadAllPage>;
  /** Catch up, then follow live appends. */
  subscribe(options?: SubscribeOptions): Subscription;
  /** The position of the last event in the log, or null when it is empty (for lag figures). */
  headPosition(): Promise<Position | null>;
  /** How many events a reader at `from` has yet to see, and what holds it back, if anything. */
  lag(from: Position, options?: LagOptions): Promise<Lag>;
  /** Releases connections the store opened itself. */
  close(): Promise<void>;
}
