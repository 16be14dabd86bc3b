import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getJson, ingest } from '../../services/api/test/support.ts';
import { repoRoot } from '../support/cli.ts';
import { postJson } from '../support/http.ts';
import { startTestTracker } from '../support/tracker.ts';

/**
 * The analyst's workbench over real HTTP: a wire story and its repost with a new header and
 * footer are one article's facts with two sources; another outlet's report of the same demand is
 * a third; confirmations are events, signed, audited and undone by a withdrawal.
 */
const fixture = (name: string) => readFileSync(join(repoRoot, 'tests', 'fixtures', 'workbench', name), 'utf8');
let env: Awaited<ReturnType<typeof startTestTracker>>;
let base: string;
let wire: Awaited<ReturnType<typeof ingest>>;
let copy: Awaited<ReturnType<typeof ingest>>;

// Reads repeat from a cache until the projector's notification lands: wait for an answer that satisfies `ok`.
async function settled(path: string, ok: (json: any) => boolean) {
  const deadline = Date.now() + 5_000;
  for (;;) {
    const r = await getJson(base, path);
    if (ok(r.json) || Date.now() > deadline) return r;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

async function projected() {
  await env.tracker.projector!.caughtUp();
}

const russianDemand = (items: any[]) => items.filter((c) => c.side === 'russia' && c.topic === 'territory' && c.stance === 'demand');

beforeAll(async () => {
  env = await startTestTracker();
  base = env.tracker.url;
  wire = await ingest(env.writer, { text: fixture('wire.txt'), publishedAt: '2025-06-03', url: 'https://wire.example/a' });
  copy = await ingest(env.writer, { text: fixture('copy.txt'), publishedAt: '2025-06-04', url: 'https://repost.example/b' });
  await projected();
});
afterAll(async () => {
  await env?.stop();
});

describe('corroboration', () => {
  it('links a near-copy to the article it copies, and counts its facts as further sources of the same facts', async () => {
    expect(copy.stream).not.toBe(wire.stream);
    const claims = await settled('/v1/claims?side=russia&topic=territory&limit=500', (j) => j.items.length === 2);
    const demands = russianDemand(claims.json.items);
    expect(demands).toHaveLength(2);
    expect(demands.every((c: any) => c.sources === 2)).toBe(true);
    expect(demands.every((c: any) => typeof c.confidence === 'number' && c.confidence > 0 && c.confidence <= 1)).toBe(true);

    const positions = await getJson(base, '/v1/positions?side=russia&topic=territory');
    expect(positions.json.positions).toHaveLength(1);
    expect(positions.json.positions[0].sources).toBe(2);

    // The timeline shows the fact once, however many articles carry it.
    const timeline = await getJson(base, '/v1/sides/russia/timeline?topic=territory');
    expect(timeline.json.points).toHaveLength(1);
    expect(timeline.json.points[0].claim.sources).toBe(2);

    const provenance = await getJson(base, `/v1/claims/${demands[0].id}/provenance`);
    expect(provenance.status).toBe(200);
    const sources = provenance.json.sources;
    expect(sources.map((s: any) => s.url).sort()).toEqual(['https://repost.example/b', 'https://wire.example/a']);
    expect(sources.every((s: any) => s.verified)).toBe(true);
    const wireDoc = sources.find((s: any) => s.url === 'https://wire.example/a').documentId;
    expect(sources.find((s: any) => s.url === 'https://repost.example/b').copyOf).toBe(wireDoc);
    expect(sources.find((s: any) => s.url === 'https://wire.example/a').copyOf).toBeNull();
  });

  it('groups a distinct report of the same statement on the same day into the same fact, and keeps the fact while another source carries it', async () => {
    await ingest(env.writer, { text: fixture('other.txt'), publishedAt: '2025-06-03', url: 'https://other.example/c' });
    await projected();
    const claims = await settled('/v1/claims?side=russia&topic=territory&limit=500', (j) => russianDemand(j.items).length === 3);
    const demands = russianDemand(claims.json.items);
    expect(demands.map((c: any) => c.sources)).toEqual([3, 3, 3]);
    const other = demands.find((c: any) => c.source.url === 'https://other.example/c');
    const provenance = await getJson(base, `/v1/claims/${other.id}/provenance`);
    expect(provenance.json.sources).toHaveLength(3);
    expect(provenance.json.sources.find((s: any) => s.url === 'https://other.example/c').copyOf).toBeNull();

    // Withdrawn in one source, the fact stays: two sources still carry it, and the position holds.
    const withdrawn = await postJson(env.writer, '/v1/withdrawals', {
      documentId: other.source.documentId,
      eventId: other.id,
      reason: 'test: one outlet retracted',
      analyst: 'ana',
    });
    expect(withdrawn.status).toBe(201);
    await projected();
    const after = await settled('/v1/claims?side=russia&topic=territory&limit=500', (j) => russianDemand(j.items).length === 2);
    expect(russianDemand(after.json.items).map((c: any) => c.sources)).toEqual([2, 2]);
    const positions = await settled('/v1/positions?side=russia&topic=territory', (j) => j.positions[0]?.sources === 2);
    expect(positions.json.positions[0]).toMatchObject({ stance: 'demand', sources: 2 });
  });
});

describe('confirmations', () => {
  it('confirms a fact as an event signed by the token, shows it in the audit, and undoes it by a withdrawal', async () => {
    const claims = await settled('/v1/claims?side=ukraine&limit=500', (j) => j.items.length > 0);
    const claim = claims.json.items[0];
    expect(claim.confirmed).toBeNull();
    const res = await postJson(env.writer, '/v1/confirmations', { factId: claim.id, note: 'read the article' });
    expect(res.status).toBe(201);
    expect(res.json).toMatchObject({ factId: claim.id, documentId: claim.source.documentId });
    await projected();
    const one = await settled(`/v1/claims/${claim.id}`, (j) => j.confirmed !== null);
    expect(one.json.confirmed.by).toBe('test-writer');

    const again = await postJson(env.writer, '/v1/confirmations', { factId: claim.id });
    expect(again.status).toBe(409);
    expect(again.json.error.field).toBe('factId');

    const audit = await getJson(base, `/v1/claims/${claim.id}/provenance`);
    expect(audit.json.confirmations).toHaveLength(1);
    expect(audit.json.confirmations[0]).toMatchObject({ eventId: res.json.id, by: 'test-writer', note: 'read the article', withdrawn: null });

    const undo = await postJson(env.writer, '/v1/withdrawals', {
      documentId: claim.source.documentId,
      eventId: res.json.id,
      reason: 'confirmed by mistake',
      analyst: 'ana',
    });
    expect(undo.status).toBe(201);
    await projected();
    const undone = await settled(`/v1/claims/${claim.id}`, (j) => j.confirmed === null);
    expect(undone.json.confirmed).toBeNull();
    expect(undone.json.withdrawn).toBeNull();
    const audited = await getJson(base, `/v1/claims/${claim.id}/provenance`);
    expect(audited.json.confirmations[0].withdrawn).toMatchObject({ by: 'ana', reason: 'confirmed by mistake' });

    // Confirmed again after the undo: a new event, not the withdrawn one again.
    const reconfirmed = await postJson(env.writer, '/v1/confirmations', { factId: claim.id });
    expect(reconfirmed.status).toBe(201);
    expect(reconfirmed.json.id).not.toBe(res.json.id);
  });

  it('refuses an unknown fact, a withdrawn one, a bad body and a missing token, storing nothing', async () => {
    await projected();
    const head = await env.tracker.database.db.selectFrom('projection_checkpoints').select('position').execute();
    const unknown = await postJson(env.writer, '/v1/confirmations', { factId: '00000000-0000-4000-8000-000000000000' });
    expect(unknown.status).toBe(404);
    expect(unknown.json.error.field).toBe('factId');
    const bad = await postJson(env.writer, '/v1/confirmations', { factId: 'not-a-uuid' });
    expect(bad.status).toBe(400);
    expect(bad.json.error.field).toBe('factId');
    const extra = await postJson(env.writer, '/v1/confirmations', { factId: '00000000-0000-4000-8000-000000000000', by: 'someone else' });
    expect(extra.status).toBe(400);
    const anonymous = await postJson(base, '/v1/confirmations', { factId: '00000000-0000-4000-8000-000000000000' });
    expect(anonymous.status).toBe(401);

    const all = await getJson(base, '/v1/claims?side=russia&topic=territory&includeWithdrawn=true&limit=500');
    const withdrawn = all.json.items.find((c: any) => c.withdrawn !== null);
    const refused = await postJson(env.writer, '/v1/confirmations', { factId: withdrawn.id });
    expect(refused.status).toBe(409);
    expect(refused.json.error.field).toBe('factId');
    await projected();
    expect(await env.tracker.database.db.selectFrom('projection_checkpoints').select('position').execute()).toEqual(head);
  });
});
