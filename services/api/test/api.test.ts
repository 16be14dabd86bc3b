import { get as httpGet } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestTracker } from '../../../tests/support/tracker.ts';
import { getJson, ingest, openSse, sampleArticles } from './support.ts';

/** The query API and subscriptions over real HTTP, on a tracker holding the sample articles. */
let env: Awaited<ReturnType<typeof startTestTracker>>;
let base: string;

beforeAll(async () => {
  env = await startTestTracker({ api: { subscriptions: { heartbeatMs: 200 }, pollIntervalMs: 500 } });
  base = env.tracker.url;
  for (const a of sampleArticles()) await ingest(env.writer, a);
  await env.tracker.projector!.caughtUp();
});
afterAll(async () => {
  await env?.stop();
});

const fresh = (n: number) =>
  `KYIV, July 30 (Example) - Ukrainian President Volodymyr Zelensky on Tuesday proposed a ` +
  `ceasefire number ${n} along the whole front line. ` +
  `"We are ready to meet Putin to end this war," Zelensky said.\n\nThe Kremlin rejected the idea of a ceasefire, Dmitry Peskov said.`;

describe('reference lists', () => {
  it('lists sides, topics and actors of the profile with counts from the read models', async () => {
    const sides = await getJson(base, '/v1/sides');
    expect(sides.status).toBe(200);
    const russia = sides.json.sides.find((s: any) => s.slug === 'russia');
    expect(russia.claims).toBeGreaterThan(0);
    const topics = await getJson(base, '/v1/topics');
    expect(topics.json.topics.map((t: any) => t.slug)).toContain('ceasefire');
    const actors = await getJson(base, '/v1/actors');
    const peskov = actors.json.actors.find((a: any) => a.slug === 'peskov');
    expect(peskov.side).toBe('russia');
  });
});

describe('positions', () => {
  it('answers today from the current positions and any day from the history, on both clocks', async () => {
    const now = await getJson(base, '/v1/positions?side=russia');
    expect(now.json.current).toBe(true);
    expect(now.json.positions.length).toBeGreaterThan(0);
    expect(now.json.positions.every((p: any) => p.side === 'russia')).toBe(true);

    const july = await getJson(base, '/v1/positions?side=russia&topic=territory&asOf=2025-07-31');
    expect(july.json.positions).toHaveLength(1);
    expect(july.json.positions[0].stance).toBe('demand');
    const before = await getJson(base, '/v1/positions?side=russia&topic=territory&asOf=2019-12-31');
    expect(before.json.positions).toHaveLength(0);

    // Record time: everything was recorded today, so yesterday the tracker knew nothing.
    const yesterday = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
    const known = await getJson(base, `/v1/positions?asOf=${yesterday}&clock=record`);
    expect(known.json).toMatchObject({ clock: 'record', current: false, positions: [] });
    const today = new Date().toISOString().slice(0, 10);
    const all = await getJson(base, `/v1/positions?asOf=${today}&clock=record`);
    expect(all.json.positions.length).toBe((await getJson(base, '/v1/positions')).json.positions.length);
  });

  it('lists position changes with the claims on both sides, and a side timeline', async () => {
    const changes = await getJson(base, '/v1/positions/changes?limit=500');
    expect(changes.status).toBe(200);
    for (const c of changes.json.items) {
      expect(c.claim.stance).toBe(c.toStance);
      expect(c.previousClaim.stance).toBe(c.fromStance);
      expect(c.claim.side).toBe(c.side);
    }
    const timeline = await getJson(base, '/v1/sides/ukraine/timeline?topic=leaders_meeting');
    expect(timeline.status).toBe(200);
    const days = timeline.json.points.map((p: any) => p.validOn);
    expect(days).toEqual([...days].sort());
    expect(timeline.json.points[0].changed).toBe(true);
    expect(timeline.json.points.every((p: any) => p.claim.topic === 'leaders_meeting')).toBe(true);
    expect((await getJson(base, '/v1/sides/atlantis/timeline')).status).toBe(404);
  });
});

describe('claims, meetings, agreements', () => {
  it('pages through every claim with the cursor, no repeats, in valid-time order', async () => {
    const all = await getJson(base, '/v1/claims?limit=500');
    const seen: any[] = [];
    let cursor: string | null = null;
    do {
      const page = await getJson(base, `/v1/claims?limit=7${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
      expect(page.status).toBe(200);
      seen.push(...page.json.items);
      cursor = page.json.nextCursor;
    } while (cursor);
    expect(seen.map((c) => c.id)).toEqual(all.json.items.map((c: any) => c.id));
    expect(new Set(seen.map((c) => c.id)).size).toBe(seen.length);
    const days = seen.map((c) => c.validOn);
    expect(days).toEqual([...days].sort());
  });

  it('filters by side, topic, stance, speaker, dates and words', async () => {
    const r = await getJson(base, '/v1/claims?side=russia&topic=territory&stance=demand&from=2025-01-01&to=2025-12-31');
    expect(r.json.items.length).toBeGreaterThan(0);
    for (const c of r.json.items) expect(c).toMatchObject({ side: 'russia', topic: 'territory', stance: 'demand' });
    const word = await getJson(base, '/v1/claims?q=ceasefire');
    expect(word.json.items.every((c: any) => /ceasefire/i.test(c.text) || /ceasefire/i.test(c.quote))).toBe(true);
    const peskov = await getJson(base, '/v1/claims?speaker=peskov');
    expect(peskov.json.items.every((c: any) => c.speaker === 'peskov')).toBe(true);
    expect((await getJson(base, '/v1/meetings?limit=5')).status).toBe(200);
    const agreements = await getJson(base, '/v1/agreements');
    expect(agreements.status).toBe(200);
    expect(agreements.json.items.length).toBeGreaterThan(0);
  });

  it.each([
    ['/v1/positions?asOf=2019-02-30', 'asOf'],
    ['/v1/positions?clock=wall', 'clock'],
    ['/v1/positions?side=atlantis', 'side'],
    ['/v1/positions?colour=red', 'colour'],
    ['/v1/claims?topic=weather', 'topic'],
    ['/v1/claims?stance=maybe', 'stance'],
    ['/v1/claims?limit=0', 'limit'],
    ['/v1/claims?limit=ten', 'limit'],
    ['/v1/claims?cursor=bm9wZQ', 'cursor'],
    ['/v1/claims?from=2020-01-01&to=2019-01-01', 'to'],
    ['/v1/claims?speaker=nobody', 'speaker'],
    ['/v1/meetings?level=kings', 'level'],
    ['/v1/agreements?from=yesterday', 'from'],
    ['/v1/positions/changes?side=mars', 'side'],
    ['/v1/subscriptions?projection=weather', 'projection'],
    ['/v1/subscriptions?projection=claims&lastEventId=abc', 'lastEventId'],
    ['/v1/claims/not-a-uuid/provenance', 'id'],
  ])('refuses %s with a 400 naming %s', async (path, field) => {
    const r = await getJson(base, path);
    expect(r.status).toBe(400);
    expect(r.json.error.field).toBe(field);
    expect(r.json.error.message).toContain(field);
  });
});

describe('provenance', () => {
  it('gives the event, the source, the quote in its paragraph, and verifies it', async () => {
    const claim = (await getJson(base, '/v1/claims?side=russia&limit=1')).json.items[0];
    const p = await getJson(base, `/v1/claims/${claim.id}/provenance`);
    expect(p.status).toBe(200);
    expect(p.json.verified).toBe(true);
    expect(p.json.checks).toEqual({ contentHash: true, quoteAtSpan: true });
    expect(p.json.event).toMatchObject({ id: claim.id, type: 'ClaimMade', position: claim.position });
    expect(p.json.event.stream).toMatch(/^article-/);
    expect(p.json.source.contentHash).toBe(claim.source.documentId);
    expect(p.json.quote.paragraph.text).toContain(p.json.quote.text);
    expect(p.json.extractor.name).toBeTruthy();
    expect(p.json.withdrawal).toBeNull();

    const ld = await getJson(base, `/v1/claims/${claim.id}/provenance`, { accept: 'application/ld+json' });
    expect(ld.type).toMatch(/application\/ld\+json/);
    expect(ld.json['@context'].prov).toBe('http://www.w3.org/ns/prov#');
    const types = ld.json['@graph'].flatMap((n: any) => [n['@type']].flat());
    expect(types).toEqual(expect.arrayContaining(['prov:Entity', 'prov:Activity', 'prov:SoftwareAgent']));
    expect(ld.json['@graph'].some((n: any) => n['prov:wasQuotedFrom'])).toBe(true);

    // The IRIs come from the tracker's own address, whatever Host a request claims: the first
    // request for a claim's JSON-LD (which the read cache then keeps) names another host.
    const other = (await getJson(base, '/v1/claims?limit=2')).json.items.find((c: any) => c.id !== claim.id);
    const asHost = (host: string) =>
      new Promise<any>((resolve, reject) => {
        const u = new URL(`${base}/v1/claims/${other.id}/provenance`);
        const req = httpGet(
          { host: u.hostname, port: u.port, path: u.pathname, headers: { host, accept: 'application/ld+json' } },
          (res) => {
            let body = '';
            res.on('data', (d) => (body += d));
            res.on('end', () => resolve(JSON.parse(body)));
          },
        );
        req.on('error', reject);
      });
    for (const host of ['evil.example', 'other.example:8080', new URL(base).host]) {
      const answer = await asHost(host);
      expect(answer['@graph'][0]['@id'], host).toBe(`${base}/v1/claims/${other.id}`);
    }
  });

  it('shows a later withdrawal and correction', async () => {
    const claim = (await getJson(base, '/v1/claims?side=ukraine&limit=1')).json.items[0];
    const res = await fetch(`${base}/v1/claims`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...env.auth },
      body: JSON.stringify({
        documentId: claim.source.documentId,
        span: claim.span,
        analyst: 'analyst-7',
        corrects: claim.id,
        side: claim.side,
        topic: claim.topic,
        stance: claim.stance === 'statement' ? 'demand' : 'statement',
      }),
    });
    expect(res.status).toBe(201);
    const written = (await res.json()) as any;
    await env.tracker.projector!.caughtUp();
    const p = await getJson(base, `/v1/claims/${claim.id}/provenance`);
    expect(p.json.withdrawal).toMatchObject({ by: 'analyst-7' });
    expect(p.json.corrections.map((c: any) => c.eventId)).toEqual([written.eventIds[1]]);
    expect(p.json.claim.withdrawn).not.toBeNull();
    expect((await getJson(base, `/v1/claims/${written.eventIds[1]}/provenance`)).json.verified).toBe(true);
  });

  it('answers 404 for an unknown claim', async () => {
    expect((await getJson(base, '/v1/claims/00000000-0000-4000-8000-000000000000/provenance')).status).toBe(404);
  });
});

describe('subscriptions', () => {
  it('delivers a change after ingest, with the global position as its id, and heartbeats', async () => {
    const sse = openSse(`${base}/v1/subscriptions?projection=claims`);
    await sse.ready();
    const written = await ingest(env.writer, { text: fresh(1), publishedAt: '2025-07-30' });
    await sse.until(() => sse.messages.length >= written.counts.ClaimMade, 15_000, 'the new claims');
    const first = JSON.parse(sse.messages[0]!.data);
    expect(first).toMatchObject({ projection: 'claims', kind: 'claim_added' });
    expect(first.id).toBe(sse.messages[0]!.id);
    expect(written.eventIds).toContain(first.payload.claimId);
    await sse.until(() => sse.comments.includes('heartbeat'), 5_000, 'a heartbeat');
    await sse.close();
  });

  it('filters by side and topic', async () => {
    const sse = openSse(`${base}/v1/subscriptions?projection=positions&side=russia`);
    await sse.ready();
    await ingest(env.writer, { text: fresh(2), publishedAt: '2025-07-30' });
    await sse.until(() => sse.messages.length >= 1, 15_000, 'a russian position change');
    await env.tracker.projector!.caughtUp();
    await new Promise((r) => setTimeout(r, 300));
    expect(sse.messages.every((m) => JSON.parse(m.data).side === 'russia')).toBe(true);
    await sse.close();
  });

  it('resumes with Last-Event-ID: exactly the changes missed, no gaps, no repeats', async () => {
    const first = openSse(`${base}/v1/subscriptions?projection=claims`);
    await first.ready();
    await ingest(env.writer, { text: fresh(3), publishedAt: '2025-07-30' });
    await first.until(() => first.messages.length >= 1);
    await env.tracker.projector!.caughtUp();
    await new Promise((r) => setTimeout(r, 300));
    const lastId = first.messages.at(-1)!.id!;
    await first.close();

    const missed = await ingest(env.writer, { text: fresh(4), publishedAt: '2025-07-31' });
    await env.tracker.projector!.caughtUp();
    const expected = missed.counts.ClaimMade;

    const again = openSse(`${base}/v1/subscriptions?projection=claims`, { 'last-event-id': lastId });
    await again.until(() => again.messages.length >= expected, 15_000, 'the missed changes');
    await new Promise((r) => setTimeout(r, 500));
    const ids = again.messages.map((m) => m.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).not.toContain(lastId);
    const claimIds = again.messages.map((m) => JSON.parse(m.data).payload.claimId);
    expect(claimIds).toHaveLength(expected);
    for (const id of claimIds) expect(missed.eventIds).toContain(id);
    await again.close();

    // From the start: every claim change there is, in order.
    const all = openSse(`${base}/v1/subscriptions?projection=claims&lastEventId=-1`);
    const count = Number(
      (
        await env.tdb.handle.db
          .selectFrom('projection_changes')
          .select((eb) => eb.fn.countAll<string>().as('n'))
          .where('projection', '=', 'claims')
          .executeTakeFirstOrThrow()
      ).n,
    );
    await all.until(() => all.messages.length >= count);
    await all.close();
  });

  it('refuses a malformed Last-Event-ID naming it', async () => {
    const r = await getJson(base, '/v1/subscriptions?projection=claims', { 'last-event-id': 'yesterday' });
    expect(r.status).toBe(400);
    expect(r.json.error.field).toBe('Last-Event-ID');
  });
});

describe('pages', () => {
  it('serves the web page, the docs page and the OpenAPI description, offline', async () => {
    const page = await fetch(`${base}/`);
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(await page.text()).toContain('<script type="module" src="/assets/app.js"');
    // The page's ES modules are served as they are, each under the same policy.
    const module = await fetch(`${base}/assets/timeline.js`);
    expect(module.headers.get('content-type')).toContain('text/javascript');
    expect(module.headers.get('content-security-policy')).toContain("script-src 'self'");
    const docs = await fetch(`${base}/docs`);
    expect(await docs.text()).toContain('/docs/swagger-ui-bundle.js');
    expect((await fetch(`${base}/docs/swagger-ui-bundle.js`)).status).toBe(200);
    const spec = await getJson(base, '/openapi.json');
    expect(Object.keys(spec.json.paths)).toEqual(
      expect.arrayContaining(['/v1/positions', '/v1/claims/{id}/provenance', '/v1/subscriptions', '/v1/articles']),
    );
  });
});
