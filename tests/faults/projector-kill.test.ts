import { PostgresEventStore } from '@claims/eventstore';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../support/database.ts';
import { runKillSoak } from '../support/kill-soak.ts';

/**
 * The projector is a real process, killed with SIGKILL in the middle of its work and
 * restarted: the read models it leaves must equal a clean rebuild, nothing lost or
 * doubled. CI runs 6 kills; `pnpm bench soak` runs 20.
 */
let tdb: TestDatabase;
let store: PostgresEventStore;
beforeAll(async () => {
  tdb = await createTestDatabase();
  store = new PostgresEventStore({ db: tdb.handle.db, url: tdb.url });
});
afterAll(async () => {
  await store.close();
  await tdb.drop();
});

it('survives SIGKILL mid-batch: after the restarts the read models equal a clean rebuild', async () => {
  const kills = Number(process.env.CLAIMS_SOAK_KILLS ?? 6);
  const result = await runKillSoak({ db: tdb.handle.db, url: tdb.url, store, kills });
  expect(result.killsWithWorkInHand).toBeGreaterThan(0);
  expect(result.afterKills.claims).toHaveLength((result.events / 10) * 9);
  expect(result.rebuilt).toEqual(result.afterKills);
}, 600_000);
