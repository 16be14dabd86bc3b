import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { repoRoot } from '../support/cli.ts';
import { benchDatabase, goal, loadLine, percentile, report } from './support.ts';

const RUNS = Number(process.env.BENCH_CLI_RUNS ?? 7);
const ARTICLES = Number(process.env.BENCH_CLI_ARTICLES ?? 100);

/** Wall time of one process, start to exit. */
function timed(
  command: string,
  args: string[],
  env: Record<string, string>,
): Promise<{ ms: number; status: number | null; stderr: string }> {
  return new Promise((resolve) => {
    const started = performance.now();
    const child = spawn(command, args, {
      cwd: repoRoot,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (d) => {
      stderr += d;
    });
    child.on('exit', (status) => resolve({ ms: performance.now() - started, status, stderr }));
  });
}

/**
 * Articles to ingest: the seed corpus beside the repository when it is there, else the repository's samples, each made
 * new by a closing sentence.
 */
function articles(dir: string): string {
  const seeds = join(repoRoot, '..', 'shared', 'corpus', 'seeds');
  const from = existsSync(seeds) ? seeds : join(repoRoot, 'samples', 'articles');
  const texts = readdirSync(from)
    .filter((f) => f.endsWith('.txt'))
    .map((f) => readFileSync(join(from, f), 'utf8'));
  mkdirSync(dir, { recursive: true });
  for (let i = 0; i < ARTICLES; i++)
    writeFileSync(
      join(dir, `${String(i).padStart(3, '0')}.txt`),
      `${texts[i % texts.length]}\n\nOfficials said briefing number ${i} had ended.\n`,
    );
  return existsSync(seeds) ? `${texts.length} seed articles` : `${texts.length} sample articles`;
}

/**
 * `claims` as people run it: the compiled JavaScript (`node infra/dist/claims.mjs`, what
 * `pnpm claims` and `./claims` start), built first from the current sources. Each command's
 * wall time over several runs, and `claims ingest` of a folder of articles into a running
 * PostgreSQL. `pnpm claims` itself adds pnpm's own start-up, shown for comparison.
 */
export async function benchCli(): Promise<void> {
  const build = await timed(process.execPath, ['infra/build-cli.mjs'], {});
  if (build.status !== 0) throw new Error(`building the command failed: ${build.stderr}`);
  const work = mkdtempSync(join(tmpdir(), 'claims-bench-cli-'));
  const handle = await benchDatabase();
  const env = { CLAIMS_TOKENS_FILE: join(work, 'tokens.json'), DATABASE_URL: handle.url };
  const claims = (args: string[]) => timed(process.execPath, ['infra/dist/claims.mjs', ...args], env);
  const rows: [string, string][] = [['build (esbuild, at install)', `${(build.ms / 1000).toFixed(1)} s`]];
  const before = loadLine();
  try {
    const sample = join('samples', 'articles', '01-truce-demands.txt');
    const cases: [string, string[], number][] = [
      ['claims --help', ['--help'], 0.5],
      ['claims token create NAME', ['token', 'create', 'bench'], 1],
      [`claims extract ${sample}`, ['extract', sample], 1.5],
    ];
    for (const [name, args, target] of cases) {
      const times: number[] = [];
      for (let i = 0; i < RUNS; i++) {
        const run = await claims(args[0] === 'token' ? ['token', 'create', `bench-${i}`] : args);
        if (run.status !== 0) throw new Error(`${name} failed: ${run.stderr}`);
        times.push(run.ms / 1000);
      }
      times.sort((a, b) => a - b);
      rows.push([
        name,
        `median ${goal(percentile(times, 50), '≤', target, 2, ' s')}, slowest ` +
          `${times.at(-1)!.toFixed(2)} s (${RUNS} runs)`,
      ]);
    }
    const viaPnpm = await timed('pnpm', ['--silent', 'claims', '--help'], env);
    rows.push(['pnpm claims --help (for comparison)', `${(viaPnpm.ms / 1000).toFixed(2)} s`]);

    const folder = join(work, 'articles');
    const what = articles(folder);
    await claims(['migrate']);
    const ingest = await claims(['ingest', folder, '--published-at', '2025-07-23']);
    if (ingest.status !== 0) throw new Error(`claims ingest failed: ${ingest.stderr}`);
    const perSecond = ARTICLES / (ingest.ms / 1000);
    rows.push([
      `claims ingest of ${ARTICLES} articles (${what})`,
      `${goal(perSecond, '≥', 20, 1, ' articles/s')} (${(ingest.ms / 1000).toFixed(1)} s, start-up included)`,
    ]);
  } finally {
    await handle.dispose();
    rmSync(work, { recursive: true, force: true });
  }
  rows.push(['machine', `${before} → ${loadLine()}`]);
  report('Command line (compiled; wall time of each process)', rows);
}
