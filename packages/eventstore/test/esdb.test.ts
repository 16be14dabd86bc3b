import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type EsdbDouble, startEsdbDouble } from '../../../tests/esdb-double/server.ts';
import { EsdbEventStore } from '../src/esdb/store.ts';
import {
  comparePositions,
  createEventStore,
  type EventBatch,
  EventStoreUnavailableError,
  eventStoreKind,
  type NewEvent,
  type Position,
  parsePosition,
  positionToString,
  type RecordedEvent,
  START,
} from '../src/index.ts';
import { eventStoreContract } from './contract.ts';

const quiet = () => {};

// In CI: the in-process test double (tests/esdb-double), once with BatchAppend (what servers since 21.10 offer)
// and once with the older Append call. With EVENTSTORE_URL set: a real EventStoreDB / KurrentDB as well.
for (const batchAppend of [true, false]) {
  eventStoreContract(`esdb (test double${batchAppend ? '' : ', Append without BatchAppend'})`, async () => {
    const double = await startEsdbDouble({ batchAppend });
    const store = new EsdbEventStore({ url: double.url, log: quiet });
    return {
      store,
      cleanup: async () => {
        await store.close();
        await double.stop();
      },
    };
  });
}

const realServer = process.env.EVENTSTORE_URL;
if (realServer) {
  eventStoreContract(`esdb (${realServer.replace(/\/\/[^@/]*@/, '//')})`, async () => {
    const store = new EsdbEventStore({ url: realServer });
    await store.ready();
    return { store, cleanup: () => store.close() };
  });
}

const ev = (type: string, data: Record<string, unknown> = {}): NewEvent => ({
  id: randomUUID(),
  type,
  data,
  metadata: { schemaVersion: 2, correlationId: 'corr-1', causationId: 'cause-1', actor: 'test' },
});

/** Batches until `until` holds (or 15 s pass); closes the subscription. */
async function batchesUntil(
  sub: AsyncIterable<EventBatch> & { close(): Promise<void> },
  until: (b: EventBatch[]) => boolean,
) {
  const seen: EventBatch[] = [];
  const timer = setTimeout(() => void sub.close(), 15_000);
  try {
    for await (const b of sub) {
      seen.push(b);
      if (until(seen)) break;
    }
  } finally {
    clearTimeout(timer);
    await sub.close();
  }
  return seen;
}

const eventsOf = (batches: EventBatch[]): RecordedEvent[] => batches.flatMap((b) => b.events);

describe('esdb adapter on the test double', () => {
  let double: EsdbDouble;
  let store: EsdbEventStore;
  const lines: string[] = [];
  beforeAll(async () => {
    // Positions are uint64 byte offsets; start the log past 2^53 so any rounding through a JS number shows.
    double = await startEsdbDouble({ firstPosition: 2n ** 60n + 7n, layout: 'commit-records' });
    store = new EsdbEventStore({
      url: double.url,
      log: (l) => lines.push(l),
      reconnect: { initialDelayMs: 20, maxDelayMs: 200 },
    });
  });
  afterAll(async () => {
    await store.close();
    await double.stop();
  });

  it('keeps positions as exact commit/prepare bigint pairs, ordered by commit then prepare', async () => {
    const s = `pos-${randomUUID()}`;
    const r = await store.append(s, [ev('A'), ev('B'), ev('C')]);
    const read = await store.readStream(s);
    const stored = double.log.stream(s);
    expect(read.map((e) => e.position)).toEqual(stored.map((e) => e.position));
    // One append of a log with commit records: one commit position, prepares apart, all beyond 2^53.
    expect(new Set(read.map((e) => e.position.commit)).size).toBe(1);
    expect(read[0]!.position.prepare).toBeLessThan(read[1]!.position.prepare);
    expect(read[0]!.position.commit).toBeGreaterThan(BigInt(Number.MAX_SAFE_INTEGER));
    expect(comparePositions(read[0]!.position, read[1]!.position)).toBe(-1);
    expect(comparePositions(r.position, read[2]!.position)).toBe(0);
    // Their string form keeps both halves, and parses back exactly.
    const text = positionToString(read[0]!.position);
    expect(text).toBe(`${read[0]!.position.commit}/${read[0]!.position.prepare}`);
    expect(parsePosition(text)).toEqual(read[0]!.position);
  });

  it(
    'carries metadata (schema version, correlation, causation, actor) in event ' +
      'metadata, with ESDB $-conventions on the wire',
    async () => {
      const s = `meta-${randomUUID()}`;
      await store.append(s, [ev('A')]);
      const [e] = await store.readStream(s);
      expect(e!.metadata).toEqual({ schemaVersion: 2, correlationId: 'corr-1', causationId: 'cause-1', actor: 'test' });
      const wire = JSON.parse(Buffer.from(double.log.stream(s)[0]!.metadata).toString('utf8'));
      expect(wire).toMatchObject({ $correlationId: 'corr-1', $causationId: 'cause-1', schemaVersion: 2 });
      expect(double.log.stream(s)[0]!.contentType).toBe('application/json');
    },
  );

  it('skips system events in readAll, subscribe and headPosition, and moves past them', async () => {
    const start = (await store.headPosition()) ?? START;
    const prefix = `sys-${randomUUID()}`;
    await store.append(`${prefix}-a`, [ev('Before')]);
    double.appendSystemEvent('$$$stats-127.0.0.1:2113', '$metadata');
    double.appendSystemEvent('$scavenges', '$scavengeStarted');
    const page = await store.readAll({ from: start });
    expect(page.events.map((e) => e.type)).toEqual(['Before']);
    // The head is the last event of ours, not the system event written after it.
    const head = await store.headPosition();
    expect(comparePositions(head!, page.events[0]!.position)).toBe(0);
    await store.append(`${prefix}-b`, [ev('After')]);
    const seen = eventsOf(await batchesUntil(store.subscribe({ from: start }), (b) => eventsOf(b).length >= 2));
    expect(seen.map((e) => e.type)).toEqual(['Before', 'After']);
  });

  it(
    "sees appends of other processes: a second store retrying the first one's ids " +
      'appends nothing, and writes after them',
    async () => {
      const other = new EsdbEventStore({ url: double.url, log: quiet });
      try {
        const s = `two-${randomUUID()}`;
        const batch = [ev('A'), ev('B')];
        await store.append(s, [ev('Zero')]);
        const first = await other.append(s, batch, { expectedRevision: 0n });
        // `store` looked at this stream before `other` wrote: it reads what came since and finds the ids.
        const retry = await store.append(s, batch, { expectedRevision: 0n });
        expect(retry).toEqual({ nextExpectedRevision: 2n, position: first.position, appended: 0 });
        const next = await store.append(s, [ev('C')], { expectedRevision: 2n });
        expect(next.appended).toBe(1);
        expect((await other.readStream(s)).map((e) => e.type)).toEqual(['Zero', 'A', 'B', 'C']);
      } finally {
        await other.close();
      }
    },
  );

  it('refuses $-streams and $-event types: $all readers would never see them', async () => {
    await expect(store.append('$mine', [ev('A')])).rejects.toMatchObject({ name: 'InvalidAppendError' });
    await expect(store.append(`s-${randomUUID()}`, [ev('$Mine')])).rejects.toMatchObject({
      name: 'InvalidAppendError',
    });
  });

  it('filters on both event type and stream prefix: the server takes the prefix, the adapter the types', async () => {
    const prefix = `both-${randomUUID()}`;
    const start = (await store.headPosition()) ?? START;
    await store.append(`${prefix}-1`, [ev('Keep', { i: 1 }), ev('Drop', { i: 2 }), ev('KeepNot', { i: 3 })]);
    await store.append(`x-${prefix}`, [ev('Keep', { i: 4 })]);
    await store.append(`${prefix}-2`, [ev('Keep', { i: 5 })]);
    const page = await store.readAll({ from: start, filter: { eventTypes: ['Keep'], streamPrefix: prefix } });
    expect(page.events.map((e) => e.data.i)).toEqual([1, 5]);
    const typed = await store.readAll({ from: start, filter: { eventTypes: ['Keep'] } });
    // Exact type names: `KeepNot` does not pass for `Keep`.
    expect(typed.events.map((e) => e.data.i)).toEqual([1, 4, 5]);
    const none = await store.readAll({ from: start, filter: { eventTypes: [] } });
    expect(none.events).toEqual([]);
    expect(comparePositions(none.position, (await store.headPosition())!)).toBe(0);
  });

  it(
    'yields one caught-up batch at the head of an empty filter, and moves its ' + 'position with server checkpoints',
    async () => {
      const prefix = `ckpt-${randomUUID()}`;
      const from = (await store.headPosition()) ?? START;
      // 100 events the filter leaves out, then one it keeps: checkpoints (every 32 considered) move the position.
      for (let i = 0; i < 5; i++)
        await store.append(
          `other-${randomUUID()}`,
          Array.from({ length: 20 }, () => ev('Noise')),
        );
      const first = await batchesUntil(
        store.subscribe({ from, filter: { streamPrefix: prefix }, batchSize: 32 }),
        (b) => b.some((x) => x.caughtUp),
      );
      expect(eventsOf(first)).toEqual([]);
      expect(first.filter((b) => b.caughtUp)).toHaveLength(1);
      const last = first.at(-1)!;
      expect(comparePositions(last.position, from)).toBeGreaterThan(0);
      await store.append(`${prefix}-a`, [ev('Mine')]);
      const next = eventsOf(
        await batchesUntil(
          store.subscribe({ from: last.position, filter: { streamPrefix: prefix } }),
          (b) => eventsOf(b).length > 0,
        ),
      );
      expect(next.map((e) => e.type)).toEqual(['Mine']);
    },
  );

  it('resumes a dropped subscription from the last batch it handed out: nothing skipped, nothing twice', async () => {
    const prefix = `drop-${randomUUID()}`;
    const sub = store.subscribe({ filter: { streamPrefix: prefix } });
    const seen: RecordedEvent[] = [];
    let checkpoint: Position = START;
    const done = (async () => {
      for await (const b of sub) {
        seen.push(...b.events);
        checkpoint = b.position;
        if (seen.length >= 30) break;
      }
    })();
    for (let round = 0; round < 3; round++) {
      await store.append(
        `${prefix}-${round}`,
        Array.from({ length: 5 }, (_, i) => ev('E', { n: round * 10 + i })),
      );
      await waitFor(() => seen.length >= round * 10 + 5);
      // The server drops every subscription (a leader change does this) …
      expect(double.dropSubscriptions()).toBeGreaterThan(0);
      await store.append(
        `${prefix}-${round}`,
        Array.from({ length: 5 }, (_, i) => ev('E', { n: round * 10 + 5 + i })),
      );
    }
    await Promise.race([done, new Promise((_, reject) => setTimeout(() => reject(new Error('timed out')), 15_000))]);
    await sub.close();
    expect(seen.map((e) => e.data.n)).toEqual(Array.from({ length: 30 }, (_, i) => i));
    expect(comparePositions(checkpoint, seen.at(-1)!.position)).toBe(0);
    expect(
      lines.some((l) => /unreachable: test double: subscription dropped; subscription resumes after/.test(l)),
    ).toBe(true);
  });

  it('reconnects through a server restart: the client makes a new channel and the subscription resumes', async () => {
    const prefix = `restart-${randomUUID()}`;
    await store.append(`${prefix}-a`, [ev('E', { n: 0 })]);
    const sub = store.subscribe({ filter: { streamPrefix: prefix } });
    const seen: RecordedEvent[] = [];
    const done = (async () => {
      for await (const b of sub) {
        seen.push(...b.events);
        if (seen.length >= 2) break;
      }
    })();
    await waitFor(() => seen.length >= 1);
    await double.restart();
    await store.append(`${prefix}-a`, [ev('E', { n: 1 })]);
    await done;
    await sub.close();
    expect(seen.map((e) => e.data.n)).toEqual([0, 1]);
  });
});

describe('esdb adapter: connection failures', () => {
  it('says in one line which server could not be reached, on every call', async () => {
    const store = new EsdbEventStore({ url: 'esdb://admin:secret@127.0.0.1:1?tls=false', log: quiet });
    try {
      for (const call of [
        () => store.append(`s-${randomUUID()}`, [ev('A')]),
        () => store.readAll(),
        () => store.ready(),
      ]) {
        const err = await call().then(
          () => null,
          (e: unknown) => e,
        );
        expect(err).toBeInstanceOf(EventStoreUnavailableError);
        const message = (err as Error).message;
        expect(message).toMatch(/^EventStoreDB at esdb:\/\/127\.0\.0\.1:1\?tls=false is unreachable: .*ECONNREFUSED/);
        expect(message).not.toContain('\n');
        expect(message).not.toContain('secret');
      }
    } finally {
      await store.close();
    }
  });

  it('a subscription with a reconnect limit gives up with the same one line', async () => {
    const store = new EsdbEventStore({
      url: 'esdb://127.0.0.1:1?tls=false',
      log: quiet,
      reconnect: { initialDelayMs: 1, maxAttempts: 2 },
    });
    const sub = store.subscribe();
    await expect(sub[Symbol.asyncIterator]().next()).rejects.toThrow(
      /^EventStoreDB at esdb:\/\/127\.0\.0\.1:1\?tls=false is unreachable/,
    );
    await store.close();
  });

  it('refuses a URL that is not an EventStoreDB connection string in one line', () => {
    expect(() => new EsdbEventStore({ url: 'esdb://' })).toThrow(EventStoreUnavailableError);
    expect(() => new EsdbEventStore({ url: 'esdb://' })).not.toThrow(/\n/);
  });
});

describe('createEventStore', () => {
  it('picks the adapter from EVENTSTORE_URL', async () => {
    expect(eventStoreKind(undefined)).toBe('postgres');
    expect(eventStoreKind('  ')).toBe('postgres');
    expect(eventStoreKind('esdb://localhost:2113?tls=false')).toBe('esdb');
    expect(eventStoreKind('esdb+discover://cluster.example:2113')).toBe('esdb');
    expect(eventStoreKind('kurrentdb://localhost:2113?tls=false')).toBe('esdb');
    expect(() => eventStoreKind('postgres://localhost/claims')).toThrow(/EVENTSTORE_URL must start with esdb:\/\//);

    const double = await startEsdbDouble();
    try {
      const db = undefined as never; // not touched on the EventStoreDB path
      const store = await createEventStore({
        db,
        url: 'postgres://unused',
        eventstoreUrl: double.url,
        esdb: { log: quiet },
      });
      expect(store).toBeInstanceOf(EsdbEventStore);
      await store.close();
      const kurrent = await createEventStore({
        db,
        url: 'postgres://unused',
        eventstoreUrl: double.url.replace('esdb://', 'kurrentdb://'),
        esdb: { log: quiet },
      });
      expect(String(kurrent)).toBe(`EsdbEventStore(${double.url.replace('esdb://', 'kurrentdb://')})`);
      await kurrent.close();
    } finally {
      await double.stop();
    }
    await expect(
      createEventStore({
        db: undefined as never,
        url: 'postgres://unused',
        eventstoreUrl: 'esdb://127.0.0.1:1?tls=false',
        esdb: { log: quiet },
      }),
    ).rejects.toThrow(/^EventStoreDB at esdb:\/\/127\.0\.0\.1:1\?tls=false is unreachable: [^\n]+$/);
  });
});

async function waitFor(condition: () => boolean, timeoutMs = 10_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > until) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 10));
  }
}
