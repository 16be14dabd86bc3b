import * as chrono from 'chrono-node';
import { ExtractError } from './errors.ts';
import {
  DATE_STAMP,
  DATELINE_LINE,
  isBullet,
  isCaptionLike,
  isFurniture,
  isUnterminated,
  LIVE_BLOG,
  opensWithDateline,
  startsTail,
  withoutCredit,
} from './furniture.ts';
import { looksLikeHtml, readHtml } from './html.ts';
import { continuesSentence } from './units.ts';

export interface ArticleInput {
  text?: string;
  html?: string;
  url?: string | null;
  publisher?: string | null;
  title?: string | null;
  /** YYYY-MM-DD */
  publishedAt?: string | null;
}

export interface ArticleMetadata {
  title: string | null;
  url: string | null;
  publisher: string | null;
  publishedAt: string | null;
}

/** Beyond this the input is not an article; refusing it keeps the extractor fast and bounded. */
export const MAX_INPUT_CHARS = 2_000_000;

function guard(raw: string): void {
  if (raw.length > MAX_INPUT_CHARS) {
    throw new ExtractError(
      `input too large: ${(raw.length / 1e6).toFixed(1)}M characters (limit ${MAX_INPUT_CHARS / 1e6}M)`,
    );
  }
  const sample = raw.length > 200_000 ? raw.slice(0, 200_000) : raw;
  let control = 0;
  let replacement = 0;
  for (let i = 0; i < sample.length; i++) {
    const c = sample.charCodeAt(i);
    if (c === 0) throw new ExtractError('input looks binary (contains NUL bytes)');
    if (c < 32 && c !== 9 && c !== 10 && c !== 13 && c !== 12) control++;
    else if (c === 0xfffd) replacement++;
  }
  if (control > sample.length * 0.01) throw new ExtractError('input looks binary (control characters)');
  if (replacement > Math.max(3, sample.length * 0.01)) throw new ExtractError('input is not valid UTF-8 text');
}

/**
 * The next index at or after `from` where `pattern` (a global regex) matches, remembered:
 * asked again from a later point before that index, the answer is the same, so a line
 * full of unclosed `[`, `(` or `<http` is scanned once, not once per opening.
 */
function nextFinder(pattern: RegExp) {
  let asked = -1;
  let found = -1;
  return (s: string, from: number): number => {
    if (asked >= 0 && from >= asked && (found < 0 || from <= found)) return found;
    pattern.lastIndex = from;
    const m = pattern.exec(s);
    asked = from;
    found = m ? m.index : -1;
    return found;
  };
}

/**
 * Markdown images `![alt](url)` dropped and links `[text](url)` reduced to their text,
 * as `!\[[^\]]*\]\([^)]*\)` and `\[([^\]]*)\]\((?:[^()]|\([^)]*\))*\)` would, but in one
 * pass: those expressions rescanned the rest of the line from every unclosed `[`.
 */
function markdownLinks(line: string, images: boolean): string {
  const opener = images ? '![' : '[';
  const bracket = nextFinder(/\]/g);
  const close = nextFinder(/\)/g);
  const nested = nextFinder(/[()]/g);
  // The link target after a `](`: where it ends, or -1. One target per `]`, whatever `[` it closes.
  const targets = new Map<number, number>();
  const targetEnd = (paren: number): number => {
    if (images) return close(line, paren + 1);
    let at = paren + 1;
    for (;;) {
      const c = nested(line, at);
      if (c < 0) return -1;
      if (line[c] === ')') return c;
      // One level of parentheses inside a url: `(…)` with no `)` inside it.
      const inner = close(line, c + 1);
      if (inner < 0) return -1;
      at = inner + 1;
    }
  };
  let out = '';
  let at = 0;
  for (;;) {
    const open = line.indexOf(opener, at);
    if (open < 0) break;
    const textStart = open + opener.length;
    const end = bracket(line, textStart);
    if (end < 0) break; // no `]` after this one, so none after any later opening either
    if (line[end + 1] !== '(') {
      out += line.slice(at, open + 1);
      at = open + 1;
      continue;
    }
    let target = targets.get(end);
    if (target === undefined) {
      target = targetEnd(end + 1);
      targets.set(end, target);
    }
    if (target < 0) {
      out += line.slice(at, open + 1);
      at = open + 1;
      continue;
    }
    out += line.slice(at, open) + (images ? '' : line.slice(textStart, end));
    at = target + 1;
  }
  return out + line.slice(at);
}

/** `<https://…>` autolinks reduced to the url, as `<(https?:\/\/[^>\s]+)>` would, in one pass. */
function autolinks(line: string): string {
  const stop = nextFinder(/[>\s]/g);
  let out = '';
  let at = 0;
  for (;;) {
    const open = line.indexOf('<http', at);
    if (open < 0) break;
    const scheme = /^<https?:\/\//.exec(line.slice(open, open + 9));
    const urlStart = open + (scheme?.[0].length ?? 0);
    const end = scheme ? stop(line, urlStart) : -1;
    if (!scheme || end <= urlStart || line[end] !== '>') {
      out += line.slice(at, open + 1);
      at = open + 1;
      continue;
    }
    out += line.slice(at, open) + line.slice(open + 1, end);
    at = end + 1;
  }
  return out + line.slice(at);
}

/** Markdown and link syntax reduced to the words a reader sees. */
export function plainLine(line: string): string {
  return autolinks(markdownLinks(markdownLinks(line, true), false))
    .replace(/\*\*([^*]+)\*\*/g, '$1')
    .replace(/(^|\s)__([^_]+)__(?=\s|$)/g, '$1$2')
    .replace(/^#{1,6}\s+/, '')
    .replace(/^>\s?/, '')
    .replace(/[ \t\u00a0\u2009\u202f]+/g, ' ')
    .trim();
}

/** A line that is nothing but a date ("August 07, 2019"): the dateline. */
function dateline(line: string): string | null {
  if (line.length > 40 || !/\d{4}/.test(line)) return null;
  const r = chrono.parse(line)[0];
  if (!r || r.text.length < line.replace(/[.,]$/, '').length - 2 || !r.start.isCertain('day')) return null;
  const d = r.start;
  const pad = (n: number | null) => String(n ?? 0).padStart(2, '0');
  return `${d.get('year')}-${pad(d.get('month'))}-${pad(d.get('day'))}`;
}

/**
 * The normalised article: the story's paragraphs joined by blank lines, furniture removed,
 * and the metadata the page carries (title, dateline, byline, canonical or "Original url").
 */
export function normaliseArticle(input: ArticleInput): { text: string; metadata: ArticleMetadata; sameDay: boolean } {
  const raw = input.html ?? input.text ?? '';
  if (typeof raw !== 'string') throw new ExtractError('input must be text');
  guard(raw);
  const meta: ArticleMetadata = {
    title: input.title ?? null,
    url: input.url ?? null,
    publisher: input.publisher ?? null,
    publishedAt: input.publishedAt ?? null,
  };
  let body = raw
    .normalize('NFC')
    .replace(/\r\n?/g, '\n')
    .replace(/[\u200b-\u200d\ufeff]/g, '');
  if (input.html !== undefined || looksLikeHtml(body)) {
    const doc = readHtml(body);
    body = doc.text;
    meta.title ??= doc.title;
    meta.url ??= doc.canonicalUrl;
    meta.publisher ??= doc.publisher;
    meta.publishedAt ??= doc.publishedAt;
  }

  const rawLines = body.split('\n');
  const lines = rawLines.map((l) => {
    // The page's date stamp runs into the line it heads: keep the words, note the date.
    const stamp = DATE_STAMP.exec(plainLine(l));
    if (stamp?.[1]) {
      meta.publishedAt ??= stamp[1];
      return plainLine(l).slice(stamp[0].length);
    }
    return plainLine(l);
  });
  let sameDay = lines.slice(0, 3).some((l) => LIVE_BLOG.test(l));
  const seen = new Map<string, number>();
  for (const l of lines) if (l.length > 40) seen.set(withoutCredit(l), (seen.get(withoutCredit(l)) ?? 0) + 1);
  const kept: string[] = [];
  const urlLine = lines.findIndex((l) => /^original url:?$/i.test(l));
  if (urlLine >= 0) {
    const next = lines.slice(urlLine + 1).find((l) => l);
    if (next && /^https?:\/\/\S+$/.test(next)) meta.url ??= next;
  }
  // For each line, the next non-empty one and the first non-empty non-bullet one after it, found in one
  // backward pass (looking ahead from every line made the whole pass quadratic in the lines).
  const nextLine: number[] = new Array(lines.length).fill(-1);
  const afterBullets: number[] = new Array(lines.length).fill(-1);
  for (let i = lines.length - 2, next = -1, nonBullet = -1; i >= 0; i--) {
    const l = lines[i + 1] ?? '';
    if (l) {
      next = i + 1;
      if (!isBullet(l)) nonBullet = i + 1;
    }
    nextLine[i] = next;
    afterBullets[i] = nonBullet;
  }
  const lineAfter = (i: number) => lines[nextLine[i] ?? -1] ?? '';
  let seenStory = false;
  for (let i = 0; i < lines.length; i++) {
    let line = lines[i] ?? '';
    const rawLine = rawLines[i] ?? '';
    if (!line) continue;
    // A block that opens in lower case after one with no stop is the rest of its sentence (the page's markup
    // cut it in two): the two are one block, so that neither half reads as a caption or a deck.
    for (let j = nextLine[i] ?? -1; j >= 0 && continuesSentence(line, lines[j] ?? ''); j = nextLine[i] ?? -1) {
      line = `${line}\n\n${lines[j]}`;
      i = j;
    }
    if (/^original url:?$/i.test(line)) {
      const next = lineAfter(i);
      if (next && /^https?:\/\/\S+$/.test(next)) meta.url ??= next;
      break; // the original-url footer closes the story
    }
    if (/^https?:\/\/\S+$/.test(line)) continue;
    if (seenStory && startsTail(line)) break;
    if (!seenStory && /^#{1,3}\s/.test(rawLine.trim()) && !meta.title) {
      meta.title = line;
      continue;
    }
    const by = /^by\s+(.{2,60})$/i.exec(line);
    if (by && !/[.!?]$/.test(line)) {
      meta.publisher ??= by[1]?.trim() ?? null;
      continue;
    }
    const day = dateline(line);
    if (day) {
      meta.publishedAt ??= day;
      continue;
    }
    if (isFurniture(line)) continue;
    // A caption sits right above its photo credit.
    const next = lineAfter(i);
    if (/^photo:|^\(?photo(?:graph)? (?:by|credit)/i.test(next)) continue;
    if (isBullet(line)) {
      // A bulleted summary box closed by an "AI generated" or "summary" label is not the story.
      const end = afterBullets[i] ?? -1;
      if (end >= 0 && /^(?:ai[- ]generated|summary)/i.test(lines[end] ?? '')) {
        i = end;
        continue;
      }
    }
    if (DATELINE_LINE.test(line) && !seenStory) {
      sameDay = true;
      continue;
    }
    if (isCaptionLike(line)) {
      if (!seenStory && !meta.title && line.split(/\s+/).length >= 4) meta.title = line;
      continue;
    }
    // A line printed twice (a caption under its photo and again as alt text) or the headline again is not the story.
    if ((seen.get(withoutCredit(line)) ?? 0) > 1 || (meta.title && line === meta.title)) continue;
    if (!seenStory && opensWithDateline(line)) sameDay = true;
    seenStory = true;
    kept.push(line);
  }
  // Headlines, decks, labels and widget residue do not end as sentences do; only the last block may be cut off.
  const body2 = kept.filter((l, i) => i === kept.length - 1 || !isUnterminated(l));
  return { text: body2.join('\n\n'), metadata: meta, sameDay };
}
