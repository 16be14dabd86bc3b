import { once } from 'node:events';
import { createWriteStream, readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { openDatabase } from '@claims/db';
import { defaultProfile, formatOfPath, type Profile, parseProfile } from '@claims/profile';
import { codebookMarkdown } from '../codebook.ts';
import { EXPORT_DATASETS, EXPORT_FILTERS, type ExportDataset, exportCount, exportText } from '../export.ts';
import { querySchemas } from '../schemas.ts';

const USAGE = `usage: claims export DATASET [--format csv|jsonl] [--out FILE] [--side S] [--actor A] [--topic T] [--stance S] [--level L]
                     [--from D] [--to D] [--q WORDS] [--as-of D] [--clock valid|record] [--include-withdrawn] [--profile FILE]
datasets: ${EXPORT_DATASETS.join(', ')}   (the columns: docs/codebook.md)`;

/** A refusal of the command line: one line and exit code 2. */
class UsageError extends Error {}

/** The profile named by --profile (or CLAIMS_PROFILE), else the default; a file that cannot be read or parsed is a refusal. */
function loadProfile(path: string | undefined): Profile {
  if (!path) return defaultProfile;
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    throw new UsageError(`--profile ${path}: cannot read it (${(err as NodeJS.ErrnoException).code ?? 'error'})`);
  }
  try {
    return parseProfile(text, formatOfPath(path));
  } catch (err) {
    throw new UsageError(`--profile ${path}: ${(err as Error).message}`);
  }
}

/** A bar on standard error when it is a terminal, else a line every few seconds and at the end. */
function progressBar(total: number, label: string) {
  const tty = process.stderr.isTTY;
  let last = 0;
  return (done: number) => {
    if (tty) {
      const width = 30;
      const filled = total ? Math.min(width, Math.round((done / total) * width)) : width;
      process.stderr.write(
        `\r${label} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${total} rows\x1b[K`,
      );
    } else if (Date.now() - last > 2_000 || done === total) {
      last = Date.now();
      process.stderr.write(`${label} ${done}/${total} rows\n`);
    }
  };
}

/** `claims export DATASET …`: a dataset as CSV or JSON lines, from the read models, with a progress bar. */
export async function exportCommand(argv: string[]): Promise<number> {
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(argv);
  } catch (err) {
    process.stderr.write(`claims export: ${err instanceof Error ? err.message : String(err)}\n${USAGE}\n`);
    return 2;
  }
  const { dataset, format, out, filters, profile } = parsed;
  const db = await openDatabase();
  try {
    const pairs = profile.sides.flatMap((s) => profile.topics.map((t) => ({ side: s.slug, topic: t.slug })));
    const total = await exportCount(db.db, dataset, filters, pairs);
    const show = progressBar(total, `export ${dataset}`);
    let done = 0;
    show(0);
    const sink = out ? createWriteStream(out) : process.stdout;
    const started = performance.now();
    const counted = (n: number) => {
      done += n;
      show(done);
    };
    for await (const chunk of exportText(db.db, dataset, format, filters, pairs, counted)) {
      if (!sink.write(chunk)) await once(sink, 'drain');
    }
    if (out)
      await new Promise<void>((resolve, reject) =>
        (sink as ReturnType<typeof createWriteStream>).end((err?: Error | null) => (err ? reject(err) : resolve())),
      );
    if (process.stderr.isTTY) process.stderr.write('\n');
    process.stderr.write(
      `exported ${done} ${dataset} row(s) as ${format}${out ? ` to ${out}` : ''} in ${((performance.now() - started) / 1000).toFixed(1)} s\n`,
    );
    return 0;
  } finally {
    await db.close();
  }
}

/** The command-line flag of a query parameter. */
const flagOf = (key: string) => key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);

function parse(argv: string[]) {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      format: { type: 'string' },
      out: { type: 'string' },
      side: { type: 'string' },
      actor: { type: 'string' },
      topic: { type: 'string' },
      stance: { type: 'string' },
      level: { type: 'string' },
      from: { type: 'string' },
      to: { type: 'string' },
      q: { type: 'string' },
      'as-of': { type: 'string' },
      clock: { type: 'string' },
      'include-withdrawn': { type: 'boolean' },
      profile: { type: 'string' },
    },
  });
  const [name, ...extra] = positionals;
  if (!name) throw new UsageError('name a dataset');
  if (extra.length) throw new UsageError(`one dataset at a time (got "${extra.join(' ')}" too)`);
  if (!(EXPORT_DATASETS as readonly string[]).includes(name)) throw new UsageError(`unknown dataset "${name}"`);
  const profile = loadProfile(values.profile ?? process.env.CLAIMS_PROFILE);
  const { 'as-of': asOf, 'include-withdrawn': withdrawn, out, profile: _, ...rest } = values;
  // The API's own query schema, so that a flag means and is checked as its query parameter.
  const query = querySchemas(profile).export.safeParse({
    ...Object.fromEntries(Object.entries(rest).filter(([, v]) => v !== undefined)),
    ...(asOf !== undefined ? { asOf } : {}),
    ...(withdrawn ? { includeWithdrawn: 'true' } : {}),
  });
  if (!query.success) {
    const issue = query.error.issues[0]!;
    throw new UsageError(`--${flagOf(String(issue.path[0] ?? ''))}: ${issue.message}`);
  }
  const { format, access_token: __, ...filters } = query.data;
  const refused = Object.keys(filters).find(
    (k) =>
      filters[k as keyof typeof filters] !== undefined &&
      !(EXPORT_FILTERS[name as ExportDataset] as readonly string[]).includes(k),
  );
  if (refused)
    throw new UsageError(
      `--${flagOf(refused)}: the ${name} export does not take it (it takes ${EXPORT_FILTERS[name as ExportDataset].map((f) => `--${flagOf(f)}`).join(', ')})`,
    );
  return { dataset: name as ExportDataset, format, out, filters, profile };
}

/** `claims codebook [--out FILE] [--profile FILE]`: docs/codebook.md from the active profile and the export columns. */
export async function codebookCommand(argv: string[]): Promise<number> {
  let text: string;
  let values: { out?: string; profile?: string };
  try {
    ({ values } = parseArgs({ args: argv, options: { out: { type: 'string' }, profile: { type: 'string' } } }));
    text = codebookMarkdown(loadProfile(values.profile ?? process.env.CLAIMS_PROFILE));
  } catch (err) {
    process.stderr.write(
      `claims codebook: ${(err as Error).message}\nusage: claims codebook [--out FILE] [--profile FILE]\n`,
    );
    return 2;
  }
  if (values.out) {
    writeFileSync(values.out, text);
    process.stderr.write(`wrote ${values.out}\n`);
  } else process.stdout.write(text);
  return 0;
}
