import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type DatabaseHandle, openDatabase } from '@claims/db';
import { migrateEventLog } from '@claims/eventstore';

/** A fresh database for one benchmark, read models and event log migrated: embedded in a temp folder, or on BENCH_DATABASE_URL's server. */
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
