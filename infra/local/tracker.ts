import { readFileSync } from 'node:fs';
import { createServer as createHttpServer, type RequestListener, type Server, type ServerOptions } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type ApiOptions, createApiApp } from '@claims/api';
import {
  type AuthVariables,
  defaultTokensFile,
  parseTokensEnv,
  RateLimiter,
  rateLimit,
  readTokensFile,
  requireToken,
  type TokenEntry,
  TokenRegistry,
  watchTokensFile,
} from '@claims/auth';
import { type DatabaseHandle, openDatabase, TRACKER_SESSION_LIMITS } from '@claims/db';
import { createEventStore } from '@claims/eventstore';
import { handleErrors, registerBearerScheme } from '@claims/http';
import { createIngestApp, type ExtractionLimits, ExtractionPool, readModelFactLocator } from '@claims/ingest';
import { defaultProfile, formatOfPath, type Profile, parseProfile } from '@claims/profile';
import { allProjections, type Projector, startProjector } from '@claims/projector';
import { serve } from '@hono/node-server';
import { OpenAPIHono } from '@hono/zod-openapi';
import { startProjectorThread } from './projector-thread.ts';

/** How long an append waits for the event log's lock before it answers 503 (a stalled writer holds it). */
const APPEND_LOCK_WAIT_MS = 3_000;

export interface TrackerOptions {
  /** Default DATABASE_URL, else the embedded PostgreSQL. */
  databaseUrl?: string;
  /** Data folder of the embedded PostgreSQL. Default `.data/postgres`. */
  dataDir?: string;
  port?: number;
  host?: string;
  /** Profile file; default CLAIMS_PROFILE, else the Russia–Ukraine profile. */
  profilePath?: string;
  /**
   * Run the projector in this process: `thread` (its own event loop; needs the tsx loader,
   * as `pnpm start` has), `inline` (on the server's event loop; what tests use), or false.
   * `true` means `inline`. Default `inline`.
   */
  projector?: boolean | 'inline' | 'thread';
  /** Subscription limits (buffer, drain timeout, heartbeat) and the fallback poll of the query API. */
  api?: Pick<ApiOptions, 'subscriptions' | 'pollIntervalMs' | 'channel' | 'readCache'>;
  /** Access control; defaults from the environment (see README, "Access"). */
  access?: AccessOptions;
  /**
   * The address clients reach the tracker at (PROV JSON-LD IRIs). Default CLAIMS_PUBLIC_URL, else the listening
   * address.
   */
  publicUrl?: string;
  /** Extraction threads, queue and time budget; defaults from the environment (CLAIMS_EXTRACT_*). */
  extraction?: ExtractionLimits;
}

export interface AccessOptions {
  /** The write tokens (hashed). Default: CLAIMS_TOKENS, then the tokens file. */
  tokens?: TokenEntry[];
  /** `open` (default) or `token`: whether reads need a token too. Default CLAIMS_READ_ACCESS. */
  reads?: 'open' | 'token';
  /** Writes per second per token, and the burst allowed. Default CLAIMS_WRITE_RATE (20) and CLAIMS_WRITE_BURST (60). */
  writesPerSecond?: number;
  writeBurst?: number;
}

function loadAccess(options: AccessOptions = {}) {
  const fromEnv = parseTokensEnv(process.env.CLAIMS_TOKENS ?? '');
  const tokens = options.tokens ?? [...fromEnv, ...readTokensFile(defaultTokensFile())];
  // Tokens created while the server runs are picked up from the file, without a restart.
  const refresh = options.tokens ? undefined : watchTokensFile(defaultTokensFile(), fromEnv);
  const reads = options.reads ?? (process.env.CLAIMS_READ_ACCESS === 'token' ? 'token' : 'open');
  const perSecond = options.writesPerSecond ?? Number(process.env.CLAIMS_WRITE_RATE ?? 20);
  const burst = options.writeBurst ?? Number(process.env.CLAIMS_WRITE_BURST ?? 60);
  return { registry: new TokenRegistry(tokens, refresh), reads, limiter: new RateLimiter(burst, perSecond) };
}

export interface RunningTracker {
  url: string;
  /** How many write tokens are configured, and whether reads need one. */
  access: { tokens: number; reads: 'open' | 'token' };
  database: DatabaseHandle;
  projector: Projector | null;
  close(): Promise<void>;
}

function loadProfile(path: string | undefined): Profile {
  if (!path) return defaultProfile;
  return parseProfile(readFileSync(path, 'utf8'), formatOfPath(path));
}

/**
 * The whole tracker in one process: ingest and query routes on one HTTP server,
 * and the projector, over one database. Services stay separate packages; this
 * deployment composes them (others run them as separate processes).
 */
export async function startTracker(options: TrackerOptions = {}): Promise<RunningTracker> {
  const profile = loadProfile(options.profilePath ?? process.env.CLAIMS_PROFILE);
  const configuredUrl = options.publicUrl ?? process.env.CLAIMS_PUBLIC_URL;
  if (configuredUrl !== undefined && !/^https?:\/\/[^/\s]+/i.test(configuredUrl)) {
    throw new Error(
      `CLAIMS_PUBLIC_URL must be an http or https URL like https://claims.example.org, got "${configuredUrl}"`,
    );
  }
  const database = await openDatabase({
    ...(options.databaseUrl ? { url: options.databaseUrl } : {}),
    ...(options.dataDir ? { embedded: { dataDir: options.dataDir } } : {}),
    // Readers (and an inline projector) on one pool, writers on another: writers waiting for the
    // event log (a stalled session holding its lock) must not take the connections reads need.
    maxConnections: allProjections.length + 14,
    writerConnections: 8,
    sessionLimits: TRACKER_SESSION_LIMITS,
  });
  // Events on EventStoreDB when EVENTSTORE_URL says so; read models and checkpoints always in PostgreSQL.
  // Appends wait for the log's lock at most APPEND_LOCK_WAIT_MS, then answer 503.
  const eventStoreFor = (db: DatabaseHandle['db']) =>
    createEventStore({
      db,
      url: database.url,
      eventstoreUrl: process.env.EVENTSTORE_URL,
      appendLockTimeoutMs: APPEND_LOCK_WAIT_MS,
    });
  const opened = await Promise.all([eventStoreFor(database.writer), eventStoreFor(database.db)]).catch(async (err) => {
    await database.close();
    throw err;
  });
  // `store` writes (ingest, analysts); `readStore` reads, on the readers' pool (the API's streams, the inline
  // projector).
  const [store, readStore] = opened;
  const mode = options.projector === false ? null : options.projector === 'thread' ? 'thread' : 'inline';
  const projector =
    mode === 'thread'
      ? await startProjectorThread({ databaseUrl: database.url, eventstoreUrl: process.env.EVENTSTORE_URL })
      : mode === 'inline'
        ? startProjector({ db: database.db, store: readStore })
        : null;

  const access = loadAccess(options.access);
  // Articles are extracted on threads of their own: a slow one must not hold up reads.
  const extractor = new ExtractionPool(profile === defaultProfile ? null : profile, options.extraction);
  const app = new OpenAPIHono<{ Variables: Partial<AuthVariables> }>();
  // Refusals from the auth middleware (401, 429) come out in the same envelope as every other.
  app.onError(handleErrors());
  // Writes need a token with the scope of what they write, and are rate-limited per token;
  // reads are open unless configured otherwise (then a read token, in a URL only for EventSource).
  const writeToken = requireToken(access.registry, { scope: 'write' });
  const analystToken = requireToken(access.registry, { scope: 'analyst' });
  const readToken = requireToken(access.registry, { scope: 'read', allowQueryToken: true });
  const writeRate = rateLimit(access.limiter, (c) => c.var.actor ?? '');
  const isWrite = (method: string) => method === 'POST';
  app.use('/v1/*', (c, next) =>
    !isWrite(c.req.method) ? next() : c.req.path === '/v1/articles' ? writeToken(c, next) : analystToken(c, next),
  );
  app.use('/v1/*', (c, next) => (isWrite(c.req.method) ? writeRate(c, next) : next()));
  app.use('/v1/*', (c, next) =>
    access.reads === 'token' && !isWrite(c.req.method) && c.req.path !== '/v1/health' ? readToken(c, next) : next(),
  );
  app.route(
    '/',
    createIngestApp({
      store,
      profile,
      extractor,
      actorOf: (c) => (c.var as Partial<AuthVariables>).actor ?? null,
      locateFact: readModelFactLocator(database.db),
    }),
  );
  // Known once listening (the port may be chosen then); a configured one wins.
  let listening = '';
  const api = createApiApp({
    db: database.db,
    store: readStore,
    publicUrl: () => configuredUrl ?? listening,
    profile,
    databaseUrl: database.url,
    serveOpenApi: false,
    ...(projector ? { projectionStatus: () => projector.status() } : {}),
    ...options.api,
  });
  app.route('/', api.app);
  registerBearerScheme(app.openAPIRegistry);
  app.doc31('/openapi.json', { openapi: '3.1.0', info: { title: 'Claims tracker', version: '0.1.0' } });

  const host = options.host ?? process.env.HOST ?? '127.0.0.1';
  const port = options.port ?? Number(process.env.PORT ?? 3000);
  // Where reads are open, a fresh cached answer goes out before routing: most reads repeat, and
  // building the app's Request and Response costs more than the answer itself.
  const fastReads = access.reads === 'open';
  const createServer = ((opts: ServerOptions, listener: RequestListener) =>
    createHttpServer(opts, (req, res) => {
      const hit = fastReads ? api.cachedAnswer(req.method, req.url, req.headers.accept) : null;
      if (!hit) return listener(req, res);
      res.writeHead(200, {
        'content-type': hit.contentType,
        'content-length': hit.bytes.length,
        'x-read-cache': 'hit',
      });
      res.end(hit.bytes);
    })) as typeof createHttpServer;
  const server = await new Promise<ReturnType<typeof serve>>((resolve, reject) => {
    const s = serve({ fetch: app.fetch, hostname: host, port, createServer }, () => resolve(s));
    s.once('error', reject);
  }).catch(async (err) => {
    await extractor.close();
    throw err;
  });
  const address = server.address() as AddressInfo;
  listening = `http://${host}:${address.port}`;
  let closing: Promise<void> | null = null;
  return {
    url: `http://${host}:${address.port}`,
    access: { tokens: access.registry.size, reads: access.reads },
    database,
    projector,
    close: () => {
      closing ??= (async () => {
        // Open subscriptions first: the server waits for every open response before it closes.
        await api.close();
        const closed = new Promise<void>((r) => server.close(() => r()));
        (server as Server).closeIdleConnections?.();
        await closed;
        await extractor.close();
        await projector?.stop();
        await store.close();
        await readStore.close();
        await database.close();
      })();
      return closing;
    },
  };
}
