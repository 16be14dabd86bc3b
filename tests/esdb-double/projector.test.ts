import type { Database } from '@claims/db';
import {
  comparePositions,
  createEventStore,
  type EventStore,
  type Position,
  parsePosition,
  START,
} from '@claims/eventstore';
import { allProjections, rebuildProjections, startProjector } from '@claims/projector';
import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../support/database.ts';
import { article, toNew } from '../support/facts.ts';
import { readModelSnapshot } from '../support/read-models.ts';
import { type EsdbDouble, startEsdbDouble } from './server.ts';

/**
 * `readModelSnapshot` orders the change feed by commit position and seq; events of
 * one append share a commit position on a log with commit records and differ in
 * prepare, so order those rows by prepare too.
 */
async function snapshot(db: Parameters<typeof readModelSnapshot>[0]) {
  const s = await readModelSnapshot(db);
  const key = (r: any) => [r.projection, BigInt(r.position_commit), BigInt(r.position_prepare), r.seq] as const;
  s.projection_changes = [...(s.projection_changes ?? [])].sort((a, b) => {
    const [x, y] = [key(a), key(b)];
    for (let i = 0; i < x.length; i++) if (x[i] !== y[i]) return x[i]! < y[i]! ? -1 : 1;
    return 0;
  });
  return s;
}

/**
 * Waits until every projection's checkpoint has passed the last event of its types.
 * (The projector's own `caughtUp()` counts what is left in PostgreSQL's `events`
 * table, which stays empty when events live on EventStoreDB.)
 */
async function projected(db: Kysely<Database>, store: EventStore, timeoutMs = 15_000) {
  const until = Date.now() + timeoutMs;
  for (const p of allProjections) {
    let last: Position = START;
    for (let from = START; ; ) {
      const page = await store.readAll({ from, filter: { eventTypes: p.eventTypes } });
      last = page.events.at(-1)?.position ?? last;
      from = page.position;
      if (page.isEnd) break;
    }
    for (;;) {
      const row = await db
        .selectFrom('projection_checkpoints')
        .select('position')
        .where('projection', '=', p.name)
        .executeTakeFirst();
      const at = row ? parsePosition(row.position) : null;
      if (comparePositions(at ?? START, last) >= 0) break;
      if (Date.now() > until) throw new Error(`projection ${p.name} stuck at ${row?.position ?? 'no checkpoint'}`);
      await new Promise((r) => setTimeout(r, 20));
    }
  }
}

/**
 * Events on EventStoreDB (here its test double), read models and their
 * checkpoints in PostgreSQL: the projector stays exactly-once through dropped
 * subscriptions and a server restart, and a rebuild gives the same rows.
 */
describe('projector on the EventStoreDB adapter (test double)', () => {
  let double: EsdbDouble;
  let store: EventStore;
  let tdb: TestDatabase;
  beforeAll(async () => {
    double = await startEsdbDouble({ layout: 'commit-records' });
    tdb = await createTestDatabase();
    // As the tracker gets it: EVENTSTORE_URL selects the adapter.
    store = await createEventStore({
      db: tdb.handle.db,
      url: tdb.url,
      eventstoreUrl: double.url,
      esdb: { log: () => {}, reconnect: { initialDelayMs: 20, maxDelayMs: 200 } },
    });
  });
  afterAll(async () => {
    await store.close();
    await double.stop();
    await tdb.drop();
  });

  const texts = [
    ['Moscow offered a truce of 48 hours. Kyiv rejected the truce.', '2024-01-05'],
    ['Kyiv demanded a full ceasefire. Moscow rejected a full ceasefire.', '2024-02-05'],
    ['Moscow demanded neutrality for Ukraine. Kyiv rejected neutrality.', '2023-12-01'],
    ['Kyiv proposed talks in Istanbul. Moscow rejected talks in Istanbul.', '2024-03-01'],
  ] as const;

  async function ingest(text: string, day: string) {
    const a = article(text, day);
    const [s1, s2] = text.split('. ');
    const side = (s: string) => (s.startsWith('Moscow') ? 'russia' : 'ukraine');
    await store.append(
      a.stream,
      [
        toNew(a.registered),
        toNew(a.claim(s1!, { side: side(s1!), topic: 'ceasefire', stance: 'demand', speaker: null })),
        toNew(
          a.claim(s2!.replace(/\.$/, ''), { side: side(s2!), topic: 'ceasefire', stance: 'rejection', speaker: null }),
        ),
      ],
      { expectedRevision: 'no_stream' },
    );
  }

  it('projects every claim once through drops and a restart, and a rebuild gives the same rows', async () => {
    const db = tdb.handle.db;
    const projector = startProjector({ db, store, log: () => {} });
    try {
      await ingest(...texts[0]!);
      await projected(db, store);
      expect(double.dropSubscriptions()).toBeGreaterThanOrEqual(allProjections.length);
      await ingest(...texts[1]!);
      await projected(db, store);
      await double.restart();
      await ingest(...texts[2]!);
      await ingest(...texts[3]!);
      await projected(db, store);
    } finally {
      await projector.stop();
    }
    const live = await snapshot(db);
    expect(live.claims).toHaveLength(8);
    // Checkpoints are ESDB positions, stored as text next to the rows.
    const checkpoints = await db.selectFrom('projection_checkpoints').select('position').execute();
    expect(checkpoints).toHaveLength(allProjections.length);
    for (const c of checkpoints) expect(c.position).toMatch(/^\d+\/\d+$/);

    await rebuildProjections({ db, store, log: () => {} });
    expect(await snapshot(db)).toEqual(live);
  });
});
