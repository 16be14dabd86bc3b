import { describe, expect, it } from 'vitest';
import { readHtml } from './html.ts';
import { plainLine } from './normalise.ts';

/*
 * The linear readers of markdown and HTML must read pages as the regular expressions they
 * replaced did (those rescanned the rest of the input from every unclosed `[`, `<!--` or
 * `<`). The old expressions are kept here as the reference, and both read the same
 * random pieces of hostile markup.
 */
const oldPlainLine = (line: string) =>
  line
    .replace(/!\[[^\]]*\]\([^)]*\)/g, '')
    .replace(/\[([^\]]*)\]\((?:[^()]|\([^)]*\))*\)/g, '$1')
    .replace(/<(https?:\/\/[^>\s]+)>/g, '$1')
    .replace(/\*\*([^*]+)\*\*/g, '$1')
    .replace(/(^|\s)__([^_]+)__(?=\s|$)/g, '$1$2')
    .replace(/^#{1,6}\s+/, '')
    .replace(/^>\s?/, '')
    .replace(/[ \t\u00a0\u2009\u202f]+/g, ' ')
    .trim();

function oldHtmlText(html: string): string {
  let body = html
    .replace(/<!--[\s\S]*?-->/g, ' ')
    .replace(
      /<(script|style|noscript|template|svg|nav|header|footer|aside|figure|figcaption|form|button|iframe)\b[\s\S]*?<\/\1\s*>/gi,
      '\n\n',
    )
    .replace(/<head\b[\s\S]*?<\/head\s*>/i, ' ');
  const article = /<article\b[\s\S]*?<\/article\s*>/i.exec(body)?.[0];
  if (article) body = article;
  body = body
    .replace(/<br\s*\/?>/gi, '\n')
    .replace(/<\/?(?:p|div|section|article|main|h[1-6]|li|ul|ol|blockquote|table|tr)\b[^>]*>/gi, '\n\n')
    .replace(/<[^>]*>/g, '');
  return body
    .replace(/&amp;/g, '&')
    .replace(/[ \t\u00a0]+/g, ' ')
    .replace(/ *\n */g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

function random(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const pieces = (seed: number, alphabet: string[], n: number) => {
  const r = random(seed);
  return Array.from({ length: n }, () => alphabet[Math.floor(r() * alphabet.length)]).join('');
};

describe('markdown links, images and autolinks', () => {
  const alphabet = ['[', ']', '(', ')', '![', 'x', ' ', 'ab', '<', '>', '<http://', '<https://a.b', '**', '__', '\t'];
  it('reads 5,000 random lines as the old expressions did', () => {
    for (let seed = 1; seed <= 5_000; seed++) {
      const line = pieces(seed, alphabet, 1 + (seed % 30));
      expect(plainLine(line), JSON.stringify(line)).toBe(oldPlainLine(line));
    }
  });

  it('keeps what a reader sees of links, images and autolinks', () => {
    expect(plainLine('See [the report](https://e.org/a_(b)) and ![a photo](p.jpg) at <https://e.org>.')).toBe(
      'See the report and at https://e.org.',
    );
    expect(plainLine('[x](a'.repeat(3))).toBe('[x](a[x](a[x](a');
  });
});

describe('HTML', () => {
  const alphabet = [
    '<p>',
    '</p>',
    '<div class="a">',
    '</div>',
    '<br>',
    '<br/>',
    '<!-- c -->',
    '<script>',
    '</script>',
    '<nav>',
    '</nav>',
    '<article>',
    '</article>',
    '<head>',
    '</head>',
    '<span>',
    'text',
    ' ',
    '>',
    '&amp;',
    '\n',
    '<h2>',
    '</h2>',
    '<style>',
    '</style>',
  ];
  it('reads 5,000 random pages as the old expressions did', () => {
    for (let seed = 1; seed <= 5_000; seed++) {
      const html = pieces(seed, alphabet, 1 + (seed % 40));
      expect(readHtml(html).text, JSON.stringify(html)).toBe(oldHtmlText(html));
    }
  });

  it('reads a stray "<" as text, as browsers do', () => {
    expect(readHtml('<p>3 < 4</p><p>a <<b>c</b></p>').text).toBe('3 < 4\n\na <c');
  });

  it('reads an unclosed comment as running to the end of the page, as browsers do', () => {
    expect(readHtml('<p>kept</p><!-- <p>hidden</p>').text).toBe('kept');
    expect(readHtml('<!--'.repeat(1000)).text).toBe('');
  });

  it('takes the title, canonical url, publisher and date from the head', () => {
    const doc = readHtml(
      '<html><head><title>A &amp; B</title><link rel="canonical" href="https://e.org/a"><meta ' +
        'property="og:site_name" content="E"><meta name="date" content="2024-03-05T10:00"></head><body><p>Text.</p></body></html>',
    );
    expect(doc).toEqual({
      text: 'Text.',
      title: 'A & B',
      canonicalUrl: 'https://e.org/a',
      publisher: 'E',
      publishedAt: '2024-03-05',
    });
  });
});
