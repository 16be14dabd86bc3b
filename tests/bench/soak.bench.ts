import { isDeepStrictEqual } from 'node:util';
import { PostgresEventStore } from '@claims/eventstore';
import { runKillSoak } from '../support/kill-soak.ts';
import { benchDatabase, report } from './support.ts';

/** The projector killed with SIGKILL 20 times while articles stream in; then compared with a clean rebuild. */
export async function benchSoak(): Promise<void> {
  const handle = await benchDatabase();
  const store = new PostgresEventStore({ db: handle.db, url: handle.url });
  try {
    const kills = Number(process.env.BENCH_SOAK_KILLS ?? 20);
    const started = performance.now();
    const r = await runKillSoak({ db: handle.db, url: handle.url, store, kills });
    const equal = isDeepStrictEqual(r.afterKills, r.rebuilt);
    report('Projector kill soak', [
      ['SIGKILLs survived', `${r.kills} (${r.killsWithWorkInHand} with work in hand)`],
      ['events projected', r.events],
      ['read models equal a clean rebuild', equal ? 'yes' : 'NO'],
      ['duration', `${((performance.now() - started) / 1000).toFixed(1)} s`],
    ]);
    if (!equal) process.exitCode = 1;
  } finally {
    await store.close();
    await handle.dispose();
  }
}
