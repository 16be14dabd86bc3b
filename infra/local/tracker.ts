import { type ApiOptions, createApiApp } from '@claims/api';
import {
  type AuthVariables,
  RateLimiter,
  type TokenEntry,
  TokenRegistry,
  defaultTokensFile,
  parseTokensEnv,
  rateLimit,
  readTokensFile,
  requireToken,
  watchTokensFile,
} from '@claims/auth';
import { type DatabaseHandle, openDatabase } from '@claims/db';
import { createEventStore } from '@claims/eventstore';
import { handleErrors, registerBearerScheme } from '@claims/http';
import { createIngestApp } from '@claims/ingest';
import { type Profile, defaultProfile, formatOfPath, parseProfile } from '@claims/profile';
import { type Projector, allProjections, startProjector } from '@claims/projector';
import { serve } from '@hono/node-server';
import { OpenAPIHono } from '@hono/zod-openapi';
import { readFileSync } from 'node:fs';
import { startProjectorThread } from './projector-thread.ts';
import { type RequestListener, type Server, type ServerOptions, createServer as createHttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';

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
  api?: Pick<ApiOptions, 'subscriptions' | 'pollIntervalMs'>;
  /** Access control; defaults from the environment (see README, "Access"). */
  access?: AccessOptions;
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
  const database = await openDatabase({
    ...(options.databaseUrl ? { url: options.databaseUrl } : {}),
    ...(options.dataDir ? { embedded: { dataDir: options.dataDir } } : {}),
    maxConnections: allProjections.length + 14,
  });
  // Events on EventStoreDB when EVENTSTORE_URL says so; read models and checkpoints always in PostgreSQL.
  const store = await createEventStore({ db: database.db, url: database.url, eventstoreUrl: process.env.EVENTSTORE_URL }).catch(async (err) => {
    await database.close();
    throw err;
  });
  const mode = options.projector === false ? null : options.projector === 'thread' ? 'thread' : 'inline';
  const projector =
    mode === 'thread'
      ? await startProjectorThread({ databaseUrl: database.url, eventstoreUrl: process.env.EVENTSTORE_URL })
      : mode === 'inline'
        ? startProjector({ db: database.db, store })
        : null;

  const access = loadAccess(options.access);
  const app = new OpenAPIHono<{ Variables: Partial<AuthVariables> }>();
  // Refusals from the auth middleware (401, 429) come out in the same envelope as every other.
  app.onError(handleErrors());
  // Writes need a token and are rate-limited per token; reads are open unless configured otherwise.
  const writeToken = requireToken(access.registry);
  const readToken = requireToken(access.registry, { allowQueryToken: true });
  const writeRate = rateLimit(access.limiter, (c) => c.var.actor ?? '');
  const isWrite = (method: string) => method === 'POST';
  app.use('/v1/*', (c, next) => (isWrite(c.req.method) ? writeToken(c, next) : next()));
  app.use('/v1/*', (c, next) => (isWrite(c.req.method) ? writeRate(c, next) : next()));
  app.use('/v1/*', (c, next) => (access.reads === 'token' && !isWrite(c.req.method) && c.req.path !== '/v1/health' ? readToken(c, next) : next()));
  app.route('/', createIngestApp({ store, profile, actorOf: (c) => (c.var as Partial<AuthVariables>).actor ?? null }));
  const api = createApiApp({
    db: database.db,
    store,
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
      res.writeHead(200, { 'content-type': hit.contentType, 'content-length': Buffer.byteLength(hit.body), 'x-read-cache': 'hit' });
      res.end(hit.body);
    })) as typeof createHttpServer;
  const server = await new Promise<ReturnType<typeof serve>>((resolve, reject) => {
    const s = serve({ fetch: app.fetch, hostname: host, port, createServer }, () => resolve(s));
    s.once('error', reject);
  });
  const address = server.address() as AddressInfo;
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
        await projector?.stop();
        await store.close();
        await database.close();
      })();
      return closing;
    },
  };
}
