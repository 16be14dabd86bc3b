import type { Database } from '@claims/db';
import type { Kysely } from 'kysely';
import type { EsdbEventStoreOptions } from './esdb/store.ts';
import { migrateEventLog } from './postgres/schema.ts';
import { PostgresEventStore } from './postgres/store.ts';
import type { EventStore } from './types.ts';

export interface EventStoreSelection {
  /**
   * The tracker's PostgreSQL: events live there unless `eventstoreUrl` is set (read models and checkpoints always do).
   */
  db: Kysely<Database>;
  /** Its connection URL (the PostgreSQL adapter listens for appends on a connection of its own). */
  url: string;
  /**
   * `EVENTSTORE_URL`: an `esdb://` or `esdb+discover://` URL (or `kurrentdb://…`) puts events on EventStoreDB. Empty or
   * absent: PostgreSQL.
   */
  eventstoreUrl?: string | undefined;
  /** PostgreSQL adapter: fallback poll of subscriptions. */
  pollIntervalMs?: number;
  /** PostgreSQL adapter: how long an append waits for the log's lock (default 30 s). */
  appendLockTimeoutMs?: number;
  /** EventStoreDB adapter: reconnect policy and log line sink. */
  esdb?: Omit<EsdbEventStoreOptions, 'url'>;
}

/** Which adapter a URL selects: EventStoreDB for `esdb://…`, else PostgreSQL. */
export function eventStoreKind(eventstoreUrl: string | undefined): 'esdb' | 'postgres' {
  const url = eventstoreUrl?.trim();
  if (!url) return 'postgres';
  if (/^(esdb|kurrentdb)(\+discover)?:\/\//i.test(url)) return 'esdb';
  throw new Error(
    `EVENTSTORE_URL must start with esdb:// or esdb+discover:// (for example ` +
      `esdb://localhost:2113?tls=false); got "${url.replace(/\/\/[^@/]*@/, '//')}"`,
  );
}

/**
 * The event store the environment asks for: EventStoreDB when `eventstoreUrl`
 * (normally `process.env.EVENTSTORE_URL`) is an `esdb://` URL, checked to answer
 * before it is returned (a failure is one line, `EventStoreUnavailableError`);
 * otherwise the PostgreSQL store on `db`, its event log migrated first.
 *
 * @example
 * const store = await createEventStore({ db: database.db, url: database.url, eventstoreUrl: process.env.EVENTSTORE_URL
 * });
 */
export async function createEventStore(options: EventStoreSelection): Promise<EventStore> {
  if (eventStoreKind(options.eventstoreUrl) === 'postgres') {
    await migrateEventLog(options.db);
    return new PostgresEventStore({
      db: options.db,
      url: options.url,
      ...(options.pollIntervalMs !== undefined ? { pollIntervalMs: options.pollIntervalMs } : {}),
      ...(options.appendLockTimeoutMs !== undefined ? { appendLockTimeoutMs: options.appendLockTimeoutMs } : {}),
    });
  }
  const { EsdbEventStore } = await import('./esdb/load.ts');
  const store = new EsdbEventStore({ ...options.esdb, url: options.eventstoreUrl!.trim() });
  try {
    await store.ready();
  } catch (err) {
    await store.close().catch(() => {});
    throw err;
  }
  return store;
}
