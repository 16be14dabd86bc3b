import type { MiddlewareHandler } from 'hono';

/** What tells the cache that a read model changed: the change listener's generation counter. */
export interface ChangeGeneration {
  readonly current: number;
}

interface Entry {
  generation: number;
  storedAt: number;
  body: string;
  contentType: string;
}

/**
 * Answers repeated reads from memory until a projection commits a change. Readers
 * far outnumber writes here (many people watching one negotiation), and every read
 * model changes only through the projector, which notifies on commit: an answer
 * stays valid while the change generation it was computed at is current. The
 * generation is read *before* the query runs, so a change landing mid-query
 * invalidates the entry. Notifications can be lost while the listening connection is
 * down, so entries also expire after `ttlMs`. Bounded: least recently used out first.
 */
export function readCache(changes: ChangeGeneration, options: { maxEntries?: number; ttlMs?: number; skip?: (path: string) => boolean } = {}): MiddlewareHandler {
  const maxEntries = options.maxEntries ?? 1_000;
  const ttlMs = options.ttlMs ?? 1_000;
  const entries = new Map<string, Entry>();
  return async (c, next) => {
    if (c.req.method !== 'GET' || options.skip?.(c.req.path)) return next();
    const url = new URL(c.req.url);
    url.searchParams.delete('access_token');
    const key = `${c.req.header('accept') ?? ''} ${url.pathname}?${url.searchParams}`;
    const hit = entries.get(key);
    const now = Date.now();
    if (hit && hit.generation === changes.current && now - hit.storedAt < ttlMs) {
      entries.delete(key); // re-inserted: Map order doubles as recency
      entries.set(key, hit);
      return c.body(hit.body, 200, { 'content-type': hit.contentType, 'x-read-cache': 'hit' });
    }
    const generation = changes.current;
    await next();
    const type = c.res.headers.get('content-type') ?? '';
    if (c.res.status !== 200 || !/json/.test(type)) return;
    const body = await c.res.clone().text();
    entries.delete(key);
    entries.set(key, { generation, storedAt: now, body, contentType: type });
    if (entries.size > maxEntries) entries.delete(entries.keys().next().value!);
  };
}
