import { type ApiOptions, createApiApp } from '@claims/api';
import { type DatabaseHandle, openDatabase } from '@claims/db';
import { PostgresEventStore } from '@claims/eventstore';
import { createIngestApp } from '@claims/ingest';
import { type Profile, defaultProfile, formatOfPath, parseProfile } from '@claims/profile';
import { type Projector, allProjections, startProjector } from '@claims/projector';
import { serve } from '@hono/node-server';
import { OpenAPIHono } from '@hono/zod-openapi';
import { readFileSync } from 'node:fs';
import type { Server } from 'node:http';
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
  /** Run the projector in this process. Default true. */
  projector?: boolean;
  /** Subscription limits (buffer, drain timeout, heartbeat) and the fallback poll of the query API. */
  api?: Pick<ApiOptions, 'subscriptions' | 'pollIntervalMs'>;
}

export interface RunningTracker {
  url: string;
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
  const store = new PostgresEventStore({ db: database.db, url: database.url });
  const projector = options.projector === false ? null : startProjector({ db: database.db, store });

  const app = new OpenAPIHono();
  app.route('/', createIngestApp({ store, profile }));
  const api = createApiApp({ db: database.db, store, profile, databaseUrl: database.url, serveOpenApi: false, ...options.api });
  app.route('/', api.app);
  app.get('/v1/health', async (c) => {
    const projections = projector ? await projector.status() : [];
    const ok = projections.every((p) => p.state !== 'failed');
    return c.json({ ok, profile: profile.name, projections }, ok ? 200 : 503);
  });
  app.doc31('/openapi.json', { openapi: '3.1.0', info: { title: 'Claims tracker', version: '0.1.0' } });

  const host = options.host ?? process.env.HOST ?? '127.0.0.1';
  const port = options.port ?? Number(process.env.PORT ?? 3000);
  const server = await new Promise<ReturnType<typeof serve>>((resolve, reject) => {
    const s = serve({ fetch: app.fetch, hostname: host, port }, () => resolve(s));
    s.once('error', reject);
  });
  const address = server.address() as AddressInfo;
  let closing: Promise<void> | null = null;
  return {
    url: `http://${host}:${address.port}`,
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
