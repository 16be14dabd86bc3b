/**
 * TEST DOUBLE — the in-memory transaction log behind the EventStoreDB test double
 * (see ./README.md). Not EventStoreDB: it models only what the adapter relies on,
 * following the server's documented behaviour where there is documentation.
 */

export interface LogPosition {
  commit: bigint;
  prepare: bigint;
}

export interface StoredRecord {
  streamId: string;
  /** 0-based revision in its stream ("Events are numbered starting from 0"). */
  revision: bigint;
  id: string;
  type: string;
  contentType: string;
  data: Uint8Array;
  metadata: Uint8Array;
  /** .NET ticks (100 ns) since the Unix epoch, as the server's `created` field. */
  created: bigint;
  position: LogPosition;
}

export interface ProposedEvent {
  id: string;
  type: string;
  contentType: string;
  data: Uint8Array;
  metadata: Uint8Array;
}

export type Expected =
  | { kind: 'any' }
  | { kind: 'no_stream' }
  | { kind: 'stream_exists' }
  | { kind: 'revision'; revision: bigint };

export type AppendOutcome =
  | { ok: true; revision: bigint; position: LogPosition | null; idempotent: boolean }
  | { ok: false; current: bigint | null; expected: Expected };

export type LogFilter =
  | { on: 'eventType' | 'stream'; regex: RegExp }
  | { on: 'eventType' | 'stream'; prefixes: readonly string[] }
  | null;

export interface LogOptions {
  /**
   * Where the log starts, in bytes. Real positions are byte offsets in the
   * transaction log (uint64); start past 2^53 to prove nobody rounds them.
   */
  firstPosition?: bigint;
  /**
   * `'prepares'` (default): each event's position is its own record, commit = prepare,
   * as servers write appends today. `'commit-records'`: each append's events share the
   * position of a commit record written after them and differ in prepare, as logs
   * written with explicit transactions have ("store both the commit and prepare
   * positions", KurrentDB client docs, subscriptions: checkpointing).
   */
  layout?: 'prepares' | 'commit-records';
  /**
   * How many recently written event ids the weak idempotency check (expected
   * revision `any`/`stream_exists`) remembers. The server keeps a bounded cache of
   * recent events for this (8 MiB); docs: with `any` it "does its best … but cannot
   * assure" idempotence. Default 10,000.
   */
  idempotencyWindow?: number;
}

const HEADER_BYTES = 88n;
const COMMIT_RECORD_BYTES = 37n;

export const comparePositions = (a: LogPosition, b: LogPosition): number =>
  a.commit !== b.commit
    ? a.commit < b.commit
      ? -1
      : 1
    : a.prepare !== b.prepare
      ? a.prepare < b.prepare
        ? -1
        : 1
      : 0;

export function matches(record: StoredRecord, filter: LogFilter): boolean {
  if (!filter) return true;
  const subject = filter.on === 'eventType' ? record.type : record.streamId;
  return 'regex' in filter ? filter.regex.test(subject) : filter.prefixes.some((p) => subject.startsWith(p));
}

/** The log: one writer, so `$all` order is append order, and positions only grow. */
export class InMemoryLog {
  readonly records: StoredRecord[] = [];
  private readonly streams = new Map<string, StoredRecord[]>();
  private readonly recent = new Map<string, StoredRecord>();
  private offset: bigint;
  private readonly layout: 'prepares' | 'commit-records';
  private readonly window: number;
  private waiters: (() => void)[] = [];

  constructor(options: LogOptions = {}) {
    this.offset = options.firstPosition ?? 0n;
    this.layout = options.layout ?? 'prepares';
    this.window = options.idempotencyWindow ?? 10_000;
  }

  /** Resolves on the next append. */
  changed(): Promise<void> {
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  stream(streamId: string): readonly StoredRecord[] {
    return this.streams.get(streamId) ?? [];
  }

  /**
   * Appends atomically, or reports the stream's state. Idempotency as documented
   * for the server: with an exact expected revision (or no_stream) a repeat of the
   * same ids at the same place is "100% idempotent"; with `any` only recent ids are
   * recognised; a write that repeats some ids but not all is refused.
   */
  append(streamId: string, expected: Expected, events: readonly ProposedEvent[]): AppendOutcome {
    const stream = this.streams.get(streamId) ?? [];
    const current = stream.length === 0 ? null : BigInt(stream.length - 1);
    const cur = current ?? -1n;
    const refuse = (): AppendOutcome => ({ ok: false, current, expected });

    if (expected.kind === 'any' || expected.kind === 'stream_exists') {
      if (expected.kind === 'stream_exists' && current === null) return refuse();
      const found = events.map((e) => this.recent.get(e.id));
      const firstNew = found.findIndex((r) => !r || r.streamId !== streamId);
      if (events.length > 0 && firstNew === -1) return this.idempotent(found.at(-1)!);
      if (firstNew > 0) return refuse(); // some of the ids written already, some not
    } else {
      const ev = expected.kind === 'no_stream' ? -1n : expected.revision;
      if (ev > cur) return refuse();
      if (ev < cur) {
        const same = events.every((e, i) => stream[Number(ev) + 1 + i]?.id === e.id);
        return same && events.length > 0 ? this.idempotent(stream[Number(ev) + events.length]!) : refuse();
      }
    }
    return this.write(streamId, stream, events);
  }

  private idempotent(last: StoredRecord): AppendOutcome {
    return { ok: true, revision: last.revision, position: last.position, idempotent: true };
  }

  private write(streamId: string, stream: StoredRecord[], events: readonly ProposedEvent[]): AppendOutcome {
    const created = BigInt(Date.now()) * 10_000n;
    const written: StoredRecord[] = [];
    for (const e of events) {
      const prepare = this.offset;
      this.offset += HEADER_BYTES + BigInt(streamId.length + e.type.length + e.data.length + e.metadata.length);
      written.push({
        ...e,
        streamId,
        revision: BigInt(stream.length + written.length),
        created,
        position: { commit: prepare, prepare },
      });
    }
    if (this.layout === 'commit-records' && written.length > 0) {
      const commit = this.offset;
      this.offset += COMMIT_RECORD_BYTES;
      for (const r of written) r.position = { commit, prepare: r.position.prepare };
    }
    stream.push(...written);
    this.streams.set(streamId, stream);
    this.records.push(...written);
    for (const r of written) {
      this.recent.set(r.id, r);
      if (this.recent.size > this.window) this.recent.delete(this.recent.keys().next().value!);
    }
    const waiters = this.waiters;
    this.waiters = [];
    for (const w of waiters) w();
    const last = written.at(-1);
    return {
      ok: true,
      revision: last?.revision ?? BigInt(stream.length - 1),
      position: last?.position ?? null,
      idempotent: false,
    };
  }

  /** Index of the first record at or after `p` (`inclusive`) or strictly after it. */
  indexOf(p: LogPosition, inclusive: boolean): number {
    let lo = 0;
    let hi = this.records.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      const c = comparePositions(this.records[mid]!.position, p);
      if (c < 0 || (c === 0 && !inclusive)) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}
