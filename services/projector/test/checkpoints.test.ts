import { migrateReadModels } from '@claims/db';
import { type Position, START } from '@claims/eventstore';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../tests/support/database.ts';
import { advanceCheckpoint, advanceCheckpoints, CheckpointConflictError, readCheckpoint } from '../src/checkpoints.ts';

/** `advanceCheckpoints` (a lane's checkpoints in one statement) must move them as `advanceCheckpoint` one by one does. */
let tdb: TestDatabase;
const at = (n: bigint): Position => ({ commit: n, prepare: n });

beforeAll(async () => {
  tdb = await createTestDatabase();
  await migrateReadModels(tdb.handle.db, 'one_by_one');
  await migrateReadModels(tdb.handle.db, 'together');
});
afterAll(async () => {
  await tdb?.drop();
});

const rowsOf = (schema: string) =>
  tdb.handle.db
    .withSchema(schema)
    .selectFrom('projection_checkpoints')
    .select(['projection', 'position', 'events_handled'])
    .orderBy('projection')
    .execute();

describe('advanceCheckpoints', () => {
  it('creates, moves and counts as advanceCheckpoint does, and fails on a checkpoint moved elsewhere', async () => {
    const steps: { projection: string; from: Position; to: Position; handled: number }[][] = [
      [
        { projection: 'a', from: START, to: at(10n), handled: 3 },
        { projection: 'b', from: START, to: at(10n), handled: 0 },
      ],
      [
        { projection: 'a', from: at(10n), to: at(20n), handled: 5 },
        { projection: 'b', from: at(10n), to: at(20n), handled: 2 },
        { projection: 'c', from: START, to: at(20n), handled: 1 },
      ],
    ];
    for (const moves of steps) {
      await tdb.handle.db
        .withSchema('one_by_one')
        .transaction()
        .execute(async (trx) => {
          for (const m of moves) await advanceCheckpoint(trx, m.projection, m.from, m.to, m.handled);
        });
      await tdb.handle.db
        .withSchema('together')
        .transaction()
        .execute((trx) => advanceCheckpoints(trx, moves));
    }
    expect(await rowsOf('together')).toEqual(await rowsOf('one_by_one'));
    expect((await rowsOf('together')).map((r) => [r.projection, r.events_handled])).toEqual([
      ['a', '8'],
      ['b', '2'],
      ['c', '1'],
    ]);

    // One of them is not where the move starts (another runner moved it): the whole transaction fails, nothing moves.
    const before = await rowsOf('together');
    await expect(
      tdb.handle.db
        .withSchema('together')
        .transaction()
        .execute((trx) =>
          advanceCheckpoints(trx, [
            { projection: 'a', from: at(20n), to: at(30n), handled: 1 },
            { projection: 'b', from: at(15n), to: at(30n), handled: 1 },
          ]),
        ),
    ).rejects.toBeInstanceOf(CheckpointConflictError);
    expect(await rowsOf('together')).toEqual(before);
    expect(await readCheckpoint(tdb.handle.db.withSchema('together'), 'a')).toEqual(at(20n));
  });
});
