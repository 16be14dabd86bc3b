import { readFileSync, statSync } from 'node:fs';
import { relative } from 'node:path';
import { parseArgs } from 'node:util';
import { openDatabase } from '@claims/db';
import { IsoDay } from '@claims/events';
import { createEventStore } from '@claims/eventstore';
import { MAX_INPUT_CHARS } from '@claims/extract';
import { formatOfPath, parseProfile } from '@claims/profile';
import { ExtractionPool } from '../extraction/pool.ts';
import { ingestArticle } from '../ingest-article.ts';
import { expandPaths, readFileMeta } from './files.ts';
import { progressBar } from './progress.ts';

const USAGE = `usage: claims ingest PATH... [--published-at YYYY-MM-DD] [--url URL] [--publisher NAME] [--meta-dir DIR] [--profile FILE]

PATH is a file, a folder (its .txt, .md and .html files, recursively) or a glob.
Metadata per file, most specific first: FILE.meta.json beside it (or in --meta-dir),
then the flags, then what the text itself says (a dateline, an "Original url:" line).`;

class UsageError extends Error {}

function parseIngestArgs(argv: string[]) {
  return parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      'published-at': { type: 'string' },
      url: { type: 'string' },
      publisher: { type: 'string' },
      'meta-dir': { type: 'string' },
      profile: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
}

const isIsoDay = (s: string) => IsoDay.safeParse(s).success;

function readArticleFile(path: string): string {
  const size = statSync(path).size;
  if (size === 0) throw new Error('empty file');
  if (size > MAX_INPUT_CHARS * 4) throw new Error(`too large (${(size / 1e6).toFixed(1)} MB)`);
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(readFileSync(path));
  } catch {
    throw new Error('not valid UTF-8 text');
  }
}

/** `claims ingest PATH...`: registers articles and their facts, with a progress bar and a summary. */
export async function ingestCommand(argv: string[]): Promise<number> {
  let parsed: ReturnType<typeof parseIngestArgs>;
  try {
    parsed = parseIngestArgs(argv);
  } catch (err) {
    process.stderr.write(`claims ingest: ${(err as Error).message}\n${USAGE}\n`);
    return 2;
  }
  const { values, positionals } = parsed;
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  try {
    if (positionals.length === 0) throw new UsageError('name at least one file, folder or glob');
    if (values['published-at'] && !isIsoDay(values['published-at'])) {
      throw new UsageError(`--published-at must be a date as YYYY-MM-DD, got "${values['published-at']}"`);
    }
    if (values.url && !/^https?:\/\//i.test(values.url))
      throw new UsageError(`--url must be an http or https URL: "${values.url}"`);
    if (values.url && !URL.canParse(values.url)) throw new UsageError(`--url is not a URL: "${values.url}"`);
  } catch (err) {
    process.stderr.write(`claims ingest: ${(err as Error).message}\n${USAGE}\n`);
    return 2;
  }
  const profile = values.profile
    ? parseProfile(readFileSync(values.profile, 'utf8'), formatOfPath(values.profile))
    : undefined;
  const { files, missing } = await expandPaths(positionals);
  if (files.length === 0) {
    process.stderr.write(
      `claims ingest: no article files found${missing.length ? ` (nothing at ${missing.join(', ')})` : ''}\n`,
    );
    return 2;
  }

  const handle = await openDatabase();
  const store = await createEventStore({
    db: handle.db,
    url: handle.url,
    eventstoreUrl: process.env.EVENTSTORE_URL,
  }).catch(async (err) => {
    await handle.close();
    throw err;
  });
  // The same threads and time budget as the server: one pathological file fails alone, the rest go on.
  const extractor = new ExtractionPool(profile ?? null, { threads: 1 });
  const summary = { new: 0, duplicate: 0, failed: [] as { file: string; reason: string }[], events: 0 };
  const bar = progressBar(files.length, 'ingesting');
  try {
    for (const [i, file] of files.entries()) {
      const shown = relative(process.cwd(), file) || file;
      try {
        const meta = readFileMeta(file, values['meta-dir']);
        const text = readArticleFile(file);
        const fromFlags = { publishedAt: values['published-at'], url: values.url, publisher: values.publisher };
        const pick = (k: 'publishedAt' | 'url' | 'publisher') => meta?.[k] ?? fromFlags[k] ?? null;
        const result = await ingestArticle(
          store,
          {
            ...(/\.html?$/i.test(file) ? { html: text } : { text }),
            publishedAt: pick('publishedAt'),
            url: pick('url'),
            publisher: pick('publisher'),
            title: meta?.title ?? null,
          },
          { extractor, context: { actor: 'cli' } },
        );
        if (result.duplicate) summary.duplicate++;
        else {
          summary.new++;
          summary.events += result.eventIds.length;
        }
      } catch (err) {
        summary.failed.push({ file: shown, reason: err instanceof Error ? err.message.split('\n')[0]! : String(err) });
      }
      bar.update(i + 1, `new ${summary.new}, duplicate ${summary.duplicate}, failed ${summary.failed.length}`);
    }
  } finally {
    bar.end();
    await extractor.close();
    await store.close();
    await handle.close();
  }
  const lines = [
    `${files.length} file(s): ${summary.new} new, ${summary.duplicate} duplicate, ` +
      `${summary.failed.length} failed; ${summary.events} event(s) appended`,
    ...summary.failed.map((f) => `  failed: ${f.file}: ${f.reason}`),
    ...missing.map((m) => `  not found: ${m}`),
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
  return summary.failed.length || missing.length ? 1 : 0;
}
