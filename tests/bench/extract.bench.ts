import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { extractArticle } from '@claims/extract';
import { report } from './support.ts';

const SEEDS = join(import.meta.dirname, '../../../shared/corpus/seeds');

/** Articles per second of the extractor over the seed corpus repeated ~200 times, on one core. */
export async function benchExtract(): Promise<void> {
  const articles = readdirSync(SEEDS)
    .filter((f) => f.endsWith('.txt'))
    .map((f) => readFileSync(join(SEEDS, f), 'utf8'));
  extractArticle({ text: articles[0] ?? '', publishedAt: '2025-07-23' }); // load the model once, outside the timing
  const rounds = 200;
  let events = 0;
  const t0 = performance.now();
  for (let r = 0; r < rounds; r++) for (const text of articles) events += extractArticle({ text, publishedAt: '2025-07-23' }).events.length;
  const ms = performance.now() - t0;
  const n = rounds * articles.length;
  report('Extraction (seed corpus repeated, one core)', [
    ['articles', n],
    ['articles/s', Math.round((n / ms) * 1000)],
    ['events per article', (events / n).toFixed(2)],
  ]);
}
