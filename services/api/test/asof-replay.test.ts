import type { Database } from '@claims/db';
import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningTracker, startTracker } from '../../../infra/local/tracker.ts';
import { testAccess } from '../../../tests/support/access.ts';
import { runClaims } from '../../../tests/support/cli.ts';
import { createTestDatabase, type TestDatabase } from '../../../tests/support/database.ts';
import { getJson, ingest, sampleArticles } from './support.ts';

/**
 * `claims replay --as-of` (a rebuild from only the events in scope, into its own
 * schema) and the API's `asOf` (a query over the history tables) must agree, on
 * both clocks. The seeds are given record times on separate days, and one claim
 * is withdrawn later, so that record time differs from valid time.
 */
let tdb: TestDatabase;
let tracker: RunningTracker;
let withdrawn: string;
const db = (): Kysely<Database> => tdb.handle.db;

const RECORDED = ['2025-08-01', '2025-08-02', '2025-08-03', '2025-08-04', '2025-08-05'];
const WITHDRAWN_ON = '2025-08-07';

beforeAll(async () => {
  tdb = await createTestDatabase();
  // Write with no projector, move the record times into the past, then project.
  const { access, headers } = testAccess();
  const writer = await startTracker({ databaseUrl: tdb.url, port: 0, projector: false, access });
  const seeds = sampleArticles().sort((a, b) => a.publishedAt.localeCompare(b.publishedAt));
  for (const [i, a] of seeds.entries()) {
    const r = await ingest({ url: writer.url, headers }, a);
    await tdb.eventLog
      .updateTable('events')
      .set({ recorded_at: `${RECORDED[i]}T12:00:00Z` })
      .where('stream_id', '=', r.stream)
      .execute();
  }
  const target = await tdb.eventLog
    .selectFrom('events')
    .select(['event_id', 'data'])
    .where('event_type', '=', 'ClaimMade')
    .where((eb) => eb(eb.ref('data', '->>').key('side'), '=', 'russia'))
    .orderBy('global_position')
    .limit(1)
    .executeTakeFirstOrThrow();
  withdrawn = target.event_id;
  const documentId = (target.data as { source: { documentId: string } }).source.documentId;
  const w = await fetch(`${writer.url}/v1/withdrawals`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ documentId, eventId: withdrawn, reason: 'wrong side', analyst: 'analyst-1' }),
  });
  expect(w.status).toBe(201);
  await tdb.eventLog
    .updateTable('events')
    .set({ recorded_at: `${WITHDRAWN_ON}T09:00:00Z` })
    .where('event_type', '=', 'EventWithdrawn')
    .execute();
  await writer.close();

  tracker = await startTracker({ databaseUrl: tdb.url, port: 0 });
  await tracker.projector!.caughtUp();
});
afterAll(async () => {
  await tracker?.close();
  await tdb?.drop();
});

type Row = { side: string; topic: string; claimId: string; stance: string; since: string };
const key = (r: Row) => `${r.side}/${r.topic} ${r.claimId} ${r.stance} ${r.since}`;

async function replayed(asOf: string, clock: 'valid' | 'record'): Promise<string[]> {
  const run = runClaims(['replay', '--as-of', asOf, '--clock', clock], { DATABASE_URL: tdb.url });
  expect(run.stderr).not.toMatch(/claims: /);
  expect(run.status).toBe(0);
  const schema = `replay_${asOf.replaceAll('-', '')}_${clock}`;
  expect(run.stdout).toContain(`into schema "${schema}"`);
  expect(run.stdout).toContain(`from ${schema}.positions`);
  // The printed command runs as printed: DATABASE_URL from the environment, not a URL with its password masked.
  expect(run.stdout).toContain(
    `psql "$DATABASE_URL" -c 'select side, topic, stance, since, quote from ${schema}.positions`,
  );
  expect(run.stdout).not.toContain('***');
  const rows = await db().withSchema(schema).selectFrom('positions').selectAll().execute();
  return rows
    .map((r) => key({ side: r.side, topic: r.topic, claimId: r.claim_id, stance: r.stance, since: r.since }))
    .sort();
}

async function answered(asOf: string, clock: 'valid' | 'record'): Promise<string[]> {
  const r = await getJson(tracker.url, `/v1/positions?asOf=${asOf}&clock=${clock}`);
  expect(r.status).toBe(200);
  return (r.json.positions as Row[]).map(key).sort();
}

describe('replay and asOf agree on the sample articles', () => {
  it.each([
    ['2024-01-31', 'valid'],
    ['2024-12-31', 'valid'],
    ['2025-07-20', 'valid'],
    ['2025-08-02', 'record'],
    ['2025-08-06', 'record'],
    ['2025-08-07', 'record'],
  ] as const)('as of %s on the %s clock', async (asOf, clock) => {
    const api = await answered(asOf, clock);
    expect(await replayed(asOf, clock)).toEqual(api);
    if (asOf !== '2024-01-31') expect(api.length).toBeGreaterThan(0);
  });

  it(
    'tells the clocks apart: a withdrawal counts from the day it was recorded on the ' +
      'record clock, always on the valid clock',
    async () => {
      const before = await answered('2025-08-06', 'record');
      const after = await answered('2025-08-07', 'record');
      expect(before.some((k) => k.includes(withdrawn))).toBe(before.length > 0 && (await wasInForce()));
      expect(after.some((k) => k.includes(withdrawn))).toBe(false);
      expect((await answered('2025-07-31', 'valid')).some((k) => k.includes(withdrawn))).toBe(false);
      // Nothing was recorded before the first record day.
      expect(await answered('2025-07-31', 'record')).toEqual([]);
    },
  );

  it('refuses unsafe schema names and an existing schema without --replace', () => {
    const bad = runClaims(['replay', '--as-of', '2024-12-31', '--schema', 'public'], { DATABASE_URL: tdb.url });
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/schema name "public" is not allowed/);
    const injected = runClaims(['replay', '--as-of', '2024-12-31', '--schema', 'x; drop table events'], {
      DATABASE_URL: tdb.url,
    });
    expect(injected.status).toBe(2);
    const again = runClaims(['replay', '--as-of', '2024-12-31', '--clock', 'valid'], { DATABASE_URL: tdb.url });
    expect(again.status).toBe(2);
    expect(again.stderr).toMatch(/exists; pass --replace/);
    const replaced = runClaims(['replay', '--as-of', '2024-12-31', '--replace'], { DATABASE_URL: tdb.url });
    expect(replaced.status).toBe(0);
    expect(runClaims(['replay', '--as-of', '2019-13-01'], { DATABASE_URL: tdb.url }).status).toBe(2);
  });
});

/**
 * Whether the withdrawn claim was its side's latest on its topic before the withdrawal (then it shows on 2025-08-06).
 */
async function wasInForce(): Promise<boolean> {
  const c = await db().selectFrom('claims').selectAll().where('event_id', '=', withdrawn).executeTakeFirstOrThrow();
  const later = await db()
    .selectFrom('claims')
    .select('event_id')
    .where('side', '=', c.side)
    .where('topic', '=', c.topic)
    .where('event_id', '!=', c.event_id)
    .where((eb) => eb(eb.refTuple('valid_on', 'global_position'), '>', eb.tuple(c.valid_on, c.global_position)))
    .executeTakeFirst();
  return later === undefined;
}
