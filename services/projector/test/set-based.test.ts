import { randomUUID } from 'node:crypto';
import { migrateReadModels } from '@claims/db';
import { PostgresEventStore } from '@claims/eventstore';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../tests/support/database.ts';
import { article, toNew, withdrawal } from '../../../tests/support/facts.ts';
import { readModelSnapshot } from '../../../tests/support/read-models.ts';
import { allProjections, buildProjections, type Projection, ProjectionRunner } from '../src/index.ts';
import { withIndexesDeferred } from '../src/indexes.ts';
import { changeKind } from '../src/projections/positions.ts';

/**
 * Set-based writes must give exactly what one event at a time gives, wherever the batch
 * boundaries fall: late claims slotted in, ties on a day, withdrawals of stored claims and of
 * claims in the same batch, withdrawals twice, and of claims never seen.
 */
let tdb: TestDatabase;
let store: PostgresEventStore;
const claimIds: { id: string; side: string; topic: string; documentId: string }[] = [];

function rng(seed: number) {
  let s = seed;
  return () => {
    s = (s * 1103515245 + 12345) % 2147483648;
    return s / 2147483648;
  };
}

// Words of their own for each story, so that two stories share no run of five words (templated text would).
const wireBody = (n: number) =>
  `Paragraph 0 of wire story ${n}: ${Array.from({ length: 120 }, (_, k) => `w${(n * 131 + k * k * 17 + k) % 997}`).join(' ')}.`;

beforeAll(async () => {
  tdb = await createTestDatabase({ maxConnections: 20 });
  store = new PostgresEventStore({ db: tdb.handle.db, url: tdb.url });
  const rnd = rng(11);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rnd() * xs.length)]!;
  const stances = ['demand', 'offer', 'rejection', 'proposal'] as const;
  for (let i = 0; i < 160; i++) {
    // Mostly in date order, every fifth about an earlier day, and many on the same day.
    const day = 10 + Math.floor(i / 4) - (i % 5 === 4 ? Math.floor(rnd() * 30) : 0);
    const publishedAt = `2024-03-${String(Math.max(1, day % 28) + 0).padStart(2, '0')}`;
    const quotes = Array.from(
      { length: 1 + Math.floor(rnd() * 3) },
      (_, k) => `statement ${i}.${k} asks for a truce of ${pick([24, 48, 72])} hours`,
    );
    const a = article(`${quotes.join('. ')}.`, publishedAt);
    const events = [toNew(a.registered)];
    for (const q of quotes) {
      const side = pick(['russia', 'ukraine']);
      const topic = pick(['ceasefire', 'territory']);
      const id = randomUUID();
      events.push(
        toNew(
          a.claim(q, {
            side,
            topic,
            stance: pick(stances),
            madeOn: rnd() < 0.3 ? `2024-02-${String(1 + Math.floor(rnd() * 27)).padStart(2, '0')}` : null,
          }),
          id,
        ),
      );
      claimIds.push({ id, side, topic, documentId: a.documentId });
    }
    // A withdrawal in the same append as the claim it withdraws, now and then.
    if (rnd() < 0.1) {
      const c = claimIds.at(-1)!;
      events.push(
        toNew(withdrawal(c.id, c.documentId, { type: 'ClaimMade', side: c.side, topic: c.topic, speaker: null })),
      );
    }
    await store.append(a.stream, events);
    // Withdrawals of earlier claims (sometimes twice), and of one never seen.
    if (rnd() < 0.25) {
      const c = pick(claimIds);
      const w = withdrawal(c.id, c.documentId, { type: 'ClaimMade', side: c.side, topic: c.topic, speaker: null });
      await store.append(`analyst-${randomUUID()}`, [
        toNew(w),
        ...(rnd() < 0.3 ? [toNew({ ...w, data: { ...w.data, by: 'analyst-2', reason: 'again' } })] : []),
      ]);
    }
    // A long wire story now and then, and three articles on, its repost under a new header: a copy (corroboration).
    if (i % 16 === 0 || i % 16 === 3) {
      const n = i - (i % 16);
      const wire = article(
        `${i % 16 === 0 ? 'Wire story' : 'Reposted from the wire by another outlet'} ${n}\n\n${wireBody(n)}`,
        publishedAt,
      );
      await store.append(wire.stream, [
        toNew(wire.registered),
        toNew(wire.claim(`Paragraph 0 of wire story ${n}`, { side: 'russia', topic: 'ceasefire', stance: 'demand' })),
      ]);
    }
    // An event no projection can read: each parks it and goes on.
    if (i === 80) {
      await store.append(a.stream, [
        { id: randomUUID(), type: 'ClaimMade', data: { nonsense: true }, metadata: { schemaVersion: 1 } },
      ]);
    }
    if (i % 40 === 0) {
      await store.append(`analyst-${randomUUID()}`, [
        toNew(
          withdrawal(randomUUID(), a.documentId, {
            type: 'ClaimMade',
            side: 'russia',
            topic: 'ceasefire',
            speaker: null,
          }),
        ),
      ]);
    }
  }
});
afterAll(async () => {
  await store.close();
  await tdb.drop();
});

async function buildInto(schema: string, batchSize: (n: number) => number) {
  await migrateReadModels(tdb.handle.db, schema);
  const db = tdb.handle.db.withSchema(schema);
  for (const projection of allProjections) {
    let n = 0;
    // A fresh batch size for each run: the runner takes one, so run it over stretches of the log.
    const runner = new ProjectionRunner({
      db,
      store,
      projection,
      batchSize: batchSize(n++),
      exclusive: false,
      stopWhenCaughtUp: true,
      log: () => {},
    });
    await runner.done;
  }
  return readModelSnapshot(db);
}

describe('set-based projection writes', () => {
  it('give the rows and changes of one event at a time, with batches of 1, 7 and 1000', async () => {
    const one = await buildInto('by_one', () => 1);
    const seven = await buildInto('by_seven', () => 7);
    const thousand = await buildInto('by_thousand', () => 1000);
    expect(one.claims!.length).toBeGreaterThan(200);
    expect(one.position_changes!.length).toBeGreaterThan(50);
    expect(one.claims!.some((c: any) => c.withdrawn_at)).toBe(true);
    // Copies found whether the original is in the same batch or an earlier one.
    expect(one.article_copies!.filter((c: any) => c.copy_of).length).toBe(10);
    expect(seven).toEqual(one);
    expect(thousand).toEqual(one);
  });

  it('answer no changes when nobody records them, and write the same rows', async () => {
    const recorded = await buildInto('recorded', () => 50);
    await migrateReadModels(tdb.handle.db, 'unrecorded');
    const db = tdb.handle.db.withSchema('unrecorded');
    // Live projections (reading their tables back), one transaction per batch, no change feed.
    const answered: number[] = [];
    const quiet = allProjections.map(
      (p): Projection => ({
        ...p,
        async apply(trx, events, options) {
          const changes = await p.apply(trx, events, options);
          answered.push(changes.length);
          return changes;
        },
      }),
    );
    await buildProjections({ db, store, projections: quiet, batchSize: 50, changes: false, lanes: 1, log: () => {} });
    expect(answered.length).toBeGreaterThan(10);
    expect(answered.every((n) => n === 0)).toBe(true);
    expect(await readModelSnapshot(db)).toEqual({ ...recorded, projection_changes: [] });
    expect(recorded.projection_changes!.length).toBeGreaterThan(500);
  });

  it('build the history a from-scratch reading of the claims gives', async () => {
    const db = tdb.handle.db.withSchema('by_thousand');
    const standing = await db.selectFrom('claims').selectAll().where('withdrawn_at', 'is', null).execute();
    const byPair = new Map<string, typeof standing>();
    for (const c of standing) byPair.set(`${c.side}|${c.topic}`, [...(byPair.get(`${c.side}|${c.topic}`) ?? []), c]);
    const expectedHistory: unknown[] = [];
    const expectedChanges: unknown[] = [];
    const expectedPositions: unknown[] = [];
    for (const claims of byPair.values()) {
      claims.sort((a, b) =>
        a.valid_on !== b.valid_on
          ? a.valid_on < b.valid_on
            ? -1
            : 1
          : BigInt(a.global_position) < BigInt(b.global_position)
            ? -1
            : 1,
      );
      claims.forEach((c, i) => {
        const next = claims[i + 1];
        expectedHistory.push({ claim_id: c.event_id, valid_from: c.valid_on, valid_to: next?.valid_on ?? null });
        const prev = claims[i - 1];
        const kind = prev
          ? changeKind(
              { stance: prev.stance, quote: prev.quote } as never,
              { stance: c.stance, quote: c.quote } as never,
            )
          : null;
        if (prev && kind) expectedChanges.push({ after_claim_id: c.event_id, before_claim_id: prev.event_id, kind });
      });
      const last = claims.at(-1)!;
      expectedPositions.push({
        side: last.side,
        topic: last.topic,
        claim_id: last.event_id,
        claims_count: claims.length,
      });
    }
    const byJson = (a: unknown, b: unknown) => (JSON.stringify(a) < JSON.stringify(b) ? -1 : 1);
    expect(
      (await db.selectFrom('position_history').select(['claim_id', 'valid_from', 'valid_to']).execute()).sort(byJson),
    ).toEqual(expectedHistory.sort(byJson));
    expect(
      (await db.selectFrom('position_changes').select(['after_claim_id', 'before_claim_id', 'kind']).execute()).sort(
        byJson,
      ),
    ).toEqual(expectedChanges.sort(byJson));
    expect(
      (await db.selectFrom('positions').select(['side', 'topic', 'claim_id', 'claims_count']).execute()).sort(byJson),
    ).toEqual(expectedPositions.sort(byJson));
  });

  it('give in an empty build, what is read back kept in memory, what the live projections give', async () => {
    const incremental = await buildInto('incremental', () => 50);
    // A projection whose third batch fails after it applied it: what that batch added to its memory is dropped with
    // its transaction, and the batch is done again event by event.
    const failingOnce = (p: Projection): Projection => ({
      ...p,
      forEmptyBuild() {
        const inner = p.forEmptyBuild!();
        let batches = 0;
        return {
          ...inner,
          async apply(db, events, options) {
            const changes = await inner.apply(db, events, options);
            if (++batches === 3) throw new Error('fails after applying');
            return changes;
          },
        };
      },
    });
    for (const [schema, projections, changes] of [
      ['empty_build', allProjections, true],
      ['empty_build_failing_once', allProjections.map((p) => (p.forEmptyBuild ? failingOnce(p) : p)), true],
      // As a replay builds (no change feed): the projections leave out the changes, and write the same rows.
      ['empty_build_no_changes', allProjections, false],
      ['empty_build_no_changes_failing_once', allProjections.map((p) => (p.forEmptyBuild ? failingOnce(p) : p)), false],
    ] as const) {
      await migrateReadModels(tdb.handle.db, schema);
      const db = tdb.handle.db.withSchema(schema);
      // As replays and rebuilds run it: the indexes no build reads deferred, and made again (unique ones checked) after.
      await withIndexesDeferred(tdb.handle.db, schema, () =>
        buildProjections({ db, store, projections, batchSize: 50, empty: true, changes, log: () => {} }),
      );
      expect(await readModelSnapshot(db)).toEqual(changes ? incremental : { ...incremental, projection_changes: [] });
      expect(
        (await db.selectFrom('projection_dead_letters').select('projection').orderBy('projection').execute()).map(
          (r) => r.projection,
        ),
      ).toEqual(['actors', 'claims', 'corroboration', 'positions']);
    }
  });
});
