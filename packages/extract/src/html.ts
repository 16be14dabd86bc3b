/** What an HTML page says about itself, and its text with block structure kept as blank lines. */
export interface HtmlDocument {
  text: string;
  title: string | null;
  canonicalUrl: string | null;
  publisher: string | null;
  publishedAt: string | null;
}

const ENTITIES: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: ' ',
  ndash: '–',
  mdash: '—',
  hellip: '…',
  lsquo: '‘',
  rsquo: '’',
  ldquo: '“',
  rdquo: '”',
  laquo: '«',
  raquo: '»',
  eacute: 'é',
  copy: '©',
};

export function decodeEntities(s: string): string {
  // Bounded names and digits: no entity is longer, and a long run of letters after `&` costs nothing.
  return s.replace(/&(#x[0-9a-f]{1,8}|#\d{1,8}|[a-z]{1,32});/gi, (all, e: string) => {
    if (e[0] === '#') {
      const code = e[1] === 'x' || e[1] === 'X' ? Number.parseInt(e.slice(2), 16) : Number.parseInt(e.slice(1), 10);
      return Number.isFinite(code) && code > 0 && code < 0x110000 ? String.fromCodePoint(code) : all;
    }
    return ENTITIES[e.toLowerCase()] ?? all;
  });
}

const attr = (tag: string, name: string): string | null => {
  const m = new RegExp(`\\b${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)')`, 'i').exec(tag);
  return m ? decodeEntities(m[1] ?? m[2] ?? '') : null;
};

/**
 * One piece of a page: text between tags, a tag (`<` to the next `>`), or a comment.
 * Pages are split once, in one pass, and everything else works on the pieces: the
 * regular expressions this replaces (`<!--[\s\S]*?-->`, `<[^>]*>` …) rescanned the rest
 * of the page from every unclosed `<!--` or `<`, which made hostile pages quadratic.
 */
interface Piece {
  kind: 'text' | 'tag' | 'comment';
  raw: string;
  /** Lower-case tag name (`p`, `/p`, `!doctype`), for tags. */
  name: string;
}

const TAG_NAME = /^<(\/?[!a-z][a-z0-9:-]*)/i;
const ANGLE = /[<>]/g;

function splitPage(html: string): Piece[] {
  const pieces: Piece[] = [];
  let at = 0;
  while (at < html.length) {
    const open = html.indexOf('<', at);
    if (open < 0) break;
    if (open > at) pieces.push({ kind: 'text', raw: html.slice(at, open), name: '' });
    if (html.startsWith('<!--', open)) {
      // An unclosed comment runs to the end of the page, as browsers read it.
      const close = html.indexOf('-->', open + 4);
      at = close < 0 ? html.length : close + 3;
      pieces.push({ kind: 'comment', raw: '', name: '' });
      continue;
    }
    // A tag is `<` to the next `>` with no other `<` between; a stray `<` is text.
    ANGLE.lastIndex = open + 1;
    const close = ANGLE.exec(html)?.index ?? -1;
    if (close < 0) {
      at = open;
      break;
    }
    if (html[close] === '<') {
      pieces.push({ kind: 'text', raw: html.slice(open, close), name: '' });
      at = close;
      continue;
    }
    const raw = html.slice(open, close + 1);
    pieces.push({ kind: 'tag', raw, name: TAG_NAME.exec(raw)?.[1]?.toLowerCase() ?? '' });
    at = close + 1;
  }
  if (at < html.length) pieces.push({ kind: 'text', raw: html.slice(at), name: '' });
  return pieces;
}

/** Elements whose content is never the story: dropped with what they hold. */
const DROPPED = new Set([
  'script',
  'style',
  'noscript',
  'template',
  'svg',
  'nav',
  'header',
  'footer',
  'aside',
  'figure',
  'figcaption',
  'form',
  'button',
  'iframe',
]);
const BLOCK = new Set([
  'p',
  'div',
  'section',
  'article',
  'main',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'li',
  'ul',
  'ol',
  'blockquote',
  'table',
  'tr',
]);

/**
 * For each tag name, the indices of its closing tags in order, so that "the next `</name>`
 * after piece i" is found by moving a pointer forward, never by searching again.
 */
function closers(pieces: Piece[]) {
  const byName = new Map<string, number[]>();
  pieces.forEach((p, i) => {
    if (p.kind === 'tag' && p.name.startsWith('/')) {
      const list = byName.get(p.name.slice(1)) ?? [];
      list.push(i);
      byName.set(p.name.slice(1), list);
    }
  });
  const cursor = new Map<string, number>();
  return (name: string, after: number): number => {
    const list = byName.get(name);
    if (!list) return -1;
    let k = cursor.get(name) ?? 0;
    while (k < list.length && list[k]! <= after) k++;
    cursor.set(name, k);
    return k < list.length ? list[k]! : -1;
  };
}

const tagsNamed = (pieces: Piece[], name: string) =>
  pieces.filter((p) => p.kind === 'tag' && p.name === name).map((p) => p.raw);

function meta(metas: string[], names: string[]): string | null {
  for (const tag of metas) {
    const key = (attr(tag, 'property') ?? attr(tag, 'name') ?? attr(tag, 'itemprop') ?? '').toLowerCase();
    if (names.includes(key)) return attr(tag, 'content');
  }
  return null;
}

/** Looks like HTML rather than text or markdown: a doctype or several block tags. */
export function looksLikeHtml(s: string): boolean {
  if (/^\s*<(?:!doctype|html|head|body)\b/i.test(s)) return true;
  let found = 0;
  let at = 0;
  // Tags are `<` to the first `>`; past the last `>` there is none to find.
  const lastClose = s.lastIndexOf('>');
  while (found < 3) {
    const open = s.indexOf('<', at);
    if (open < 0 || open > lastClose) return false;
    const name = TAG_NAME.exec(s.slice(open, open + 12))?.[1]
      ?.toLowerCase()
      .replace(/^\//, '');
    if (name && /^(?:p|div|article|span|br|h[1-6])$/.test(name)) found++;
    at = open + 1;
  }
  return true;
}

/** A small, linear-time HTML reader: no DOM, no scripts; enough for news pages. */
export function readHtml(html: string): HtmlDocument {
  const pieces = splitPage(html);
  const nextClose = closers(pieces);
  const metas = tagsNamed(pieces, 'meta');

  const titleAt = pieces.findIndex((p) => p.kind === 'tag' && p.name === 'title');
  const titleEnd = titleAt >= 0 ? nextClose('title', titleAt) : -1;
  const titleTag =
    titleEnd >= 0
      ? pieces
          .slice(titleAt + 1, titleEnd)
          .map((p) => (p.kind === 'comment' ? '' : p.raw))
          .join('')
      : undefined;
  const canonicalTag = tagsNamed(pieces, 'link').find((t) => /rel\s*=\s*["']?canonical/i.test(t));
  const published = meta(metas, ['article:published_time', 'datepublished', 'pubdate', 'date', 'og:published_time']);

  // Drop comments and furniture elements with their content, then the first <head> (in that order, as before).
  const unfurnished: Piece[] = [];
  for (let i = 0; i < pieces.length; i++) {
    const p = pieces[i]!;
    if (p.kind === 'comment') {
      unfurnished.push({ kind: 'text', raw: ' ', name: '' });
      continue;
    }
    if (p.kind === 'tag' && DROPPED.has(p.name)) {
      const end = nextClose(p.name, i);
      if (end >= 0) {
        unfurnished.push({ kind: 'text', raw: '\n\n', name: '' });
        i = end;
        continue;
      }
    }
    unfurnished.push(p);
  }
  let kept = unfurnished;
  const headAt = unfurnished.findIndex((p) => p.kind === 'tag' && p.name === 'head');
  const headEnd =
    headAt < 0 ? -1 : unfurnished.findIndex((p, i) => i > headAt && p.kind === 'tag' && p.name === '/head');
  if (headEnd >= 0)
    kept = [...unfurnished.slice(0, headAt), { kind: 'text', raw: ' ', name: '' }, ...unfurnished.slice(headEnd + 1)];
  // The first <article>, when there is one, is the story.
  let body = kept;
  const articleAt = kept.findIndex((p) => p.kind === 'tag' && p.name === 'article');
  if (articleAt >= 0) {
    const end = kept.findIndex((p, i) => i > articleAt && p.kind === 'tag' && p.name === '/article');
    if (end >= 0) body = kept.slice(articleAt, end + 1);
  }
  const flat = body
    .map((p) => {
      if (p.kind !== 'tag') return p.raw;
      const name = p.name.replace(/^\//, '');
      if (name === 'br' && !p.name.startsWith('/')) return '\n';
      return BLOCK.has(name) ? '\n\n' : '';
    })
    .join('');
  const text = decodeEntities(flat)
    .replace(/[ \t\u00a0]+/g, ' ')
    .replace(/ *\n */g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
  return {
    text,
    title:
      (meta(metas, ['og:title']) ??
        (titleTag !== undefined ? decodeEntities(titleTag).replace(/\s+/g, ' ').trim() : null)) ||
      null,
    // Only an http(s) address is an article's url: a `javascript:` canonical link is ignored, not stored.
    canonicalUrl:
      [canonicalTag && attr(canonicalTag, 'href'), meta(metas, ['og:url'])].find((u) => u && /^https?:\/\//i.test(u)) ||
      null,
    publisher: meta(metas, ['og:site_name', 'publisher']),
    publishedAt: published && /^\d{4}-\d{2}-\d{2}/.test(published) ? published.slice(0, 10) : null,
  };
}
