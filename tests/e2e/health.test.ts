import { randomUUID } from 'node:crypto';
import { PostgresEventStore } from '@claims/eventstore';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { article, toNew } from '../support/facts.ts';
import { startTestTracker } from '../support/tracker.ts';

let env: Awaited<ReturnType<typeof startTestTracker>>;
beforeAll(async () => {
  env = await startTestTracker();
});
afterAll(async () => {
  await env?.stop();
});

const health = async () => {
  const r = await fetch(`${env.tracker.url}/v1/health`);
  return { status: r.status, json: (await r.json()) as any };
};

describe('/v1/health', () => {
  it('says ok while every event is projected, and says so when one was parked', async () => {
    const before = await health();
    expect(before.status).toBe(200);
    expect(before.json).toMatchObject({ ok: true, status: 'ok', database: 'up', parkedEvents: 0, problems: [] });

    // An event written by a newer version of the code, straight into the log: no projection can read it.
    const a = article('Kremlin spokesman Dmitry Peskov said Ukraine must withdraw its troops.');
    const claim = a.claim('Ukraine must withdraw its troops', { side: 'russia', topic: 'territory', stance: 'demand' });
    const store = new PostgresEventStore({ db: env.tdb.handle.db, url: env.tdb.url });
    try {
      const unreadable = {
        ...toNew(claim, randomUUID()),
        metadata: { schemaVersion: 99, correlationId: null, causationId: null },
      };
      await store.append(a.stream, [toNew(a.registered), unreadable]);
    } finally {
      await store.close();
    }
    await env.tracker.projector!.caughtUp();

    const after = await health();
    expect(after.status).toBe(200);
    expect(after.json).toMatchObject({ ok: false, status: 'degraded', database: 'up' });
    // claims, positions, actors and corroboration read ClaimMade: each parked it.
    expect(after.json.parkedEvents).toBe(4);
    expect(after.json.problems.join('\n')).toMatch(/projection claims parked 1 event/);
    expect(after.json.projections.find((p: any) => p.projection === 'claims').parked).toBe(1);
  });

  it('is in the OpenAPI document, and writes carry a bearer security scheme that /docs can authorise', async () => {
    const doc = (await (await fetch(`${env.tracker.url}/openapi.json`)).json()) as any;
    expect(doc.paths['/v1/health'].get.responses['200']).toBeDefined();
    expect(doc.components.securitySchemes.bearerAuth).toMatchObject({ type: 'http', scheme: 'bearer' });
    for (const path of ['/v1/articles', '/v1/claims', '/v1/meetings', '/v1/agreements', '/v1/withdrawals']) {
      expect(doc.paths[path].post.security, path).toEqual([{ bearerAuth: [] }]);
    }
    // Refusals share one envelope, the auth middleware's included.
    const refused = await fetch(`${env.tracker.url}/v1/articles`, {
      method: 'POST',
      body: 'x',
      headers: { 'content-type': 'text/plain' },
    });
    expect(refused.status).toBe(401);
    expect(await refused.json()).toEqual({ error: { message: expect.any(String), field: 'authorization' } });
  });
});
