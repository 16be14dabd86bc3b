import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { extractArticle } from '@claims/extract';
import type { Profile } from '@claims/profile';
import { loadCorpus } from '../eval/corpus.ts';
import { report } from './support.ts';

const SAMPLES = join(import.meta.dirname, '../../samples/articles');

interface BenchArticle {
  text: string;
  publishedAt: string | null;
  profile?: Profile;
}

/** The dev sets and seeds beside the repository, each with its profile; the repository's samples on a clone alone. */
function benchArticles(): { source: string; articles: BenchArticle[] } {
  const sets = loadCorpus();
  if (sets.length > 0) {
    const articles = sets.flatMap((s) =>
      s.articles.map((a) => ({ text: a.text, publishedAt: a.publishedAt, profile: s.profile })),
    );
    return { source: `${sets.map((s) => s.name).join(', ')} (${articles.length} articles)`, articles };
  }
  const articles = readdirSync(SAMPLES)
    .filter((f) => f.endsWith('.txt'))
    .map((f) => ({ text: readFileSync(join(SAMPLES, f), 'utf8'), publishedAt: null }));
  return { source: `samples/articles (${articles.length} articles; no corpus beside the repository)`, articles };
}

/**
 * A new process that loads the extractor and extracts one article: the wait a user has before the first
 * result. Measured from the process's start, after the TypeScript loader, and after the import alone.
 */
function firstArticleLatency(): { sinceStart: number; sinceImport: number } {
  const script = `
    const t0 = performance.now();
    const { extractArticle } = await import('@claims/extract');
    const t1 = performance.now();
    const text = ${JSON.stringify(readFileSync(join(SAMPLES, readdirSync(SAMPLES).filter((f) => f.endsWith('.txt'))[0]!), 'utf8'))};
    extractArticle({ text, publishedAt: '2025-05-11' });
    const t2 = performance.now();
    process.stdout.write(JSON.stringify({ sinceStart: t2, sinceLoader: t2 - t0, sinceImport: t2 - t1 }));
  `;
  const out = execFileSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
    cwd: join(import.meta.dirname, '../../packages/extract'),
    encoding: 'utf8',
  });
  const { sinceLoader, sinceImport } = JSON.parse(out) as { sinceLoader: number; sinceImport: number };
  return { sinceStart: sinceLoader, sinceImport };
}

/**
 * Articles per second over the dev sets in one process on one core, and the first article's latency from a cold start.
 */
export async function benchExtract(): Promise<void> {
  const { source, articles } = benchArticles();
  const rounds = Number(process.env.BENCH_EXTRACT_ROUNDS ?? 5);
  const first = firstArticleLatency();
  let events = 0;
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  for (let r = 0; r < rounds; r++) {
    for (const a of articles)
      events += extractArticle({ text: a.text, publishedAt: a.publishedAt ?? undefined }, { profile: a.profile }).events
        .length;
  }
  const ms = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  const cpuMs = (cpu.user + cpu.system) / 1000;
  const n = rounds * articles.length;
  const chars = articles.reduce((sum, a) => sum + a.text.length, 0) * rounds;
  report(`Extraction over ${source}, ${rounds} rounds, one core`, [
    ['articles', n],
    ['articles per CPU second (goal ≥ 100)', Math.round((n / cpuMs) * 1000)],
    ['articles/s, wall clock', Math.round((n / ms) * 1000)],
    ['characters/s', Math.round((chars / ms) * 1000)],
    ['events per article', (events / n).toFixed(2)],
    ['first article after import, ms (goal < 500)', Math.round(first.sinceImport)],
    ['first article after process start, ms', Math.round(first.sinceStart)],
  ]);
}
