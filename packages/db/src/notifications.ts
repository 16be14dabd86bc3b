import pg from 'pg';
import { onServerShutdownNotice } from './shutdown-notice.ts';

/**
 * Wakes whoever waits when a transaction that sent `pg_notify(channel, …)` commits,
 * through LISTEN on one dedicated connection (the event store's appends; the
 * projector's read-model changes). A hint only: notifications sent while the
 * connection is down are lost, so every wait also ends after the fallback poll
 * interval, the connection is re-made after a failure, and re-connecting counts as
 * a notification (whatever committed meanwhile is looked for again).
 */
export class NotificationListener {
  /** Bumped by every notification; a waiter that saw an older value returns at once. */
  private generation = 0;
  /**
   * Notifications per payload (the change feed's: a projection's name), and wake-ups that were not one (reconnects).
   */
  private readonly byPayload = new Map<string, number>();
  private unspecific = 0;
  private waiters = new Set<() => void>();
  private client: pg.Client | null = null;
  private connecting: Promise<void> | null = null;
  private closed = false;
  private retryTimer: NodeJS.Timeout | null = null;
  private unwatch: (() => void) | null = null;
  /**
   * Set while the server is shutting down: the listening connection was let go so that the
   * server can stop, and whoever follows the log should let go of theirs too (followLog throws it).
   */
  interruption: Error | null = null;

  constructor(
    private readonly url: string,
    readonly channel: string,
    private readonly pollIntervalMs: number,
  ) {}

  /** The current generation: read it before looking for events, pass it to `wait`. */
  get current(): number {
    return this.generation;
  }

  /**
   * A stamp that changes when a notification with one of these payloads arrives, or after a reconnect (which may have
   * missed any).
   */
  stampOf(payloads: readonly string[]): string {
    return `${this.unspecific}:${payloads.map((p) => this.byPayload.get(p) ?? 0).join(',')}`;
  }

  /** Starts listening now (instead of at the first wait), so the first notification is not missed. */
  async ready(): Promise<void> {
    this.ensureListening();
    await this.connecting;
  }

  /**
   * Resolves on the next notification after `seen`, after the poll interval (or `timeoutMs`, if sooner), or on abort.
   */
  async wait(seen: number, signal?: AbortSignal, timeoutMs?: number): Promise<void> {
    this.ensureListening();
    if (this.generation !== seen || this.closed || signal?.aborted) return;
    await new Promise<void>((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.waiters.delete(done);
        signal?.removeEventListener('abort', done);
        resolve();
      };
      const timer = setTimeout(done, Math.min(timeoutMs ?? this.pollIntervalMs, this.pollIntervalMs));
      this.waiters.add(done);
      signal?.addEventListener('abort', done, { once: true });
    });
  }

  private wakeAll(): void {
    this.generation++;
    for (const w of [...this.waiters]) w();
  }

  private ensureListening(): void {
    if (this.client || this.connecting || this.closed) return;
    this.connecting = this.connect().finally(() => {
      this.connecting = null;
    });
  }

  private async connect(): Promise<void> {
    const client = new pg.Client({ connectionString: this.url, connectionTimeoutMillis: 5_000 });
    const lost = () => {
      if (this.client !== client) return;
      this.client = null;
      client.end().catch(() => {});
      this.scheduleReconnect();
    };
    client.on('error', lost);
    client.on('end', lost);
    client.on('notification', (n) => {
      if (n.channel !== this.channel) return;
      this.byPayload.set(n.payload ?? '', (this.byPayload.get(n.payload ?? '') ?? 0) + 1);
      this.wakeAll();
    });
    try {
      await client.connect();
      // LISTEN takes an identifier, which kysely cannot bind; the channel is a fixed constant.
      await client.query(`listen ${this.channel}`);
      if (this.closed) {
        await client.end();
        return;
      }
      this.client = client;
      this.interruption = null;
      this.unwatch ??= onServerShutdownNotice(this.url, () => this.letGo());
      // Whatever committed while we were not listening is looked for again after this wake-up.
      this.unspecific++;
      this.wakeAll();
    } catch {
      client.end().catch(() => {});
      this.scheduleReconnect();
    }
  }

  private scheduleReconnect(): void {
    if (this.closed || this.retryTimer) return;
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      this.ensureListening();
    }, this.pollIntervalMs);
    this.retryTimer.unref();
  }

  /**
   * The server is shutting down: end the listening connection (it reconnects once the server is back) and wake every
   * waiter.
   */
  private letGo(): void {
    this.interruption = Object.assign(
      new Error('PostgreSQL is shutting down: letting go of connections until it is back'),
      { code: '57P03' },
    );
    const c = this.client;
    this.client = null;
    c?.end().catch(() => {});
    this.scheduleReconnect();
    this.wakeAll();
  }

  async close(): Promise<void> {
    this.closed = true;
    this.unwatch?.();
    this.unwatch = null;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.wakeAll();
    await this.connecting?.catch(() => {});
    const c = this.client;
    this.client = null;
    await c?.end().catch(() => {});
  }
}
