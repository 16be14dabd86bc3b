import { Worker } from 'node:worker_threads';
import { type ProjectionStatus, type Projector, waitUntilCaughtUp } from '@claims/projector';

type Reply = { id: number; status?: ProjectionStatus[]; stopped?: true; error?: string };

/**
 * The projector on a thread of its own, with its own event loop and connection pool,
 * so that a busy API does not delay projection (and the reverse): under a sustained
 * read load the in-process projector's many short queries waited behind HTTP work.
 * The thread registers the tsx loader itself (projector-worker.mjs).
 */
export async function startProjectorThread(options: {
  databaseUrl: string;
  eventstoreUrl?: string | undefined;
}): Promise<Projector> {
  // A .mjs entry that registers the TypeScript loader in the thread (see projector-worker.mjs).
  const worker = new Worker(new URL('./projector-worker.mjs', import.meta.url), { workerData: options });
  let nextId = 0;
  const pending = new Map<number, (r: Reply) => void>();
  let failure: Error | null = null;
  worker.on('message', (m: Reply | { ready: true }) => {
    if ('id' in m) pending.get(m.id)?.(m);
  });
  worker.on('error', (err) => {
    failure = err;
    for (const resolve of pending.values()) resolve({ id: -1, error: err.message });
  });
  await new Promise<void>((resolve, reject) => {
    worker.once('message', () => resolve());
    worker.once('error', reject);
  });
  const ask = (type: 'status' | 'stop') =>
    new Promise<Reply>((resolve) => {
      if (failure) return resolve({ id: -1, error: failure.message });
      const id = nextId++;
      pending.set(id, (r) => {
        pending.delete(id);
        resolve(r);
      });
      worker.postMessage({ id, type });
    });
  const status = async () => {
    const r = await ask('status');
    if (r.error) throw new Error(`projector thread: ${r.error}`);
    return r.status!;
  };
  let stopping: Promise<void> | null = null;
  return {
    status,
    caughtUp: (timeoutMs) => waitUntilCaughtUp(status, timeoutMs),
    stop: () => {
      stopping ??= (async () => {
        await ask('stop');
        await worker.terminate();
      })();
      return stopping;
    },
  };
}
