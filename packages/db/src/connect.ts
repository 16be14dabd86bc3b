import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { validateDatabaseUrl } from './config.ts';
import { acceptCopyInput } from './copy.ts';
import { type EmbeddedPostgresHandle, type EmbeddedPostgresOptions, startEmbeddedPostgres } from './embedded.ts';
import { describeConnectionError, redactUrl } from './errors.ts';
import { migrateToLatest } from './migrate.ts';
import type { Database } from './schema.ts';

export interface OpenDatabaseOptions {
  /** Connection URL; default `DATABASE_URL`; without either, an embedded PostgreSQL is started. */
  url?: string;
  /** Options of the embedded server, when one is started. */
  embedded?: EmbeddedPostgresOptions;
  /** Apply pending migrations after connecting. Default true. */
  migrate?: boolean;
  /** Pool size. Default 10. */
  maxConnections?: number;
  /**
   * A pool of its own for writes (`writer`), this many connections: writers that wait (for the
   * event log's lock, or a stalled session) then wait among themselves and never take the
   * readers' connections. Default none: `writer` is `db`.
   */
  writerConnections?: number;
  /** Limits every session of these pools sets (see SessionLimits). Default none. */
  sessionLimits?: SessionLimits;
}

/**
 * Server-side limits on the tracker's own sessions, so that none of them can hold locks or
 * a connection for ever: a statement that runs too long is cancelled, and a session left
 * idle inside a transaction (a paused or wedged process) is ended, releasing its locks.
 */
export interface SessionLimits {
  statementTimeoutMs?: number;
  idleInTransactionTimeoutMs?: number;
  /** How long a request waits for a free connection of the pool before it fails (answered 503). Default 5 s. */
  connectionWaitMs?: number;
}

/** The limits the tracker's server uses: generous for real work, short enough that nothing hangs. */
export const TRACKER_SESSION_LIMITS: SessionLimits = {
  statementTimeoutMs: 30_000,
  idleInTransactionTimeoutMs: 10_000,
  connectionWaitMs: 3_000,
};

export interface DatabaseHandle {
  /** The connection URL in use (password included: do not print it; see `displayUrl`). */
  url: string;
  /** The URL with its password hidden. */
  displayUrl: string;
  /** The readers' pool (and everyone's, unless `writerConnections` was given). */
  db: Kysely<Database>;
  pool: pg.Pool;
  /** The writers' pool: appends go here. The same as `db` unless `writerConnections` was given. */
  writer: Kysely<Database>;
  /** The embedded server, when this process started or joined one. */
  embedded: EmbeddedPostgresHandle | null;
  /** Closes the pool, then stops the embedded server if this process started it. */
  close(): Promise<void>;
}

/**
 * Creates a pg pool whose errors on idle clients are reported, not thrown (a restart of the server must not crash us).
 */
const DATE_OID = 1082;
/** Type parsers for our pools: a `date` is a calendar day, kept as `YYYY-MM-DD` instead of a local-midnight Date. */
const types = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === DATE_OID ? (v: string) => v : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
};

export function createPool(url: string, max = 10, limits: SessionLimits = {}): pg.Pool {
  // Startup options: PostgreSQL applies them to each session before its first statement.
  const settings = [
    ...(limits.statementTimeoutMs ? [`-c statement_timeout=${limits.statementTimeoutMs}`] : []),
    ...(limits.idleInTransactionTimeoutMs
      ? [`-c idle_in_transaction_session_timeout=${limits.idleInTransactionTimeoutMs}`]
      : []),
  ];
  const pool = new pg.Pool({
    connectionString: url,
    max,
    connectionTimeoutMillis: limits.connectionWaitMs ?? 5_000,
    // Busy pools reuse their connections without end; a smart shutdown of the server waits for
    // every session to end, so none lives longer than this (onServerShutdownNotice lets the rest go).
    maxLifetimeSeconds: 30,
    types,
    ...(settings.length ? { options: settings.join(' ') } : {}),
  });
  pool.on('error', (err) => process.stderr.write(`database: idle connection lost: ${err.message}\n`));
  // A checked-out connection that dies (server restart) surfaces as its query failing; without a
  // listener, its 'error' event would also crash the process.
  pool.on('connect', (client) => {
    client.on('error', () => {});
    acceptCopyInput(client);
  });
  return pool;
}

export const createKysely = (pool: pg.Pool): Kysely<Database> =>
  new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });

/**
 * Connects to `DATABASE_URL` (or `options.url`), or starts the embedded PostgreSQL
 * when neither is set, checks the connection, and applies the migrations.
 * Problems come back as one-line `DatabaseConfigError`s.
 */
export async function openDatabase(options: OpenDatabaseOptions = {}): Promise<DatabaseHandle> {
  const configured = options.url ?? process.env.DATABASE_URL;
  let embedded: EmbeddedPostgresHandle | null = null;
  let url: string;
  if (configured) {
    url = validateDatabaseUrl(configured);
  } else {
    embedded = await startEmbeddedPostgres(options.embedded);
    url = embedded.url;
  }
  const pool = createPool(url, options.maxConnections, options.sessionLimits);
  try {
    const client = await pool.connect();
    client.release();
  } catch (err) {
    await pool.end().catch(() => {});
    await embedded?.stop();
    throw describeConnectionError(url, err);
  }
  const db = createKysely(pool);
  const writer = options.writerConnections
    ? createKysely(createPool(url, options.writerConnections, options.sessionLimits))
    : db;
  if (options.migrate ?? true) {
    try {
      await migrateToLatest(db);
    } catch (err) {
      await db.destroy().catch(() => {});
      if (writer !== db) await writer.destroy().catch(() => {});
      await embedded?.stop();
      throw err;
    }
  }
  let closing: Promise<void> | null = null;
  return {
    url,
    displayUrl: redactUrl(url),
    db,
    pool,
    writer,
    embedded,
    close: () => {
      closing ??= (async () => {
        await db.destroy().catch(() => {});
        if (writer !== db) await writer.destroy().catch(() => {});
        await embedded?.stop();
      })();
      return closing;
    },
  };
}
