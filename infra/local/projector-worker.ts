/** The projector thread's side (see projector-thread.ts): runs every projection, answers status and stop. */
import { parentPort, workerData } from 'node:worker_threads';
import { openDatabase } from '@claims/db';
import { createEventStore } from '@claims/eventstore';
import { allProjections, startProjector } from '@claims/projector';

const { databaseUrl, eventstoreUrl } = workerData as { databaseUrl: string; eventstoreUrl?: string };
// No session of the tracker may sit in a transaction for ever (see TRACKER_SESSION_LIMITS); a catch-up batch may run
// longer.
const handle = await openDatabase({
  url: databaseUrl,
  migrate: false,
  maxConnections: allProjections.length + 2,
  sessionLimits: { idleInTransactionTimeoutMs: 10_000, statementTimeoutMs: 120_000 },
});
const store = await createEventStore({ db: handle.db, url: handle.url, eventstoreUrl });
const projector = startProjector({ db: handle.db, store });

parentPort!.on('message', async (m: { id: number; type: 'status' | 'stop' }) => {
  try {
    if (m.type === 'status') parentPort!.postMessage({ id: m.id, status: await projector.status() });
    else {
      await projector.stop();
      await store.close();
      await handle.close();
      parentPort!.postMessage({ id: m.id, stopped: true });
    }
  } catch (err) {
    parentPort!.postMessage({ id: m.id, error: err instanceof Error ? err.message : String(err) });
  }
});
parentPort!.postMessage({ ready: true });
