import type { MiddlewareHandler } from 'hono';

/** What tells the cache that read models changed: stamps of the change listener, per projection. */
export interface ChangeStamps {
  /** A stamp that changes when any of these projections commits a change (or a notification may have been missed). */
  stampOf(projections: readonly string[]): string;
}

interface Entry {
  stamp: string;
  storedAt: number;
  body: string;
  /** The body encoded once, for the server's fast path. */
  bytes: Buffer;
  contentType: string;
  /** A refresh of this answer past its life is under way. */
  refreshing: boolean;
  /** The read models' version, read before this answer was computed (null without `versionOf`). */
  version: string | null;
}

/** A cached answer, as the HTTP server can send it without going through the app. */
export interface CachedAnswer {
  bytes: Buffer;
  contentType: string;
}

/** The header that marks the cache's own refresh of an answer: it is computed, not served from memory. */
export const REFRESH_HEADER = 'x-read-cache-refresh';

const ALL = ['sources', 'claims', 'positions', 'meetings', 'agreements', 'actors', 'corroboration'];

/**
 * The projections whose tables a route reads: a change elsewhere leaves its answers valid. Every
 * list of facts reads `corroboration` too (sources, confidence, confirmations).
 */
function readsOf(path: string): readonly string[] {
  if (path.startsWith('/v1/positions') || /^\/v1\/sides\/[^/]+\/timeline$/.test(path))
    return ['positions', 'claims', 'corroboration'];
  if (path.startsWith('/v1/claims')) return ['claims', 'sources', 'corroboration'];
  if (path.startsWith('/v1/meetings')) return ['meetings', 'corroboration'];
  if (path.startsWith('/v1/agreements')) return ['agreements', 'corroboration'];
  if (path.startsWith('/v1/actors')) return ['actors'];
  if (path.startsWith('/v1/sources')) return ['sources', 'corroboration'];
  return ALL;
}

/**
 * Answers repeated reads from memory until a projection they read commits a change.
 * Readers far outnumber writes here (many people watching one negotiation), and every read
 * model changes only through the projector, which notifies on commit with the projection's
 * name: an answer stays valid while the stamp of the projections its route reads is the one
 * it was computed at. The stamp is read *before* the query runs, so a change landing mid-query
 * invalidates the entry. Concurrent misses of one answer share one computation. Notifications
 * can be lost while the listening connection is down, so entries also expire after `ttlMs`.
 * On the server's fast path an answer past its life whose stamp has not moved is still sent
 * while one refresh runs behind it (stale-while-revalidate, RFC 5861), up to twice its life:
 * the readers do not all wait for the query at each expiry. With `versionOf`, that refresh first
 * asks whether the read models moved at all (one small query, an HTTP revalidation in spirit)
 * and, if not, gives the answer a new life instead of computing it again: computing a large
 * answer holds the event loop, and every reader waits behind it. A change the projector commits
 * still ends the answer at once. Bounded: least recently used out first.
 */
export class ReadCache {
  private readonly maxEntries: number;
  private readonly ttlMs: number;
  private readonly entries = new Map<string, Entry>();
  private readonly computing = new Map<string, Promise<Entry | null>>();
  private readonly skip: (path: string) => boolean;

  private readonly refresh: ((url: string, accept: string) => Promise<unknown>) | null;
  private readonly versionOf: ((projections: readonly string[]) => Promise<string>) | null;

  constructor(
    private readonly changes: ChangeStamps,
    options: {
      maxEntries?: number;
      ttlMs?: number;
      skip?: (path: string) => boolean;
      /** Computes `GET url` again through the app, with REFRESH_HEADER set (for stale-while-revalidate). */
      refresh?: (url: string, accept: string) => Promise<unknown>;
      /**
       * A token that changes whenever one of these projections commits (read from the database, so that it holds
       * when a notification was lost): an answer past its life is kept while its token has not moved.
       */
      versionOf?: (projections: readonly string[]) => Promise<string>;
    } = {},
  ) {
    this.maxEntries = options.maxEntries ?? 1_000;
    this.ttlMs = options.ttlMs ?? 1_000;
    this.skip = options.skip ?? (() => false);
    this.refresh = options.refresh ?? null;
    this.versionOf = options.versionOf ?? null;
  }

  private keyOf(accept: string, pathname: string, search: URLSearchParams): string {
    search.delete('access_token');
    return `${accept} ${pathname}?${search}`;
  }

  private fresh(key: string, pathname: string, stale?: { url: string; accept: string }): Entry | null {
    const hit = this.entries.get(key);
    if (!hit || hit.stamp !== this.changes.stampOf(readsOf(pathname))) return null;
    const age = Date.now() - hit.storedAt;
    if (age >= this.ttlMs) {
      if (!stale || !this.refresh || age >= 2 * this.ttlMs) return null;
      if (!hit.refreshing) {
        hit.refreshing = true;
        this.revalidate(hit, readsOf(pathname), stale)
          .catch(() => {})
          .finally(() => {
            hit.refreshing = false;
          });
      }
    }
    this.entries.delete(key); // re-inserted: Map order doubles as recency
    this.entries.set(key, hit);
    return hit;
  }

  /** Renews an answer past its life if the read models it came from have not moved since, or computes it again. */
  private async revalidate(
    hit: Entry,
    reads: readonly string[],
    stale: { url: string; accept: string },
  ): Promise<void> {
    if (this.versionOf) {
      const version = await this.versionOf(reads);
      if (version === hit.version && hit.stamp === this.changes.stampOf(reads)) {
        hit.storedAt = Date.now();
        return;
      }
    }
    await this.refresh?.(stale.url, stale.accept);
  }

  /** A fresh cached answer to `GET url` (path and query), or null: for a server to send before routing. */
  lookup(method: string | undefined, url: string | undefined, accept: string | undefined): CachedAnswer | null {
    if (method !== 'GET' || !url?.startsWith('/v1/') || this.ttlMs <= 0) return null;
    const parsed = new URL(url, 'http://cache');
    if (this.skip(parsed.pathname)) return null;
    const key = this.keyOf(accept ?? '', parsed.pathname, parsed.searchParams);
    return this.fresh(key, parsed.pathname, { url, accept: accept ?? '' });
  }

  middleware(): MiddlewareHandler {
    return async (c, next) => {
      if (c.req.method !== 'GET' || this.ttlMs <= 0 || this.skip(c.req.path)) return next();
      const url = new URL(c.req.url);
      const key = this.keyOf(c.req.header('accept') ?? '', url.pathname, url.searchParams);
      const hit = c.req.header(REFRESH_HEADER) ? null : this.fresh(key, url.pathname);
      if (hit) return c.body(hit.body, 200, { 'content-type': hit.contentType, 'x-read-cache': 'hit' });
      const reads = readsOf(url.pathname);
      const stamp = this.changes.stampOf(reads);
      const shared = this.computing.get(`${stamp} ${key}`);
      if (shared) {
        const entry = await shared;
        if (entry) return c.body(entry.body, 200, { 'content-type': entry.contentType, 'x-read-cache': 'shared' });
        return next();
      }
      let settle: (e: Entry | null) => void = () => {};
      this.computing.set(`${stamp} ${key}`, new Promise((r) => (settle = r)));
      let entry: Entry | null = null;
      try {
        // Read before the query, as the stamp is: a commit landing mid-query moves it, and the next revalidation computes.
        const version = this.versionOf ? await this.versionOf(reads) : null;
        await next();
        const type = c.res.headers.get('content-type') ?? '';
        if (c.res.status === 200 && /json/.test(type)) {
          const body = await c.res.clone().text();
          const bytes = Buffer.from(body);
          entry = { stamp, storedAt: Date.now(), body, bytes, contentType: type, refreshing: false, version };
          this.entries.delete(key);
          this.entries.set(key, entry);
          if (this.entries.size > this.maxEntries) this.entries.delete(this.entries.keys().next().value!);
        }
      } finally {
        this.computing.delete(`${stamp} ${key}`);
        settle(entry);
      }
    };
  }
}
