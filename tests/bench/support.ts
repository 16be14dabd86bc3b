import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadavg } from 'node:os';
import { type DatabaseHandle, openDatabase } from '@claims/db';
import { type EventStore, migrateEventLog } from '@claims/eventstore';
import { syntheticArticles } from '../support/synthetic.ts';

/** A fresh, migrated database for one benchmark: embedded in a temp folder, or on BENCH_DATABASE_URL's server. */
export async function benchDatabase(): Promise<DatabaseHandle & { dispose(): Promise<void> }> {
  if (process.env.BENCH_DATABASE_URL) {
    const handle = await openDatabase({ url: process.env.BENCH_DATABASE_URL, maxConnections: 20 });
    await migrateEventLog(handle.db);
    return { ...handle, dispose: () => handle.close() };
  }
  const dataDir = await mkdtemp(join(tmpdir(), 'claims-bench-pg-'));
  const handle = await openDatabase({ url: '', embedded: { dataDir }, maxConnections: 20 });
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
export const loadLine = (): string => `load ${loadavg().map((l) => l.toFixed(2)).join(' ')}`;

/** Prints rows as a Markdown table under a title. */
export function table(title: string, head: string[], rows: (string | number)[][]): void {
  const cells = [head, ...rows.map((r) => r.map(String))];
  const widths = head.map((_, i) => Math.max(...cells.map((r) => r[i]!.length)));
  const line = (r: string[]) => `| ${r.map((c, i) => c.padEnd(widths[i]!)).join(' | ')} |`;
  process.stdout.write(`\n${title}\n${line(cells[0]!)}\n|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|\n${cells.slice(1).map(line).join('\n')}\n`);
}

/** Writes a deterministic synthetic log of about `events` events (an article and nine claims per append) with 4 writers. */
export async function writeSynthetic(store: EventStore, events: number, seed: number): Promise<{ events: number; ms: number }> {
  const started = performance.now();
  const articles = syntheticArticles({ articles: Math.ceil(events / 10), claimsPerArticle: 9, seed });
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
