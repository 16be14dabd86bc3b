/** What an HTML page says about itself, and its text with block structure kept as blank lines. */
export interface HtmlDocument {
  text: string;
  title: string | null;
  canonicalUrl: string | null;
  publisher: string | null;
  publishedAt: string | null;
}

const ENTITIES: Record<string, string> = {
  amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ', ndash: '–', mdash: '—', hellip: '…',
  lsquo: '‘', rsquo: '’', ldquo: '“', rdquo: '”', laquo: '«', raquo: '»', eacute: 'é', copy: '©',
};

export function decodeEntities(s: string): string {
  return s.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (all, e: string) => {
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

function meta(html: string, names: string[]): string | null {
  for (const tag of html.match(/<meta\b[^>]*>/gi) ?? []) {
    const key = (attr(tag, 'property') ?? attr(tag, 'name') ?? attr(tag, 'itemprop') ?? '').toLowerCase();
    if (names.includes(key)) return attr(tag, 'content');
  }
  return null;
}

/** Looks like HTML rather than text or markdown: a doctype or several block tags. */
export const looksLikeHtml = (s: string): boolean =>
  /^\s*<(?:!doctype|html|head|body)\b/i.test(s) || (s.match(/<\/?(?:p|div|article|span|br|h[1-6])\b[^>]*>/gi)?.length ?? 0) >= 3;

/** A small, linear-time HTML reader: no DOM, no scripts; enough for news pages. */
export function readHtml(html: string): HtmlDocument {
  const titleTag = /<title\b[^>]*>([\s\S]*?)<\/title>/i.exec(html)?.[1];
  const canonicalTag = (html.match(/<link\b[^>]*>/gi) ?? []).find((t) => /rel\s*=\s*["']?canonical/i.test(t));
  const published = meta(html, ['article:published_time', 'datepublished', 'pubdate', 'date', 'og:published_time']);
  let body = html
    .replace(/<!--[\s\S]*?-->/g, ' ')
    .replace(/<(script|style|noscript|template|svg|nav|header|footer|aside|figure|figcaption|form|button|iframe)\b[\s\S]*?<\/\1\s*>/gi, '\n\n')
    .replace(/<head\b[\s\S]*?<\/head\s*>/i, ' ');
  const article = /<article\b[\s\S]*?<\/article\s*>/i.exec(body)?.[0];
  if (article) body = article;
  body = body
    .replace(/<br\s*\/?>/gi, '\n')
    .replace(/<\/?(?:p|div|section|article|main|h[1-6]|li|ul|ol|blockquote|table|tr)\b[^>]*>/gi, '\n\n')
    .replace(/<[^>]*>/g, '');
  const text = decodeEntities(body)
    .replace(/[ \t\u00a0]+/g, ' ')
    .replace(/ *\n */g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
  return {
    text,
    title: (meta(html, ['og:title']) ?? (titleTag ? decodeEntities(titleTag).replace(/\s+/g, ' ').trim() : null)) || null,
    canonicalUrl: (canonicalTag && attr(canonicalTag, 'href')) || meta(html, ['og:url']) || null,
    publisher: meta(html, ['og:site_name', 'publisher']),
    publishedAt: published && /^\d{4}-\d{2}-\d{2}/.test(published) ? published.slice(0, 10) : null,
  };
}
