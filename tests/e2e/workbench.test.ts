import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getJson, ingest, openSse } from '../../services/api/test/support.ts';
import { claimsInProcess, repoRoot, runClaims } from '../support/cli.ts';
import { csvRecords } from '../support/csv.ts';
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

const russianDemand = (items: any[]) =>
  items.filter((c) => c.side === 'russia' && c.topic === 'territory' && c.stance === 'demand');

beforeAll(async () => {
  env = await startTestTracker();
  base = env.tracker.url;
  wire = await ingest(env.writer, {
    text: fixture('wire.txt'),
    publishedAt: '2025-06-03',
    url: 'https://wire.example/a',
  });
  copy = await ingest(env.writer, {
    text: fixture('copy.txt'),
    publishedAt: '2025-06-04',
    url: 'https://repost.example/b',
  });
  await projected();
});
afterAll(async () => {
  await env?.stop();
});

describe('corroboration', () => {
  it(
    'links a near-copy to the article it copies, and counts its facts as further ' + 'sources of the same facts',
    async () => {
      expect(copy.stream).not.toBe(wire.stream);
      const claims = await settled('/v1/claims?side=russia&topic=territory&limit=500', (j) => j.items.length === 2);
      const demands = russianDemand(claims.json.items);
      expect(demands).toHaveLength(2);
      expect(demands.every((c: any) => c.sources === 2)).toBe(true);
      expect(demands.every((c: any) => typeof c.confidence === 'number' && c.confidence > 0 && c.confidence <= 1)).toBe(
        true,
      );

      const positions = await getJson(base, '/v1/positions?side=russia&topic=territory');
      expect(positions.json.positions).toHaveLength(1);
      expect(positions.json.positions[0].sources).toBe(2);

      // Counted once in the side's total: the wire story and its copy carry two Russian claims, one fact each.
      const sides = await getJson(base, '/v1/sides');
      expect(sides.json.sides.find((x: any) => x.slug === 'russia').claims).toBe(2);

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
      const article = await getJson(base, `/v1/sources/${copy.stream.replace('article-', 'sha256:')}`);
      expect(article.json).toMatchObject({ copyOf: wireDoc });
      expect(article.json.similarity).toBeGreaterThanOrEqual(0.5);
      expect((await getJson(base, `/v1/sources/${wireDoc}`)).json).toMatchObject({ copyOf: null, similarity: null });
    },
  );

  it(
    'groups a distinct report of the same statement on the same day into the same ' +
      'fact, and keeps the fact while another source carries it',
    async () => {
      await ingest(env.writer, {
        text: fixture('other.txt'),
        publishedAt: '2025-06-03',
        url: 'https://other.example/c',
      });
      await projected();
      const claims = await settled(
        '/v1/claims?side=russia&topic=territory&limit=500',
        (j) => russianDemand(j.items).length === 3,
      );
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
      const after = await settled(
        '/v1/claims?side=russia&topic=territory&limit=500',
        (j) => russianDemand(j.items).length === 2,
      );
      expect(russianDemand(after.json.items).map((c: any) => c.sources)).toEqual([2, 2]);
      const positions = await settled(
        '/v1/positions?side=russia&topic=territory',
        (j) => j.positions[0]?.sources === 2,
      );
      expect(positions.json.positions[0]).toMatchObject({ stance: 'demand', sources: 2 });
    },
  );
});

describe('confirmations', () => {
  it(
    'confirms a fact as an event signed by the token, shows it in the audit, and ' + 'undoes it by a withdrawal',
    async () => {
      const claims = await settled('/v1/claims?side=ukraine&limit=500', (j) => j.items.length > 0);
      const claim = claims.json.items[0];
      expect(claim.confirmed).toBeNull();
      const live = openSse(`${base}/v1/subscriptions?projection=corroboration`);
      await live.ready();
      const res = await postJson(env.writer, '/v1/confirmations', { factId: claim.id, note: 'read the article' });
      expect(res.status).toBe(201);
      // A page following the corroboration feed hears of the confirmation live.
      await live.until(() => live.messages.some((m) => JSON.parse(m.data).kind === 'fact_confirmed'));
      expect(
        JSON.parse(live.messages.find((m) => JSON.parse(m.data).kind === 'fact_confirmed')!.data).payload,
      ).toMatchObject({ factId: claim.id, by: 'test-writer' });
      await live.close();
      expect(res.json).toMatchObject({ factId: claim.id, documentId: claim.source.documentId });
      await projected();
      const one = await settled(`/v1/claims/${claim.id}`, (j) => j.confirmed !== null);
      expect(one.json.confirmed.by).toBe('test-writer');
      // One source confirmed confirms the fact: its other sources show it, and none of them is left to review.
      const sameFact = (await getJson(base, `/v1/claims/${claim.id}/provenance`)).json.sources.filter(
        (s: any) => s.factId !== claim.id,
      );
      expect(sameFact.length).toBeGreaterThan(0);
      for (const s of sameFact)
        expect((await getJson(base, `/v1/claims/${s.factId}`)).json.confirmed).toMatchObject({ by: 'test-writer' });
      const queue = await getJson(base, '/v1/review?limit=500');
      expect(
        queue.json.items.some((i: any) => [claim.id, ...sameFact.map((s: any) => s.factId)].includes(i.factId)),
      ).toBe(false);

      const again = await postJson(env.writer, '/v1/confirmations', { factId: claim.id });
      expect(again.status).toBe(409);
      expect(again.json.error.field).toBe('factId');

      const audit = await getJson(base, `/v1/claims/${claim.id}/provenance`);
      expect(audit.json.confirmations).toHaveLength(1);
      expect(audit.json.confirmations[0]).toMatchObject({
        eventId: res.json.id,
        by: 'test-writer',
        note: 'read the article',
        withdrawn: null,
      });

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
      const prov = await getJson(base, `/v1/claims/${claim.id}/provenance`, { accept: 'application/ld+json' });
      const activity = prov.json['@graph'].find((n: any) => n['@id'] === `urn:claims:event:${res.json.id}`);
      expect(activity).toMatchObject({
        '@type': 'prov:Activity',
        'prov:wasAssociatedWith': { '@id': 'urn:claims:analyst:test-writer' },
      });

      // Confirmed again after the undo: a new event, not the withdrawn one again.
      const reconfirmed = await postJson(env.writer, '/v1/confirmations', { factId: claim.id });
      expect(reconfirmed.status).toBe(201);
      expect(reconfirmed.json.id).not.toBe(res.json.id);
    },
  );

  it('refuses an unknown fact, a withdrawn one, a bad body and a missing token, storing nothing', async () => {
    await projected();
    // The event log itself, not the projections' checkpoints: a checkpoint may still move past events of types its
    // projection does not read after "caught up" (nothing left for it to handle) was reported.
    const stored = () =>
      env.tdb.eventLog
        .selectFrom('events')
        .select((eb) => [eb.fn.countAll().as('events'), eb.fn.max('global_position').as('head')])
        .executeTakeFirstOrThrow();
    const before = await stored();
    const unknown = await postJson(env.writer, '/v1/confirmations', { factId: '00000000-0000-4000-8000-000000000000' });
    expect(unknown.status).toBe(404);
    expect(unknown.json.error.field).toBe('factId');
    const bad = await postJson(env.writer, '/v1/confirmations', { factId: 'not-a-uuid' });
    expect(bad.status).toBe(400);
    expect(bad.json.error.field).toBe('factId');
    const extra = await postJson(env.writer, '/v1/confirmations', {
      factId: '00000000-0000-4000-8000-000000000000',
      by: 'someone else',
    });
    expect(extra.status).toBe(400);
    const anonymous = await postJson(base, '/v1/confirmations', { factId: '00000000-0000-4000-8000-000000000000' });
    expect(anonymous.status).toBe(401);

    const all = await getJson(base, '/v1/claims?side=russia&topic=territory&includeWithdrawn=true&limit=500');
    const withdrawn = all.json.items.find((c: any) => c.withdrawn !== null);
    const refused = await postJson(env.writer, '/v1/confirmations', { factId: withdrawn.id });
    expect(refused.status).toBe(409);
    expect(refused.json.error.field).toBe('factId');
    expect(await stored()).toEqual(before);
  });
});

describe('review', () => {
  it('lists standing, unconfirmed facts with their reasons, those that set a current position first', async () => {
    await projected();
    // A claim with no speaker, dated after its article, whose quote names neither its side nor its topic.
    const article = await ingest(env.writer, {
      text: 'Officials met again on Thursday.\n\nNothing was said about the next round of anything at all.',
      publishedAt: '2025-06-05',
    });
    const source = article.stream.replace('article-', 'sha256:');
    const entered = await postJson(env.writer, '/v1/claims', {
      documentId: source,
      span: { start: 0, end: 32 },
      analyst: 'ana',
      side: 'turkey',
      topic: 'prisoner_exchange',
      stance: 'proposal',
      madeOn: '2025-06-09',
    });
    expect(entered.status).toBe(201);
    await projected();
    const review = await settled('/v1/review?limit=500', (j) =>
      j.items.some((i: any) => i.factId === entered.json.eventIds[0]),
    );
    expect(review.status).toBe(200);
    const item = review.json.items.find((i: any) => i.factId === entered.json.eventIds[0]);
    expect(item.type).toBe('ClaimMade');
    expect(item.reasons.map((r: any) => r.code).sort()).toEqual([
      'after_article',
      'no_speaker',
      'side_not_in_quote',
      'topic_not_in_quote',
    ]);
    expect(item.fact.quote).toBe('Officials met again on Thursday.');

    // Each fact once, however many articles carry it.
    const factIds = review.json.items.map((i: any) => i.factId);
    const provenances = await Promise.all(
      review.json.items
        .filter((i: any) => i.type === 'ClaimMade')
        .map((i: any) => getJson(base, `/v1/claims/${i.factId}/provenance`)),
    );
    for (const p of provenances) {
      const others = p.json.sources.map((s: any) => s.factId).filter((id: string) => id !== p.json.claim.id);
      expect(others.filter((id: string) => factIds.includes(id))).toEqual([]);
    }

    // Ordered by what matters: every fact that sets a current position comes before any that does not.
    const flags = review.json.items.map((i: any) => i.movesPosition);
    expect(flags).toEqual([...flags].sort((a: boolean, b: boolean) => Number(b) - Number(a)));
    // A confirmed fact is not in the queue.
    expect(review.json.items.some((i: any) => i.fact.confirmed !== null)).toBe(false);

    const onlyNoSpeaker = await getJson(base, '/v1/review?reason=no_speaker&limit=500');
    expect(onlyNoSpeaker.json.items.every((i: any) => i.reasons.some((r: any) => r.code === 'no_speaker'))).toBe(true);
    const pageOne = await getJson(base, '/v1/review?limit=1');
    expect(pageOne.json.items).toHaveLength(1);
    const pageTwo = await getJson(base, `/v1/review?limit=1&cursor=${pageOne.json.nextCursor}`);
    expect(pageTwo.json.items[0].factId).toBe(review.json.items[1].factId);

    const badReason = await getJson(base, '/v1/review?reason=boring');
    expect(badReason.status).toBe(400);
    expect(badReason.json.error.field).toBe('reason');
    expect((await getJson(base, '/v1/review?cursor=nonsense')).json.error.field).toBe('cursor');
  });
});

describe('search', () => {
  it('finds facts by words in their quotes or their articles, and filters alone or together', async () => {
    const words = await getJson(base, '/v1/search?q=withdraw%20troops');
    expect(words.status).toBe(200);
    expect(words.json.items.length).toBeGreaterThan(0);
    expect(words.json.items.some((h: any) => h.snippet.includes('«'))).toBe(true);
    // A word only the article has ("Ankara", in the last paragraph) finds the article's facts.
    const article = await getJson(base, '/v1/search?q=Ankara');
    expect(article.json.items.length).toBeGreaterThan(0);
    expect(
      article.json.items.every(
        (h: any) => ['https://wire.example/a', 'https://repost.example/b'].length && h.documentId,
      ),
    ).toBe(true);

    const russia = await getJson(base, '/v1/search?side=russia&type=ClaimMade');
    expect(russia.json.items.length).toBeGreaterThan(0);
    expect(russia.json.items.every((h: any) => h.side === 'russia' && h.type === 'ClaimMade')).toBe(true);
    const peskov = await getJson(base, '/v1/search?actor=peskov&stance=demand&from=2025-06-03&to=2025-06-03');
    expect(peskov.json.items.length).toBe(2);
    expect(
      peskov.json.items.every((h: any) => h.speaker === 'peskov' && h.day === '2025-06-03' && h.sources === 2),
    ).toBe(true);
    const agreements = await getJson(base, '/v1/search?type=AgreementReported&side=ukraine');
    expect(agreements.json.items.length).toBeGreaterThan(0);
    expect(agreements.json.items.every((h: any) => h.type === 'AgreementReported')).toBe(true);
    const nothing = await getJson(base, '/v1/search?q=zeppelin');
    expect(nothing.json).toEqual({ items: [], nextCursor: null });

    for (const [query, field] of [
      ['side=atlantis', 'side'],
      ['type=Rumour', 'type'],
      ['from=2025-02-30', 'from'],
      ['colour=red', 'colour'],
    ]) {
      const bad = await getJson(base, `/v1/search?${query}`);
      expect(bad.status).toBe(400);
      expect(bad.json.error.field).toBe(field);
    }
    const spec = await getJson(base, '/openapi.json');
    expect(Object.keys(spec.json.paths)).toEqual(
      expect.arrayContaining(['/v1/search', '/v1/review', '/v1/export/{dataset}', '/v1/confirmations']),
    );
  });
});

describe('export', () => {
  it("streams CSV whose rows are the list API's, with provenance columns, and JSON lines alike", async () => {
    const res = await fetch(`${base}/v1/export/claims?side=russia`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/csv/);
    expect(res.headers.get('content-disposition')).toBe('attachment; filename="claims.csv"');
    const rows = csvRecords(await res.text());
    const api = await getJson(base, '/v1/claims?side=russia&limit=500');
    expect(rows.map((r) => r.id)).toEqual(api.json.items.map((c: any) => c.id));
    const first = api.json.items[0];
    expect(rows[0]).toMatchObject({
      side: 'russia',
      quote: first.quote,
      url: first.source.url ?? '',
      publishedAt: first.source.publishedAt ?? '',
      spanStart: String(first.span.start),
      spanEnd: String(first.span.end),
      extractor: first.extractor.name,
      extractorVersion: first.extractor.version,
      confidence: String(first.confidence),
      sources: String(first.sources),
    });

    const jsonl = await fetch(`${base}/v1/export/positions?format=jsonl&asOf=2025-06-30&clock=valid`);
    expect(jsonl.headers.get('content-disposition')).toBe('attachment; filename="positions.jsonl"');
    const lines = (await jsonl.text())
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    const positions = await getJson(base, '/v1/positions?asOf=2025-06-30&clock=valid');
    expect(lines.map((l) => l.id)).toEqual(positions.json.positions.map((p: any) => p.claimId));
    expect(lines.find((l) => l.side === 'russia' && l.topic === 'territory')).toMatchObject({
      stance: 'demand',
      sources: 2,
    });

    for (const dataset of ['changes', 'meetings', 'agreements']) {
      const r = await fetch(`${base}/v1/export/${dataset}`);
      expect(r.status).toBe(200);
      const list = await getJson(base, `/v1/${dataset === 'changes' ? 'positions/changes' : dataset}?limit=500`);
      const ids = csvRecords(await r.text()).map((x) => x.id);
      expect(ids).toEqual(list.json.items.map((x: any) => (dataset === 'changes' ? x.claim.id : x.id)));
    }

    // A search's filters carry over: the dataset's own type is accepted, another refused.
    expect((await fetch(`${base}/v1/export/claims?type=ClaimMade&actor=peskov`)).status).toBe(200);
    expect((await getJson(base, '/v1/export/claims?type=MeetingProposed')).json.error.field).toBe('type');
    const wrongFilter = await getJson(base, '/v1/export/positions?stance=demand');
    expect(wrongFilter.status).toBe(400);
    expect(wrongFilter.json.error.field).toBe('stance');
    expect((await getJson(base, '/v1/export/rumours')).json.error.field).toBe('dataset');
    expect((await getJson(base, '/v1/export/claims?format=xlsx')).json.error.field).toBe('format');
  });
});

describe('export to a spreadsheet', () => {
  it('writes text a spreadsheet would run as a formula as text (a leading apostrophe), and nothing else changed', async () => {
    const some = (await getJson(base, '/v1/claims?side=russia&limit=1')).json.items[0];
    const entered = await postJson(env.writer, '/v1/claims', {
      documentId: some.source.documentId,
      span: some.span,
      side: 'ukraine',
      topic: 'ceasefire',
      stance: 'statement',
      text: '=HYPERLINK("https://attacker.example","open")',
    });
    expect(entered.status).toBe(201);
    await projected();
    const rows = csvRecords(await (await fetch(`${base}/v1/export/claims?side=ukraine&topic=ceasefire`)).text());
    const row = rows.find((r) => r.text?.includes('HYPERLINK'));
    expect(row?.text).toBe(`'=HYPERLINK("https://attacker.example","open")`);
    // The API and JSON lines keep the words as entered.
    const api = (await getJson(base, '/v1/claims?side=ukraine&topic=ceasefire&limit=500')).json.items;
    expect(api.find((c: any) => c.text.includes('HYPERLINK')).text).toBe(
      '=HYPERLINK("https://attacker.example","open")',
    );
  });
});

describe('claims export', () => {
  it(
    "writes the API's rows to a file with a progress report on stderr, and refuses " + 'bad flags in one line',
    async () => {
      const dir = await mkdtemp(join(tmpdir(), 'claims-export-'));
      try {
        const out = join(dir, 'claims.csv');
        const run = runClaims(['export', 'claims', '--side', 'russia', '--out', out], { DATABASE_URL: env.tdb.url });
        expect(run.status, run.stderr).toBe(0);
        const api = await getJson(base, '/v1/claims?side=russia&limit=500');
        expect(csvRecords(readFileSync(out, 'utf8')).map((r) => r.id)).toEqual(api.json.items.map((c: any) => c.id));
        expect(run.stderr).toMatch(new RegExp(`export claims ${api.json.items.length}/${api.json.items.length} rows`));
        expect(run.stderr).toMatch(/exported \d+ claims row\(s\) as csv/);

        const jsonl = runClaims(['export', 'positions', '--format', 'jsonl', '--as-of', '2025-06-30'], {
          DATABASE_URL: env.tdb.url,
        });
        expect(jsonl.status, jsonl.stderr).toBe(0);
        const positions = await getJson(base, '/v1/positions?asOf=2025-06-30');
        expect(
          jsonl.stdout
            .trim()
            .split('\n')
            .map((l) => JSON.parse(l).id),
        ).toEqual(positions.json.positions.map((p: any) => p.claimId));

        for (const [args, message] of [
          [['export'], /name a dataset/],
          [['export', 'rumours'], /unknown dataset "rumours"/],
          [['export', 'claims', '--side', 'atlantis'], /--side: unknown side/],
          [['export', 'positions', '--stance', 'demand'], /--stance: the positions export does not take it/],
          [['export', 'claims', '--as-of', '2025-02-30'], /--as-of: not a real calendar date/],
          [
            ['export', 'claims', '--profile', '/nowhere/profile.json'],
            /--profile \/nowhere\/profile.json: cannot read it/,
          ],
          [['codebook', '--bogus'], /^claims codebook: .*--bogus/],
          [
            ['codebook', '--profile', '/nowhere/profile.json'],
            /^claims codebook: --profile \/nowhere\/profile.json: cannot read/,
          ],
        ] as [string[], RegExp][]) {
          const bad = await claimsInProcess(args, { DATABASE_URL: env.tdb.url });
          expect(bad.status, args.join(' ')).toBe(2);
          expect(bad.stderr.split('\n')[0], args.join(' ')).toMatch(message);
          expect(bad.stderr).not.toMatch(/\n\s+at /);
        }
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    },
  );
});

describe('analyst writes as the contract gives them', () => {
  it(
    'signs entries and withdrawals with the token when no analyst is named, finds ' +
      'the article of a withdrawal by the event, and calls a stale span a 422 on span',
    async () => {
      const claims = await settled('/v1/claims?side=ukraine&limit=500', (j) => j.items.length > 0);
      const claim = claims.json.items.find((c: any) => c.source.url === 'https://wire.example/a');
      const article = await getJson(base, `/v1/sources/${claim.source.documentId}`);
      const stale = await postJson(env.writer, '/v1/claims', {
        documentId: claim.source.documentId,
        span: { start: claim.span.start + 1, end: claim.span.end + 1 },
        quote: claim.quote,
        side: 'ukraine',
        topic: 'territory',
        stance: 'rejection',
      });
      expect(stale.status).toBe(422);
      expect(stale.json.error.field).toBe('span');

      const text: string = article.json.text;
      const words = 'Officials on both sides said the gap between their positions remained wide';
      const start = text.indexOf(words);
      const added = await postJson(env.writer, '/v1/claims', {
        documentId: claim.source.documentId,
        span: { start, end: start + words.length },
        quote: words,
        side: 'ukraine',
        topic: 'negotiations',
        stance: 'statement',
      });
      expect(added.status).toBe(201);
      await projected();
      const entered = await settled(`/v1/claims/${added.json.eventIds[0]}`, (j) => j?.id !== undefined);
      expect(entered.json.extractor).toEqual({ name: 'analyst', version: 'test-writer' });

      // A withdrawal naming only the event and a reason, as the page sends it.
      const withdrawn = await postJson(env.writer, '/v1/withdrawals', {
        eventId: added.json.eventIds[0],
        reason: 'entered by mistake',
      });
      expect(withdrawn.status).toBe(201);
      await projected();
      const audit = await getJson(base, `/v1/claims/${added.json.eventIds[0]}/provenance`);
      expect(audit.json.withdrawal).toMatchObject({ by: 'test-writer', reason: 'entered by mistake' });
      const unknown = await postJson(env.writer, '/v1/withdrawals', {
        eventId: '00000000-0000-4000-8000-000000000000',
        reason: 'r',
      });
      expect(unknown.status).toBe(404);
      expect(unknown.json.error.field).toBe('eventId');
    },
  );
});
