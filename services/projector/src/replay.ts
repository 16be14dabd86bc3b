import { parseArgs } from 'node:util';
import { type Database, migrateReadModels, openDatabase } from '@claims/db';
import { IsoDay, isValidBy } from '@claims/events';
import { createEventStore, type EventStore, type Position, type RecordedEvent } from '@claims/eventstore';
import { type Kysely, sql } from 'kysely';
import { buildProjections } from './builder.ts';
import { toProjected } from './events.ts';
import { withIndexesDeferred } from './indexes.ts';
import type { ProjectedEvent, Projection } from './projection.ts';
import { allProjections } from './projections/index.ts';

/**
 * The two readings of "as of a day" (see domain.md, "Two clocks"):
 * - `valid`: what had been said by the end of that day, as far as the tracker knows now;
 * - `record`: what the tracker itself knew at the end of that day (UTC).
 */
export type Clock = 'valid' | 'record';
export const CLOCKS: readonly Clock[] = ['valid', 'record'];

/** The first instant after `day` ends (UTC): "by the end of day D" means "before D+1". */
export const endOfDay = (day: string): Date => new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000);

/**
 * Which events a replay to `asOf` applies.
 *
 * Record clock: exactly the events recorded before the end of `asOf`, withdrawals
 * included: the read models then are what the tracker showed at that moment.
 *
 * Valid clock: the facts whose valid-time day (madeOn, else the article's
 * publication day, else the day it was recorded; for an article, its publication
 * day, else the day it was recorded) is on or before `asOf`, and *every*
 * withdrawal whenever it was recorded. A withdrawal says a fact was wrongly
 * extracted, i.e. never said at all; it corrects every date, which is also how
 * `position_history` (and so the API's valid-clock `asOf`) treats it. A claim made
 * by `asOf` but reported in an article published later is in scope without its
 * source row: the article did not exist yet.
 */
export function inScope(asOf: string, clock: Clock): (e: RecordedEvent) => boolean {
  const projected = inScopeProjected(asOf, clock);
  return (e) => {
    let p: ProjectedEvent;
    try {
      p = toProjected(e);
    } catch {
      return true; // unreadable: let the projection park it, as a live run would
    }
    return projected(p);
  };
}

/** `inScope` for an event already read as its current schema (a replay reads each event once). */
export function inScopeProjected(asOf: string, clock: Clock): (e: ProjectedEvent) => boolean {
  const end = endOfDay(asOf).getTime();
  if (clock === 'record') return (e) => e.recordedAt.getTime() < end;
  return (e) => isValidBy(e, e.recordedAt, asOf);
}

/** A schema name we are willing to create and, on request, drop: a plain lower-case identifier, not a system one. */
const SAFE_SCHEMA = /^[a-z_][a-z0-9_]{0,62}$/;
const RESERVED = new Set(['public', 'information_schema']);

export class ReplayError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ReplayError';
  }
}

export function checkSchemaName(name: string): string {
  if (!SAFE_SCHEMA.test(name) || RESERVED.has(name) || name.startsWith('pg_')) {
    throw new ReplayError(
      `schema name "${name}" is not allowed: use lower-case letters, digits and underscores (at ` +
        `most 63, not starting with a digit), not public, information_schema or pg_*`,
    );
  }
  return name;
}

export const defaultReplaySchema = (asOf: string, clock: Clock): string =>
  `replay_${asOf.replaceAll('-', '')}_${clock}`;

export interface ReplayOptions {
  /** The database of the event log (default schema); the replay's tables go into `schema` on it. */
  db: Kysely<Database>;
  store: EventStore;
  asOf: string;
  clock?: Clock;
  /** Default `replay_<yyyymmdd>_<clock>`. */
  schema?: string;
  /** Drop the schema first when it exists (only a schema that holds read models and no event log). */
  replace?: boolean;
  projections?: readonly Projection[];
  batchSize?: number;
  onProgress?: (info: { position: Position; head: bigint; handled: number }) => void;
}

export interface ReplayResult {
  schema: string;
  asOf: string;
  clock: Clock;
  head: string;
  projections: { projection: string; handled: number }[];
}

async function tablesOf(db: Kysely<Database>, schema: string): Promise<string[]> {
  const rows = await db.introspection.getTables({ withInternalKyselyTables: true });
  return rows.filter((t) => t.schema === schema).map((t) => t.name);
}

/**
 * Rebuilds every read model from only the events in scope of `asOf` on `clock`,
 * into a separate PostgreSQL schema: the live read models are untouched, and the
 * replay can be queried (or compared) with plain SQL.
 */
export async function replay(options: ReplayOptions): Promise<ReplayResult> {
  const clock = options.clock ?? 'valid';
  const day = IsoDay.safeParse(options.asOf);
  if (!day.success)
    throw new ReplayError(`--as-of "${options.asOf}": ${day.error.issues[0]?.message ?? 'expected YYYY-MM-DD'}`);
  if (!CLOCKS.includes(clock)) throw new ReplayError(`--clock "${clock}": expected valid or record`);
  const schema = checkSchemaName(options.schema ?? defaultReplaySchema(options.asOf, clock));
  const { db, store } = options;

  const existing = await tablesOf(db, schema);
  const schemaExists =
    existing.length > 0 ||
    (await db
      .selectFrom(sql<{ nspname: string }>`pg_catalog.pg_namespace`.as('n'))
      .select('nspname')
      .where('nspname', '=', schema)
      .executeTakeFirst()) !== undefined;
  if (schemaExists) {
    if (existing.includes('events') || !options.replace) {
      throw new ReplayError(
        existing.includes('events')
          ? `schema "${schema}" holds an event log; a replay never replaces it`
          : `schema "${schema}" exists; pass --replace to drop and rebuild it, or choose another --schema`,
      );
    }
    await db.schema.dropSchema(schema).cascade().execute();
  }
  await migrateReadModels(db, schema);
  // A replay is a scratch copy to query: unlogged, it skips the WAL (a crash of the server empties it; run it again).
  for (const table of await tablesOf(db, schema)) {
    if (!table.startsWith('migrations_')) await sql`alter table ${sql.id(schema, table)} set unlogged`.execute(db);
  }

  // The store reads the log with its own connection in the default schema; only the read models,
  // checkpoints and change feed go through `withSchema` into the replay's schema.
  const target = db.withSchema(schema);
  const head = (await store.headPosition())?.commit ?? 0n;
  const projections = options.projections ?? allProjections;
  // All of them in one pass over the log, each event read once; no change feed (nobody subscribes to a replay).
  const { applied } = await withIndexesDeferred(db, schema, () =>
    buildProjections({
      db: target,
      store,
      projections,
      batchSize: options.batchSize ?? 2000,
      changes: false,
      empty: true,
      accept: inScopeProjected(options.asOf, clock),
      onBatch: (b) => options.onProgress?.({ position: b.position, head, handled: b.handled }),
    }),
  );
  const result: ReplayResult = {
    schema,
    asOf: options.asOf,
    clock,
    head: head.toString(),
    projections: projections.map((p) => ({ projection: p.name, handled: applied.get(p.name) ?? 0 })),
  };
  return result;
}

/**
 * The psql invocation that reaches the database, runnable as printed: the DATABASE_URL the
 * user set (by name: its password stays out of the terminal), or the embedded server's URL
 * with its password read from the file that keeps it (never printed either).
 */
export function psqlCommand(handle: {
  embedded: { passwordFile: string } | null;
  displayUrl: string;
  url: string;
}): string {
  if (handle.embedded) {
    const u = new URL(handle.url);
    u.password = '';
    return `PGPASSWORD="$(cat '${handle.embedded.passwordFile}')" psql "${u.toString()}"`;
  }
  return process.env.DATABASE_URL ? 'psql "$DATABASE_URL"' : `psql "${handle.displayUrl}"`;
}

/** A one-line progress bar for a terminal. */
function bar(fraction: number, width = 30): string {
  const full = Math.round(Math.max(0, Math.min(1, fraction)) * width);
  return `[${'#'.repeat(full)}${'-'.repeat(width - full)}] ${(fraction * 100).toFixed(0).padStart(3)}%`;
}

const USAGE = `usage: claims replay --as-of YYYY-MM-DD [--clock valid|record] [--schema NAME] [--replace]

Rebuilds every read model from only the events in scope of that day into a separate
PostgreSQL schema (default replay_<yyyymmdd>_<clock>), leaving the live ones untouched.
  --clock valid    what had been said by the end of that day (madeOn / publication day; default)
  --clock record   what the tracker knew at the end of that day (UTC, by recordedAt)
  --replace        drop the schema first when it exists`;

/** `claims replay --as-of DATE [--clock valid|record] [--schema NAME] [--replace]`. */
export async function replayCommand(argv: string[]): Promise<number> {
  let values: { 'as-of'?: string; clock?: string; schema?: string; replace?: boolean; help?: boolean };
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        'as-of': { type: 'string' },
        clock: { type: 'string' },
        schema: { type: 'string' },
        replace: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (err) {
    process.stderr.write(`claims replay: ${err instanceof Error ? err.message : String(err)}\n${USAGE}\n`);
    return 2;
  }
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const asOf = values['as-of'];
  const clock = (values.clock ?? 'valid') as Clock;
  const fail = (message: string) => {
    process.stderr.write(`claims replay: ${message}\n${USAGE}\n`);
    return 2;
  };
  if (!asOf) return fail('--as-of YYYY-MM-DD is required');
  if (!IsoDay.safeParse(asOf).success) return fail(`--as-of "${asOf}" is not a date as YYYY-MM-DD`);
  if (!CLOCKS.includes(clock)) return fail(`--clock "${values.clock}" must be valid or record`);
  const schemaName = values.schema ?? defaultReplaySchema(asOf, clock);
  try {
    checkSchemaName(schemaName);
  } catch (err) {
    return fail((err as Error).message);
  }

  const handle = await openDatabase();
  const store = await createEventStore({ db: handle.db, url: handle.url, eventstoreUrl: process.env.EVENTSTORE_URL });
  const tty = process.stderr.isTTY;
  let lastLine = 0;
  try {
    const started = performance.now();
    const result = await replay({
      db: handle.db,
      store,
      asOf,
      clock,
      schema: schemaName,
      replace: values.replace ?? false,
      onProgress: ({ position, head, handled }) => {
        const within = head > 0n ? Number(position.commit) / Number(head) : 1;
        const line =
          `replay ${bar(Math.min(1, within))} ${handled} event(s) read, position ` + `${position.commit} of ${head}`;
        if (tty) process.stderr.write(`\r${line}\x1b[K`);
        else if (performance.now() - lastLine > 2_000 || within >= 1) {
          // Not a terminal (a log file, CI): a line now and then instead of carriage returns.
          process.stderr.write(`${line}\n`);
          lastLine = performance.now();
        }
      },
    });
    if (tty) process.stderr.write(`\r${bar(1)} done\x1b[K\n`);
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    const s = result.schema;
    process.stdout.write(
      [
        `replayed the log up to position ${result.head} as of ${asOf} (${clock} clock) into schema ` +
          `"${s}" in ${seconds} s:`,
        ...result.projections.map((p) => `  ${p.projection.padEnd(10)} ${p.handled} event(s) applied`),
        '',
        'Query it with psql (or any SQL client) on the same database:',
        `  ${psqlCommand(handle)} -c 'select side, topic, stance, since, quote from ${s}.positions ` +
          `order by side, topic'`,
        `  set search_path = ${s}; select * from claims order by valid_on;`,
        `Tables: ${s}.positions, ${s}.position_history, ${s}.position_changes, ${s}.claims, ` +
          `${s}.meetings, ${s}.agreements, ${s}.actors, ${s}.sources`,
        `Drop it when done: drop schema ${s} cascade;`,
        '',
      ].join('\n'),
    );
    return 0;
  } catch (err) {
    if (tty) process.stderr.write('\n');
    if (err instanceof ReplayError) {
      process.stderr.write(`claims replay: ${err.message}\n`);
      return 2;
    }
    throw err;
  } finally {
    await store.close();
    await handle.close();
  }
}
