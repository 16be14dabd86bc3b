import { describe, expect, it } from 'vitest';
import { type ChangeKey, changeId, type FeedChange, parseChangeId, runChangeStream } from '../src/index.ts';

const key = (n: number, seq = 0): ChangeKey => ({ position: { commit: BigInt(n), prepare: BigInt(n) }, seq });
const after = (a: ChangeKey, b: ChangeKey) =>
  a.position.commit > b.position.commit || (a.position.commit === b.position.commit && a.seq > b.seq);

/** A feed of `n` changes, one per position, that grows when told to. */
function feed(n: number) {
  const changes: FeedChange[] = [];
  const add = (count: number) => {
    for (let i = 0; i < count; i++) {
      const k = key(changes.length + 1);
      changes.push({ id: changeId(k), key: k, data: JSON.stringify({ n: changes.length + 1 }) });
    }
  };
  add(n);
  return {
    add,
    source: {
      read: async (from: ChangeKey, limit: number) => changes.filter((c) => after(c.key, from)).slice(0, limit),
    },
  };
}

const idleWake = {
  current: 0,
  wait: (_seen: number, signal?: AbortSignal) =>
    new Promise<void>((r) => {
      const t = setTimeout(r, 20);
      signal?.addEventListener('abort', () => {
        clearTimeout(t);
        r();
      });
    }),
};

describe('change ids', () => {
  it('round-trips positions with and without a sequence number', () => {
    expect(changeId(key(42))).toBe('42');
    expect(changeId(key(42, 3))).toBe('42:3');
    expect(changeId({ position: { commit: 10n, prepare: 7n }, seq: 1 })).toBe('10/7:1');
    expect(parseChangeId('42:3')).toEqual(key(42, 3));
    expect(parseChangeId('10/7:1')).toEqual({ position: { commit: 10n, prepare: 7n }, seq: 1 });
    expect(parseChangeId('-1')).toEqual({ position: { commit: -1n, prepare: -1n }, seq: 0 });
    for (const bad of ['', 'abc', '1:', ':1', '1:2:3', '1/x']) expect(parseChangeId(bad)).toBeNull();
  });
});

describe('a subscription session', () => {
  it('delivers every change after its start, in order, then follows new ones', async () => {
    const f = feed(250);
    const written: string[] = [];
    const abort = new AbortController();
    const run = runChangeStream({
      source: f.source,
      wake: idleWake,
      writer: { write: async (t) => void written.push(t), abort: () => {} },
      from: key(100),
      signal: abort.signal,
      limits: { batchSize: 40, heartbeatMs: 60_000 },
    });
    await new Promise((r) => setTimeout(r, 100));
    f.add(5);
    await new Promise((r) => setTimeout(r, 100));
    abort.abort();
    expect(await run).toBe('aborted');
    const ids = written.map((t) => /^id: (\S+)/.exec(t)?.[1]);
    expect(ids).toEqual(Array.from({ length: 155 }, (_, i) => String(101 + i)));
  });

  it('closes a client that does not read with a final message instead of buffering without end', async () => {
    const f = feed(10_000);
    let taken = 0;
    const queued: string[] = [];
    let aborted = false;
    // The client reads its first 5 messages, then nothing: the rest never leave the buffer.
    const writer = {
      write: (t: string) => {
        queued.push(t);
        return taken++ < 5 ? Promise.resolve() : new Promise<void>(() => {});
      },
      abort: () => {
        aborted = true;
      },
    };
    const end = await runChangeStream({
      source: f.source,
      wake: idleWake,
      writer,
      from: key(0),
      signal: new AbortController().signal,
      limits: { maxBuffered: 50, drainTimeoutMs: 200, heartbeatMs: 60_000 },
    });
    expect(end).toBe('slow_consumer');
    expect(aborted).toBe(true);
    // Never more than the buffer (plus the 5 it read, plus the final message) was written.
    expect(queued.length).toBeLessThanOrEqual(50 + 5 + 1);
    expect(queued.at(-1)).toMatch(/^event: close\ndata: \{"reason":"slow_consumer"/);
  });

  it('lets a client that reads slowly but steadily catch up without closing it', async () => {
    const f = feed(300);
    const ids: string[] = [];
    const abort = new AbortController();
    const writer = {
      write: (t: string) => {
        ids.push(/^id: (\S+)/.exec(t)?.[1] ?? '');
        return new Promise<void>((r) => setTimeout(r, 1));
      },
      abort: () => {},
    };
    const run = runChangeStream({
      source: f.source,
      wake: idleWake,
      writer,
      from: key(0),
      signal: abort.signal,
      limits: { maxBuffered: 20, drainTimeoutMs: 2_000, heartbeatMs: 60_000 },
    });
    while (ids.filter(Boolean).length < 300) await new Promise((r) => setTimeout(r, 20));
    abort.abort();
    expect(await run).toBe('aborted');
    expect(ids.filter(Boolean)).toHaveLength(300);
  });
});
