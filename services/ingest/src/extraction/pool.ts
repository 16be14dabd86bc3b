import { readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { ArticleInput, ExtractedArticle } from '@claims/extract';
import type { Profile } from '@claims/profile';
import type { ExtractionReply, ExtractionTask } from './protocol.ts';

/**
 * The longest normalised article text accepted, in characters. Real articles are under
 * 60,000 (long reads included). Prose stays linear up to here and extracts in about half a
 * second on one loaded core; past it, it grows faster (×3 from 100,000 to 200,000 characters,
 * `pnpm bench pathological`, "prose"), so the limit sits here, well inside the time budget.
 */
export const MAX_ARTICLE_CHARS = 100_000;

export interface ExtractionLimits {
  /** Extraction threads. Default CLAIMS_EXTRACT_THREADS, else one fewer than the cores (1 to 4). */
  threads?: number;
  /** Articles waiting for a thread, at most; past it, `ExtractionBusyError`. Default CLAIMS_EXTRACT_QUEUE, else 16. */
  maxQueued?: number;
  /**
   * The CPU time one article may take on its thread; past it, the thread is stopped and
   * replaced. CPU time, so that a busy host (the thread runs at low priority) does not refuse
   * ordinary articles; where it cannot be read (not Linux), and as a cap on waiting, wall
   * time: WALL_CAP times this. Default CLAIMS_EXTRACT_BUDGET_MS, else 10 s.
   */
  timeBudgetMs?: number;
  /** Largest normalised text accepted, in characters. Default MAX_ARTICLE_CHARS. */
  maxTextChars?: number;
}

/** Extracts articles: the pool of threads, or anything else that can (tests, a single process). */
export interface ArticleExtractor {
  extract(input: ArticleInput): Promise<ExtractedArticle>;
}

/** The article cannot be extracted: too long, not text, or over the time budget. Its fault: 422. */
export class ExtractionRefusedError extends Error {
  override name = 'ExtractionRefusedError';
}

/** Every thread is busy and the queue is full: try again shortly (503). */
export class ExtractionBusyError extends Error {
  override name = 'ExtractionBusyError';
  constructor(
    message: string,
    readonly retryAfterSeconds: number,
  ) {
    super(message);
  }
}

interface Pending {
  task: ExtractionTask;
  resolve: (a: ExtractedArticle) => void;
  reject: (e: Error) => void;
}

interface Slot {
  worker: Worker;
  ready: boolean;
  /** The thread's id in the kernel, for its CPU time (Linux), else null. */
  tid: number | null;
  running: (Pending & { timer: NodeJS.Timeout }) | null;
}

/** How often a running article's CPU time is looked at, and the wall-time cap as a multiple of the budget. */
const CHECK_MS = 100;
const WALL_CAP = 6;
/** Clock ticks per second of /proc's CPU times: 100 on every Linux the tracker runs on. */
const TICKS_PER_SECOND = 100;

/** CPU time (user + system) a thread of this process has used, in ms; null when it cannot be read. */
function threadCpuMs(tid: number): number | null {
  try {
    const stat = readFileSync(`/proc/self/task/${tid}/stat`, 'utf8');
    // Fields after the command name (which may hold spaces) start after its closing parenthesis.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / TICKS_PER_SECOND;
  } catch {
    return null;
  }
}

const envNumber = (name: string): number | undefined => {
  const v = process.env[name];
  if (v === undefined || v === '') return undefined;
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1) throw new Error(`${name} must be a whole number of at least 1, got "${v}"`);
  return n;
};

/**
 * Extraction off the event loop: articles go to worker threads through a bounded queue,
 * and each may use at most a time budget of CPU. The extractor is plain CPU work that some
 * inputs make slow; on the HTTP thread one such article froze every read, health check
 * and heartbeat. Here it costs one thread for at most the budget: then that thread is
 * terminated (the only way to stop synchronous code), its article refused, and a fresh
 * thread started. The budget counts from when the article starts on a thread, not from
 * when it was queued (so a thread pool that counts from enqueue, like piscina's abort
 * signal, would refuse articles that merely waited).
 */
export class ExtractionPool implements ArticleExtractor {
  private readonly slots: Slot[] = [];
  private readonly queue: Pending[] = [];
  private nextId = 0;
  private closed = false;
  readonly threads: number;
  readonly maxQueued: number;
  readonly timeBudgetMs: number;
  readonly maxTextChars: number;

  constructor(
    private readonly profile: Profile | null,
    limits: ExtractionLimits = {},
  ) {
    this.threads =
      limits.threads ?? envNumber('CLAIMS_EXTRACT_THREADS') ?? Math.max(1, Math.min(4, availableParallelism() - 1));
    this.maxQueued = limits.maxQueued ?? envNumber('CLAIMS_EXTRACT_QUEUE') ?? 16;
    this.timeBudgetMs = limits.timeBudgetMs ?? envNumber('CLAIMS_EXTRACT_BUDGET_MS') ?? 10_000;
    this.maxTextChars = limits.maxTextChars ?? MAX_ARTICLE_CHARS;
    for (let i = 0; i < this.threads; i++) this.slots.push(this.spawn());
  }

  /** Resolves once every thread has loaded the extractor (else the first articles wait for it). */
  async ready(): Promise<void> {
    await Promise.all(this.slots.map((s) => (s.ready ? null : new Promise((r) => s.worker.once('message', r)))));
  }

  extract(input: ArticleInput): Promise<ExtractedArticle> {
    if (this.closed) return Promise.reject(new ExtractionBusyError('the tracker is shutting down', 5));
    if (this.queue.length >= this.maxQueued) {
      return Promise.reject(
        new ExtractionBusyError(`${this.queue.length} articles are waiting to be extracted; retry shortly`, 2),
      );
    }
    return new Promise((resolve, reject) => {
      this.queue.push({ task: { id: this.nextId++, input }, resolve, reject });
      this.dispatch();
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const p of this.queue.splice(0)) p.reject(new ExtractionBusyError('the tracker is shutting down', 5));
    await Promise.all(
      this.slots.splice(0).map(async (s) => {
        if (s.running) {
          clearInterval(s.running.timer);
          s.running.reject(new ExtractionBusyError('the tracker is shutting down', 5));
        }
        await s.worker.terminate();
      }),
    );
  }

  private spawn(): Slot {
    // ./worker.mjs: in the source tree it registers the TypeScript loader in the thread; in the
    // compiled command (infra/build-cli.mjs) it is the bundled worker.
    const worker = new Worker(new URL('./worker.mjs', import.meta.url), {
      workerData: { profile: this.profile, maxTextChars: this.maxTextChars },
      // An article that makes the extractor allocate without end costs its thread, not the process.
      resourceLimits: { maxOldGenerationSizeMb: 1024 },
    });
    const slot: Slot = { worker, ready: false, tid: null, running: null };
    worker.on('message', (m: ExtractionReply | { ready: true; tid: number | null }) => {
      if ('ready' in m) {
        slot.ready = true;
        slot.tid = m.tid;
        this.dispatch();
        return;
      }
      const running = slot.running;
      if (!running || running.task.id !== m.id) return;
      clearInterval(running.timer);
      slot.running = null;
      if ('extracted' in m.outcome) running.resolve(m.outcome.extracted);
      else running.reject(new ExtractionRefusedError(m.outcome.refused));
      this.dispatch();
    });
    worker.on('error', (err) => this.replace(slot, `the extractor stopped on this article (${err.message})`));
    worker.on('exit', () => this.replace(slot, 'the extractor stopped on this article'));
    return slot;
  }

  /** Ends a thread that failed or overran, refuses what it was running, and starts another in its place. */
  private replace(slot: Slot, reason: string): void {
    const i = this.slots.indexOf(slot);
    if (i < 0) return; // replaced already, or closing
    const running = slot.running;
    slot.running = null;
    if (running) {
      clearInterval(running.timer);
      running.reject(new ExtractionRefusedError(reason));
    }
    slot.worker.removeAllListeners('exit');
    void slot.worker.terminate();
    if (this.closed) {
      this.slots.splice(i, 1);
      return;
    }
    this.slots[i] = this.spawn();
  }

  private dispatch(): void {
    for (const slot of this.slots) {
      if (!slot.ready || slot.running || this.queue.length === 0) continue;
      const next = this.queue.shift()!;
      const startedAt = Date.now();
      const cpuAtStart = slot.tid ? threadCpuMs(slot.tid) : null;
      const timer = setInterval(() => {
        const cpu = cpuAtStart !== null && slot.tid ? threadCpuMs(slot.tid) : null;
        const used = cpu !== null && cpuAtStart !== null ? cpu - cpuAtStart : Date.now() - startedAt;
        if (used < this.timeBudgetMs && Date.now() - startedAt < this.timeBudgetMs * WALL_CAP) return;
        const seconds = (this.timeBudgetMs / 1000).toLocaleString('en');
        this.replace(slot, `extracting this article took longer than ${seconds} s and was stopped; nothing was stored`);
      }, CHECK_MS);
      timer.unref();
      slot.running = { ...next, timer };
      slot.worker.postMessage(next.task);
    }
  }
}
