import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { Agent, request } from 'node:http';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { type DatabaseHandle, openDatabase } from '@claims/db';
import { type EventStore, migrateEventLog } from '@claims/eventstore';
import { freePort } from '../support/http.ts';
import { syntheticArticles } from '../support/synthetic.ts';

/**
 * A fresh database for one benchmark, read models and event log migrated: embedded in a temp folder, or on
 * BENCH_DATABASE_URL's server.
 */
export async function benchDatabase(): Promise<DatabaseHandle & { dispose(): Promise<void> }> {
  if (process.env.BENCH_DATABASE_URL) {
    const handle = await openDatabase({ url: process.env.BENCH_DATABASE_URL, maxConnections: 20 });
    await migrateEventLog(handle.db);
    return { ...handle, dispose: () => handle.close() };
  }
  const dataDir = await mkdtemp(join(tmpdir(), 'claims-bench-pg-'));
  const handle = await openDatabase({ url: '', embedded: { dataDir }, maxConnections: 20 });
  // The event log migrates with its adapter (the read models with openDatabase).
  await migrateEventLog(handle.db);
  return {
    ...handle,
    dispose: async () => {
      await handle.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

export const rate = (count: number, ms: number): number => Math.round((count / ms) * 1000);

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

/** Prints one benchmark's figures as an aligned table. */
export function report(title: string, rows: [string, string | number][]): void {
  const width = Math.max(...rows.map(([k]) => k.length));
  process.stdout.write(`\n${title}\n${rows.map(([k, v]) => `  ${k.padEnd(width)}  ${v}`).join('\n')}\n`);
}

/** A measured figure beside its goal: `0.83 (goal ≥ 1.20: NOT MET)`. */
export function goal(value: number, op: '≥' | '≤', target: number, digits = 2, unit = ''): string {
  const met = op === '≥' ? value >= target : value <= target;
  return `${value.toFixed(digits)}${unit} (goal ${op} ${target.toFixed(digits)}${unit}: ${met ? 'met' : 'NOT MET'})`;
}

/** The machine's load averages, printed beside figures: other work on this 2-core machine shows in them. */
export const loadLine = (): string =>
  `load ${loadavg()
    .map((l) => l.toFixed(2))
    .join(' ')}`;

/** Prints rows as a Markdown table under a title. */
export function table(title: string, head: string[], rows: (string | number)[][]): void {
  const cells = [head, ...rows.map((r) => r.map(String))];
  const widths = head.map((_, i) => Math.max(...cells.map((r) => r[i]!.length)));
  const line = (r: string[]) => `| ${r.map((c, i) => c.padEnd(widths[i]!)).join(' | ')} |`;
  process.stdout.write(
    `\n${title}\n${line(cells[0]!)}\n|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|\n${cells.slice(1).map(line).join('\n')}\n`,
  );
}

/**
 * Writes a deterministic synthetic log of about `events` events (an article and nine claims per
 * append) with 4 writers, its days within what the schemas accept (up to 2100).
 */
export async function writeSynthetic(
  store: EventStore,
  events: number,
  seed: number,
): Promise<{ events: number; ms: number }> {
  const started = performance.now();
  const count = Math.ceil(events / 10);
  const articles = syntheticArticles({
    articles: count,
    claimsPerArticle: 9,
    seed,
    articlesPerDay: Math.max(3, Math.ceil(count / 30_000)),
  });
  let written = 0;
  await Promise.all(
    Array.from({ length: 4 }, async () => {
      for (let next = articles.next(); !next.done; next = articles.next()) {
        await store.append(next.value.stream, next.value.events);
        written += next.value.events.length;
      }
    }),
  );
  return { events: written, ms: performance.now() - started };
}

/**
 * A light HTTP client for load: node:http on kept-alive connections (at most `connections`).
 * fetch costs several times more CPU per request, and on this 2-core machine the load
 * generator's CPU is taken from the server it measures.
 */
export function httpClient(base: string, connections: number) {
  const agent = new Agent({ keepAlive: true, maxSockets: connections });
  const url = new URL(base);
  const send = (method: string, path: string, body?: string, headers: Record<string, string> = {}) =>
    new Promise<{ status: number; body: string; ms: number }>((resolve, reject) => {
      const started = performance.now();
      const req = request(
        {
          host: url.hostname,
          port: url.port,
          path,
          method,
          agent,
          headers: body ? { 'content-length': Buffer.byteLength(body).toString(), ...headers } : headers,
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () =>
            resolve({
              status: res.statusCode ?? 0,
              body: Buffer.concat(chunks).toString('utf8'),
              ms: performance.now() - started,
            }),
          );
          res.on('error', reject);
        },
      );
      req.on('error', reject);
      req.end(body);
    });
  return {
    get: (path: string) => send('GET', path),
    post: (path: string, body: string, headers: Record<string, string>) => send('POST', path, body, headers),
    close: () => agent.destroy(),
  };
}

/** The tracker as `pnpm start` runs it, in a process of its own, on a free port; resolves once it answers. */
export async function startTrackerProcess(
  env: Record<string, string>,
  extraArgs: string[] = [],
): Promise<{ base: string; child: ChildProcess; stop(): Promise<void> }> {
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const child = spawn(process.execPath, [...extraArgs, '--import', 'tsx', 'infra/local/start.ts'], {
    cwd: join(import.meta.dirname, '../..'),
    env: { ...process.env, PORT: String(port), ...env },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr!.on('data', (d) => {
    stderr += d;
  });
  for (let i = 0; ; i++) {
    const up = await fetch(`${base}/v1/health`).then(
      (r) => r.ok,
      () => false,
    );
    if (up) break;
    if (child.exitCode !== null || i > 600) throw new Error(`the tracker did not start: ${stderr}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  // Measured once it has projected what was written before it started.
  for (;;) {
    const h = (await (await fetch(`${base}/v1/health`)).json()) as { projections: { state: string; behind: number }[] };
    if (h.projections.length > 0 && h.projections.every((p) => p.state === 'live' && p.behind === 0)) break;
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    base,
    child,
    stop: async () => {
      if (child.exitCode !== null) return;
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await exited;
    },
  };
}
