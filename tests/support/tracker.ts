import { type RunningTracker, startTracker, type TrackerOptions } from '../../infra/local/tracker.ts';
import { testAccess } from './access.ts';
import { createTestDatabase, type TestDatabase } from './database.ts';
import type { Target } from './http.ts';

/** The whole tracker on a fresh test database, listening on a free port, with a write token. */
export async function startTestTracker(
  options: { projector?: boolean; api?: TrackerOptions['api']; extraction?: TrackerOptions['extraction'] } = {},
): Promise<{
  tracker: RunningTracker;
  tdb: TestDatabase;
  /** The tracker's URL with the write token's headers: pass it to postJson and postText. */
  writer: Target;
  auth: { authorization: string };
  token: string;
  stop(): Promise<void>;
}> {
  const tdb = await createTestDatabase();
  const { access, headers, token } = testAccess();
  const tracker = await startTracker({
    databaseUrl: tdb.url,
    port: 0,
    projector: options.projector ?? true,
    access,
    ...(options.api ? { api: options.api } : {}),
    ...(options.extraction ? { extraction: options.extraction } : {}),
  });
  return {
    tracker,
    tdb,
    writer: { url: tracker.url, headers },
    auth: headers,
    token,
    stop: async () => {
      await tracker.close();
      await tdb.drop();
    },
  };
}
