import { type ArticleInput, extractArticle, normaliseArticle } from '@claims/extract';
import { sampleArticles } from '../support/samples.ts';
import { report } from './support.ts';

/**
 * Hostile inputs, each of them a way a piece of the extractor once scanned the rest of the
 * article again from every repetition. Each is doubled in size several times and timed: a
 * linear extractor takes about twice as long per doubling (ratio ≤ 2.5 passes).
 */
export const PATHOLOGICAL: { name: string; start: number; make: (n: number) => ArticleInput }[] = [
  {
    name: '"Putin said Zelensky must " × n',
    start: 125,
    make: (n) => ({ text: 'Putin said Zelensky must '.repeat(n) }),
  },
  { name: '"Putin said that " × n', start: 250, make: (n) => ({ text: 'Putin said that '.repeat(n) }) },
  { name: 'He said " × n (unclosed quotes)', start: 500, make: (n) => ({ text: 'He said "'.repeat(n) }) },
  { name: '"<!--" × n (unclosed comments, html)', start: 62_500, make: (n) => ({ html: '<!--'.repeat(n) }) },
  {
    name: '"<script>" × n (unclosed, html)',
    start: 31_250,
    make: (n) => ({ html: `<p>a</p><p>b</p><p>c</p>${'<script>'.repeat(n)}` }),
  },
  { name: '"<p" × n (no ">", text)', start: 125_000, make: (n) => ({ text: '<p'.repeat(n) }) },
  { name: '"<a " × n then ">" (html)', start: 80_000, make: (n) => ({ html: `${'<a '.repeat(n)}>` }) },
  { name: '"[x](a" × n (unclosed links)', start: 50_000, make: (n) => ({ text: '[x](a'.repeat(n) }) },
  { name: '"![x" × n (unclosed images)', start: 80_000, make: (n) => ({ text: '![x'.repeat(n) }) },
  { name: '"<http://" × n (unclosed autolinks)', start: 31_250, make: (n) => ({ text: '<http://'.repeat(n) }) },
  { name: '"a.\\n\\n" × n (many paragraphs)', start: 5_000, make: (n) => ({ text: 'a.\n\n'.repeat(n) }) },
  { name: '"- a\\n" × n (many bullets)', start: 2_500, make: (n) => ({ text: '- a\n'.repeat(n) }) },
  { name: '"a" × n (one long word)', start: 250_000, make: (n) => ({ text: 'a'.repeat(n) }) },
];

/** Real prose for comparison: the sample articles, repeated as paragraphs of one long article. */
const prose = (n: number): ArticleInput => {
  const paragraphs = sampleArticles().flatMap((s) => s.text.split(/\n\s*\n/));
  // Each paragraph made unique: the normaliser drops a paragraph printed twice.
  const text = Array.from(
    { length: n },
    (_, i) => `${paragraphs[i % paragraphs.length]!} Officials said briefing ${i} had ended.`,
  ).join('\n\n');
  return { text, publishedAt: '2025-07-23' };
};

const DOUBLINGS = Number(process.env.BENCH_PATHOLOGICAL_DOUBLINGS ?? 3);
/** A run past this is not doubled again: the point is made, and the bench stays bounded. */
const STOP_MS = Number(process.env.BENCH_PATHOLOGICAL_STOP_MS ?? 8_000);

/** One run: the normaliser alone (markup, links, furniture), then the whole extraction. */
function timeOnce(input: ArticleInput): { ms: number; normaliseMs: number; error: string | null } {
  let t = performance.now();
  try {
    normaliseArticle(input);
  } catch {
    // the whole run below reports it
  }
  const normaliseMs = performance.now() - t;
  t = performance.now();
  try {
    extractArticle(input);
    return { ms: performance.now() - t, normaliseMs, error: null };
  } catch (err) {
    return {
      ms: performance.now() - t,
      normaliseMs,
      error: err instanceof Error ? `${err.name}: ${err.message.slice(0, 60)}` : String(err),
    };
  }
}

/** Times one input at n, 2n, 4n …; returns the worst ratio between consecutive sizes. */
function doubling(
  name: string,
  start: number,
  make: (n: number) => ArticleInput,
): { row: [string, string]; worst: number } {
  const cells: string[] = [];
  let previous: number | null = null;
  let worst = 0;
  for (let k = 0, n = start; k <= DOUBLINGS; k++, n *= 2) {
    const input = make(n);
    const chars = (input.text ?? input.html ?? '').length;
    // A shared host is noisy: the best of three, unless one run is already long.
    const runs = [timeOnce(input)];
    while (runs.length < 3 && runs[0]!.ms < 2_000) runs.push(timeOnce(input));
    const best = runs.reduce((a, b) => (b.ms < a.ms ? b : a));
    const ratio = previous !== null && previous > 0 ? best.ms / previous : null;
    if (ratio !== null && previous! >= 20) worst = Math.max(worst, ratio); // below 20 ms a ratio is noise
    cells.push(
      `${(chars / 1000).toFixed(0)}k: ${best.ms.toFixed(0)} ms (normalise ${best.normaliseMs.toFixed(0)})${ratio !== null ? ` ×${ratio.toFixed(2)}` : ''}${best.error ? ` [${best.error}]` : ''}`,
    );
    previous = Math.max(best.ms, 1);
    if (best.ms > STOP_MS) break;
  }
  return { row: [`${worst <= 2.5 ? 'ok  ' : 'SLOW'} ${name}`, cells.join(', ')], worst };
}

/**
 * `pnpm bench pathological`: each hostile input doubled DOUBLINGS times, its time per
 * size and the ratio per doubling. Prose is the baseline (and where the size limit
 * sits: the extractor must be fast on a real article of the largest size accepted).
 */
export async function benchPathological(): Promise<void> {
  const only = process.env.BENCH_PATHOLOGICAL_ONLY;
  extractArticle({ text: 'Putin said Ukraine must withdraw.' }); // the language model loads once, outside the timing
  const rows: [string, string][] = [];
  const slow: string[] = [];
  for (const p of [{ name: 'prose: sample paragraphs × n', start: 150, make: prose }, ...PATHOLOGICAL]) {
    if (only && !p.name.includes(only)) continue;
    const { row, worst } = doubling(p.name, p.start, p.make);
    rows.push(row);
    if (worst > 2.5) slow.push(p.name);
  }
  report(
    `Pathological inputs, doubled ${DOUBLINGS} times (best of 3: whole extraction, the ` +
      `normaliser's part, ×ratio to the size before; linear is ×2, ≤ ×2.5 passes)`,
    [...rows, ['super-linear', slow.length ? slow.join('; ') : 'none']],
  );
}
