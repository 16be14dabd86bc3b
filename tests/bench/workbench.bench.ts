import { PostgresEventStore } from '@claims/eventstore';
import { corroborationProjection, rebuildProjections } from '@claims/projector';
import { syntheticArticles } from '../support/synthetic.ts';
import { benchDatabase, goal, loadLine, percentile, rate, report, startTrackerProcess } from './support.ts';

const ARTICLES = Number(process.env.BENCH_WORKBENCH_ARTICLES ?? 2_000);
const RUNS = 20;

/**
 * The analyst's workbench over a synthetic log (an article and nine claims per append, from one
 * template, so that band lookups find candidates to compare): the corroboration projection's rebuild
 * (a MinHash signature per article and a band lookup), and over HTTP on the whole tracker the review
 * queue, search with and without words, and a full CSV export of the claims.
 */
export async function benchWorkbench(): Promise<void> {
  const handle = await benchDatabase();
  const store = new PostgresEventStore({ db: handle.db, url: handle.url });
  let server: Awaited<ReturnType<typeof startTrackerProcess>> | null = null;
  try {
    let events = 0;
    for (const a of syntheticArticles({ articles: ARTICLES, claimsPerArticle: 9, seed: 15 })) {
      await store.append(a.stream, a.events);
      events += a.events.length;
    }
    const before = loadLine();
    const t = performance.now();
    await rebuildProjections({ db: handle.db, store, projections: [corroborationProjection], log: () => {} });
    const rebuildMs = performance.now() - t;

    server = await startTrackerProcess({ DATABASE_URL: handle.url });
    const base = server.base;
    const time = async (path: string) => {
      const ms: number[] = [];
      let bytes = 0;
      for (let i = 0; i < RUNS; i++) {
        // The read cache would answer repeats from memory: vary the page size so each run reaches the database.
        const url = `${base}${path}${path.includes('?') ? '&' : '?'}limit=${50 + i}`;
        const s = performance.now();
        const res = await fetch(url);
        bytes = (await res.arrayBuffer()).byteLength;
        if (res.status !== 200) throw new Error(`${url}: ${res.status}`);
        ms.push(performance.now() - s);
      }
      ms.sort((a, b) => a - b);
      return { p50: percentile(ms, 50), p99: percentile(ms, 99), bytes };
    };
    const review = await time('/v1/review');
    const words = await time('/v1/search?q=offers%20terms');
    const filters = await time('/v1/search?side=russia&stance=demand');
    const s = performance.now();
    const csv = await (await fetch(`${base}/v1/export/claims`)).text();
    const exportMs = performance.now() - s;
    const rows = csv.split('\r\n').length - 2;
    report(`Workbench (${ARTICLES.toLocaleString('en')} synthetic articles, ${events.toLocaleString('en')} events)`, [
      ['corroboration rebuild', `${rate(events, rebuildMs)} events/s (${(rebuildMs / 1000).toFixed(1)} s)`],
      ['GET /v1/review p50 / p99', `${goal(review.p50, '≤', 500, 0, ' ms')} / ${review.p99.toFixed(0)} ms`],
      ['GET /v1/search?q= p50 / p99', `${goal(words.p50, '≤', 200, 0, ' ms')} / ${words.p99.toFixed(0)} ms`],
      ['GET /v1/search (filters) p50 / p99', `${goal(filters.p50, '≤', 200, 0, ' ms')} / ${filters.p99.toFixed(0)} ms`],
      [
        'GET /v1/export/claims (csv)',
        `${rows.toLocaleString('en')} rows in ${(exportMs / 1000).toFixed(1)} s: ${rate(rows, exportMs)} rows/s`,
      ],
      ['machine', `${before} → ${loadLine()}`],
    ]);
  } finally {
    await server?.stop();
    await store.close();
    await handle.dispose();
  }
}
