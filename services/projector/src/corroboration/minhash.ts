/**
 * Near-duplicate detection of articles: MinHash signatures over word shingles of the normalised
 * text, banded for locality-sensitive lookup. Small and written out here rather than taken from a
 * package: the npm MinHash libraries are unmaintained (minhash 0.0.9) or a whole toolbox of
 * probabilistic structures (bloom-filters), and a signature stored in the read models must stay
 * exactly reproducible on a rebuild, so its hash functions are fixed in this file.
 */

/** Words per shingle: long enough that two different reports rarely share many, short enough to survive edits. */
const SHINGLE_WORDS = 5;
/** Hash functions per signature: the error of the estimated Jaccard similarity is about 1/sqrt(128) ≈ 0.09. */
export const SIGNATURE_SIZE = 128;
/**
 * 32 bands of 4 rows: two texts of similarity 0.5 share a band with probability 1 - (1 - 0.5^4)^32 ≈ 0.87, of 0.7 ≈
 * 0.9995.
 */
const ROWS = 4; // `bandOf` writes its four values out
const BANDS = SIGNATURE_SIZE / ROWS;
/**
 * Estimated Jaccard similarity from which an article counts as a copy of another (a wire story with a new header and
 * footer).
 */
export const COPY_SIMILARITY = 0.5;
/**
 * Fewer shingles than this (about 45 words) and a text is too short to call a copy of anything by its
 * wording: two three-sentence briefs from one template ("X asks for a truce of 48 hours") share most of theirs.
 */
const MIN_SHINGLES = 40;

/** Lower case, letters and digits only, one space between words: a header's markup or punctuation changes nothing. */
export function wordsOf(text: string): string[] {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w.length > 0);
}

/** FNV-1a, 32 bits. */
function fnv1a(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** A 32-bit finaliser (murmur3's): spreads `h ^ seed` over all bits, one independent-enough hash per seed. */
function mix(h: number, seed: number): number {
  return mixSigned(h, seed) >>> 0;
}

/** `mix` as a signed 32-bit integer (the same bits). */
function mixSigned(h: number, seed: number): number {
  let x = h ^ seed;
  x ^= x >>> 16;
  x = Math.imul(x, 0x85ebca6b);
  x ^= x >>> 13;
  x = Math.imul(x, 0xc2b2ae35);
  return x ^ (x >>> 16);
}

/** Fixed seeds from a linear congruential generator: the same on every machine and every rebuild. */
const SEEDS = Array.from({ length: SIGNATURE_SIZE }, (_, i) => mix(0x9e3779b9, i + 1));

export interface Signature {
  /** The minimum of each hash function over the shingles, as signed 32-bit integers (PostgreSQL integer[]). */
  values: number[];
  /** Band keys `band:v1.v2.v3.v4`: texts sharing one are candidates. Empty when the text is too short. */
  bands: string[];
}

export function signatureOf(text: string): Signature {
  const words = wordsOf(text);
  const shingles = new Set<number>();
  for (let i = 0; i + SHINGLE_WORDS <= words.length; i++) shingles.add(shingleHash(words, i));
  if (shingles.size === 0 && words.length > 0) shingles.add(fnv1a(words.join(' ')));
  // The minima over a typed array, in 32-bit integers: iterating the Set for each hash function, and comparing unsigned
  // values (doubles above 2^31), were most of the work. `x ^ 0x80000000` orders as signed what `x` does as unsigned.
  const hashes = Int32Array.from(shingles);
  const values: number[] = new Array(SIGNATURE_SIZE);
  for (let s = 0; s < SIGNATURE_SIZE; s++) {
    const seed = SEEDS[s]!;
    let min = 0x7fffffff;
    for (let j = 0; j < hashes.length; j++) {
      const v = mixSigned(hashes[j]!, seed) ^ 0x80000000;
      if (v < min) min = v;
    }
    values[s] = min ^ 0x80000000;
  }
  const bands = shingles.size < MIN_SHINGLES ? [] : Array.from({ length: BANDS }, (_, b) => bandOf(values, b));
  return { values, bands };
}

/** `fnv1a` of the shingle of words `at`.. joined by spaces, without making that string. */
function shingleHash(words: readonly string[], at: number): number {
  let h = 0x811c9dc5;
  for (let w = at; w < at + SHINGLE_WORDS; w++) {
    if (w > at) h = Math.imul(h ^ 0x20, 0x01000193);
    const word = words[w]!;
    for (let i = 0; i < word.length; i++) h = Math.imul(h ^ word.charCodeAt(i), 0x01000193);
  }
  return h >>> 0;
}

/** Band `b` of a signature's values, as `Signature.bands` gives it: `b:v1.v2.v3.v4`. */
export function bandOf(values: readonly number[] | Int32Array, b: number): string {
  // Written out (ROWS = 4): a slice and a join for every band were a fifth of the signature's time.
  const i = b * ROWS;
  return `${b}:${values[i]}.${values[i + 1]}.${values[i + 2]}.${values[i + 3]}`;
}

/** A 32-bit hash of a band's key (FNV-1a): where a build keeps it in memory, a number takes less room than its text. */
export const bandHash = (band: string): number => fnv1a(band) | 0;

/** The estimated Jaccard similarity of two texts' shingle sets: the share of hash functions whose minima agree. */
export function similarity(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let same = 0;
  for (let i = 0; i < SIGNATURE_SIZE; i++) if (a[i] === b[i]) same++;
  return same / SIGNATURE_SIZE;
}
