import { type ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { generateToken, hashToken } from '@claims/auth';
import { PostgresEventStore } from '@claims/eventstore';
import { repoRoot } from '../support/cli.ts';
import { syntheticArticles } from '../support/synthetic.ts';
import { benchDatabase, percentile, report } from './support.ts';

const SECONDS = Number(process.env.BENCH_MIXED_SECONDS ?? 20);
const READERS = Number(process.env.BENCH_MIXED_READERS ?? 50);
const WARM_UP_SECONDS = Number(process.env.BENCH_MIXED_WARM_UP_SECONDS ?? 5);
/** The article: about 100 s of extraction at this size before the pool existed. */
const PATHOLOGICAL = 'Putin said Zelensky must '.repeat(6_250);

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const freePort = () =>
  new Promise<number>((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const p = (s.address() as { port: number }).port;
      s.close(() => resolve(p));
    });
  });

/**
 * `pnpm bench mixed`: the tracker as its own process (as `pnpm start` runs it), READERS
 * concurrent readers, and pathological articles posted one after another for the whole run,
 * so an extraction thread is always busy with one. Reads must not notice: read p99 under
 * 100 ms, overall and in every second of the run.
 */
export async function benchMixed(): Promise<void> {
  const handle = await benchDatabase();
  const store = new PostgresEventStore({ db: handle.db, url: handle.url });
  const token = generateToken();
  let child: ChildProcess | null = null;
  try {
    for (const a of syntheticArticles({ articles: 300, claimsPerArticle: 9, seed: 5 })) await store.append(a.stream, a.events);
    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    child = spawn(process.execPath, ['--import', 'tsx', 'infra/local/start.ts'], {
      cwd: repoRoot,
      env: { ...process.env, DATABASE_URL: handle.url, PORT: String(port), CLAIMS_TOKENS: `bench=${hashToken(token)}`, CLAIMS_WRITE_RATE: '1000000', CLAIMS_WRITE_BURST: '1000000' },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    // Up, and every projection caught up with what was written before the run.
    const caughtUp = async () => {
      const h = (await (await fetch(`${base}/v1/health`)).json()) as { projections: { behind: number; state: string }[] };
      return h.projections.length > 0 && h.projections.every((p) => p.state === 'live' && p.behind === 0);
    };
    for (let up = false; !up; ) {
      await sleep(250);
      up = await caughtUp().catch(() => false);
    }
    const paths = ['/v1/positions', '/v1/positions?asOf=2014-06-30&clock=valid', '/v1/claims?side=russia&limit=50', '/v1/positions/changes?side=ukraine&limit=50', '/v1/health'];

    // Warm up first (connections, JIT, caches), so that what is measured is the article's effect.
    const warmUntil = Date.now() + WARM_UP_SECONDS * 1000;
    await Promise.all(
      Array.from({ length: READERS }, async (_, r) => {
        for (let i = r; Date.now() < warmUntil; i++) await (await fetch(`${base}${paths[i % paths.length]}`)).arrayBuffer();
      }),
    );
    const started = Date.now();
    const stopAt = started + SECONDS * 1000;
    const bySecond: number[][] = [];
    const byPath = new Map<string, number[]>();
    let readErrors = 0;
    const readers = Array.from({ length: READERS }, async (_, r) => {
      for (let i = r; Date.now() < stopAt; i++) {
        const t = performance.now();
        const res = await fetch(`${base}${paths[i % paths.length]}`).catch(() => null);
        await res?.arrayBuffer();
        const second = Math.floor((Date.now() - started) / 1000);
        const ms = performance.now() - t;
        bySecond[second] ??= [];
        bySecond[second].push(ms);
        const path = paths[i % paths.length]!;
        byPath.set(path, [...(byPath.get(path) ?? []), ms]);
        if (res?.status !== 200) readErrors++;
      }
    });
    const answers = new Map<number, number>();
    let extractionMs = 0;
    const poster = (async () => {
      for (let k = 0; Date.now() < stopAt && process.env.BENCH_MIXED_POST !== '0'; k++) {
        const t = performance.now();
        const res = await fetch(`${base}/v1/articles`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
          body: JSON.stringify({ text: `${PATHOLOGICAL}${k}`, publishedAt: '2025-07-23' }),
        });
        await res.arrayBuffer();
        extractionMs = Math.max(extractionMs, performance.now() - t);
        answers.set(res.status, (answers.get(res.status) ?? 0) + 1);
      }
    })();
    await Promise.all([...readers, poster]);

    const all = bySecond.flat().sort((a, b) => a - b);
    const perSecond = bySecond.map((ms) => percentile(ms.sort((a, b) => a - b), 99));
    const worstSecond = Math.max(...perSecond.filter(Number.isFinite));
    report(`Mixed run (${SECONDS} s after ${WARM_UP_SECONDS} s of warm-up, ${READERS} readers, pathological articles posted back to back, tracker in its own process)`, [
      ['reads', `${all.length} (${Math.round(all.length / SECONDS)} req/s), ${readErrors} not 200`],
      ['read latency p50 / p99', `${percentile(all, 50).toFixed(1)} ms / ${percentile(all, 99).toFixed(1)} ms`],
      ['p99 per second', perSecond.map((ms) => ms.toFixed(0)).join(' ')],
      ['worst one-second p99', `${worstSecond.toFixed(1)} ms ${worstSecond < 100 ? '(under 100 ms: ok)' : '(OVER 100 ms)'}`],
      ['pathological articles answered', [...answers].map(([s, n]) => `${n} × ${s}`).join(', ')],
      ...[...byPath].map(([path, ms]): [string, string] => {
        ms.sort((a, b) => a - b);
        return [`  GET ${path}`, `p50 ${percentile(ms, 50).toFixed(1)} ms, p99 ${percentile(ms, 99).toFixed(1)} ms`];
      }),
      ['longest answer to one', `${(extractionMs / 1000).toFixed(1)} s (the time budget, CLAIMS_EXTRACT_BUDGET_MS, plus the queue)`],
    ]);
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
