import { randomUUID } from 'node:crypto';
import { openDatabase } from '@claims/db';
import { PostgresEventStore } from '@claims/eventstore';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../tests/support/database.ts';
import { article, toNew, withdrawal } from '../../../tests/support/facts.ts';
import { readModelSnapshot } from '../../../tests/support/read-models.ts';
import { rebuildProjections, startProjector } from '../src/index.ts';

let tdb: TestDatabase;
let store: PostgresEventStore;
beforeEach(async () => {
  tdb = await createTestDatabase();
  store = new PostgresEventStore({ db: tdb.handle.db, url: tdb.url, pollIntervalMs: 200 });
});
afterEach(async () => {
  await store.close();
  await tdb.drop();
});

async function project() {
  const projector = startProjector({ db: tdb.handle.db, store, log: () => {} });
  await projector.caughtUp();
  await projector.stop();
}

const db = () => tdb.handle.db;

const snapshot = () => readModelSnapshot(db());

describe('position history in valid time', () => {
  it('slots an article ingested late about an earlier date into the right place, and records the changes', async () => {
    const july = article('Moscow said on Monday it rejects any ceasefire. Officials repeated it.', '2025-07-20');
    const may = article('In May the Kremlin proposed a ceasefire of 30 days.', '2025-05-10');
    const june = article('In June the Kremlin demanded that Kyiv accept a ceasefire first.', '2025-06-15');
    const side = 'russia';
    const topic = 'ceasefire';
    const julyClaim = randomUUID();
    await store.append(july.stream, [
      toNew(july.registered),
      toNew(july.claim('it rejects any ceasefire', { side, topic, stance: 'rejection' }), julyClaim),
    ]);
    await store.append(may.stream, [
      toNew(may.registered),
      toNew(may.claim('proposed a ceasefire of 30 days', { side, topic, stance: 'proposal' })),
    ]);
    await project();
    // Late: June arrives after July was known; it belongs between May and July.
    await store.append(june.stream, [
      toNew(june.registered),
      toNew(june.claim('demanded that Kyiv accept a ceasefire first', { side, topic, stance: 'demand' })),
    ]);
    await project();

    const history = await db()
      .selectFrom('position_history')
      .select(['valid_from', 'valid_to', 'stance'])
      .orderBy('valid_from')
      .execute();
    expect(history).toEqual([
      { valid_from: '2025-05-10', valid_to: '2025-06-15', stance: 'proposal' },
      { valid_from: '2025-06-15', valid_to: '2025-07-20', stance: 'demand' },
      { valid_from: '2025-07-20', valid_to: null, stance: 'rejection' },
    ]);
    const current = await db().selectFrom('positions').selectAll().executeTakeFirstOrThrow();
    expect(current).toMatchObject({
      side,
      topic,
      stance: 'rejection',
      claim_id: julyClaim,
      since: '2025-07-20',
      claims_count: 3,
    });
    const changes = await db()
      .selectFrom('position_changes')
      .select(['changed_on', 'from_stance', 'to_stance'])
      .orderBy('changed_on')
      .execute();
    expect(changes).toEqual([
      { changed_on: '2025-06-15', from_stance: 'proposal', to_stance: 'demand' },
      { changed_on: '2025-07-20', from_stance: 'demand', to_stance: 'rejection' },
    ]);
    // As of a day: one indexed query over the intervals.
    const asOf = await db()
      .selectFrom('position_history')
      .select('stance')
      .where('side', '=', side)
      .where('topic', '=', topic)
      .where('valid_from', '<=', '2025-06-30')
      .where((eb) => eb.or([eb('valid_to', 'is', null), eb('valid_to', '>', '2025-06-30')]))
      .execute();
    expect(asOf).toEqual([{ stance: 'demand' }]);
  });

  it(
    'records a change when the same stance asks for materially different terms (a ' +
      '24-48 hour truce instead of a lasting ceasefire)',
    async () => {
      const earlier = article('Kyiv demanded a lasting ceasefire along the whole front.', '2025-05-01');
      const later = article('Kyiv demanded brief truces of 24 to 48 hours to recover the dead.', '2025-06-01');
      const again = article('Kyiv again demanded brief truces of 24 to 48 hours.', '2025-06-15');
      const side = 'ukraine';
      const topic = 'ceasefire';
      await store.append(earlier.stream, [
        toNew(earlier.registered),
        toNew(earlier.claim('demanded a lasting ceasefire', { side, topic, stance: 'demand' })),
      ]);
      await store.append(later.stream, [
        toNew(later.registered),
        toNew(later.claim('demanded brief truces of 24 to 48 hours', { side, topic, stance: 'demand' })),
      ]);
      await store.append(again.stream, [
        toNew(again.registered),
        toNew(again.claim('again demanded brief truces of 24 to 48 hours', { side, topic, stance: 'demand' })),
      ]);
      await project();
      const changes = await db()
        .selectFrom('position_changes')
        .select(['changed_on', 'kind', 'from_stance', 'to_stance'])
        .execute();
      // The restatement on June 15 is not a change.
      expect(changes).toEqual([
        { changed_on: '2025-06-01', kind: 'terms', from_stance: 'demand', to_stance: 'demand' },
      ]);
    },
  );

  it(
    'takes a withdrawn claim out of the history and restores the position before it, ' + 'keeping the claim flagged',
    async () => {
      const a = article('Kyiv proposed a meeting of leaders. Later Kyiv rejected the summit.', '2019-08-07');
      const first = a.claim('proposed a meeting of leaders', {
        side: 'ukraine',
        topic: 'leaders_meeting',
        stance: 'proposal',
        speaker: 'zelensky',
      });
      const second = a.claim('rejected the summit', {
        side: 'ukraine',
        topic: 'leaders_meeting',
        stance: 'rejection',
        speaker: 'zelensky',
      });
      const secondId = randomUUID();
      await store.append(a.stream, [toNew(a.registered), toNew(first), toNew(second, secondId)]);
      await project();
      expect((await db().selectFrom('positions').select('stance').executeTakeFirstOrThrow()).stance).toBe('rejection');

      await store.append(a.stream, [
        toNew(
          withdrawal(secondId, a.documentId, {
            type: 'ClaimMade',
            side: 'ukraine',
            topic: 'leaders_meeting',
            speaker: 'zelensky',
          }),
        ),
      ]);
      await project();
      expect(await db().selectFrom('positions').select(['stance', 'claims_count']).executeTakeFirstOrThrow()).toEqual({
        stance: 'proposal',
        claims_count: 1,
      });
      expect(await db().selectFrom('position_changes').selectAll().execute()).toEqual([]);
      expect(await db().selectFrom('position_history').select(['stance', 'valid_to']).execute()).toEqual([
        { stance: 'proposal', valid_to: null },
      ]);
      const withdrawn = await db()
        .selectFrom('claims')
        .select(['withdrawn_reason', 'withdrawn_by'])
        .where('event_id', '=', secondId)
        .executeTakeFirstOrThrow();
      expect(withdrawn).toEqual({ withdrawn_reason: 'wrong speaker', withdrawn_by: 'analyst-1' });
      const actor = await db().selectFrom('actors').selectAll().executeTakeFirstOrThrow();
      expect(actor).toMatchObject({ actor: 'zelensky', claims_made: 1, topics: ['leaders_meeting'] });
    },
  );
});

describe('rebuild', () => {
  it('rebuilds every projection from position zero into the same rows as the live build', async () => {
    const texts = [
      ['Moscow offered a truce of 48 hours. Kyiv rejected the truce.', '2024-01-05'],
      ['Kyiv demanded a full ceasefire. Moscow rejected a full ceasefire.', '2024-02-05'],
      ['Moscow demanded neutrality for Ukraine. Kyiv rejected neutrality.', '2023-12-01'],
    ] as const;
    for (const [text, day] of texts) {
      const a = article(text, day);
      const [s1, s2] = text.split('. ');
      await store.append(a.stream, [
        toNew(a.registered),
        toNew(
          a.claim(s1!, {
            side: s1!.startsWith('Moscow') ? 'russia' : 'ukraine',
            topic: 'ceasefire',
            stance: s1!.includes('offered') ? 'offer' : 'demand',
            speaker: null,
          }),
        ),
        toNew(
          a.claim(s2!.replace(/\.$/, ''), {
            side: s2!.startsWith('Moscow') ? 'russia' : 'ukraine',
            topic: 'ceasefire',
            stance: 'rejection',
            speaker: 'kremlin',
          }),
        ),
      ]);
    }
    await project();
    const live = await snapshot();
    expect(live.claims).toHaveLength(6);
    await rebuildProjections({ db: db(), store, log: () => {} });
    expect(await snapshot()).toEqual(live);
  });
});

describe('runner', () => {
  it('parks an event it cannot read in the dead-letter table and goes on', async () => {
    const a = article('Moscow rejected talks.', '2024-03-01');
    await store.append(a.stream, [toNew(a.registered)]);
    // Not a valid ClaimMade: a projection must not stop for ever, nor skip it silently.
    await store.append(a.stream, [
      { id: randomUUID(), type: 'ClaimMade', data: { nonsense: true }, metadata: { schemaVersion: 1 } },
    ]);
    await store.append(a.stream, [
      toNew(a.claim('rejected talks', { side: 'russia', topic: 'negotiations', stance: 'rejection' })),
    ]);
    await project();
    expect(await db().selectFrom('claims').select('stance').execute()).toEqual([{ stance: 'rejection' }]);
    const parked = await db()
      .selectFrom('projection_dead_letters')
      .select(['projection', 'event_type'])
      .orderBy('projection')
      .execute();
    expect(parked.map((p) => p.projection)).toEqual(['actors', 'claims', 'corroboration', 'positions']);
  });

  it('lets one process run a projection at a time', async () => {
    const first = startProjector({ db: db(), store, log: () => {} });
    await first.caughtUp();
    // The second "process": its own connection pool.
    const other = await openDatabase({ url: tdb.url, migrate: false });
    const lines: string[] = [];
    const second = startProjector({ db: other.db, store, log: (l) => lines.push(l) });
    await new Promise((r) => setTimeout(r, 300));
    expect((await second.status()).every((s) => s.state === 'waiting_for_lock')).toBe(true);
    await first.stop();
    await second.caughtUp();
    expect((await second.status()).every((s) => s.state === 'live')).toBe(true);
    await second.stop();
    await other.close();
    expect(lines.some((l) => l.includes('waiting for its lock'))).toBe(true);
  });
});
