import pg from 'pg';

/**
 * One LISTEN connection per server that wakes every waiting subscription when a
 * projection commits changes (`pg_notify('claims_changes', projection)` in the
 * projector's transaction). A hint only: notifications sent while the connection
 * is down are lost, so every wait also ends after `pollIntervalMs`, and the
 * connection is re-made after a failure.
 */
export class ChangeListener {
  private generation = 0;
  private readonly waiters = new Set<() => void>();
  private client: pg.Client | null = null;
  private connecting: Promise<void> | null = null;
  private retryTimer: NodeJS.Timeout | null = null;
  private closed = false;

  constructor(
    private readonly url: string,
    readonly channel: string,
    private readonly pollIntervalMs: number,
  ) {}

  /** Read before looking for changes; pass to `wait`. */
  get current(): number {
    return this.generation;
  }

  /** Resolves on the next notification after `seen`, after the poll interval, or on abort. */
  async wait(seen: number, signal?: AbortSignal): Promise<void> {
    this.ensureListening();
    if (this.generation !== seen || this.closed || signal?.aborted) return;
    await new Promise<void>((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.waiters.delete(done);
        signal?.removeEventListener('abort', done);
        resolve();
      };
      const timer = setTimeout(done, this.pollIntervalMs);
      this.waiters.add(done);
      signal?.addEventListener('abort', done, { once: true });
    });
  }

  /** Starts listening now (instead of at the first wait), so the first change is not waited for by a poll. */
  async ready(): Promise<void> {
    this.ensureListening();
    await this.connecting;
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
      if (n.channel === this.channel) this.wakeAll();
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
      // Whatever committed while we were not listening is found by this wake-up.
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
      if (this.waiters.size > 0) this.ensureListening();
    }, this.pollIntervalMs);
    this.retryTimer.unref();
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.wakeAll();
    await this.connecting?.catch(() => {});
    const c = this.client;
    this.client = null;
    await c?.end().catch(() => {});
  }
}
