/**
 * What a claim asks for, beyond its stance: the figures it names ("a 30-day truce",
 * "1,200 prisoners") and the qualifiers that change what is meant ("full", "lasting",
 * "unconditional" against "temporary", "partial", "limited"). Two claims of the same
 * stance whose terms differ state a materially different position (a 24–48 hour truce
 * instead of a lasting ceasefire), which domain.md counts as a position change.
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

const UNITS = /^(hours?|days?|weeks?|months?|years?|prisoners?|soldiers?|bodies|captives|pows?|people|children|kilometres?|kilometers?|km|miles?|troops)$/i;
const NUMBER_WORDS: Record<string, number> = { one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, ten: 10, thirty: 30 };

const singular = (unit: string) => unit.toLowerCase().replace(/(ies)$/, 'y').replace(/s$/, '');

/** The terms of a claim's words, as a sorted list of canonical tokens ("30 day", "full"). */
export function termsOf(words: string): string[] {
  const tokens = words.toLowerCase().match(/[a-z]+(?:-[a-z]+)*|\d[\d,.]*/g) ?? [];
  const terms = new Set<string>();
  tokens.forEach((t, i) => {
    const q = QUALIFIERS[t];
    if (q) terms.add(q);
    const n = /^\d/.test(t) ? Number(t.replace(/,/g, '')) : NUMBER_WORDS[t];
    if (n === undefined || Number.isNaN(n)) return;
    // "30-day" arrives as "30" then "day"; "24 to 48 hours" names its unit once, after the range.
    const unit = tokens.slice(i + 1, i + 4).find((u) => UNITS.test(u));
    if (unit) terms.add(`${n} ${singular(unit)}`);
  });
  return [...terms].sort();
}

/** Whether two claims of the same stance ask for materially different things: both name terms, and not the same ones. */
export function materiallyDifferent(before: string, after: string): boolean {
  const a = termsOf(before);
  const b = termsOf(after);
  return a.length > 0 && b.length > 0 && a.join('|') !== b.join('|');
}
