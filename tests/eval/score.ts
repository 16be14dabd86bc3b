/**
 * Scoring of extracted events against gold labels, in process. It follows the reference scorer
 * (`../shared/eval/score.mjs`) step for step, so that both give the same figures on the same set
 * (`score.test.ts` checks one set both ways): the same text search, the same overlap matching, the
 * same accuracies. On top it tallies errors by class and splits the figures by half.
 */

export const EVENT_TYPES = ['ClaimMade', 'MeetingProposed', 'AgreementReported'] as const;
export type EventType = (typeof EVENT_TYPES)[number];
const GOLD_KEY = { ClaimMade: 'claims', MeetingProposed: 'meetings', AgreementReported: 'agreements' } as const;

export type Item = Record<string, any>;
export interface GoldArticle {
  article: string;
  text: string;
  publishedAt: string | null;
  claims?: Item[];
  meetings?: Item[];
  agreements?: Item[];
}
export interface ScoredEvent {
  type: string;
  data: Item;
}

// ---- finding text (as score.mjs) ----------------------------------------------------------------------
const FOLD: Record<string, string> = {
  '\u2018': "'",
  '\u2019': "'",
  '\u201B': "'",
  '\u201C': '"',
  '\u201D': '"',
  '\u201E': '"',
  '\u2013': '-',
  '\u2014': '-',
  '\u2026': '...',
};
interface Folded {
  s: string;
  at: number[];
}
function fold(text: string): Folded {
  let s = '';
  const at: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const c = text[i] as string;
    const f = (FOLD[c] ?? (/\s/.test(c) ? '' : c)).toLowerCase();
    for (const ch of f) {
      s += ch;
      at.push(i);
    }
  }
  return { s, at };
}
type Range = [number, number];
function locateAll(folded: Folded, needle: unknown): Range[] {
  const n = fold(String(needle ?? '')).s;
  const out: Range[] = [];
  if (!n) return out;
  for (let i = folded.s.indexOf(n); i >= 0; i = folded.s.indexOf(n, i + 1)) {
    out.push([folded.at[i] as number, (folded.at[i + n.length - 1] as number) + 1]);
  }
  return out;
}
function locate(folded: Folded, needle: unknown, near = 0): Range | null {
  const all = locateAll(folded, needle);
  return all.length ? all.reduce((b, r) => (Math.abs(r[0] - near) < Math.abs(b[0] - near) ? r : b)) : null;
}
function eventRange(text: string, folded: Folded, d: Item): Range | null {
  const sp =
    d.span && Number.isInteger(d.span.start) && Number.isInteger(d.span.end) && d.span.end > d.span.start
      ? d.span
      : null;
  const q = typeof d.quote === 'string' && d.quote.trim() ? d.quote : null;
  if (sp && (!q || fold(text.slice(sp.start, sp.end)).s === fold(q).s)) return [sp.start, sp.end];
  const found = q && locate(folded, q, sp ? sp.start : 0);
  return found || (sp ? [sp.start, sp.end] : null);
}
const iou = (a: Range, b: Range): number => {
  const inter = Math.min(a[1], b[1]) - Math.max(a[0], b[0]);
  return inter > 0 ? inter / (Math.max(a[1], b[1]) - Math.min(a[0], b[0])) : 0;
};

// ---- matching (as score.mjs) --------------------------------------------------------------------------
const meets = (a: unknown, b: unknown): boolean => Array.isArray(a) && Array.isArray(b) && a.some((x) => b.includes(x));

function fit(type: EventType, g: Item, d: Item): number {
  if (type === 'ClaimMade') {
    if (d.side !== g.side) return 0;
    if (d.topic === g.topic && d.stance === g.stance) return 2;
    return ((g.alt ?? []) as Item[]).some((p) => p.topic === d.topic && p.stance === d.stance) ? 1 : 0;
  }
  if (type === 'MeetingProposed')
    return d.proposerSide === g.proposerSide && meets(g.participants, d.participants) ? 2 : 0;
  return d.topic === g.topic && meets(g.parties, d.parties) ? 2 : 0;
}

interface Located {
  item: Item;
  range: Range | null;
  /** Index of the event in the article's events (for events, not gold items). */
  at?: number;
}
function match(type: EventType, golds: Located[], events: Located[]) {
  const cands: { gi: number; ei: number; ov: number; f: number }[] = [];
  golds.forEach((g, gi) => {
    events.forEach((e, ei) => {
      const f = g.range && e.range ? fit(type, g.item, e.item) : 0;
      const ov = f && g.range && e.range ? iou(g.range, e.range) : 0;
      if (ov > 0) cands.push({ gi, ei, ov, f });
    });
  });
  cands.sort((a, b) => b.ov - a.ov || b.f - a.f || a.gi - b.gi || a.ei - b.ei);
  const gUsed = new Map<number, number>();
  const eUsed = new Set<number>();
  for (const c of cands) {
    if (!gUsed.has(c.gi) && !eUsed.has(c.ei)) {
      gUsed.set(c.gi, c.ei);
      eUsed.add(c.ei);
    }
  }
  return {
    pairs: [...gUsed].map(([gi, ei]) => [golds[gi], events[ei]] as [Located, Located]),
    fn: golds.filter((_, i) => !gUsed.has(i)),
    fp: events.filter((_, i) => !eUsed.has(i)),
  };
}

// ---- figures --------------------------------------------------------------------------------------------
export interface Counts {
  tp: number;
  fp: number;
  fn: number;
}
export interface Prf extends Counts {
  precision: number;
  recall: number;
  f1: number;
}
export const prf = ({ tp, fp, fn }: Counts): Prf => {
  const precision = tp + fp ? tp / (tp + fp) : 0;
  const recall = tp + fn ? tp / (tp + fn) : 0;
  return {
    tp,
    fp,
    fn,
    precision,
    recall,
    f1: precision + recall ? (2 * precision * recall) / (precision + recall) : 0,
  };
};

/** Error classes, in the order a unit's miss is explained: by its most basic wrong field first. */
export const ERROR_CLASSES = [
  'unit missed',
  'extra unit',
  'extra event in a labelled unit',
  'wrong side',
  'wrong topic',
  'wrong stance',
  'wrong meeting parties',
  'wrong agreement parties',
  'wrong speaker',
  'wrong date',
] as const;
export type ErrorClass = (typeof ERROR_CLASSES)[number];

export interface ArticleScore {
  article: string;
  counts: Record<EventType, Counts>;
  speaker: { right: number; of: number };
  madeOn: { right: number; of: number };
  /** The day of matched agreements whose gold gives one (or says it is null): the day each deal was reached. */
  agreementMadeOn: { right: number; of: number };
  errors: Record<ErrorClass, number>;
  /** Event confidence and whether it matched a gold item (for calibration). */
  confidence: { confidence: number; correct: boolean }[];
  /** Whether each event of the input (by index) matched a gold item; undefined for other types. */
  correct: (boolean | undefined)[];
  /** Gold claims by their stance: how many, and how many were found. */
  recallByStance: Record<string, { found: number; of: number }>;
  lines: string[];
}

const clip = (s: unknown, n = 100): string => {
  const t = String(s ?? '')
    .replace(/\s+/g, ' ')
    .trim();
  return t.length > n ? `${t.slice(0, n - 1)}…` : t;
};
const day = (v: unknown) => (typeof v === 'string' ? v.slice(0, 10) : (v ?? null));
function describe(type: EventType, x: Item): string {
  if (type === 'ClaimMade')
    return `${x.side}/${x.topic}/${x.stance} speaker=${x.speaker ?? null} madeOn=${JSON.stringify(x.madeOn ?? null)}`;
  if (type === 'MeetingProposed') return `${x.proposerSide} -> [${(x.participants ?? []).join(', ')}] ${x.level ?? ''}`;
  return `${x.topic} [${(x.parties ?? []).join(', ')}]`;
}

/** Why a gold item was missed when an unmatched event sits on the same words. */
function missClass(type: EventType, g: Item, e: Item): ErrorClass {
  if (type === 'ClaimMade') {
    if (g.side !== e.side) return 'wrong side';
    const topics = [g.topic, ...((g.alt ?? []) as Item[]).map((a) => a.topic)];
    return topics.includes(e.topic) ? 'wrong stance' : 'wrong topic';
  }
  if (type === 'MeetingProposed') return g.proposerSide !== e.proposerSide ? 'wrong side' : 'wrong meeting parties';
  return g.topic !== e.topic ? 'wrong topic' : 'wrong agreement parties';
}

/** Scores one article's events against its gold labels. */
export function scoreArticle(gold: GoldArticle, events: ScoredEvent[]): ArticleScore {
  const folded = fold(gold.text);
  const errors = Object.fromEntries(ERROR_CLASSES.map((c) => [c, 0])) as Record<ErrorClass, number>;
  const counts = Object.fromEntries(EVENT_TYPES.map((t) => [t, { tp: 0, fp: 0, fn: 0 }])) as Record<EventType, Counts>;
  const out: ArticleScore = {
    article: gold.article,
    counts,
    speaker: { right: 0, of: 0 },
    madeOn: { right: 0, of: 0 },
    agreementMadeOn: { right: 0, of: 0 },
    errors,
    confidence: [],
    correct: [],
    recallByStance: {},
    lines: [],
  };
  const goldRanges = EVENT_TYPES.flatMap((t) =>
    (gold[GOLD_KEY[t]] ?? []).map((item) => locate(folded, item.evidence)).filter((r): r is Range => r !== null),
  );
  for (const type of EVENT_TYPES) {
    const golds = (gold[GOLD_KEY[type]] ?? []).map((item) => ({ item, range: locate(folded, item.evidence) }));
    const evs = events
      .map((e, at) => ({ e, at }))
      .filter(({ e }) => e && e.type === type)
      .map(({ e, at }) => ({ item: e.data ?? {}, range: eventRange(gold.text, folded, e.data ?? {}), at }));
    const m = match(type, golds, evs);
    const c = counts[type];
    c.tp += m.pairs.length;
    c.fp += m.fp.length;
    c.fn += m.fn.length;
    for (const [, e] of m.pairs) {
      if (e.at !== undefined) out.correct[e.at] = true;
      if (typeof e.item.confidence === 'number') out.confidence.push({ confidence: e.item.confidence, correct: true });
    }
    for (const e of m.fp) {
      if (e.at !== undefined) out.correct[e.at] = false;
      if (typeof e.item.confidence === 'number') out.confidence.push({ confidence: e.item.confidence, correct: false });
    }

    // Classes: a missed gold item is explained by an unmatched event of its type on the same words, else the unit was
    // missed.
    const spare = new Set(m.fp);
    for (const g of m.fn) {
      const near = g.range ? [...spare].find((e) => e.range && iou(e.range, g.range as Range) > 0) : undefined;
      if (near) {
        spare.delete(near);
        errors[missClass(type, g.item, near.item)]++;
      } else errors['unit missed']++;
    }
    for (const e of spare) {
      const onGold = e.range && goldRanges.some((r) => iou(r, e.range as Range) > 0);
      errors[onGold ? 'extra event in a labelled unit' : 'extra unit']++;
    }

    for (const g of m.fn) out.lines.push(`  FN ${type} ${describe(type, g.item)}\n       "${clip(g.item.evidence)}"`);
    for (const e of m.fp) {
      const at = e.range ? ` @${e.range[0]}-${e.range[1]}` : ' (quote not found)';
      out.lines.push(`  FP ${type} ${describe(type, e.item)}${at}\n       "${clip(e.item.quote)}"`);
    }
    if (type === 'AgreementReported') {
      for (const [g, e] of m.pairs) {
        if (!('madeOn' in g.item)) continue;
        out.agreementMadeOn.of++;
        if (day(e.item.madeOn) === day(g.item.madeOn)) out.agreementMadeOn.right++;
        else
          out.lines.push(
            `  ~~ AgreementReported ${g.item.topic} madeOn ${JSON.stringify(e.item.madeOn ?? null)} (gold ${JSON.stringify(g.item.madeOn ?? null)})\n       "${clip(g.item.evidence)}"`,
          );
      }
    }
    if (type !== 'ClaimMade') continue;
    const tally = (g: Located, found: boolean) => {
      const stance = String(g.item.stance);
      const t = out.recallByStance[stance] ?? { found: 0, of: 0 };
      out.recallByStance[stance] = t;
      t.of++;
      if (found) t.found++;
    };
    for (const [g] of m.pairs) tally(g, true);
    for (const g of m.fn) tally(g, false);
    for (const [g, e] of m.pairs) {
      const spk = (e.item.speaker ?? null) === (g.item.speaker ?? null);
      const dt = day(e.item.madeOn) === day(g.item.madeOn);
      out.speaker.of++;
      out.madeOn.of++;
      if (spk) out.speaker.right++;
      else errors['wrong speaker']++;
      if (dt) out.madeOn.right++;
      else errors['wrong date']++;
      if (!spk || !dt) {
        out.lines.push(
          `  ~~ ClaimMade ${g.item.side}/${g.item.topic}/${g.item.stance}` +
            (spk ? '' : ` speaker ${e.item.speaker ?? null} (gold ${g.item.speaker ?? null})`) +
            (dt
              ? ''
              : ` madeOn ${JSON.stringify(e.item.madeOn ?? null)} (gold ${JSON.stringify(g.item.madeOn ?? null)})`) +
            `\n       "${clip(g.item.evidence)}"`,
        );
      }
    }
  }
  return out;
}

export interface SetScore {
  articles: number;
  byType: Record<EventType, Prf>;
  overall: Prf;
  matchedClaims: number;
  speakerAccuracy: number | null;
  madeOnAccuracy: number | null;
  /** Over matched agreements whose gold dates them (not a figure of score.mjs). */
  agreementMadeOn: { right: number; of: number };
  errors: Record<ErrorClass, number>;
  confidence: { confidence: number; correct: boolean }[];
  recallByStance: Record<string, { found: number; of: number }>;
}

/** Sums article scores into the figures the reference scorer prints (micro-averaged). */
export function sumScores(scores: ArticleScore[]): SetScore {
  const total = Object.fromEntries(EVENT_TYPES.map((t) => [t, { tp: 0, fp: 0, fn: 0 }])) as Record<EventType, Counts>;
  const errors = Object.fromEntries(ERROR_CLASSES.map((c) => [c, 0])) as Record<ErrorClass, number>;
  let spk = 0;
  let dt = 0;
  let of = 0;
  const agreementMadeOn = { right: 0, of: 0 };
  for (const s of scores) {
    agreementMadeOn.right += s.agreementMadeOn.right;
    agreementMadeOn.of += s.agreementMadeOn.of;
    for (const t of EVENT_TYPES) {
      total[t].tp += s.counts[t].tp;
      total[t].fp += s.counts[t].fp;
      total[t].fn += s.counts[t].fn;
    }
    for (const c of ERROR_CLASSES) errors[c] += s.errors[c];
    spk += s.speaker.right;
    dt += s.madeOn.right;
    of += s.speaker.of;
  }
  const all = EVENT_TYPES.reduce(
    (a, t) => ({ tp: a.tp + total[t].tp, fp: a.fp + total[t].fp, fn: a.fn + total[t].fn }),
    { tp: 0, fp: 0, fn: 0 },
  );
  return {
    articles: scores.length,
    byType: Object.fromEntries(EVENT_TYPES.map((t) => [t, prf(total[t])])) as Record<EventType, Prf>,
    overall: prf(all),
    matchedClaims: of,
    speakerAccuracy: of ? spk / of : null,
    madeOnAccuracy: of ? dt / of : null,
    agreementMadeOn,
    errors,
    confidence: scores.flatMap((s) => s.confidence),
    recallByStance: scores.reduce<Record<string, { found: number; of: number }>>((acc, s) => {
      for (const [stance, t] of Object.entries(s.recallByStance)) {
        const a = acc[stance] ?? { found: 0, of: 0 };
        acc[stance] = a;
        a.found += t.found;
        a.of += t.of;
      }
      return acc;
    }, {}),
  };
}
