/**
 * `pnpm train`: fits the extractor's confidence model (packages/extract/src/models/confidence.json)
 * on the seeds and the tuning halves of the development sets, never on the check halves.
 *
 * Every extracted event is labelled right or wrong by the scorer; a logistic regression over the
 * event's evidence features learns how often each kind of evidence is right. The threshold below
 * which events are dropped is chosen by leave-one-article-out cross-validation on the same data
 * (the F1 it would give), so it is not fitted to the articles it is judged on.
 */
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { EXTRACTOR, extractArticle } from '@claims/extract';
import { CORPUS_DIR, loadCorpus } from './corpus.ts';
import { scoreArticle } from './score.ts';

const MODEL_FILE = join(import.meta.dirname, '../../packages/extract/src/models/confidence.json');
const L2 = 1.0;
const ITERATIONS = 3000;
const RATE = 0.3;

interface Sample {
  article: string;
  features: string[];
  correct: boolean;
}

/** Counts of one article before any event is dropped: gold items missed and matched. */
interface ArticleCounts {
  article: string;
  fn: number;
}

function collect(): { samples: Sample[]; counts: ArticleCounts[]; sets: string[]; gold: string } {
  const samples: Sample[] = [];
  const counts: ArticleCounts[] = [];
  const hash = createHash('sha256');
  const sets: string[] = [];
  for (const set of loadCorpus()) {
    sets.push(set.seeds ? set.name : `${set.name} (tuning half)`);
    for (const a of set.articles) {
      if (a.half !== 'tuning') continue;
      hash.update(JSON.stringify({ claims: a.claims, meetings: a.meetings, agreements: a.agreements }));
      const r = extractArticle(
        { text: a.text, url: null, publishedAt: a.publishedAt },
        { profile: set.profile, keepAll: true },
      );
      const s = scoreArticle(a, r.events);
      const id = `${set.name}/${a.article}`;
      for (const [i] of r.events.entries())
        samples.push({ article: id, features: r.evidence[i] ?? [], correct: s.correct[i] === true });
      counts.push({ article: id, fn: Object.values(s.counts).reduce((n, c) => n + c.fn, 0) });
    }
  }
  return { samples, counts, sets, gold: hash.digest('hex').slice(0, 16) };
}

interface Fitted {
  bias: number;
  weights: Map<string, number>;
}

/** L2-regularised logistic regression by batch gradient descent over binary features. */
function fit(samples: Sample[]): Fitted {
  const names = [...new Set(samples.flatMap((s) => s.features))];
  const index = new Map(names.map((n, i) => [n, i]));
  const rows = samples.map((s) => ({ x: s.features.map((f) => index.get(f) as number), y: s.correct ? 1 : 0 }));
  const w = new Float64Array(names.length);
  let b = 0;
  const n = rows.length;
  for (let it = 0; it < ITERATIONS; it++) {
    const gw = new Float64Array(names.length);
    let gb = 0;
    for (const r of rows) {
      let z = b;
      for (const j of r.x) z += w[j] as number;
      const p = 1 / (1 + Math.exp(-z));
      const d = p - r.y;
      gb += d;
      for (const j of r.x) gw[j] = (gw[j] as number) + d;
    }
    b -= (RATE * gb) / n;
    for (let j = 0; j < w.length; j++)
      w[j] = (w[j] as number) - RATE * ((gw[j] as number) / n + (L2 * (w[j] as number)) / n);
  }
  return { bias: b, weights: new Map(names.map((name, j) => [name, w[j] as number])) };
}

const predict = (m: Fitted, features: string[]) => {
  let z = m.bias;
  for (const f of features) z += m.weights.get(f) ?? 0;
  return 1 / (1 + Math.exp(-z));
};

/** F1 over the given articles when events below `threshold` are dropped (a dropped right event becomes a miss). */
function f1At(threshold: number, scored: { p: number; correct: boolean }[], fnBefore: number): number {
  let tp = 0;
  let fp = 0;
  let fn = fnBefore;
  for (const s of scored) {
    if (s.p >= threshold) s.correct ? tp++ : fp++;
    else if (s.correct) fn++;
  }
  return tp ? (2 * tp) / (2 * tp + fp + fn) : 0;
}

function main() {
  const { samples, counts, sets, gold } = collect();
  // Without the corpus there is nothing to learn from: keep the committed model rather than write an empty one.
  if (samples.length === 0) {
    process.stderr.write(
      `train: no labelled articles at ${CORPUS_DIR} (the shared folder beside the repository, or ` +
        `set CLAIMS_CORPUS); the model is unchanged\n`,
    );
    process.exit(2);
  }
  const articles = [...new Set(samples.map((s) => s.article))];
  // Leave one article out: each article's events are scored by a model that never saw it.
  const held: { p: number; correct: boolean }[] = [];
  for (const a of articles) {
    const m = fit(samples.filter((s) => s.article !== a));
    for (const s of samples.filter((x) => x.article === a))
      held.push({ p: predict(m, s.features), correct: s.correct });
  }
  const fnBefore = counts.reduce((n, c) => n + c.fn, 0);
  const grid = Array.from({ length: 41 }, (_, i) => i / 80); // 0 … 0.5
  const best = grid.reduce((b, t) => (f1At(t, held, fnBefore) > f1At(b, held, fnBefore) ? t : b), 0);
  const model = fit(samples);
  const out = {
    trainedOn: { sets, gold, events: samples.length, extractor: `${EXTRACTOR.name} ${EXTRACTOR.version}` },
    bias: Number(model.bias.toFixed(4)),
    weights: Object.fromEntries(
      [...model.weights]
        .filter(([, v]) => Math.abs(v) > 1e-4)
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([k, v]) => [k, Number(v.toFixed(4))]),
    ),
    threshold: best,
  };
  writeFileSync(MODEL_FILE, `${JSON.stringify(out, null, 2)}\n`);
  const band = (lo: number, hi: number) => {
    const xs = held.filter((h) => h.p >= lo && h.p < hi);
    return xs.length ? `${(xs.filter((x) => x.correct).length / xs.length).toFixed(3)} (${xs.length})` : 'n/a';
  };
  process.stdout.write(
    [
      `trained on ${samples.length} events of ${articles.length} articles (${sets.join(', ')}); gold ${gold}`,
      `cross-validated precision by confidence: > 0.8 ${band(0.8, 2)}   0.5–0.8 ` +
        `${band(0.5, 0.8)}   < 0.5 ${band(0, 0.5)}`,
      `cross-validated F1 of the tuning material: keep all ` +
        `${f1At(0, held, fnBefore).toFixed(3)}, drop below ${best} ${f1At(best, held, fnBefore).toFixed(3)}`,
      `wrote ${MODEL_FILE}`,
    ].join('\n') + '\n',
  );
  // The model file must read back as JSON the extractor can load.
  JSON.parse(readFileSync(MODEL_FILE, 'utf8'));
}

main();
