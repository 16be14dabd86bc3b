/**
 * `pnpm eval`: scores the extractor on every labelled set under ../shared/corpus in one process.
 *
 *   pnpm eval [--set NAME]… [--dump] [--half tuning|check] [--json]
 *
 * Prints per set and half: precision, recall and F1 per event type, speaker and madeOn accuracy over
 * matched claims, the errors by class, and how precise the events above 0.8 and below 0.5 confidence are.
 * `--dump` lists the misses and errors of the seeds and tuning halves; the check halves are only
 * scored (`--dump --half check` lists theirs, for a last look once the rules are frozen).
 */
import { existsSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { extractArticle } from '@claims/extract';
import { CORPUS_DIR, type Half, type LabelledSet, loadCorpus } from './corpus.ts';
import { type ArticleScore, ERROR_CLASSES, EVENT_TYPES, type SetScore, scoreArticle, sumScores } from './score.ts';

export interface Scored {
  set: LabelledSet;
  scores: (ArticleScore & { half: Half })[];
}

/** Extracts and scores every article of the given sets, as `claims extract FILE --published-at DAY` would. */
export function scoreSets(sets: LabelledSet[]): Scored[] {
  return sets.map((set) => ({
    set,
    scores: set.articles.map((a) => {
      const input = /\.html?$/i.test(a.article) ? { html: a.text } : { text: a.text };
      const { events } = extractArticle({ ...input, url: null, publishedAt: a.publishedAt }, { profile: set.profile });
      return { ...scoreArticle(a, events), half: a.half };
    }),
  }));
}

const r3 = (x: number | null) => (x == null ? '  n/a' : x.toFixed(3));
const pad = (s: string | number, n: number) => String(s).padStart(n);

function confidenceLine(s: SetScore): string {
  const band = (keep: (c: number) => boolean) => {
    const xs = s.confidence.filter((x) => keep(x.confidence));
    return xs.length ? `${r3(xs.filter((x) => x.correct).length / xs.length)} (${xs.length})` : 'n/a (0)';
  };
  return `  precision by confidence: > 0.8 ${band((c) => c > 0.8)}   0.5–0.8 ${band((c) => c >= 0.5 && c <= 0.8)}   < 0.5 ${band((c) => c < 0.5)}`;
}

function table(title: string, s: SetScore): string {
  const rows = [`${title}  (${s.articles} articles)`];
  rows.push(
    `  ${'type'.padEnd(18)}${pad('TP', 5)}${pad('FP', 5)}${pad('FN', 5)}${pad('P', 7)}${pad('R', 7)}${pad('F1', 7)}`,
  );
  for (const [name, p] of [...EVENT_TYPES.map((t) => [t, s.byType[t]] as const), ['overall', s.overall] as const]) {
    rows.push(
      `  ${name.padEnd(18)}${pad(p.tp, 5)}${pad(p.fp, 5)}${pad(p.fn, 5)}${pad(r3(p.precision), 7)}${pad(r3(p.recall), 7)}${pad(r3(p.f1), 7)}`,
    );
  }
  rows.push(
    `  speaker accuracy ${r3(s.speakerAccuracy)}   madeOn accuracy ${r3(s.madeOnAccuracy)}   ` +
      `(${s.matchedClaims} matched claims)` +
      (s.agreementMadeOn.of
        ? `   agreement madeOn ${r3(s.agreementMadeOn.right / s.agreementMadeOn.of)} (${s.agreementMadeOn.of} matched, gold dated)`
        : ''),
  );
  const errs = ERROR_CLASSES.filter((c) => s.errors[c]).map((c) => `${c} ${s.errors[c]}`);
  rows.push(`  errors: ${errs.join(', ') || 'none'}`);
  if (s.confidence.length) rows.push(confidenceLine(s));
  const stances = Object.entries(s.recallByStance).sort((a, b) => b[1].of - a[1].of);
  if (stances.length)
    rows.push(
      `  claim recall by stance: ${stances.map(([k, t]) => `${k} ${r3(t.found / t.of)} (${t.of})`).join('   ')}`,
    );
  return rows.join('\n');
}

const USAGE = 'usage: pnpm eval [--set NAME]… [--dump] [--half tuning|check] [--json]\n';

function main(argv: string[]): void {
  let values: { set?: string[]; half?: string; dump?: boolean; json?: boolean; help?: boolean };
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        set: { type: 'string', multiple: true },
        half: { type: 'string' },
        dump: { type: 'boolean', default: false },
        json: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
    }));
  } catch (e) {
    // A mistyped option is the user's error: say which, without a stack trace.
    process.stderr.write(`eval: ${(e as Error).message}\n${USAGE}`);
    process.exit(2);
  }
  if (values.help) {
    process.stdout.write(USAGE);
    return;
  }
  if (!existsSync(CORPUS_DIR)) {
    process.stderr.write(
      `eval: needs the labelled corpus at ${CORPUS_DIR} (the shared folder beside the ` +
        `repository, or set CLAIMS_CORPUS)\n`,
    );
    process.exit(2);
  }
  if (values.half && values.half !== 'tuning' && values.half !== 'check') {
    process.stderr.write('eval: --half must be tuning or check\n');
    process.exit(2);
  }
  let sets = loadCorpus();
  if (values.set?.length) {
    const unknown = values.set.filter((n) => !sets.some((s) => s.name === n));
    if (unknown.length) {
      process.stderr.write(`eval: unknown set ${unknown.join(', ')} (have: ${sets.map((s) => s.name).join(', ')})\n`);
      process.exit(2);
    }
    sets = sets.filter((s) => values.set?.includes(s.name));
  }
  const scored = scoreSets(sets);
  const pick = (p: (s: Scored['scores'][number], set: LabelledSet) => boolean) =>
    sumScores(scored.flatMap(({ set, scores }) => scores.filter((s) => p(s, set))));

  const groups: [string, SetScore][] = [];
  for (const { set } of scored) {
    if (set.seeds) groups.push([set.name, pick((_, s) => s === set)]);
    else
      for (const h of ['tuning', 'check'] as const)
        groups.push([`${set.name} ${h}`, pick((a, s) => s === set && a.half === h)]);
  }
  const ru = (s: LabelledSet) => s.name.startsWith('ru-');
  const pooled: [string, SetScore][] = [
    ['Russia–Ukraine tuning halves', pick((a, s) => ru(s) && a.half === 'tuning')],
    ['Russia–Ukraine check halves', pick((a, s) => ru(s) && a.half === 'check')],
    ['US–China check half', pick((a, s) => s.name === 'us-china-trade' && a.half === 'check')],
    ['all check halves', pick((a, s) => !s.seeds && a.half === 'check')],
  ].filter(([, s]) => (s as SetScore).articles > 0) as [string, SetScore][];

  if (values.json) {
    process.stdout.write(`${JSON.stringify(Object.fromEntries([...groups, ...pooled]), null, 2)}\n`);
    return;
  }
  const out: string[] = [];
  if (values.dump) {
    const half = (values.half ?? 'tuning') as Half;
    for (const { set, scores } of scored) {
      for (const s of scores) {
        if (s.half !== half || !s.lines.length) continue;
        out.push(`== ${set.name}/${s.article}`, ...s.lines, '');
      }
    }
  }
  for (const [title, s] of groups) out.push(table(title, s), '');
  out.push('Pooled');
  for (const [title, s] of pooled) {
    const m = s.madeOnAccuracy;
    out.push(
      `  ${title.padEnd(30)} F1 ${r3(s.overall.f1)}  P ${r3(s.overall.precision)}  R ` +
        `${r3(s.overall.recall)}  speaker ${r3(s.speakerAccuracy)}  madeOn ${r3(m)}`,
    );
  }
  const check = pooled.find(([t]) => t === 'all check halves')?.[1];
  if (check?.confidence.length)
    out.push(confidenceLine(check).replace('precision by confidence', 'check halves, precision by confidence'));
  process.stdout.write(`${out.join('\n')}\n`);
}

if (import.meta.url === `file://${process.argv[1]}`) main(process.argv.slice(2));
