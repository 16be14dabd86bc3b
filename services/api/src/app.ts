import { type Database, NotificationListener, PROJECTION_CHANGES_CHANNEL } from '@claims/db';
import type { EventStore } from '@claims/eventstore';
import { createRouter, handleErrors } from '@claims/http';
import type { Profile } from '@claims/profile';
import type { OpenAPIHono } from '@hono/zod-openapi';
import { type Kysely, sql } from 'kysely';
import { type CachedAnswer, REFRESH_HEADER, ReadCache } from './read-cache.ts';
import { claimRoutes } from './routes/claims.ts';
import type { ProjectionState, RouteContext } from './routes/context.ts';
import { healthRoutes } from './routes/health.ts';
import { positionRoutes } from './routes/positions.ts';
import { profileRoutes } from './routes/profile.ts';
import { reportRoutes } from './routes/reports.ts';
import { sourceRoutes } from './routes/sources.ts';
import { subscriptionRoutes } from './routes/subscriptions.ts';
import { workbenchRoutes } from './routes/workbench.ts';
import { querySchemas } from './schemas.ts';
import type { SessionLimits } from './sse/session.ts';
import { mountWeb } from './web.ts';

export interface ApiOptions {
  /** The read models (default schema). */
  db: Kysely<Database>;
  /** The event store: provenance reads an article's stream for later withdrawals and corrections. */
  store: EventStore;
  profile: Profile;
  /** Connection URL for the one LISTEN connection that wakes subscriptions. */
  databaseUrl: string;
  /** NOTIFY channel the projector signals on. Default PROJECTION_CHANGES_CHANNEL (@claims/db). */
  channel?: string;
  /** Fallback poll of the change feed while no notification arrives. Default 2000 ms. */
  pollIntervalMs?: number;
  /** Per-subscriber limits: buffer, drain timeout, heartbeat. */
  subscriptions?: SessionLimits;
  /** Serve `/openapi.json` from this app (off when a composition root serves one for every service). Default true. */
  serveOpenApi?: boolean;
  /** The read cache: entries kept (default 1000) and their longest life (default 1000 ms; 0 turns it off). */
  readCache?: { maxEntries?: number; ttlMs?: number };
  /** The projections' states for `/v1/health`, where this process runs the projector. */
  projectionStatus?: () => Promise<ProjectionState[]>;
  /**
   * The tracker's own address, the base of the IRIs in PROV JSON-LD: from configuration,
   * never from a request's Host header (which anyone can set, and the read cache would keep).
   * Default CLAIMS_PUBLIC_URL, else `http://127.0.0.1`.
   */
  publicUrl?: () => string;
}

export interface ApiApp {
  app: OpenAPIHono;
  /**
   * A fresh cached answer to `GET url`, for an HTTP server to send before routing (null: route it).
   * Only where reads are open: it checks no token.
   */
  cachedAnswer(method: string | undefined, url: string | undefined, accept: string | undefined): CachedAnswer | null;
  /** Ends every open subscription and the listener (before the HTTP server closes). */
  close(): Promise<void>;
}

/**
 * The query API: sides, topics, actors; positions now or as of any day on either
 * clock; how positions moved; claims, meetings and agreements with cursor
 * pagination; provenance (JSON or W3C PROV JSON-LD); live subscriptions over SSE;
 * health; the web page at `/` and the API docs at `/docs`. Each group of routes is
 * a module of its own in `routes/`, mounted here.
 */
export function createApiApp(options: ApiOptions): ApiApp {
  const { db, store, profile } = options;
  const listener = new NotificationListener(
    options.databaseUrl,
    options.channel ?? PROJECTION_CHANGES_CHANNEL,
    options.pollIntervalMs ?? 2_000,
  );
  const context: RouteContext = {
    db,
    store,
    profile,
    q: querySchemas(profile),
    pairs: profile.sides.flatMap((s) => profile.topics.map((t) => ({ side: s.slug, topic: t.slug }))),
    listener,
    sessions: new Set<AbortController>(),
    subscriptions: options.subscriptions,
    projectionStatus: options.projectionStatus,
    publicUrl: options.publicUrl ?? (() => process.env.CLAIMS_PUBLIC_URL ?? 'http://127.0.0.1'),
  };

  const app = createRouter();
  app.onError(handleErrors());
  // Repeated reads are answered from memory until a projection commits a change (see read-cache.ts).
  void listener.ready().catch(() => {});
  const cache = new ReadCache(listener, {
    ...options.readCache,
    skip: (path) => path === '/v1/subscriptions' || path === '/v1/health' || path.startsWith('/v1/export/'),
    refresh: async (url, accept) => {
      const res = await app.fetch(
        new Request(new URL(url, 'http://127.0.0.1'), { headers: { accept, [REFRESH_HEADER]: '1' } }),
      );
      await res.arrayBuffer();
    },
    // Every commit of a projection moves its checkpoint row, and a rebuild's swap writes it anew: the row's
    // transaction id (xmin, a system column kysely has no name for) changes whenever the projection's tables could.
    versionOf: async (projections) => {
      const rows = await db
        .selectFrom('projection_checkpoints')
        .select(['projection', 'position', sql<string>`xmin::text`.as('writer')])
        .where('projection', 'in', projections)
        .orderBy('projection')
        .execute();
      return rows.map((r) => `${r.projection}@${r.position}/${r.writer}`).join(' ');
    },
  });
  app.use('/v1/*', cache.middleware());
  for (const routes of [
    profileRoutes,
    positionRoutes,
    claimRoutes,
    sourceRoutes,
    reportRoutes,
    workbenchRoutes,
    subscriptionRoutes,
    healthRoutes,
  ]) {
    app.route('/', routes(context));
  }

  mountWeb(app);
  if (options.serveOpenApi ?? true) {
    app.doc31('/openapi.json', { openapi: '3.1.0', info: { title: 'Claims tracker API', version: '0.1.0' } });
  }

  return {
    app,
    cachedAnswer: (method, url, accept) => cache.lookup(method, url, accept),
    async close() {
      for (const s of context.sessions) s.abort();
      await listener.close();
    },
  };
}
