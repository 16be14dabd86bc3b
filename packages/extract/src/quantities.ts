import type { Quantity } from '@claims/events';

/** Numbers written as words, as news reports write them ("dozens" taken as two dozen). */
export const NUMBER_WORDS: Record<string, number> = {
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  eleven: 11,
  twelve: 12,
  fifteen: 15,
  twenty: 20,
  thirty: 30,
  forty: 40,
  fifty: 50,
  hundred: 100,
  dozens: 24,
  hundreds: 200,
  thousands: 2000,
};
const UNITS: [RegExp, string][] = [
  [/^(?:prisoners(?: of war)?|pows?|captives|servicem[ae]n|soldiers and civilians|detainees)/i, 'prisoners'],
  [/^(?:bodies|remains)/i, 'bodies'],
  [/^(?:killed |fallen |dead )?soldiers/i, 'soldiers'],
  [/^children/i, 'children'],
  [/^civilians/i, 'civilians'],
  [/^(?:days|hours|weeks)/i, ''],
];
const NUMBER =
  /\b(\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|fifty|hundreds|thousands)(?:\s+(thousand|million))?\s+/gi;

/**
 * Numbers with units in an agreement's words: "1,200 prisoners of war each" → 1200 prisoners per
 * side; "the bodies of 3,000 killed soldiers" → 3000 bodies.
 */
export function parseQuantities(words: string): Quantity[] {
  const out: Quantity[] = [];
  NUMBER.lastIndex = 0;
  for (let m = NUMBER.exec(words); m !== null; m = NUMBER.exec(words)) {
    const raw = (m[1] ?? '').toLowerCase();
    let value = NUMBER_WORDS[raw] ?? Number(raw.replace(/,/g, ''));
    if (m[2]) value *= m[2].toLowerCase() === 'million' ? 1e6 : 1e3;
    if (!Number.isFinite(value)) continue;
    const rest = words.slice(m.index + m[0].length);
    const unitHit = UNITS.find(([re]) => re.test(rest));
    if (!unitHit?.[1]) continue;
    const before = words.slice(Math.max(0, m.index - 16), m.index).toLowerCase();
    const unit = /bodies of\s*$|remains of\s*$/.test(before) ? 'bodies' : unitHit[1];
    const tail = rest.slice(0, 60);
    const per = /^\S+(?: of war)?\s+(?:each|apiece|from each side|on each side|per side|for each side)\b/i.test(tail)
      ? 'side'
      : null;
    out.push({ value, unit, per });
  }
  return out;
}
