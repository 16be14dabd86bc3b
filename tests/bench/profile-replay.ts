/**
 * A replay as `pnpm bench replay` runs it (default 100,000 events), for finding where its time goes:
 * `BENCH_REPLAY_EVENTS=300000 PROFILE_OUT=/tmp/replay.cpuprofile npx tsx tests/bench/profile-replay.ts`.
 * Prints the time, node's CPU and heap every 100,000 events and at the end; with PROFILE_OUT, a CPU profile of the
 * replay alone (not of writing the log), to open in Chrome's DevTools or read with a script.
 */
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { PostgresEventStore } from '@claims/eventstore';
import { replay } from '@claims/projector';
import { sql } from 'kysely';
import { benchDatabase, loadLine, writeSynthetic } from './support.ts';

const EVENTS = Number(process.env.BENCH_REPLAY_EVENTS ?? 100_000);
const handle = await benchDatabase();
const store = new PostgresEventStore({ db: handle.db, url: handle.url });
const written = await writeSynthetic(store, EVENTS, 3);
await sql`vacuum (analyze) events`.execute(handle.db);
const session = new Session();
const out = process.env.PROFILE_OUT;
if (out) {
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.setSamplingInterval', { interval: 1000 });
  await session.post('Profiler.start');
}
const before = loadLine();
const t = performance.now();
const cpu0 = process.cpuUsage();
let last = { t: performance.now(), cpu: process.cpuUsage(), n: 0 };
await replay({
  db: handle.db,
  store,
  asOf: '2100-12-31',
  clock: 'valid',
  onProgress: ({ handled }) => {
    if (handled - last.n < 100_000) return;
    const now = performance.now();
    const c = process.cpuUsage(last.cpu);
    const m = process.memoryUsage();
    console.log(
      `${handled}: ${((now - last.t) / 1000).toFixed(1)} s for ${handled - last.n}, node cpu ${((c.user + c.system) / 1e6).toFixed(1)} s, heap ${(m.heapUsed / 1e6).toFixed(0)} MB, ${loadLine()}`,
    );
    last = { t: now, cpu: process.cpuUsage(), n: handled };
  },
});
const ms = performance.now() - t;
const cpu = process.cpuUsage(cpu0);
if (out) {
  const { profile } = await session.post('Profiler.stop');
  writeFileSync(out, JSON.stringify(profile));
}
console.log(
  `replay ${written.events} events: ${(ms / 1000).toFixed(1)} s, node cpu user ${(cpu.user / 1e6).toFixed(1)} s sys ${(cpu.system / 1e6).toFixed(1)} s, ${before} -> ${loadLine()}`,
);
await store.close();
await handle.dispose();
