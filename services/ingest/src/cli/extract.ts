import { readFileSync, statSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { IsoDay } from '@claims/events';
import { extractArticle, MAX_INPUT_CHARS } from '@claims/extract';
import { formatOfPath, type Profile, parseProfile } from '@claims/profile';

const USAGE = 'usage: claims extract FILE [--published-at YYYY-MM-DD] [--url URL] [--profile FILE]';

class UsageError extends Error {}

function readText(path: string, what: string): string {
  let size: number;
  try {
    size = statSync(path).size;
  } catch {
    throw new UsageError(`cannot read ${what} ${path}`);
  }
  // Bytes, not characters: a cheap first bound before reading the file at all.
  if (size > MAX_INPUT_CHARS * 4) throw new UsageError(`${what} ${path} is too large (${(size / 1e6).toFixed(1)} MB)`);
  const bytes = readFileSync(path);
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new UsageError(`${what} ${path} is not valid UTF-8 text`);
  }
}

const isIsoDay = (s: string) => IsoDay.safeParse(s).success;

/**
 * `claims extract FILE`: prints the events of one article as a JSON array of `{ type, data }`
 * on standard output and nothing else; errors are one line on standard error, exit code 2.
 */
export async function extractCommand(argv: string[]): Promise<number> {
  try {
    let parsed: ReturnType<typeof parse>;
    try {
      parsed = parse(argv);
    } catch (err) {
      throw new UsageError(`${err instanceof Error ? err.message : String(err)}\n${USAGE}`);
    }
    const { values, positionals } = parsed;
    if (positionals.length !== 1) throw new UsageError(`expected one FILE\n${USAGE}`);
    const publishedAt = values['published-at'] || null;
    if (publishedAt && !isIsoDay(publishedAt))
      throw new UsageError(`--published-at must be a date as YYYY-MM-DD, got "${publishedAt}"`);
    let profile: Profile | undefined;
    if (values.profile) {
      const path = values.profile;
      profile = parseProfile(readText(path, 'profile'), formatOfPath(path));
    }
    const text = readText(positionals[0] ?? '', 'file');
    const isHtml = /\.html?$/i.test(positionals[0] ?? '');
    const result = extractArticle(
      { ...(isHtml ? { html: text } : { text }), url: values.url ?? null, publishedAt },
      profile ? { profile } : {},
    );
    process.stdout.write(`${JSON.stringify(result.events.map((e) => ({ type: e.type, data: e.data })))}\n`);
    process.stderr.write(`claims extract: ${result.events.length} event(s) from ${result.text.length} characters\n`);
    return 0;
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    process.stderr.write(`claims extract: ${message.split('\n')[0]}\n`);
    if (err instanceof UsageError && message.includes('\n'))
      process.stderr.write(`${message.split('\n').slice(1).join('\n')}\n`);
    return 2;
  }
}

function parse(argv: string[]) {
  return parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      'published-at': { type: 'string' },
      url: { type: 'string' },
      profile: { type: 'string' },
    },
  });
}
