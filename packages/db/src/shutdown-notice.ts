import pg from 'pg';

/**
 * Notice that PostgreSQL is shutting down. A "smart" shutdown (SIGTERM, `pg_ctl stop -m smart`)
 * refuses new sessions but waits for every open one to end, and tells them nothing: a process
 * that holds connections for good (LISTEN, a projection's lock) would keep the server from
 * ever stopping. So those holders ask here: while any is registered, a new session is tried
 * every `PROBE_INTERVAL_MS`; when the server refuses it as shutting down (57P03), every holder
 * is told, lets go of its connections, and reconnects once the server is back.
 */
const PROBE_INTERVAL_MS = 5_000;

type Holder = () => void;
const watches = new Map<string, { holders: Set<Holder>; timer: NodeJS.Timeout; told: boolean }>();

/** The server refuses new sessions because it is shutting down (or starting up). */
export const isServerShuttingDown = (err: unknown): boolean => (err as { code?: string } | null)?.code === '57P03';

async function probe(url: string): Promise<void> {
  const watch = watches.get(url);
  if (!watch) return;
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: PROBE_INTERVAL_MS });
  client.on('error', () => {});
  try {
    await client.connect();
    watch.told = false;
  } catch (err) {
    if (isServerShuttingDown(err) && !watch.told) {
      watch.told = true;
      for (const h of [...watch.holders]) h();
    }
  } finally {
    await client.end().catch(() => {});
  }
}

/** Calls `letGo` when the server at `url` is shutting down; returns the unregistration. */
export function onServerShutdownNotice(url: string, letGo: Holder): () => void {
  let watch = watches.get(url);
  if (!watch) {
    const timer = setInterval(() => void probe(url), PROBE_INTERVAL_MS);
    timer.unref();
    watch = { holders: new Set(), timer, told: false };
    watches.set(url, watch);
  }
  watch.holders.add(letGo);
  return () => {
    const w = watches.get(url);
    if (!w) return;
    w.holders.delete(letGo);
    if (w.holders.size === 0) {
      clearInterval(w.timer);
      watches.delete(url);
    }
  };
}
