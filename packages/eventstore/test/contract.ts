import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  comparePositions,
  type EventBatch,
  type EventStore,
  type NewEvent,
  type Position,
  parsePosition,
  positionToString,
  type RecordedEvent,
  START,
  WrongExpectedRevisionError,
} from '../src/index.ts';

export interface StoreFixture {
  store: EventStore;
  cleanup(): Promise<void>;
}

const ev = (type: string, data: Record<string, unknown> = {}, id = randomUUID()): NewEvent => ({
  id,
  type,
  data,
  metadata: { schemaVersion: 1, correlationId: 'c-1', causationId: null },
});

/** A stream name no other test in the run uses. */
const fresh = (prefix = 'test') => `${prefix}-${randomUUID()}`;

/** Reads the subscription until `until` holds or the time runs out. */
async function collect(
  sub: AsyncIterable<EventBatch> & { close(): Promise<void> },
  until: (seen: RecordedEvent[]) => boolean,
  timeoutMs = 20_000,
): Promise<RecordedEvent[]> {
  const seen: RecordedEvent[] = [];
  const timer = setTimeout(() => void sub.close(), timeoutMs);
  try {
    for await (const batch of sub) {
      seen.push(...batch.events);
      if (until(seen)) break;
    }
  } finally {
    clearTimeout(timer);
    await sub.close();
  }
  return seen;
}

/**
 * The event-store port's contract, run against every adapter:
 * `eventStoreContract('postgres', async () => ({ store, cleanup }))`.
 */
export function eventStoreContract(name: string, makeStore: () => Promise<StoreFixture>): void {
  describe(`event store contract: ${name}`, () => {
    let fixture: StoreFixture;
    let store: EventStore;
    beforeAll(async () => {
      fixture = await makeStore();
      store = fixture.store;
    });
    afterAll(async () => {
      await fixture?.cleanup();
    });

    describe('append and readStream', () => {
      it('appends to a new stream with revisions from 0 and reads them back in order', async () => {
        const s = fresh();
        const r = await store.append(s, [ev('A', { n: 1 }), ev('B', { n: 2 }), ev('C', { n: 3 })], {
          expectedRevision: 'no_stream',
        });
        expect(r.nextExpectedRevision).toBe(2n);
        expect(r.appended).toBe(3);
        const read = await store.readStream(s);
        expect(read.map((e) => [e.type, e.revision, e.data.n])).toEqual([
          ['A', 0n, 1],
          ['B', 1n, 2],
          ['C', 2n, 3],
        ]);
        expect(read[0]!.metadata).toMatchObject({ schemaVersion: 1, correlationId: 'c-1' });
        expect(read[0]!.recordedAt).toBeInstanceOf(Date);
        expect(comparePositions(read[0]!.position, read[1]!.position)).toBeLessThan(0);
        expect(comparePositions(read[2]!.position, r.position)).toBe(0);
      });

      it('reads a stream from a revision and at most maxCount events', async () => {
        const s = fresh();
        await store.append(s, [ev('A'), ev('B'), ev('C'), ev('D')]);
        const read = await store.readStream(s, { fromRevision: 1n, maxCount: 2 });
        expect(read.map((e) => e.type)).toEqual(['B', 'C']);
      });

      it('reads an unknown stream as empty', async () => {
        expect(await store.readStream(fresh())).toEqual([]);
      });

      it('appends with an exact expected revision, and rejects a stale one with a typed error', async () => {
        const s = fresh();
        const first = await store.append(s, [ev('A')], { expectedRevision: 'no_stream' });
        const second = await store.append(s, [ev('B')], { expectedRevision: first.nextExpectedRevision });
        expect(second.nextExpectedRevision).toBe(1n);
        const stale = store.append(s, [ev('C')], { expectedRevision: 0n });
        await expect(stale).rejects.toBeInstanceOf(WrongExpectedRevisionError);
        await expect(stale).rejects.toMatchObject({ stream: s, expected: 0n, actual: 1n });
        expect((await store.readStream(s)).map((e) => e.type)).toEqual(['A', 'B']);
      });

      it('rejects no_stream on an existing stream and stream_exists on a missing one', async () => {
        const s = fresh();
        await store.append(s, [ev('A')]);
        await expect(store.append(s, [ev('B')], { expectedRevision: 'no_stream' })).rejects.toMatchObject({
          name: 'WrongExpectedRevisionError',
          actual: 0n,
        });
        await expect(store.append(fresh(), [ev('B')], { expectedRevision: 'stream_exists' })).rejects.toMatchObject({
          name: 'WrongExpectedRevisionError',
          actual: null,
        });
      });

      it(
        'appends all events of one call atomically: of two racing appends one wins ' +
          'whole, the other stores nothing',
        async () => {
          const s = fresh();
          await store.append(s, [ev('Init')]);
          const a = [ev('A1'), ev('A2'), ev('A3')];
          const b = [ev('B1'), ev('B2'), ev('B3')];
          const results = await Promise.allSettled([
            store.append(s, a, { expectedRevision: 0n }),
            store.append(s, b, { expectedRevision: 0n }),
          ]);
          expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
          const types = (await store.readStream(s)).map((e) => e.type);
          expect([
            ['Init', 'A1', 'A2', 'A3'],
            ['Init', 'B1', 'B2', 'B3'],
          ]).toContainEqual(types);
        },
      );
    });

    describe('idempotent appends', () => {
      it('treats a retry of stored event ids as a no-op, not a duplicate', async () => {
        const s = fresh();
        const batch = [ev('A'), ev('B')];
        const first = await store.append(s, batch, { expectedRevision: 'no_stream' });
        // The retry still says no_stream: the writer never saw the first answer.
        const retry = await store.append(s, batch, { expectedRevision: 'no_stream' });
        expect(retry.appended).toBe(0);
        expect(retry.nextExpectedRevision).toBe(first.nextExpectedRevision);
        expect(comparePositions(retry.position, first.position)).toBe(0);
        expect(await store.readStream(s)).toHaveLength(2);
      });

      it('stores only the new events of a call that repeats some stored ids', async () => {
        const s = fresh();
        const a = ev('A');
        await store.append(s, [a]);
        // The repeated id in the middle: the new events around it are numbered without a gap.
        const r = await store.append(s, [ev('B'), a, ev('C')]);
        expect(r.appended).toBe(2);
        expect(r.nextExpectedRevision).toBe(2n);
        expect((await store.readStream(s)).map((e) => [e.type, e.revision])).toEqual([
          ['A', 0n],
          ['B', 1n],
          ['C', 2n],
        ]);
      });

      it('answers a retry that expects any revision as the first call did', async () => {
        const s = fresh();
        const batch = [ev('A'), ev('B')];
        const first = await store.append(s, batch);
        const retry = await store.append(s, batch);
        expect(retry.appended).toBe(0);
        expect(retry.nextExpectedRevision).toBe(first.nextExpectedRevision);
        expect(comparePositions(retry.position, first.position)).toBe(0);
        // A later append numbers on from the stored events: the retry left no gap.
        const next = await store.append(s, [ev('C')], { expectedRevision: first.nextExpectedRevision });
        expect(next.nextExpectedRevision).toBe(2n);
        expect((await store.readStream(s)).map((e) => [e.type, e.revision])).toEqual([
          ['A', 0n],
          ['B', 1n],
          ['C', 2n],
        ]);
      });
    });

    describe('readAll', () => {
      it('pages through the global log in position order, filtered by type and stream prefix', async () => {
        const prefix = fresh('ra');
        const start = (await store.headPosition()) ?? START;
        await store.append(`${prefix}-1`, [ev('Keep', { i: 1 }), ev('Drop', { i: 2 })]);
        await store.append(`other-${randomUUID()}`, [ev('Keep', { i: 3 })]);
        await store.append(`${prefix}-2`, [ev('Keep', { i: 4 }), ev('Keep', { i: 5 })]);

        const all = await store.readAll({ from: start, maxCount: 100 });
        expect(all.events.map((e) => e.data.i)).toEqual([1, 2, 3, 4, 5]);
        expect(all.isEnd).toBe(true);

        const filtered: RecordedEvent[] = [];
        let from: Position = start;
        for (;;) {
          const page = await store.readAll({
            from,
            maxCount: 1,
            filter: { eventTypes: ['Keep'], streamPrefix: prefix },
          });
          filtered.push(...page.events);
          expect(comparePositions(page.position, from)).toBeGreaterThanOrEqual(0);
          from = page.position;
          if (page.isEnd) break;
        }
        expect(filtered.map((e) => e.data.i)).toEqual([1, 4, 5]);
        // Having looked at everything, the position reached the head, past filtered-out events.
        expect(comparePositions(from, (await store.headPosition())!)).toBe(0);
      });

      it('counts the events a reader at a position has yet to see, filtered, up to a limit', async () => {
        const prefix = fresh('lag');
        const start = (await store.headPosition()) ?? START;
        await store.append(`${prefix}-1`, [ev('Keep'), ev('Drop'), ev('Keep')]);
        await store.append(`${prefix}-2`, [ev('Keep')]);
        expect(await store.lag(start, { filter: { eventTypes: ['Keep'], streamPrefix: prefix } })).toEqual({
          behind: 3,
          heldBack: 0,
          heldBackBy: null,
        });
        expect((await store.lag(start, { filter: { streamPrefix: prefix }, max: 2 })).behind).toBe(2);
        expect((await store.lag((await store.headPosition())!)).behind).toBe(0);
      });

      it('round-trips positions through their string form', async () => {
        const r = await store.append(fresh(), [ev('A')]);
        expect(comparePositions(parsePosition(positionToString(r.position))!, r.position)).toBe(0);
        expect(parsePosition('not a position')).toBeNull();
      });
    });

    describe('subscribe', () => {
      it('catches up, then delivers live appends', async () => {
        const prefix = fresh('sub');
        await store.append(`${prefix}-a`, [ev('Old')]);
        const sub = store.subscribe({ filter: { streamPrefix: prefix } });
        const seen = collect(sub, (s) => s.length >= 3);
        await new Promise((r) => setTimeout(r, 200));
        await store.append(`${prefix}-b`, [ev('New1'), ev('New2')]);
        expect((await seen).map((e) => e.type)).toEqual(['Old', 'New1', 'New2']);
      });

      it('resumes after a checkpoint with exactly the events it had not seen', async () => {
        const prefix = fresh('resume');
        await store.append(`${prefix}-a`, [ev('E1'), ev('E2')]);
        const first = await collect(store.subscribe({ filter: { streamPrefix: prefix } }), (s) => s.length >= 2);
        const checkpoint = first.at(-1)!.position;
        await store.append(`${prefix}-a`, [ev('E3')]);
        await store.append(`${prefix}-b`, [ev('E4')]);
        const rest = await collect(
          store.subscribe({ from: checkpoint, filter: { streamPrefix: prefix } }),
          (s) => s.length >= 2,
        );
        expect(rest.map((e) => e.type)).toEqual(['E3', 'E4']);
      });

      it(
        'says it reached the head once, in a batch of its own when nothing matches, with ' +
          'a position past what it skipped',
        async () => {
          const from = (await store.headPosition()) ?? START;
          await store.append(fresh('skipped'), [ev('Other'), ev('Other')]);
          const sub = store.subscribe({ from, filter: { streamPrefix: fresh('nothing') } });
          const batches: EventBatch[] = [];
          const timer = setTimeout(() => void sub.close(), 20_000);
          try {
            for await (const batch of sub) {
              batches.push(batch);
              if (batch.caughtUp) break;
            }
          } finally {
            clearTimeout(timer);
            await sub.close();
          }
          expect(batches.at(-1)?.caughtUp).toBe(true);
          expect(batches.flatMap((b) => b.events)).toEqual([]);
          for (const b of batches) expect(comparePositions(b.position, from)).toBeGreaterThanOrEqual(0);
        },
      );

      it('stops when its signal is aborted', async () => {
        const controller = new AbortController();
        const sub = store.subscribe({ filter: { streamPrefix: fresh('abort') }, signal: controller.signal });
        const done = (async () => {
          for await (const _ of sub) {
            /* nothing arrives */
          }
          return 'ended';
        })();
        setTimeout(() => controller.abort(), 100);
        expect(await done).toBe('ended');
      });

      it('sees every event exactly once, in one consistent order, while 8 writers append ' +
        '2,000 events each', async () => {
        const prefix = fresh('conc');
        const writers = 8;
        const perWriter = 2_000;
        const from = (await store.headPosition()) ?? START;
        const sub = store.subscribe({ from, filter: { streamPrefix: prefix }, batchSize: 1000 });
        const seen = collect(sub, (s) => s.length >= writers * perWriter, 240_000);

        let failedOnPurpose = 0;
        await Promise.all(
          Array.from({ length: writers }, async (_, w) => {
            let written = 0;
            let n = 0;
            while (written < perWriter) {
              const size = Math.min(perWriter - written, 1 + ((w * 7 + n * 13) % 40));
              const stream = `${prefix}-w${w}-${n % 5}`;
              n++;
              // Every ninth append of each writer fails inside the store (a stale revision) and must leave no trace.
              if (n % 9 === 0) {
                await store.append(stream, [ev('Ghost')], { expectedRevision: 999_999n }).catch((e) => {
                  if (!(e instanceof WrongExpectedRevisionError)) throw e;
                  failedOnPurpose++;
                });
              }
              await store.append(
                stream,
                Array.from({ length: size }, (_, i) => ev('Written', { w, i: written + i })),
              );
              written += size;
            }
          }),
        );
        const delivered = await seen;
        expect(failedOnPurpose).toBeGreaterThan(0);
        expect(delivered).toHaveLength(writers * perWriter);
        expect(new Set(delivered.map((e) => e.id)).size).toBe(writers * perWriter);
        expect(delivered.some((e) => e.type === 'Ghost')).toBe(false);
        for (let i = 1; i < delivered.length; i++) {
          expect(comparePositions(delivered[i - 1]!.position, delivered[i]!.position)).toBeLessThan(0);
        }
        // The order seen live is the order of a full read afterwards.
        const finalRead: RecordedEvent[] = [];
        let at = from;
        for (;;) {
          const page = await store.readAll({ from: at, filter: { streamPrefix: prefix }, maxCount: 5000 });
          finalRead.push(...page.events);
          at = page.position;
          if (page.isEnd) break;
        }
        expect(delivered.map((e) => e.id)).toEqual(finalRead.map((e) => e.id));
        // Per writer, events arrive in the order that writer appended them.
        for (let w = 0; w < writers; w++) {
          const mine = delivered.filter((e) => e.data.w === w).map((e) => e.data.i);
          expect(mine).toEqual(Array.from({ length: perWriter }, (_, i) => i));
        }
      }, 300_000);
    });
  });
}
