import { analyse, type Token } from './nlp.ts';

/**
 * A unit is what the labelling counts as one sentence: a sentence, or a passage inside one
 * pair of quotation marks however many sentences it holds, with the attribution around it.
 */
export interface Unit {
  start: number;
  end: number;
  text: string;
  tokens: Token[];
  /** Index of the paragraph the unit belongs to. */
  paragraph: number;
}

const OPEN = new Set(['“', '«', '„']);
const CLOSE = new Set(['”', '»']);

/** Whether a quotation is still open at the end of `s` (straight quotes toggle, curly ones nest). */
function quoteOpenAfter(s: string, open: boolean): boolean {
  let depth = open ? 1 : 0;
  for (const c of s) {
    if (c === '"') depth = depth > 0 ? 0 : 1;
    else if (OPEN.has(c)) depth = 1;
    else if (CLOSE.has(c)) depth = 0;
  }
  return depth > 0;
}

/**
 * The longest unit read as one. A news sentence, even a quotation of several, is far shorter; text that
 * runs on without an end (a list, a paste of markup) is read in pieces of about this size, so that the
 * work per unit stays bounded and an article's cost grows with its length, not with its square.
 */
export const MAX_UNIT_CHARS = 1200;

/** Pieces of a run-on span no longer than MAX_UNIT_CHARS, cut after a comma or a space. */
function pieces(start: number, end: number, text: string): [number, number][] {
  const out: [number, number][] = [];
  let at = start;
  while (end - at > MAX_UNIT_CHARS) {
    const window = text.slice(at, at + MAX_UNIT_CHARS);
    const cut = Math.max(window.lastIndexOf(', '), window.lastIndexOf('; '), window.lastIndexOf(' '));
    const next = at + (cut > MAX_UNIT_CHARS / 2 ? cut + 1 : MAX_UNIT_CHARS);
    out.push([at, next]);
    at = next;
  }
  out.push([at, end]);
  return out;
}

/**
 * Whether `after` is the rest of the sentence `before` began: it opens in lower case and `before` ends with no stop (a
 * page's markup or an inserted box cut the sentence in two).
 */
export const continuesSentence = (before: string, after: string): boolean =>
  /^\s*\p{Ll}/u.test(after) && !/[.!?…:;"”’)\]]\s*$/.test(before);

/**
 * The article's paragraphs as [start, end) spans. A paragraph that opens in lower case after one that
 * ends with no stop is the same sentence cut in two (a page's markup or an inserted box split it):
 * the two are read as one paragraph.
 */
function paragraphSpans(text: string): [number, number][] {
  const spans: [number, number][] = [];
  const paraRe = /[^\n]+(?:\n(?!\s*\n)[^\n]+)*/g;
  for (let m = paraRe.exec(text); m !== null; m = paraRe.exec(text)) {
    const start = m.index;
    const end = m.index + m[0].length;
    const last = spans[spans.length - 1];
    if (last && continuesSentence(text.slice(last[0], last[1]), m[0])) last[1] = end;
    else spans.push([start, end]);
  }
  return spans;
}

export function splitUnits(text: string): Unit[] {
  const units: Unit[] = [];
  let p = 0;
  for (const [paraStart, paraEnd] of paragraphSpans(text)) {
    const analysed = analyse(text, paraStart, paraEnd);
    const { tokens } = analysed;
    // A sentence that opens in lower case after one with no stop continues it (a paragraph cut in two).
    const sentences: { start: number; end: number }[] = [];
    for (const x of analysed.sentences) {
      const last = sentences[sentences.length - 1];
      if (last && continuesSentence(text.slice(last.start, last.end), text.slice(x.start, x.end))) last.end = x.end;
      else sentences.push({ start: x.start, end: x.end });
    }
    // Tokens are in order: a unit's are found by binary search, not by filtering them all.
    const firstAt = (pos: number) => {
      let lo = 0;
      let hi = tokens.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if ((tokens[mid] as Token).start < pos) lo = mid + 1;
        else hi = mid;
      }
      return lo;
    };
    const tokensIn = (a: number, b: number) => {
      const out: Token[] = [];
      for (let i = firstAt(a); i < tokens.length && (tokens[i] as Token).end <= b; i++) out.push(tokens[i] as Token);
      return out;
    };
    const splitLong = (a: number, b: number): [number, number][] =>
      sentences
        .filter((x) => x.end > a && x.start < b)
        .flatMap((x) => pieces(Math.max(a, x.start), Math.min(b, x.end), text));
    let current: { start: number; end: number } | null = null;
    let open = false;
    const flush = () => {
      if (!current) return;
      const { start, end } = current;
      const t = text.slice(start, end);
      const lead = t.length - t.trimStart().length;
      const trail = t.length - t.trimEnd().length;
      const s = start + lead;
      const e = end - trail;
      if (e > s) {
        // A quotation merged over many sentences, or text that never ends a sentence, is read sentence by sentence or
        // in pieces.
        const spans = e - s <= MAX_UNIT_CHARS ? [[s, e] as [number, number]] : splitLong(s, e);
        for (const [a, b] of spans) {
          const t0 = a + (text.slice(a, b).length - text.slice(a, b).trimStart().length);
          const t1 = b - (text.slice(a, b).length - text.slice(a, b).trimEnd().length);
          if (t1 > t0)
            units.push({ start: t0, end: t1, text: text.slice(t0, t1), tokens: tokensIn(t0, t1), paragraph: p });
        }
      }
      current = null;
    };
    for (const s of sentences) {
      const body = text.slice(s.start, s.end);
      // A closing quote that wink attached to the next sentence belongs to this one.
      current = current ? { start: current.start, end: s.end } : { start: s.start, end: s.end };
      open = quoteOpenAfter(body, open);
      if (!open) flush();
    }
    flush();
    p++;
  }
  return units;
}
