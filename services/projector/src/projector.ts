import type { Database } from '@claims/db';
import type { EventStore } from '@claims/eventstore';
import type { Kysely } from 'kysely';
import type { Projection } from './projection.ts';
import { allProjections } from './projections/index.ts';
import { ProjectionRunner, type ProjectionStatus } from './runner.ts';

export interface ProjectorOptions {
  db: Kysely<Database>;
  store: EventStore;
  projections?: readonly Projection[];
  batchSize?: number;
  log?: (line: string) => void;
}

export interface Projector {
  status(): Promise<ProjectionStatus[]>;
  /** Waits until every projection has handled the log up to its head at the time of the call. */
  caughtUp(timeoutMs?: number): Promise<void>;
  stop(): Promise<void>;
}

/**
 * Polls `status` until every projection is live with nothing behind; throws if one
 * failed or the time runs out. Shared by in-process and out-of-process projectors.
 */
export async function waitUntilCaughtUp(status: () => Promise<ProjectionStatus[]>, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const all = await status();
    const failed = all.find((s) => s.state === 'failed');
    if (failed) throw new Error(`projection ${failed.projection} failed: ${failed.lastError}`);
    if (all.every((s) => s.state === 'live' && s.behind === 0)) return;
    if (Date.now() > deadline) {
      throw new Error(
        `projections still behind after ${timeoutMs} ms: ${all
          .filter((s) => s.behind)
          .map((s) => `${s.projection} ${s.behind}`)
          .join(', ')}`,
      );
    }
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Runs every projection (each under its own lock and checkpoint) until stopped. */
export function startProjector(options: ProjectorOptions): Projector {
  const runners = (options.projections ?? allProjections).map((projection) =>
    new ProjectionRunner({
      db: options.db,
      store: options.store,
      projection,
      batchSize: options.batchSize,
      log: options.log,
    }).start(),
  );
  for (const r of runners) {
    r.done.catch(() => {
      /* reported by the runner's log and status() */
    });
  }
  const status = () => Promise.all(runners.map((r) => r.status()));
  return {
    status,
    caughtUp: (timeoutMs) => waitUntilCaughtUp(status, timeoutMs),
    async stop() {
      await Promise.all(runners.map((r) => r.stop()));
    },
  };
}
