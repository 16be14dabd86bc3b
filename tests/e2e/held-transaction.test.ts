import { spawn } from 'node:child_process';
import { PostgresEventStore, type RecordedEvent, START } from '@claims/eventstore';
import pg from 'pg';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { claimsCommand, repoRoot } from '../support/cli.ts';
import { article, toNew } from '../support/facts.ts';
import { startTestTracker } from '../support/tracker.ts';

let env: Awaited<ReturnType<typeof startTestTracker>>;
let store: PostgresEventStore;
beforeAll(async () => {
  env = await startTestTracker();
  store = new PostgresEventStore({ db: env.tdb.handle.db, url: env.tdb.url, pollIntervalMs: 200 });
});
afterAll(async () => {
  await store?.close();
  await env?.stop();
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const health = async () => (await (await fetch(`${env.tracker.url}/v1/health`)).json()) as any;

/** `claims ARGS` as a real process, without blocking this one (the tracker under test runs here). */
function claims(args: string[]): Promise<{ status: number | null; stdout: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [...claimsCommand(), ...args], {
      cwd: repoRoot,
      env: { ...process.env, DATABASE_URL: env.tdb.url },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let stdout = '';
    child.stdout.on('data', (d) => {
      stdout += d;
    });
    child.on('exit', (status) => resolve({ status, stdout }));
  });
}

it(
  'a writer holding its transaction open for 10 s delays subscribers, shows as ' +
    'lag, and never lets one pass its event',
  async () => {
    const seen: RecordedEvent[] = [];
    const sub = store.subscribe({ from: START, batchSize: 50 });
    const reading = (async () => {
      for await (const batch of sub) seen.push(...batch.events);
    })();

    // The slow writer: its article goes in through the same stored function, in a transaction it keeps open.
    const held = article(
      'Kremlin spokesman Dmitry Peskov said Moscow rejects any freeze of the front line.',
      '2025-07-01',
    );
    const heldEvents = [
      toNew(held.registered),
      toNew(
        held.claim('Moscow rejects any freeze of the front line', {
          side: 'russia',
          topic: 'ceasefire',
          stance: 'rejection',
        }),
      ),
    ];
    const writer = new pg.Client({ connectionString: env.tdb.url });
    await writer.connect();
    const pid = (await writer.query<{ pid: number }>('select pg_backend_pid() as pid')).rows[0]!.pid;
    await writer.query('begin');
    await writer.query(
      `select * from append_events($1, $2::uuid[], $3::text[], $4::jsonb[], $5::jsonb[], 'no_stream', null)`,
      [
        held.stream,
        heldEvents.map((e) => e.id),
        heldEvents.map((e) => e.type),
        heldEvents.map((e) => JSON.stringify(e.data)),
        heldEvents.map((e) => JSON.stringify(e.metadata)),
      ],
    );
    const heldSince = Date.now();

    // Others keep writing meanwhile, and their appends commit at once.
    const later: string[] = [];
    const healthDuring: any[] = [];
    let status: { status: number | null; stdout: string } | null = null;
    const statusRun = (async () => {
      await sleep(2_500);
      status = await claims(['projections', 'status']);
    })();
    for (let i = 0; Date.now() - heldSince < 10_000; i++) {
      const a = article(
        `Ukraine's foreign minister said on day ${i} that Kyiv demands a full ceasefire.`,
        '2025-07-02',
      );
      const events = [
        toNew(a.registered),
        toNew(a.claim('Kyiv demands a full ceasefire', { side: 'ukraine', topic: 'ceasefire', stance: 'demand' })),
      ];
      await store.append(a.stream, events, { expectedRevision: 'no_stream' });
      later.push(...events.map((e) => e.id));
      healthDuring.push(await health());
      // Delayed: nothing committed after the held transaction began has reached a subscriber.
      expect(seen.filter((e) => later.includes(e.id))).toEqual([]);
      await sleep(500);
    }
    await statusRun;

    // The lag shows in /v1/health: events behind, held back by that transaction.
    const last = healthDuring.at(-1);
    const claimsState = last.projections.find((p: any) => p.projection === 'claims');
    expect(claimsState.behind).toBeGreaterThan(0);
    expect(claimsState.heldBack).toBe(claimsState.behind);
    expect(claimsState.heldBackBy).toMatchObject({ pid });
    expect(claimsState.heldBackBy.openForMs).toBeGreaterThan(5_000);
    expect(last.status).toBe('degraded');
    expect(last.problems.join('\n')).toMatch(new RegExp(`transaction open for [0-9.]+ s \\(server process ${pid}\\)`));
    // …and in `claims projections status`.
    expect(status!.status).toBe(0);
    expect(status!.stdout).toMatch(/claims +checkpoint .* [1-9]\d* behind \([1-9]\d* held back\)/);
    expect(status!.stdout).toMatch(
      new RegExp(`held back: new events wait behind a transaction open for [0-9.]+ s \\(server process ${pid}\\)`),
    );

    await writer.query('commit');
    await writer.end();
    const all = [...heldEvents.map((e) => e.id), ...later];
    for (let i = 0; i < 400 && seen.length < all.length; i++) await sleep(50);
    await sub.close();
    await reading;

    // Never passed: the held events come first, every event once, in position order.
    expect(seen.map((e) => e.id)).toEqual(all);
    for (let i = 1; i < seen.length; i++) expect(seen[i]!.position.commit > seen[i - 1]!.position.commit).toBe(true);
    await env.tracker.projector!.caughtUp(60_000);
    const after = await health();
    expect(after.status).toBe('ok');
    expect(after.projections.every((p: any) => p.behind === 0 && p.heldBack === 0 && p.heldBackBy === null)).toBe(true);
    const heldClaim = heldEvents[1]!.id;
    const russian = (await (await fetch(`${env.tracker.url}/v1/claims?side=russia&limit=10`)).json()) as any;
    expect(russian.items.map((c: any) => c.id)).toContain(heldClaim);
  },
);
