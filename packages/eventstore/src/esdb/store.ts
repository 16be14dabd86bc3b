import type { JSONType } from '@eventstore/db-client';
import {
  WrongExpectedVersionError as EsdbWrongExpectedVersion,
  EventStoreDBClient,
  jsonEvent,
  NO_STREAM,
} from '@eventstore/db-client';
import { EventStoreUnavailableError, InvalidAppendError, WrongExpectedRevisionError } from '../errors.ts';
import { comparePositions, isAfter, type Position, START } from '../position.ts';
import type {
  AppendOptions,
  AppendResult,
  EventStore,
  ExpectedRevision,
  Lag,
  LagOptions,
  NewEvent,
  ReadAllOptions,
  ReadAllPage,
  ReadStreamOptions,
  RecordedEvent,
  SubscribeOptions,
  Subscription,
} from '../types.ts';
import { esdbPositionOf, metadataOf, recordedOf } from './convert.ts';
import { isTransient, redactUrl, toStoreError } from './errors.ts';
import { planFilter } from './filter.ts';
import {
  type AllRead,
  allReadRequest,
  type GrpcRecordedEvent,
  NON_SYSTEM,
  type ReadCall,
  ReadingClient,
  streamReadRequest,
} from './protocol.ts';
import { type StoredId, StreamIndex } from './stream-index.ts';
import { esdbSubscription, type ReconnectPolicy } from './subscription.ts';

export interface EsdbEventStoreOptions {
  /**
   * Connection string, e.g. `esdb://localhost:2113?tls=false` (any form `@eventstore/db-client` accepts; `kurrentdb://`
   * too).
   */
  url: string;
  /** How a dropped subscription reconnects. */
  reconnect?: ReconnectPolicy;
  /** Where one-line notes go (a dropped subscription, its resume point). Default: stderr. */
  log?: (line: string) => void;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** An append races another writer between our read of the stream and the write; past this many tries we give up. */
const APPEND_ATTEMPTS = 10;

/** Tries of a one-shot call whose connection failed (see `retrying`). */
const CALL_ATTEMPTS = 3;

function checkAppend(stream: string, events: readonly NewEvent[]): void {
  if (!stream || stream.length > 500) throw new InvalidAppendError('stream name must be 1 to 500 characters');
  // `$` names are the server's own streams and event types; `$all` readers skip them.
  if (stream.startsWith('$'))
    throw new InvalidAppendError(`stream "${stream}": names starting with "$" are EventStoreDB system streams`);
  const seen = new Set<string>();
  for (const e of events) {
    if (!UUID.test(e.id)) throw new InvalidAppendError(`event id "${e.id}" is not a UUID`);
    const id = e.id.toLowerCase();
    if (seen.has(id)) throw new InvalidAppendError(`event id ${e.id} appears twice in one append`);
    seen.add(id);
    if (!e.type) throw new InvalidAppendError('event type must not be empty');
    if (e.type.startsWith('$'))
      throw new InvalidAppendError(`event type "${e.type}": types starting with "$" are system events`);
  }
}

function revisionMatches(expected: ExpectedRevision, actual: bigint | null): boolean {
  if (expected === 'any') return true;
  if (expected === 'no_stream') return actual === null;
  if (expected === 'stream_exists') return actual !== null;
  return actual === expected;
}

const latest = (positions: Position[]) => positions.reduce((m, p) => (isAfter(p, m) ? p : m), START);

/**
 * The EventStoreDB (KurrentDB) adapter of the event-store port, on `@eventstore/db-client`.
 *
 * - Appends pass event ids through, so the server's own idempotency check stands
 *   behind the adapter's: before writing, the adapter reads what the stream gained
 *   since it last looked (`StreamIndex`) to skip ids already stored there and to
 *   report `appended` exactly, then writes at the exact revision it read (a racing
 *   writer makes it look again).
 * - `readAll` and `subscribe` use `$all` with server-side filters and never return
 *   system (`$`) events; positions are the server's commit/prepare pair as bigint.
 * - A dropped subscription reconnects and resumes after the last batch it handed out.
 *
 * @example
 * const store = new EsdbEventStore({ url: 'esdb://localhost:2113?tls=false' });
 * await store.ready();
 */
export class EsdbEventStore implements EventStore {
  private readonly client: EventStoreDBClient;
  private readonly url: string;
  private readonly reconnect: ReconnectPolicy;
  private readonly log: (line: string) => void;
  private readonly open = new Set<Subscription>();
  private readonly index = new StreamIndex();

  constructor(options: EsdbEventStoreOptions) {
    this.url = options.url;
    this.reconnect = options.reconnect ?? {};
    this.log = options.log ?? ((line) => process.stderr.write(`eventstore: ${line}\n`));
    try {
      // KurrentDB's docs write `kurrentdb://`; this client reads the same string as `esdb://`.
      this.client = EventStoreDBClient.connectionString(
        options.url.replace(/^kurrentdb(\+discover)?:\/\//i, 'esdb$1://'),
      );
    } catch (err) {
      // The client's parse error draws a caret under the bad part over several lines; one is enough here.
      const reason = (err instanceof Error ? err.message : String(err)).split('\n')[0];
      throw new EventStoreUnavailableError(
        `not an EventStoreDB connection string (esdb://host:2113?tls=false): ${redactUrl(options.url)}: ${reason}`,
      );
    }
  }

  /** Resolves once the server has answered; otherwise throws `EventStoreUnavailableError` with one line. */
  async ready(): Promise<void> {
    await this.headPosition();
  }

  async append(stream: string, events: readonly NewEvent[], options: AppendOptions = {}): Promise<AppendResult> {
    checkAppend(stream, events);
    // Safe to repeat: the ids pass through, and a retry finds its own events stored.
    return this.retrying(() => this.appendOnce(stream, events, options));
  }

  private async appendOnce(stream: string, events: readonly NewEvent[], options: AppendOptions): Promise<AppendResult> {
    const expected = options.expectedRevision ?? 'any';
    try {
      for (let attempt = 1; ; attempt++) {
        const { revision: actual, ids: byId } = await this.index.state(stream, (from) => this.storedIds(stream, from));
        const known = events.flatMap((e) => byId.get(e.id.toLowerCase()) ?? []);

        if (events.length > 0 && known.length === events.length) {
          // A retry: every event is stored already, whatever the caller expected then.
          return { nextExpectedRevision: actual ?? -1n, position: latest(known), appended: 0 };
        }
        if (!revisionMatches(expected, actual)) throw new WrongExpectedRevisionError(stream, expected, actual);
        const fresh = events.filter((e) => !byId.has(e.id.toLowerCase()));
        if (fresh.length === 0) {
          return { nextExpectedRevision: actual ?? -1n, position: (await this.headOnce()) ?? START, appended: 0 };
        }
        try {
          const result = await this.client.appendToStream(
            stream,
            fresh.map((e) => jsonEvent({ id: e.id, type: e.type, data: e.data as JSONType, metadata: metadataOf(e) })),
            // Exactly the revision we looked at: the server refuses if anyone wrote since.
            { expectedRevision: actual ?? NO_STREAM },
          );
          const position = result.position
            ? esdbPositionOf(result.position.commit, result.position.prepare)
            : (await this.readStreamOnce(stream, { fromRevision: result.nextExpectedRevision })).at(0)!.position;
          return { nextExpectedRevision: result.nextExpectedRevision, position, appended: fresh.length };
        } catch (err) {
          if (!(err instanceof EsdbWrongExpectedVersion) || attempt >= APPEND_ATTEMPTS) throw err;
          // Someone appended between our read and our write: look again (their events may even be ours).
        }
      }
    } catch (err) {
      if (err instanceof EsdbWrongExpectedVersion) {
        const actual = typeof err.actualVersion === 'bigint' ? err.actualVersion : null;
        throw new WrongExpectedRevisionError(stream, expected, actual);
      }
      throw toStoreError(err, this.url);
    }
  }

  async readStream(stream: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    return this.retrying(() => this.readStreamOnce(stream, options));
  }

  private async readStreamOnce(stream: string, options: ReadStreamOptions): Promise<RecordedEvent[]> {
    if (options.maxCount === 0) return [];
    const request = streamReadRequest(stream, options.fromRevision ?? 0n, options.maxCount ?? Number.MAX_SAFE_INTEGER);
    return this.collect(await this.openRead(request, false), recordedOf);
  }

  /**
   * Id, revision and position of a stream's events from a revision on: what an append must know, without decoding
   * payloads.
   */
  private async storedIds(stream: string, fromRevision: bigint): Promise<StoredId[]> {
    const call = await this.openRead(streamReadRequest(stream, fromRevision, Number.MAX_SAFE_INTEGER), false);
    return this.collect(call, (e) => ({
      id: (e.getId()?.getString() ?? '').toLowerCase(),
      revision: BigInt(e.getStreamRevision()),
      position: esdbPositionOf(e.getCommitPosition(), e.getPreparePosition()),
    }));
  }

  async readAll(options: ReadAllOptions = {}): Promise<ReadAllPage> {
    return this.retrying(() => this.readAllOnce(options));
  }

  private async readAllOnce(options: ReadAllOptions): Promise<ReadAllPage> {
    const from = options.from ?? START;
    const maxCount = options.maxCount ?? 1000;
    // The head first: a read that comes back short has looked at everything up to it at least.
    const head = await this.headOnce();
    if (!head || !isAfter(head, from) || maxCount <= 0) return { events: [], position: from, isEnd: true };

    const plan = planFilter(options.filter);
    // Forward reads of $all include the event at `from`: ask for one more and drop it.
    const asked = maxCount + 1;
    const found = await this.collect(
      await this.openRead(allReadRequest({ from: startOf(from), filter: plan.server, count: asked }), false),
      recordedOf,
    );
    const after = found.filter((e) => isAfter(e.position, from));
    if (found.length === asked) {
      // The server stopped at the count, so we know only how far the returned events go.
      const looked = after.slice(0, maxCount);
      return { events: looked.filter(plan.keep), position: looked.at(-1)!.position, isEnd: false };
    }
    const position = latest([from, head, ...after.slice(-1).map((e) => e.position)]);
    return { events: after.filter(plan.keep), position, isEnd: true };
  }

  subscribe(options: SubscribeOptions = {}): Subscription {
    const plan = planFilter(options.filter);
    // A checkpoint about once per batch of events the server looks at (it counts in 32s).
    const checkpointMultiplier = Math.max(1, Math.ceil((options.batchSize ?? 500) / 32));
    const subscription = esdbSubscription(
      {
        open: (from) =>
          this.openRead(allReadRequest({ from: startOf(from), filter: plan.server, checkpointMultiplier }), true),
        keep: plan.keep,
        url: this.url,
        reconnect: this.reconnect,
        log: this.log,
      },
      options,
    );
    this.open.add(subscription);
    const close = subscription.close.bind(subscription);
    return Object.assign(subscription, {
      close: async () => {
        this.open.delete(subscription);
        await close();
      },
    });
  }

  async headPosition(): Promise<Position | null> {
    return this.retrying(() => this.headOnce());
  }

  /** Counted with filtered reads; a single writer (the server) appends, so nothing is ever held back. */
  async lag(from: Position, options: LagOptions = {}): Promise<Lag> {
    const max = options.max ?? 5_000;
    let behind = 0;
    let at = from;
    while (behind < max) {
      const page = await this.readAll({ from: at, filter: options.filter, maxCount: max - behind });
      behind += page.events.length;
      at = page.position;
      if (page.isEnd) break;
    }
    return { behind, heldBack: 0, heldBackBy: null };
  }

  private async headOnce(): Promise<Position | null> {
    const request = allReadRequest({ from: 'end', direction: 'backwards', filter: NON_SYSTEM, count: 1 });
    const [last] = await this.collect(await this.openRead(request, false), (e) =>
      esdbPositionOf(e.getCommitPosition(), e.getPreparePosition()),
    );
    return last ?? null;
  }

  async close(): Promise<void> {
    await Promise.allSettled([...this.open].map((s) => s.close()));
    await this.client.dispose();
  }

  toString(): string {
    return `EsdbEventStore(${redactUrl(this.url)})`;
  }

  /**
   * Runs a one-shot call again when the connection failed under it. After a drop the
   * client closes its channel and opens a new one on the next call, so a call caught
   * in between fails although the server is back; one more try finds it.
   */
  private async retrying<T>(call: () => Promise<T>): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await call();
      } catch (err) {
        if (attempt >= CALL_ATTEMPTS || !(err instanceof EventStoreUnavailableError) || !isTransient(err.cause))
          throw err;
        await new Promise((r) => setTimeout(r, 50 * attempt));
      }
    }
  }

  private async openRead(request: ReturnType<typeof allReadRequest>, live: boolean): Promise<ReadCall> {
    try {
      return await ReadingClient.openRead(this.client, request, { live });
    } catch (err) {
      throw toStoreError(err, this.url);
    }
  }

  /** The events of a counted read, in order; none when the stream does not exist. */
  private async collect<T>(call: ReadCall, convert: (e: GrpcRecordedEvent) => T): Promise<T[]> {
    const events: T[] = [];
    try {
      for await (const m of call) {
        const recorded = m.hasEvent() ? m.getEvent()?.getEvent() : undefined;
        if (recorded) events.push(convert(recorded));
      }
    } catch (err) {
      throw toStoreError(err, this.url);
    }
    return events;
  }
}

/** Where a read after `from` starts: `START` is the beginning of the log. */
const startOf = (from: Position): AllRead['from'] => (comparePositions(from, START) === 0 ? 'start' : from);
