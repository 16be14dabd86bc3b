import { type RunningTracker, type TrackerOptions, startTracker } from '../../infra/local/tracker.ts';
import { type TestDatabase, createTestDatabase } from './database.ts';

/** The whole tracker on a fresh test database, listening on a free port. */
export async function startTestTracker(options: { projector?: boolean; api?: TrackerOptions['api'] } = {}): Promise<{ tracker: RunningTracker; tdb: TestDatabase; stop(): Promise<void> }> {
  const tdb = await createTestDatabase();
  const tracker = await startTracker({ databaseUrl: tdb.url, port: 0, projector: options.projector ?? true, ...(options.api ? { api: options.api } : {}) });
  return {
    tracker,
    tdb,
    stop: async () => {
      await tracker.close();
      await tdb.drop();
    },
  };
}
