import type { ChangeKey } from './change-id.ts';

/** A change ready to send: its SSE id, its key in the feed, its data as one line of JSON. */
export interface FeedChange {
  id: string;
  key: ChangeKey;
  data: string;
}

/** Reads a projection's feed (already filtered for this client) after a key, in order. */
export interface ChangeSource {
  read(after: ChangeKey, limit: number): Promise<FeedChange[]>;
}

/** Wakes sessions when something may have committed (LISTEN/NOTIFY, with a fallback poll). */
export interface WakeSource {
  readonly current: number;
  wait(seen: number, signal?: AbortSignal): Promise<void>;
}

/** Where the SSE text goes: a write resolves once the client's connection has taken it. */
export interface SseWriter {
  write(text: string): Promise<unknown>;
  /** Drops the connection at once, whatever is still queued for it. */
  abort(): void;
}

export interface SessionLimits {
  /** Live subscriptions at once, in all; past it, 503 with Retry-After. Default CLAIMS_MAX_SUBSCRIPTIONS, else 1000. */
  maxSubscriptions?: number;
  /** Live subscriptions at once from one client address. Default CLAIMS_MAX_SUBSCRIPTIONS_PER_CLIENT, else 10. */
  maxPerClient?: number;
  /** Messages written but not yet taken by the client's connection, at most. Default 1000. */
  maxBuffered?: number;
  /** How long a full buffer may take to drain to half before the client counts as too slow. Default 10 s. */
  drainTimeoutMs?: number;
  /** A comment line this often keeps idle connections (and proxies) open. Default 15 s. */
  heartbeatMs?: number;
  /** Changes read per query. Default 200. */
  batchSize?: number;
  /** After a failed read (the database away), wait this long before trying again. Default 1 s. */
  retryMs?: number;
}

export type SessionEnd = 'aborted' | 'slow_consumer';

const sleep = (ms: number, signal: AbortSignal) =>
  new Promise<void>((resolve) => {
    const t = setTimeout(done, ms);
    function done() {
      clearTimeout(t);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done, { once: true });
  });

/**
 * Streams one client's changes after `from`: catch up from the feed table, then
 * follow it as the listener wakes us, never holding more than `maxBuffered`
 * unsent messages. The feed is read, not pushed, so a slow client costs a bounded
 * buffer and a lagging cursor; one that cannot drain its buffer in time gets a
 * final `event: close` (reason `slow_consumer`) and is disconnected. It can
 * reconnect with its Last-Event-ID and lose nothing.
 */
export async function runChangeStream(args: {
  source: ChangeSource;
  wake: WakeSource;
  writer: SseWriter;
  from: ChangeKey;
  signal: AbortSignal;
  limits?: SessionLimits;
}): Promise<SessionEnd> {
  const { source, wake, writer, signal } = args;
  const maxBuffered = args.limits?.maxBuffered ?? 1000;
  const drainTimeoutMs = args.limits?.drainTimeoutMs ?? 10_000;
  const heartbeatMs = args.limits?.heartbeatMs ?? 15_000;
  const batchSize = args.limits?.batchSize ?? 200;
  const retryMs = args.limits?.retryMs ?? 1_000;

  let pending = 0;
  let onDrain: (() => void) | null = null;
  const send = (text: string) => {
    pending++;
    writer.write(text).finally(() => {
      pending--;
      onDrain?.();
    });
  };
  /** True once at most `level` messages are pending; false when that takes longer than the drain timeout. */
  const drained = (level: number) =>
    new Promise<boolean>((resolve) => {
      if (pending <= level) return resolve(true);
      const finish = (ok: boolean) => {
        clearTimeout(timer);
        onDrain = null;
        signal.removeEventListener('abort', aborted);
        resolve(ok);
      };
      const aborted = () => finish(true);
      const timer = setTimeout(() => finish(false), drainTimeoutMs);
      onDrain = () => {
        if (pending <= level) finish(true);
      };
      signal.addEventListener('abort', aborted, { once: true });
    });

  const heartbeat = setInterval(() => {
    // Only on an idle connection: a client that is not reading gains nothing from more bytes.
    if (pending === 0) send(': heartbeat\n\n');
  }, heartbeatMs);
  heartbeat.unref();

  let after = args.from;
  try {
    while (!signal.aborted) {
      if (pending >= maxBuffered && !(await drained(Math.floor(maxBuffered / 2)))) {
        const reason = JSON.stringify({
          reason: 'slow_consumer',
          message:
            `the client did not read ${maxBuffered} buffered changes within ` +
            `${drainTimeoutMs} ms; reconnect with Last-Event-ID to resume`,
        });
        // Best effort: a client that reads nothing will not see it, and is dropped all the same.
        const last = writer.write(`event: close\ndata: ${reason}\n\n`);
        await Promise.race([last, sleep(1_000, signal)]);
        writer.abort();
        return 'slow_consumer';
      }
      if (signal.aborted) break;
      const seen = wake.current;
      const limit = Math.min(batchSize, maxBuffered - pending);
      let changes: FeedChange[];
      try {
        changes = await source.read(after, limit);
      } catch {
        await sleep(retryMs, signal);
        continue;
      }
      for (const c of changes) {
        send(`id: ${c.id}\ndata: ${c.data}\n\n`);
        after = c.key;
      }
      if (changes.length < limit) await wake.wait(seen, signal);
    }
    return 'aborted';
  } finally {
    clearInterval(heartbeat);
  }
}
