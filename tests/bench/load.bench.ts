import { type ChildProcess, spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { generateToken, hashToken } from '@claims/auth';
import { PostgresEventStore } from '@claims/eventstore';
import { normaliseArticle } from '@claims/extract';
import { repoRoot } from '../support/cli.ts';
import { freePort } from '../support/http.ts';
import { syntheticArticles } from '../support/synthetic.ts';
import { benchDatabase, goal, httpClient, loadLine, percentile, report } from './support.ts';

const SECONDS = Number(process.env.BENCH_LOAD_SECONDS ?? 30);
const READERS = Number(process.env.BENCH_LOAD_READERS ?? 50);
const INGEST_PER_SECOND = Number(process.env.BENCH_LOAD_INGEST_RATE ?? 5);

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
/** The seed articles, each made new by a sentence of its own, so every post is a real extraction and a real append. */
function articleSource() {
  const dir = join(repoRoot, '..', 'shared', 'corpus', 'seeds');
  const seeds = readdirSync(dir)
    .filter((f) => f.endsWith('.txt'))
    .map((f) => readFileSync(join(dir, f), 'utf8'));
  // Normalised once, then made new by a sentence of its own at the end of the story.
  const stories = seeds.map((text) => normaliseArticle({ text }));
  let n = 0;
  return () => {
    n++;
    const story = stories[n % stories.length]!;
    return {
      text: `${story.text}\n\nOfficials said briefing number ${n} had ended.`,
      title: story.metadata.title ?? undefined,
      publishedAt: '2025-07-23',
    };
  };
}

/**
 * A sustained mixed load on the tracker running as its own process (as `pnpm start`
 * does): READERS concurrent readers on the query API while articles are ingested over
 * HTTP at a steady rate. Reports read latency, ingest rate and projection lag.
 */
export async function benchLoad(): Promise<void> {
  const handle = await benchDatabase();
  const store = new PostgresEventStore({ db: handle.db, url: handle.url });
  const token = generateToken();
  let child: ChildProcess | null = null;
  try {
    // A few thousand claims to read, written before the run.
    for (const a of syntheticArticles({ articles: 500, claimsPerArticle: 9, seed: 5 }))
      await store.append(a.stream, a.events);
    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    const profile = process.env.BENCH_CPU_PROFILE
      ? ['--cpu-prof', '--cpu-prof-dir', process.env.BENCH_CPU_PROFILE]
      : [];
    child = spawn(process.execPath, [...profile, '--import', 'tsx', 'infra/local/start.ts'], {
      cwd: repoRoot,
      env: {
        ...process.env,
        DATABASE_URL: handle.url,
        PORT: String(port),
        CLAIMS_TOKENS: `bench=${hashToken(token)}`,
        CLAIMS_WRITE_RATE: '1000000',
        CLAIMS_WRITE_BURST: '1000000',
      },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    const behind = async () => {
      const h = (await (await fetch(`${base}/v1/health`)).json()) as {
        projections: { behind: number; state: string }[];
      };
      return h.projections.every((p) => p.state === 'live')
        ? Math.max(0, ...h.projections.map((p) => p.behind))
        : Number.POSITIVE_INFINITY;
    };
    for (let up = false; !up; ) {
      await sleep(250);
      up = await behind().then(
        (b) => b === 0,
        () => false,
      );
    }
    const sampleClaim = ((await (await fetch(`${base}/v1/claims?limit=1`)).json()) as { items: { id: string }[] })
      .items[0]!.id;
    const paths = [
      '/v1/positions',
      '/v1/positions?asOf=2015-06-30&clock=valid',
      '/v1/positions?asOf=2015-06-30&clock=record',
      '/v1/claims?side=russia&limit=50',
      '/v1/positions/changes?side=ukraine&limit=50',
      `/v1/claims/${sampleClaim}/provenance`,
    ];

    const stopAt = Date.now() + SECONDS * 1000;
    const latencies: number[] = [];
    const byPath = new Map<string, number[]>();
    let readErrors = 0;
    const client = httpClient(base, READERS + 2);
    const machine = [loadLine()];
    const readers = Array.from({ length: READERS }, async (_, r) => {
      for (let i = r; Date.now() < stopAt; i++) {
        const path = paths[i % paths.length]!;
        const res = await client.get(path).catch(() => null);
        const ms = res?.ms ?? Number.NaN;
        latencies.push(ms);
        // Pushed in place: copying the list at each read cost this process (which shares the cores) quadratic time.
        const times = byPath.get(path) ?? [];
        if (times.length === 0) byPath.set(path, times);
        times.push(ms);
        if (res?.status !== 200) readErrors++;
      }
    });
    const next = articleSource();
    let ingested = 0;
    let appendedEvents = 0;
    let ingestErrors = 0;
    const ingestStarted = Date.now();
    const ingest = (async () => {
      for (let k = 0; Date.now() < stopAt; k++) {
        const due = ingestStarted + (k * 1000) / INGEST_PER_SECOND;
        if (due > Date.now()) await sleep(due - Date.now());
        const res = await client.post('/v1/articles', JSON.stringify(next()), {
          'content-type': 'application/json',
          authorization: `Bearer ${token}`,
        });
        const body = JSON.parse(res.body) as { eventIds?: string[] };
        if (res.status === 201) {
          ingested++;
          appendedEvents += body.eventIds?.length ?? 0;
        } else {
          ingestErrors++;
          if (process.env.BENCH_DEBUG)
            process.stderr.write(`ingest ${res.status} ${JSON.stringify(body).slice(0, 200)}\n`);
        }
      }
    })();
    const lags: number[] = [];
    const sampler = (async () => {
      while (Date.now() < stopAt) {
        lags.push(await behind().catch(() => Number.NaN));
        await sleep(500);
      }
    })();
    await Promise.all([...readers, ingest, sampler]);
    const ingestSeconds = (Date.now() - ingestStarted) / 1000;
    const drainStarted = Date.now();
    while ((await behind()) > 0) await sleep(100);
    const drainMs = Date.now() - drainStarted;
    client.close();
    machine.push(loadLine());

    const sorted = latencies.filter(Number.isFinite).sort((a, b) => a - b);
    const finiteLags = lags.filter(Number.isFinite).sort((a, b) => a - b);
    report(
      `Sustained mixed load (${SECONDS} s, ${READERS} readers, ingest at ${INGEST_PER_SECOND} ` +
        `articles/s, tracker in its own process)`,
      [
        ['reads', `${sorted.length} (${Math.round(sorted.length / SECONDS)} req/s), ${readErrors} not 200`],
        [
          'read latency p50 / p99',
          `${percentile(sorted, 50).toFixed(1)} ms / ${goal(percentile(sorted, 99), '≤', 50, 1, ' ms')}`,
        ],
        [
          'ingest',
          `${ingested} articles (${(ingested / ingestSeconds).toFixed(1)}/s), ${appendedEvents} ` +
            `events (${Math.round(appendedEvents / ingestSeconds)}/s), ${ingestErrors} failed`,
        ],
        [
          'projection lag (events behind) avg / max',
          `${(finiteLags.reduce((a, b) => a + b, 0) / Math.max(1, finiteLags.length)).toFixed(1)} / ${finiteLags.at(-1) ?? 'n/a'}`,
        ],
        ['lag drained after ingest stopped in', `${drainMs} ms`],
        ['machine', machine.join(' → ')],
        ...[...byPath].map(([path, ms]): [string, string] => {
          ms.sort((a, b) => a - b);
          return [
            `  GET ${path.replace(/[0-9a-f-]{36}/, '{id}')}`,
            `p50 ${percentile(ms, 50).toFixed(1)} ms, p99 ${percentile(ms, 99).toFixed(1)} ms`,
          ];
        }),
      ],
    );
  } finally {
    if (child) {
      const exited = new Promise((r) => child!.once('exit', r));
      child.kill('SIGTERM');
      await exited;
    }
    await store.close();
    await handle.dispose();
  }
}
