import type { Database } from '@claims/db';
import { type Kysely, type Selectable, type SelectQueryBuilder, sql } from 'kysely';
import { InvalidAppendError, WrongExpectedRevisionError } from '../errors.ts';
import { type Position, START, positionOf } from '../position.ts';
import { followLog } from '../subscription.ts';
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
import { AppendNotifier } from './notifier.ts';

export interface PostgresEventStoreOptions {
  db: Kysely<Database>;
  /** Connection URL, for the dedicated LISTEN connection that wakes subscriptions. */
  url: string;
  /** Fallback poll while no notification arrives. Default 1500 ms. */
  pollIntervalMs?: number;
  /** NOTIFY channel. Default `claims_events`. */
  channel?: string;
}

/**
 * Key of the transaction-scoped advisory lock every append takes before drawing
 * positions (MessageDB's approach, made global). Positions are then drawn in commit
 * order: a reader that sees position N sees every committed position below N, so
 * following `global_position > checkpoint` never skips a late commit. The price is
 * that appends are serialised; batching events per append is the lever for speed.
 */
const APPEND_LOCK_KEY = 0x636c61696d73n; // "claims"

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

type EventRow = Selectable<Database['events']>;

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
  private readonly db: Kysely<Database>;
  private readonly notifier: AppendNotifier;
  private readonly channel: string;

  constructor(options: PostgresEventStoreOptions) {
    this.db = options.db;
    this.channel = options.channel ?? 'claims_events';
    this.notifier = new AppendNotifier(options.url, this.channel, options.pollIntervalMs ?? 1500);
  }

  async append(stream: string, events: readonly NewEvent[], options: AppendOptions = {}): Promise<AppendResult> {
    checkAppend(stream, events);
    const expected = options.expectedRevision ?? 'any';
    return this.db.transaction().execute(async (trx) => {
      // SET LOCAL has no kysely builder: a bounded wait, so a stuck writer cannot hang every other.
      await sql`set local lock_timeout = '30s'`.execute(trx);
      await trx.selectNoFrom(sql<void>`pg_advisory_xact_lock(${APPEND_LOCK_KEY.toString()}::bigint)`.as('locked')).execute();

      const head = await trx
        .selectFrom('events')
        .select((eb) => eb.fn.max('stream_revision').as('revision'))
        .where('stream_id', '=', stream)
        .executeTakeFirst();
      const actual = head?.revision == null ? null : BigInt(head.revision);

      const ids = events.map((e) => e.id.toLowerCase());
      const stored =
        ids.length === 0
          ? []
          : await trx.selectFrom('events').select(['event_id', 'global_position']).where('event_id', 'in', ids).execute();
      const storedIds = new Set(stored.map((r) => r.event_id));

      if (events.length > 0 && storedIds.size === events.length) {
        // An idempotent retry: every event is already stored, so nothing to check or write.
        const last = stored.reduce((m, r) => (BigInt(r.global_position) > m ? BigInt(r.global_position) : m), 0n);
        return { nextExpectedRevision: actual ?? -1n, position: positionOf(last), appended: 0 };
      }
      if (!revisionMatches(expected, actual)) throw new WrongExpectedRevisionError(stream, expected, actual);

      const fresh = events.filter((e) => !storedIds.has(e.id.toLowerCase()));
      if (fresh.length === 0) {
        const pos = await this.headPosition(trx);
        return { nextExpectedRevision: actual ?? -1n, position: pos ?? START, appended: 0 };
      }
      const base = actual === null ? 0n : actual + 1n;
      const inserted = await trx
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
        .returning('global_position')
        .execute();
      const last = inserted.reduce((m, r) => (BigInt(r.global_position) > m ? BigInt(r.global_position) : m), 0n);
      // Delivered at commit; only a wake-up hint for subscribers.
      await trx.selectNoFrom(sql<void>`pg_notify(${this.channel}, ${last.toString()})`.as('notified')).execute();
      return { nextExpectedRevision: base + BigInt(fresh.length) - 1n, position: positionOf(last), appended: fresh.length };
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
    // One transaction for the page and the head, so "how far we looked" is consistent with what we saw.
    return this.db
      .transaction()
      .setIsolationLevel('repeatable read')
      .execute(async (trx) => {
        let q = trx
          .selectFrom('events')
          .selectAll()
          .where('global_position', '>', from.commit.toString())
          .orderBy('global_position')
          .limit(maxCount);
        q = applyFilter(q, options.filter);
        const rows = await q.execute();
        const events = rows.map(toRecorded);
        const lastSeen = events.at(-1)?.position ?? from;
        if (rows.length === maxCount) return { events, position: lastSeen, isEnd: false };
        // The page is short: we looked at everything up to the head, filtered-out events too.
        const head = await this.headPosition(trx);
        const position = head && head.commit > lastSeen.commit ? head : lastSeen;
        return { events, position, isEnd: true };
      });
  }

  subscribe(options: SubscribeOptions = {}): Subscription {
    return followLog(this, this.notifier, options);
  }

  async headPosition(db: Kysely<Database> = this.db): Promise<Position | null> {
    const row = await db
      .selectFrom('events')
      .select((eb) => eb.fn.max('global_position').as('head'))
      .executeTakeFirst();
    return row?.head == null ? null : positionOf(BigInt(row.head));
  }

  async close(): Promise<void> {
    await this.notifier.close();
  }

  toString(): string {
    return `PostgresEventStore(channel=${this.channel})`;
  }
}

function applyFilter<O>(
  q: SelectQueryBuilder<Database, 'events', O>,
  filter: EventFilter | undefined,
): SelectQueryBuilder<Database, 'events', O> {
  let out = q;
  if (filter?.eventTypes) {
    out = filter.eventTypes.length === 0 ? out.where(sql<boolean>`false`) : out.where('event_type', 'in', filter.eventTypes);
  }
  if (filter?.streamPrefix) out = out.where('stream_id', 'like', `${escapeLike(filter.streamPrefix)}%`);
  return out;
}
