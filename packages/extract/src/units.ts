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

export function splitUnits(text: string): Unit[] {
  const units: Unit[] = [];
  const paraRe = /[^\n]+(?:\n(?!\s*\n)[^\n]+)*/g;
  let p = 0;
  for (let m = paraRe.exec(text); m !== null; m = paraRe.exec(text), p++) {
    const { sentences, tokens } = analyse(text, m.index, m.index + m[0].length);
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
      if (e > s) units.push({ start: s, end: e, text: text.slice(s, e), tokens: tokens.filter((k) => k.start >= s && k.end <= e), paragraph: p });
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
  }
  return units;
}
