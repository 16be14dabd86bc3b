import { PostgresEventStore } from '@claims/eventstore';
import { syntheticArticles } from '../support/synthetic.ts';
import { benchDatabase, goal, httpClient, loadLine, percentile, rate, report, startTrackerProcess } from './support.ts';

const SSE_SECONDS = Number(process.env.BENCH_SSE_SECONDS ?? 20);
const SSE_RATE = Number(process.env.BENCH_SSE_RATE ?? 500);
const QUERY_SECONDS = Number(process.env.BENCH_QUERY_SECONDS ?? 10);
const CONNECTIONS = Number(process.env.BENCH_QUERY_CONNECTIONS ?? 50);

/** Reads SSE messages from a fetch body, calling `onData` with each message's data line. */
async function readSse(body: ReadableStream<Uint8Array>, onData: (data: string) => void): Promise<void> {
  const decoder = new TextDecoder();
  let buffer = '';
  for await (const chunk of body) {
    buffer += decoder.decode(chunk, { stream: true });
    let cut = buffer.indexOf('\n\n');
    while (cut >= 0) {
      const frame = buffer.slice(0, cut);
      buffer = buffer.slice(cut + 2);
      for (const line of frame.split('\n')) if (line.startsWith('data: ')) onData(line.slice(6));
      cut = buffer.indexOf('\n\n');
    }
  }
}

/**
 * The query API under load, on the whole tracker (ingest, projector, API) in a process of its
 * own as `pnpm start` runs it (the load comes from this one):
 * - append to SSE delivery: synthetic articles (1 registration + 9 claims each) appended at a
 *   steady rate; for each claim, the time from its append committing to its `claim_added`
 *   message reaching a subscriber of `/v1/subscriptions?projection=claims`;
 * - `GET /v1/positions` (now, and as of a day on each clock) from 50 concurrent connections.
 */
export async function benchApi(): Promise<void> {
  const handle = await benchDatabase();
  const store = new PostgresEventStore({ db: handle.db, url: handle.url });
  // Positions to read: a few thousand claims over every side and topic, written before the tracker starts.
  for (const a of syntheticArticles({ articles: 500, claimsPerArticle: 9, seed: 5 }))
    await store.append(a.stream, a.events);
  const server = await startTrackerProcess({ DATABASE_URL: handle.url });
  const tracker = { url: server.base };
  const rows: [string, string | number][] = [];
  const load = [loadLine()];
  try {
    // --- append -> SSE ---
    const committed = new Map<string, number>();
    const latencies: number[] = [];
    const abort = new AbortController();
    const res = await fetch(`${tracker.url}/v1/subscriptions?projection=claims`, { signal: abort.signal });
    const reading = readSse(res.body!, (data) => {
      const change = JSON.parse(data) as { kind: string; payload: { claimId?: string } };
      const at = change.payload.claimId ? committed.get(change.payload.claimId) : undefined;
      if (at !== undefined) latencies.push(performance.now() - at);
    }).catch(() => {});

    const perAppend = 10; // events per synthetic article
    const intervalMs = (1000 * perAppend) / SSE_RATE;
    const articles = syntheticArticles({ articles: Math.ceil((SSE_SECONDS * SSE_RATE) / perAppend), seed: 7 });
    const started = performance.now();
    let appended = 0;
    let behind = 0;
    let i = 0;
    for (const a of articles) {
      // A steady schedule: append i is due at started + i * interval, whatever the previous one took.
      const due = started + i * intervalMs;
      const wait = due - performance.now();
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
      else behind++;
      await store.append(a.stream, a.events, { expectedRevision: 'no_stream' });
      const now = performance.now();
      for (const e of a.events) if (e.type === 'ClaimMade') committed.set(e.id, now);
      appended += a.events.length;
      i++;
    }
    const appendMs = performance.now() - started;
    const expected = [...committed.keys()].length;
    const deadline = Date.now() + 60_000;
    while (latencies.length < expected && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    abort.abort();
    await reading;
    latencies.sort((a, b) => a - b);
    rows.push(
      [
        'append rate achieved',
        `${rate(appended, appendMs)} events/s (target ${SSE_RATE}, ${appended} events in ` +
          `${(appendMs / 1000).toFixed(1)} s, ${behind} appends late)`,
      ],
      ['claims delivered over SSE', `${latencies.length} of ${expected}`],
      ['append -> SSE latency p50', `${percentile(latencies, 50).toFixed(1)} ms`],
      ['append -> SSE latency p99', `${percentile(latencies, 99).toFixed(1)} ms`],
      ['append -> SSE latency max', `${(latencies.at(-1) ?? Number.NaN).toFixed(1)} ms`],
    );

    // --- GET /v1/positions at 50 concurrent connections ---
    const client = httpClient(tracker.url, CONNECTIONS);
    // Warm-up, not measured (as wrk's and autocannon's): every connection opened and the HTTP path compiled by the
    // JIT, so that the first query measured does not pay for what the later ones find done.
    const warmEnd = performance.now() + 1000;
    await Promise.all(
      Array.from({ length: CONNECTIONS }, async () => {
        while (performance.now() < warmEnd) await client.get('/v1/positions');
      }),
    );
    for (const path of [
      '/v1/positions',
      '/v1/positions?asOf=2015-06-30&clock=valid',
      '/v1/positions?asOf=2030-01-01&clock=record',
    ]) {
      const times: number[] = [];
      let failures = 0;
      // Warm: the first answer of each query is computed, the rest served until a projection commits.
      await client.get(path);
      const end = performance.now() + QUERY_SECONDS * 1000;
      const t0 = performance.now();
      await Promise.all(
        Array.from({ length: CONNECTIONS }, async () => {
          while (performance.now() < end) {
            const r = await client.get(path);
            if (r.status !== 200) failures++;
            times.push(r.ms);
          }
        }),
      );
      const ms = performance.now() - t0;
      times.sort((a, b) => a - b);
      rows.push([
        `GET ${path}`,
        `${goal(rate(times.length, ms), '≥', 4000, 0, ' req/s')}, p50 ` +
          `${percentile(times, 50).toFixed(1)} ms, p99 ` +
          `${goal(percentile(times, 99), '≤', 20, 1, ' ms')}, ${failures} non-200`,
      ]);
    }
    client.close();
    load.push(loadLine());
    rows.push(['machine', load.join(' → ')]);
  } finally {
    await store.close();
    await server.stop();
    await handle.dispose();
  }
  report(
    `Query API, the tracker in its own process (SSE at ${SSE_RATE} events/s for ${SSE_SECONDS} ` +
      `s; GET /v1/positions from ${CONNECTIONS} kept-alive connections for ${QUERY_SECONDS} s ` +
      `each; PostgreSQL ${handle.embedded ? 'embedded' : 'at BENCH_DATABASE_URL'})`,
    rows,
  );
}
