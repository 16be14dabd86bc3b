import { NUMBER_WORDS, parseQuantities } from './quantities.ts';

/**
 * What a claim asks for, beyond its stance: the figures it names ("a 30-day truce",
 * "1,200 prisoners each") and the qualifiers that change what is meant ("full",
 * "lasting", "unconditional" against "temporary", "partial", "limited"). Two claims of
 * the same stance whose terms differ state a materially different position (a 24–48
 * hour truce instead of a lasting ceasefire), which the `positions` projection records
 * as a change of kind `terms`.
 *
 * Part of the extractor's rules, and read from the same number reading as an
 * agreement's quantities (quantities.ts): a change here changes what a rebuild of the
 * read models records, so it ships with a new EXTRACTOR version (extract.ts).
 */

const QUALIFIERS: Record<string, string> = {
  full: 'full',
  complete: 'full',
  comprehensive: 'full',
  total: 'full',
  lasting: 'lasting',
  permanent: 'lasting',
  durable: 'lasting',
  'long-term': 'lasting',
  unconditional: 'unconditional',
  immediate: 'immediate',
  temporary: 'limited',
  brief: 'limited',
  short: 'limited',
  'short-term': 'limited',
  partial: 'limited',
  limited: 'limited',
  conditional: 'conditional',
};

/** Spans of time and distance ("30-day", "24 to 48 hours", "20 km"): counted things are quantities.ts's. */
const MEASURE =
  /\b(\d[\d,]*|one|two|three|four|five|six|seven|ten|thirty)(?:\s*(?:-|–|to|or)\s*(\d[\d,]*))?[\s-]*(hours?|days?|weeks?|months?|years?|km|kilometres?|kilometers?|miles?)\b/gi;
const UNIT_OF: Record<string, string> = { kilometre: 'km', kilometer: 'km' };

const numberOf = (word: string) => NUMBER_WORDS[word.toLowerCase()] ?? Number(word.replace(/,/g, ''));
const unitOf = (word: string) => {
  const singular = word.toLowerCase().replace(/s$/, '');
  return UNIT_OF[singular] ?? singular;
};

/** The terms of a claim's words, as a sorted list of canonical tokens ("30 day", "1200 prisoners per side", "full"). */
export function termsOf(words: string): string[] {
  const terms = new Set<string>();
  for (const token of words.toLowerCase().match(/[a-z]+(?:-[a-z]+)*/g) ?? []) {
    const q = QUALIFIERS[token];
    if (q) terms.add(q);
  }
  for (const m of words.matchAll(MEASURE)) {
    const unit = unitOf(m[3]!);
    for (const n of [m[1], m[2]]) if (n && Number.isFinite(numberOf(n))) terms.add(`${numberOf(n)} ${unit}`);
  }
  for (const q of parseQuantities(words)) terms.add(`${q.value} ${q.unit}${q.per ? ` per ${q.per}` : ''}`);
  return [...terms].sort();
}

/**
 * Whether two claims of the same stance ask for materially different things: both name terms, and not the same ones.
 */
export function materiallyDifferent(before: string, after: string): boolean {
  const a = termsOf(before);
  const b = termsOf(after);
  return a.length > 0 && b.length > 0 && a.join('|') !== b.join('|');
}
