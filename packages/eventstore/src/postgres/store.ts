import { type Database, NotificationListener } from '@claims/db';
import { type Kysely, type Selectable, type SelectQueryBuilder, sql } from 'kysely';
import { InvalidAppendError, WrongExpectedRevisionError } from '../errors.ts';
import { type Position, START, positionOf } from '../position.ts';
import { followLog } from '../subscription.ts';
import { type EventLogTables, withEventLog } from './schema.ts';
import type {
  AppendOptions,
  AppendResult,
  EventFilter,
  EventStore,
  ExpectedRevision,
  NewEvent,
  ReadAllOptions,
  ReadAllPage,
  ReadStreamOptions,
  RecordedEvent,
  SubscribeOptions,
  Subscription,
} from '../types.ts';

export interface PostgresEventStoreOptions {
  /** The tracker's database; the event log (`migrateEventLog`) must be there. */
  db: Kysely<Database>;
  /** Connection URL, for the dedicated LISTEN connection that wakes subscriptions. */
  url: string;
  /** Fallback poll while no notification arrives. Default 1500 ms. */
  pollIntervalMs?: number;
  /** NOTIFY channel. Default `claims_events`. */
  channel?: string;
  /** How long an append waits for the log's lock before it fails (PostgreSQL 55P03, a 503 to HTTP clients). Default 30 s. */
  appendLockTimeoutMs?: number;
}

/**
 * Key of the transaction-scoped advisory lock every append takes before drawing
 * positions (MessageDB's approach, made global). Positions are then drawn in commit
 * order: a reader that sees position N sees every committed position below N, so
 * following `global_position > checkpoint` never skips a late commit. The price is
 * that appends are serialised; batching events per append is the lever for speed.
 */
export const APPEND_LOCK_KEY = 0x636c61696d73n; // "claims"

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

type EventLog = Database & EventLogTables;
type EventRow = Selectable<EventLogTables['events']>;

function toRecorded(row: EventRow): RecordedEvent {
  return {
    id: row.event_id,
    type: row.event_type,
    data: row.data,
    metadata: row.metadata,
    streamId: row.stream_id,
    revision: BigInt(row.stream_revision),
    position: positionOf(BigInt(row.global_position)),
    recordedAt: row.recorded_at,
  };
}

function checkAppend(stream: string, events: readonly NewEvent[]): void {
  if (!stream || stream.length > 500) throw new InvalidAppendError('stream name must be 1 to 500 characters');
  const seen = new Set<string>();
  for (const e of events) {
    if (!UUID.test(e.id)) throw new InvalidAppendError(`event id "${e.id}" is not a UUID`);
    const id = e.id.toLowerCase();
    if (seen.has(id)) throw new InvalidAppendError(`event id ${e.id} appears twice in one append`);
    seen.add(id);
    if (!e.type) throw new InvalidAppendError('event type must not be empty');
  }
}

function revisionMatches(expected: ExpectedRevision, actual: bigint | null): boolean {
  if (expected === 'any') return true;
  if (expected === 'no_stream') return actual === null;
  if (expected === 'stream_exists') return actual !== null;
  return actual === expected;
}

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

/** The PostgreSQL adapter of the event-store port. */
export class PostgresEventStore implements EventStore {
  private readonly db: Kysely<EventLog>;
  private readonly notifier: NotificationListener;
  private readonly channel: string;
  private readonly lockTimeout: string;

  constructor(options: PostgresEventStoreOptions) {
    this.db = withEventLog(options.db);
    this.lockTimeout = `${Math.max(1, Math.round(options.appendLockTimeoutMs ?? 30_000))}ms`;
    this.channel = options.channel ?? 'claims_events';
    this.notifier = new NotificationListener(options.url, this.channel, options.pollIntervalMs ?? 1500);
  }

  async append(stream: string, events: readonly NewEvent[], options: AppendOptions = {}): Promise<AppendResult> {
    checkAppend(stream, events);
    const expected = options.expectedRevision ?? 'any';
    return this.db.transaction().execute(async (trx) => {
      // A bounded wait (set_config ... true is SET LOCAL), so a stuck writer cannot hang every other.
      await trx
        .selectNoFrom([
          sql<string>`set_config('lock_timeout', ${this.lockTimeout}, true)`.as('timeout'),
          sql<void>`pg_advisory_xact_lock(${APPEND_LOCK_KEY.toString()}::bigint)`.as('locked'),
        ])
        .execute();

      // One round trip for the stream's revision and which of these ids are stored already.
      const ids = events.map((e) => e.id.toLowerCase());
      const state = await trx
        .selectNoFrom((eb) => [
          eb.selectFrom('events').select((e) => e.fn.max('stream_revision').as('r')).where('stream_id', '=', stream).as('revision'),
          sql<{ id: string; position: string }[] | null>`(select json_agg(json_build_object('id', event_id, 'position', global_position::text)) from events where event_id = any(${ids}::uuid[]))`.as(
            'stored',
          ),
        ])
        .executeTakeFirstOrThrow();
      const actual = state.revision == null ? null : BigInt(state.revision);
      const stored = state.stored ?? [];
      const storedIds = new Set(stored.map((r) => r.id));

      if (events.length > 0 && storedIds.size === events.length) {
        // An idempotent retry: every event is already stored, so nothing to check or write.
        const last = stored.reduce((m, r) => (BigInt(r.position) > m ? BigInt(r.position) : m), 0n);
        return { nextExpectedRevision: actual ?? -1n, position: positionOf(last), appended: 0 };
      }
      if (!revisionMatches(expected, actual)) throw new WrongExpectedRevisionError(stream, expected, actual);

      const fresh = events.filter((e) => !storedIds.has(e.id.toLowerCase()));
      if (fresh.length === 0) {
        const pos = await this.headPosition(trx);
        return { nextExpectedRevision: actual ?? -1n, position: pos ?? START, appended: 0 };
      }
      const base = actual === null ? 0n : actual + 1n;
      // Insert and notify in one statement; the notification is delivered at commit, a wake-up hint only.
      const { last } = await trx
        .with('inserted', (db) =>
          db
            .insertInto('events')
            .values(
              fresh.map((e, i) => ({
                event_id: e.id.toLowerCase(),
                stream_id: stream,
                stream_revision: (base + BigInt(i)).toString(),
                event_type: e.type,
                data: JSON.stringify(e.data),
                metadata: JSON.stringify(e.metadata ?? {}),
              })),
            )
            .returning('global_position'),
        )
        .selectFrom('inserted')
        .select((eb) => [
          eb.fn.max('global_position').as('last'),
          sql<void>`pg_notify(${this.channel}, max(global_position)::text)`.as('notified'),
        ])
        .executeTakeFirstOrThrow();
      return {
        nextExpectedRevision: base + BigInt(fresh.length) - 1n,
        position: positionOf(BigInt(last)),
        appended: fresh.length,
      };
    });
  }

  async readStream(stream: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    let q = this.db
      .selectFrom('events')
      .selectAll()
      .where('stream_id', '=', stream)
      .where('stream_revision', '>=', (options.fromRevision ?? 0n).toString())
      .orderBy('stream_revision');
    if (options.maxCount !== undefined) q = q.limit(options.maxCount);
    return (await q.execute()).map(toRecorded);
  }

  async readAll(options: ReadAllOptions = {}): Promise<ReadAllPage> {
    const from = options.from ?? START;
    const maxCount = options.maxCount ?? 1000;
    // The head first, then only events up to it: every position up to a visible head is
    // committed (appends draw positions in commit order), so "how far we looked" is exact
    // without a transaction, and an event committed meanwhile waits for the next page.
    const head = await this.headPosition();
    if (!head || head.commit <= from.commit) return { events: [], position: from, isEnd: true };
    const rows = await applyFilter(
      this.db
        .selectFrom('events')
        .selectAll()
        .where('global_position', '>', from.commit.toString())
        .where('global_position', '<=', head.commit.toString())
        .orderBy('global_position')
        .limit(maxCount),
      options.filter,
    ).execute();
    const events = rows.map(toRecorded);
    if (rows.length === maxCount) return { events, position: events.at(-1)!.position, isEnd: false };
    // The page is short: we looked at everything up to the head, filtered-out events too.
    return { events, position: head, isEnd: true };
  }

  subscribe(options: SubscribeOptions = {}): Subscription {
    return followLog(this, this.notifier, options);
  }

  async headPosition(db: Kysely<EventLog> = this.db): Promise<Position | null> {
    const row = await db
      .selectFrom('events')
      .select((eb) => eb.fn.max('global_position').as('head'))
      .executeTakeFirst();
    return row?.head == null ? null : positionOf(BigInt(row.head));
  }

  /**
   * The session holding the append lock, when one has held it for longer than `minMs`: a
   * stalled writer (appends hold it for milliseconds). For health. The lock is looked up in
   * pg_locks, a system view outside the tables kysely is typed for: raw SQL.
   */
  async appendLockHolder(minMs = 2_000): Promise<{ pid: number; heldMs: number; state: string; waiting: number } | null> {
    const high = Number(APPEND_LOCK_KEY >> 32n);
    const low = Number(APPEND_LOCK_KEY & 0xffffffffn);
    const { rows } = await sql<{ pid: number; held_ms: number | null; state: string | null; granted: boolean }>`
      select l.pid, l.granted, a.state, (extract(epoch from clock_timestamp() - a.xact_start) * 1000)::float8 as held_ms
      from pg_locks l left join pg_stat_activity a on a.pid = l.pid
      where l.locktype = 'advisory' and l.classid = ${high} and l.objid = ${low} and l.objsubid = 1 and l.database = (select oid from pg_database where datname = current_database())`.execute(this.db);
    const holder = rows.find((r) => r.granted);
    if (!holder || (holder.held_ms ?? 0) < minMs) return null;
    return { pid: holder.pid, heldMs: Math.round(holder.held_ms ?? 0), state: holder.state ?? 'unknown', waiting: rows.filter((r) => !r.granted).length };
  }

  async close(): Promise<void> {
    await this.notifier.close();
  }

  toString(): string {
    return `PostgresEventStore(channel=${this.channel})`;
  }
}

function applyFilter<O>(
  q: SelectQueryBuilder<EventLog, 'events', O>,
  filter: EventFilter | undefined,
): SelectQueryBuilder<EventLog, 'events', O> {
  let out = q;
  if (filter?.eventTypes) {
    out = filter.eventTypes.length === 0 ? out.where(sql<boolean>`false`) : out.where('event_type', 'in', filter.eventTypes);
  }
  if (filter?.streamPrefix) out = out.where('stream_id', 'like', `${escapeLike(filter.streamPrefix)}%`);
  return out;
}
