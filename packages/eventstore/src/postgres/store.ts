import { type Database, NotificationListener } from '@claims/db';
import { type Kysely, type Selectable, type SelectQueryBuilder, sql } from 'kysely';
import { InvalidAppendError, WrongExpectedRevisionError } from '../errors.ts';
import { type Position, positionOf, START } from '../position.ts';
import { followLog } from '../subscription.ts';
import type {
  AppendOptions,
  AppendResult,
  EventFilter,
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
import { STREAM_LOCK } from './migrations/0002_transaction_order.ts';
import { type EventLogTables, withEventLog } from './schema.ts';

export interface PostgresEventStoreOptions {
  /** The tracker's database; the event log (`migrateEventLog`) must be there. */
  db: Kysely<Database>;
  /** Connection URL, for the dedicated LISTEN connection that wakes subscriptions. */
  url: string;
  /** Fallback poll while no notification arrives. Default 1500 ms. */
  pollIntervalMs?: number;
  /** NOTIFY channel. Default `claims_events`. */
  channel?: string;
  /**
   * How long an append waits for the log's lock before it fails (PostgreSQL 55P03, a 503 to HTTP clients). Default 30
   * s.
   */
  appendLockTimeoutMs?: number;
}

/** Most events one append may hold: positions keep 20 bits for the index inside an append. */
export const MAX_EVENTS_PER_APPEND = 1 << 20;
/** The lock namespace of appends: an open append holds `(STREAM_LOCK, hash of its stream)` (migrations/0002). */
export { STREAM_LOCK };

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
  if (events.length > MAX_EVENTS_PER_APPEND)
    throw new InvalidAppendError(`an append holds at most ${MAX_EVENTS_PER_APPEND} events`);
  const seen = new Set<string>();
  for (const e of events) {
    if (!UUID.test(e.id)) throw new InvalidAppendError(`event id "${e.id}" is not a UUID`);
    const id = e.id.toLowerCase();
    if (seen.has(id)) throw new InvalidAppendError(`event id ${e.id} appears twice in one append`);
    seen.add(id);
    if (!e.type) throw new InvalidAppendError('event type must not be empty');
  }
}

/** The stored function's two arguments for an expected revision. */
function expectation(expected: ExpectedRevision): [string, string | null] {
  return typeof expected === 'bigint' ? ['exact', expected.toString()] : [expected, null];
}

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

/**
 * Shortest interval between two wake-up NOTIFYs of one store: a burst of appends shares one, and
 * a subscriber learns of an append at most this much later. (Each NOTIFY is a statement of its
 * own; at 2 ms, 8 busy writers sent one for every two or three appends.)
 */
const ANNOUNCE_EVERY_MS = 10;

/** Reads of a held-back page before `readAll` says so (see `readAll`). */
const READ_ATTEMPTS = 3;

/** Everything below this position is final for the statement it is part of (migrations/0002). */
const readableBelow = sql<string>`events_readable_below()`;

/**
 * Wakes the store's listeners in every process after appends commit, coalesced: at most
 * one NOTIFY in flight and one per `ANNOUNCE_EVERY_MS`, whatever the append rate. Sent
 * outside the append's transaction because PostgreSQL serialises the commits of
 * transactions that NOTIFY (one global lock held through the commit's WAL flush): inside,
 * concurrent writers could not share a commit (docs/event-store.md).
 */
class Announcer {
  private pending: Promise<void> | null = null;
  private again = false;
  private latest = 0n;
  private lastSent = 0;

  constructor(
    private readonly db: Kysely<EventLog>,
    private readonly channel: string,
  ) {}

  appended(position: bigint): void {
    if (position > this.latest) this.latest = position;
    if (this.pending) {
      this.again = true;
      return;
    }
    const wait = this.lastSent + ANNOUNCE_EVERY_MS - performance.now();
    this.pending = (wait > 0 ? new Promise((r) => setTimeout(r, wait)) : Promise.resolve())
      .then(() => this.send())
      .finally(() => {
        this.pending = null;
        if (this.again) {
          this.again = false;
          this.appended(this.latest);
        }
      });
  }

  private async send(): Promise<void> {
    this.lastSent = performance.now();
    this.again = false;
    // A hint only (subscriptions keep a fallback poll), so a failure here is not the append's.
    await sql`select pg_notify(${this.channel}, ${this.latest.toString()})`.execute(this.db).catch(() => {});
  }

  async drain(): Promise<void> {
    while (this.pending) await this.pending;
  }
}

/** The PostgreSQL adapter of the event-store port. */
export class PostgresEventStore implements EventStore {
  private readonly db: Kysely<EventLog>;
  private readonly notifier: NotificationListener;
  private readonly announcer: Announcer;
  private readonly channel: string;
  private readonly lockTimeout: string;

  constructor(options: PostgresEventStoreOptions) {
    this.db = withEventLog(options.db);
    this.lockTimeout = `${Math.max(1, Math.round(options.appendLockTimeoutMs ?? 30_000))}ms`;
    this.channel = options.channel ?? 'claims_events';
    this.notifier = new NotificationListener(options.url, this.channel, options.pollIntervalMs ?? 1500);
    this.announcer = new Announcer(this.db, this.channel);
  }

  /** One statement, one round trip: the stored function `append_events` (migrations/0002) does the rest. */
  async append(stream: string, events: readonly NewEvent[], options: AppendOptions = {}): Promise<AppendResult> {
    checkAppend(stream, events);
    const expected = options.expectedRevision ?? 'any';
    const [kind, revision] = expectation(expected);
    const { rows } = await sql<{
      outcome: string;
      revision: string | null;
      last_position: string | null;
      appended: number;
    }>`
      select * from append_events(${stream}, ${events.map((e) => e.id.toLowerCase())}::uuid[], ${events.map((e) => e.type)}::text[],
        ${events.map((e) => JSON.stringify(e.data))}::jsonb[], ${events.map((e) => JSON.stringify(e.metadata ?? {}))}::jsonb[],
        ${kind}, ${revision}::bigint, ${this.lockTimeout})`.execute(this.db);
    const r = rows[0]!;
    const actual = r.revision === null ? null : BigInt(r.revision);
    if (r.outcome === 'wrong_revision') throw new WrongExpectedRevisionError(stream, expected, actual);
    const position = r.last_position === null ? START : positionOf(BigInt(r.last_position));
    if (r.outcome === 'appended') this.announcer.appended(position.commit);
    return { nextExpectedRevision: actual ?? -1n, position, appended: r.appended };
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

  /**
   * One statement, so that the page, the readable head and whether anything is held back
   * all come from one snapshot: only events below `events_readable_below()` are read, and
   * every event that commits later lands above it, so a reader never passes one.
   */
  async readAll(options: ReadAllOptions = {}): Promise<ReadAllPage> {
    // A transaction that ended between this statement's snapshot and its
    // look at pg_stat_activity cannot be placed, so it holds the page back for one statement:
    // look again a few times, briefly, before saying the page is held back.
    for (let attempt = 1; ; attempt++) {
      const page = await this.readPage(options);
      if (!page.heldBack || !page.isEnd || attempt >= READ_ATTEMPTS) return page;
      await new Promise((r) => setTimeout(r, 2 * attempt));
    }
  }

  private async readPage(options: ReadAllOptions): Promise<ReadAllPage> {
    const from = options.from ?? START;
    const maxCount = options.maxCount ?? 1000;
    const rows = await this.db
      .with('gate', (db) => db.selectNoFrom(readableBelow.as('below')))
      .with('page', (db) =>
        applyFilter(
          db
            .selectFrom('events')
            .selectAll()
            .where('global_position', '>', from.commit.toString())
            .where((eb) => eb('global_position', '<', eb.selectFrom('gate').select('below')))
            .orderBy('global_position')
            .limit(Math.max(0, maxCount)),
          options.filter,
        ),
      )
      .selectFrom(sql<{ one: number }>`(select 1)`.as('one'))
      .leftJoin('page', (join) => join.onTrue())
      .selectAll('page')
      .select((eb) => [
        eb
          .selectFrom('events')
          .select((e) => e.fn.max('global_position').as('h'))
          .where((w) => w('global_position', '<', w.selectFrom('gate').select('below')))
          .as('readable_head'),
        eb
          .exists(
            eb
              .selectFrom('events')
              .select(sql`1`.as('x'))
              .where((w) => w('global_position', '>=', w.selectFrom('gate').select('below'))),
          )
          .as('held_back'),
      ])
      .orderBy('page.global_position')
      .execute();
    const first = rows[0]!;
    const heldBack = Boolean(first.held_back);
    const events = rows.filter((r) => r.global_position !== null).map((r) => toRecorded(r as EventRow));
    if (events.length === maxCount && maxCount > 0)
      return { events, position: events.at(-1)!.position, isEnd: false, heldBack };
    // The page is short: we looked at everything readable, filtered-out events too.
    const head = first.readable_head === null ? null : BigInt(first.readable_head);
    const position = head !== null && head > from.commit ? positionOf(head) : from;
    return { events, position, isEnd: true, heldBack };
  }

  subscribe(options: SubscribeOptions = {}): Subscription {
    return followLog(this, this.notifier, options);
  }

  /** The last committed event, readable yet or not: lag is measured against the true head. */
  async headPosition(): Promise<Position | null> {
    const row = await this.db
      .selectFrom('events')
      .select((eb) => eb.fn.max('global_position').as('head'))
      .executeTakeFirst();
    return row?.head == null ? null : positionOf(BigInt(row.head));
  }

  /**
   * The open append that has held its stream's lock for longer than `minMs`, with how many appends wait for
   * a stream's lock: a stalled writer (appends hold it for milliseconds; while it is open, readers of the log
   * wait behind it and appends to its stream wait for it). For health. The locks are looked up in pg_locks, a
   * system view outside the tables kysely is typed for: raw SQL.
   */
  async appendLockHolder(
    minMs = 2_000,
  ): Promise<{ pid: number; heldMs: number; state: string; waiting: number } | null> {
    const { rows } = await sql<{ pid: number; held_ms: number | null; state: string | null; granted: boolean }>`
      select l.pid, l.granted, a.state, (extract(epoch from clock_timestamp() - a.xact_start) * 1000)::float8 as held_ms
      from pg_locks l left join pg_stat_activity a on a.pid = l.pid
      where l.locktype = 'advisory' and l.classid = ${STREAM_LOCK} and l.objsubid = 2 and l.database = (select oid from pg_database where datname = current_database())`.execute(
      this.db,
    );
    const holder = rows.filter((r) => r.granted).sort((a, b) => (b.held_ms ?? 0) - (a.held_ms ?? 0))[0];
    if (!holder || (holder.held_ms ?? 0) < minMs) return null;
    return {
      pid: holder.pid,
      heldMs: Math.round(holder.held_ms ?? 0),
      state: holder.state ?? 'unknown',
      waiting: rows.filter((r) => !r.granted).length,
    };
  }

  async lag(from: Position, options: LagOptions = {}): Promise<Lag> {
    const max = options.max ?? 5_000;
    const counted = await this.db
      .with('gate', (db) => db.selectNoFrom(readableBelow.as('below')))
      .with('after', (db) =>
        applyFilter(
          db
            .selectFrom('events')
            .select('global_position')
            .where('global_position', '>', from.commit.toString())
            .orderBy('global_position')
            .limit(max),
          options.filter,
        ),
      )
      .selectFrom('after')
      .select((eb) => [
        eb.fn.countAll<string>().as('behind'),
        sql<string>`count(*) filter (where after.global_position >= (select below from gate))`.as('held'),
      ])
      .executeTakeFirstOrThrow();
    const heldBack = Number(counted.held);
    let heldBackBy: Lag['heldBackBy'] = null;
    if (heldBack > 0) {
      // The oldest append still open (it holds its stream's lock; migrations/0002).
      const oldest = await sql<{ pid: number; open_ms: number | null }>`
        select a.pid, (extract(epoch from clock_timestamp() - a.xact_start) * 1000)::float8 as open_ms
          from pg_stat_activity a
         where a.backend_xid is not null and a.datname = current_database()
           and exists (select 1 from pg_locks l where l.pid = a.pid and l.locktype = 'advisory' and l.classid = ${STREAM_LOCK} and l.objsubid = 2)
         order by age(a.backend_xid) desc limit 1`.execute(this.db);
      const o = oldest.rows[0];
      heldBackBy = { pid: o?.pid ?? null, openForMs: Math.round(o?.open_ms ?? 0) };
    }
    return { behind: Number(counted.behind), heldBack, heldBackBy };
  }

  async close(): Promise<void> {
    await this.announcer.drain();
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
    out =
      filter.eventTypes.length === 0
        ? out.where(sql<boolean>`false`)
        : out.where('event_type', 'in', filter.eventTypes);
  }
  if (filter?.streamPrefix) out = out.where('stream_id', 'like', `${escapeLike(filter.streamPrefix)}%`);
  return out;
}
