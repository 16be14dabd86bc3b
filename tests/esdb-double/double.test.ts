import { randomUUID } from 'node:crypto';
import {
  ANY,
  BACKWARDS,
  END,
  EventStoreDBClient,
  eventTypeFilter,
  excludeSystemEvents,
  FORWARDS,
  jsonEvent,
  NO_STREAM,
  START,
  WrongExpectedVersionError,
} from '@eventstore/db-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type EsdbDouble, startEsdbDouble } from './server.ts';

/**
 * The test double against the official client's public API, one documented
 * server behaviour per test. Quotes are from the KurrentDB client docs
 * (docs/api/*.md in kurrent-io/KurrentDB-Client-NodeJS) and the server docs
 * (docs/server/http-api/introduction.md in kurrent-io/KurrentDB).
 */
describe('EventStoreDB test double follows the documented server behaviour', () => {
  let double: EsdbDouble;
  let client: EventStoreDBClient;
  beforeAll(async () => {
    double = await startEsdbDouble({ idempotencyWindow: 50 });
    client = EventStoreDBClient.connectionString(double.url);
  });
  afterAll(async () => {
    await client.dispose();
    await double.stop();
  });

  const event = (type = 'Happened', id = randomUUID()) => jsonEvent({ id, type, data: { at: id } });
  const all = async <T>(it: AsyncIterable<T>) => {
    const out: T[] = [];
    for await (const x of it) out.push(x);
    return out;
  };

  it('numbers events in a stream from 0 ("Events are numbered starting from 0", reading-events.md)', async () => {
    const s = `num-${randomUUID()}`;
    const r = await client.appendToStream(s, [event(), event()], { expectedRevision: NO_STREAM });
    expect(r.nextExpectedRevision).toBe(1n);
    expect((await all(client.readStream(s))).map((e) => e.event?.revision)).toEqual([0n, 1n]);
  });

  it('appends one copy of an event appended twice in quick succession (appending-events.md, eventId)', async () => {
    const s = `dup-${randomUUID()}`;
    const e = event();
    await client.appendToStream(s, e);
    await client.appendToStream(s, e);
    expect(await all(client.readStream(s))).toHaveLength(1);
  });

  it(
    'is "100% idempotent" with an expected revision, and refuses a different event ' +
      'at it (http-api introduction, Idempotence)',
    async () => {
      const s = `exact-${randomUUID()}`;
      const batch = [event(), event()];
      const first = await client.appendToStream(s, batch, { expectedRevision: NO_STREAM });
      await client.appendToStream(s, event(), { expectedRevision: 1n });
      // The retry still says no_stream although the stream moved on: the same ids at the same place succeed.
      const retry = await client.appendToStream(s, batch, { expectedRevision: NO_STREAM });
      expect(retry.nextExpectedRevision).toBe(first.nextExpectedRevision);
      expect(retry.position).toEqual(first.position);
      await expect(client.appendToStream(s, event(), { expectedRevision: NO_STREAM })).rejects.toBeInstanceOf(
        WrongExpectedVersionError,
      );
      expect(await all(client.readStream(s))).toHaveLength(3);
    },
  );

  it('with `any` only "does its best": ids older than the idempotency window are written again (at-least-once)', async () => {
    const s = `window-${randomUUID()}`;
    const old = event();
    await client.appendToStream(s, old, { expectedRevision: ANY });
    for (let i = 0; i < 60; i++) await client.appendToStream(`filler-${randomUUID()}`, event());
    await client.appendToStream(s, old, { expectedRevision: ANY });
    expect(await all(client.readStream(s))).toHaveLength(2);
  });

  it(
    'returns system events from $all and leaves them out with excludeSystemEvents ' +
      '(reading-events.md, subscriptions.md)',
    async () => {
      const types = (await all(client.readAll({ fromPosition: START, maxCount: 10_000 }))).map(
        (e) => e.event?.type ?? '',
      );
      expect(types.some((t) => t.startsWith('$'))).toBe(true);
      const sub = client.subscribeToAll({ fromPosition: START, filter: excludeSystemEvents() });
      const seen: string[] = [];
      await new Promise<void>((resolve) => {
        sub.on('data', (e) => seen.push(e.event?.type ?? ''));
        sub.on('caughtUp', () => resolve());
      });
      await sub.unsubscribe();
      expect(seen.length).toBeGreaterThan(0);
      expect(seen.some((t) => t.startsWith('$'))).toBe(false);
    },
  );

  it(
    'gives $all positions as commit/prepare, the last one by reading one event ' + 'backwards (reading-events.md, tip)',
    async () => {
      const r = await client.appendToStream(`pos-${randomUUID()}`, event());
      const [last] = await all(client.readAll({ fromPosition: END, direction: BACKWARDS, maxCount: 1 }));
      expect(last?.event?.position).toEqual(r.position);
      // Reading forwards from a position includes the event there.
      const [same] = await all(client.readAll({ fromPosition: r.position!, direction: FORWARDS, maxCount: 1 }));
      expect(same?.event?.id).toBe(last?.event?.id);
    },
  );

  it('delivers only events after the subscribed position, then says caughtUp (subscriptions.md)', async () => {
    const s = `sub-${randomUUID()}`;
    const r = await client.appendToStream(s, [event('One'), event('Two')]);
    const [first] = await all(client.readStream(s, { maxCount: 1 }));
    const sub = client.subscribeToAll({ fromPosition: first!.event!.position!, filter: excludeSystemEvents() });
    const seen: string[] = [];
    await new Promise<void>((resolve) => {
      sub.on('data', (e) => seen.push(e.event?.type ?? ''));
      sub.on('caughtUp', () => resolve());
    });
    await sub.unsubscribe();
    expect(seen).toEqual(['Two']);
    expect(r.success).toBe(true);
  });

  it(
    'reports a checkpoint every n × 32 events a filtered subscription considered ' +
      '(subscriptions.md, checkpoint interval)',
    async () => {
      const positions: bigint[] = [];
      const before = double.log.records.length;
      const sub = client.subscribeToAll({
        fromPosition: START,
        filter: eventTypeFilter({
          prefixes: ['NeverWritten'],
          checkpointInterval: 2,
          checkpointReached: (_s, p) => void positions.push(p.commit),
        }),
      });
      await new Promise<void>((resolve) => sub.on('caughtUp', () => resolve()));
      await sub.unsubscribe();
      // One every 64 records of the log, and one at the head when it goes live.
      expect(positions).toHaveLength(Math.ceil(before / 64));
      expect(positions.at(-1)).toBe(double.log.records.at(-1)!.position.commit);
    },
  );
});
