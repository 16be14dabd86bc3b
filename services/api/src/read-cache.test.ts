import { Hono } from 'hono';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { REFRESH_HEADER, ReadCache } from './read-cache.ts';

/** A read model that counts how often it was queried, behind the cache, with a stamp the test moves. */
function counted(ttlMs: number, versions?: { now: string; asked: number }) {
  let stamp = 's1';
  let queries = 0;
  const refreshes: string[] = [];
  const app = new Hono();
  const cache = new ReadCache(
    { stampOf: () => stamp },
    {
      ttlMs,
      refresh: async (url, accept) => {
        refreshes.push(url);
        await app.request(url, { headers: { accept, [REFRESH_HEADER]: '1' } });
      },
      ...(versions && {
        versionOf: async () => {
          versions.asked++;
          return versions.now;
        },
      }),
    },
  );
  app.use('/v1/*', cache.middleware());
  app.get('/v1/positions', (c) => c.json({ answer: ++queries }));
  const fastPath = () => {
    const hit = cache.lookup('GET', '/v1/positions', 'application/json');
    return hit ? JSON.parse(hit.bytes.toString()).answer : null;
  };
  return {
    app,
    fastPath,
    refreshes,
    move: () => {
      stamp = `${stamp}'`;
    },
  };
}
/** Moves the cache's clock on; only Date is faked, so a slow machine cannot age an answer past the test's intent. */
const later = (ms: number) => vi.setSystemTime(Date.now() + ms);
/** Lets a revalidation that has its version go on to its end (promise callbacks run before a timer). */
const settled = () => new Promise((r) => setTimeout(r, 0));
/** Waits, on real timers, until `done` holds (vi.waitFor would move the faked clock on as it polls). */
async function until(done: () => boolean): Promise<void> {
  for (let i = 0; i < 200 && !done(); i++) await settled();
  expect(done()).toBe(true);
}

describe('read cache', () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['Date'] });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('sends an answer past its life once more while one refresh replaces it', async () => {
    const t = counted(40);
    await t.app.request('/v1/positions', { headers: { accept: 'application/json' } });
    expect(t.fastPath()).toBe(1);
    later(50);
    // Past its life, nothing changed: the old answer goes out at once, and a single refresh starts behind it.
    expect([t.fastPath(), t.fastPath(), t.fastPath()]).toEqual([1, 1, 1]);
    expect(t.refreshes).toHaveLength(1);
    await until(() => t.fastPath() === 2);
  });

  it('gives an answer a new life, without computing it, while the read models have not moved', async () => {
    const versions = { now: 'v1', asked: 0 };
    const t = counted(40, versions);
    await t.app.request('/v1/positions', { headers: { accept: 'application/json' } });
    expect(versions.asked).toBe(1); // read beside the answer when it was computed
    for (const asked of [2, 3]) {
      later(50); // the second time, past twice the life it was computed with: alive only because it was renewed
      expect(t.fastPath()).toBe(1);
      await until(() => versions.asked === asked);
      await settled();
    }
    expect(t.refreshes).toHaveLength(0);
    versions.now = 'v2'; // a commit the notification did not tell
    later(50);
    expect(t.fastPath()).toBe(1);
    await until(() => t.fastPath() === 2);
    expect(t.refreshes).toHaveLength(1);
  });

  it('never sends an answer after a change is committed, nor one older than twice its life', async () => {
    const t = counted(30);
    await t.app.request('/v1/positions', { headers: { accept: 'application/json' } });
    t.move();
    expect(t.fastPath()).toBeNull();
    await t.app.request('/v1/positions', { headers: { accept: 'application/json' } });
    expect(t.fastPath()).toBe(2);
    later(70);
    expect(t.fastPath()).toBeNull();
    expect(t.refreshes).toHaveLength(0);
  });
});
