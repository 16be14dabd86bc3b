import model from 'wink-eng-lite-web-model';
import winkNLP from 'wink-nlp';

/** A token of the normalised text with its offsets, universal POS tag and lemma. */
export interface Token {
  start: number;
  end: number;
  text: string;
  lower: string;
  pos: string;
  lemma: string;
}

export interface Sentence {
  start: number;
  end: number;
}

type Nlp = ReturnType<typeof winkNLP>;
let nlp: Nlp | null = null;

/** The wink pipeline is loaded once, on first use (about 70 ms), not at import. */
function pipeline(): Nlp {
  nlp ??= winkNLP(model, ['sbd', 'pos']);
  return nlp;
}

/**
 * Sentences and tokens of one paragraph, with offsets into the full text. wink reports
 * token values, not offsets, so offsets are recovered by searching forward from the last token.
 */
export function analyse(text: string, from: number, to: number): { sentences: Sentence[]; tokens: Token[] } {
  const w = pipeline();
  const its = w.its;
  const para = text.slice(from, to);
  const doc = w.readDoc(para);
  const tokens: Token[] = [];
  const values = doc.tokens().out(its.value) as string[];
  const pos = doc.tokens().out(its.pos) as string[];
  const lemmas = doc.tokens().out(its.lemma as unknown as typeof its.value) as string[];
  let cursor = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i] ?? '';
    const at = para.indexOf(v, cursor);
    if (at < 0 || at - cursor > 20) continue; // a normalised token (e.g. n't → not); skip it rather than misplace it
    tokens.push({
      start: from + at,
      end: from + at + v.length,
      text: v,
      lower: v.toLowerCase(),
      pos: pos[i] ?? 'X',
      lemma: (lemmas[i] ?? v).toLowerCase(),
    });
    cursor = at + v.length;
  }
  const sentences: Sentence[] = [];
  let sCursor = 0;
  doc.sentences().each((s: { out: () => string }) => {
    const v = s.out();
    const at = para.indexOf(v, sCursor);
    if (at < 0) return;
    sentences.push({ start: from + at, end: from + at + v.length });
    sCursor = at + v.length;
  });
  return { sentences, tokens };
}
