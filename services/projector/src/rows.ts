import { CopyInput, type Database } from '@claims/db';
import { CompiledQuery, sql } from 'kysely';
import type { ReadModelWriter } from './projection.ts';

/**
 * Row values as JSON: bigints as their digits (PostgreSQL reads them into bigint columns exactly). Converted before
 * `JSON.stringify` rather than by a replacer, which would take it off its fast path for every cell of a batch.
 */
const asJson = (rows: readonly Record<string, unknown>[]) =>
  JSON.stringify(
    rows.map((row) => {
      let out = row;
      for (const key in row) {
        const value = row[key];
        if (typeof value !== 'bigint') continue;
        if (out === row) out = { ...row };
        out[key] = value.toString();
      }
      return out;
    }),
  );

/**
 * An INSERT of any number of rows into a read-model table in one statement, for the caller
 * to add `onConflict` to and execute. The rows travel as one JSON parameter that
 * `json_populate_recordset` reads as the table's own row type: a VALUES list binds one
 * parameter per cell (at most 65,535 a statement) and costs more to build and to plan.
 * Every row has the same keys; jsonb columns take objects, array columns arrays, columns
 * left out their defaults.
 */
export function insertRows<T extends keyof Database & string>(
  db: ReadModelWriter,
  table: T,
  rows: readonly Record<string, unknown>[],
) {
  const columns = Object.keys(rows[0] ?? {}) as never[];
  return db
    .insertInto(table)
    .columns(columns)
    .expression((eb) =>
      eb
        .selectFrom(sql`json_populate_recordset(null::${sql.table(table)}, ${asJson(rows)}::json)`.as('r'))
        .select(columns),
    );
}

/** Rows as a table for UPDATE … FROM and joins: `(select * from json_populate_recordset(null::TABLE, $1))`, aliased. */
export function rowsOf<T extends keyof Database & string>(
  table: T,
  rows: readonly Record<string, unknown>[],
  alias: string,
) {
  return sql<Database[T]>`(select * from json_populate_recordset(null::${sql.table(table)}, ${asJson(rows)}::json))`.as(
    alias,
  );
}

const COPY_ESCAPES: Record<string, string> = { '\\': '\\\\', '\n': '\\n', '\r': '\\r', '\t': '\\t' };
const COPY_SPECIAL = /[\\\n\r\t]/;
const COPY_SPECIALS = /[\\\n\r\t]/g;
const copyEscaped = (s: string) => (COPY_SPECIAL.test(s) ? s.replace(COPY_SPECIALS, (c) => COPY_ESCAPES[c]!) : s);

/** An array as a PostgreSQL array literal (numbers, strings, nulls): `{1,-2}`, `{"a","b \"c\""}`. */
function arrayLiteral(values: readonly unknown[]): string {
  let out = '{';
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (i > 0) out += ',';
    if (v === null || v === undefined || (typeof v === 'number' && !Number.isFinite(v))) out += 'NULL';
    else if (typeof v === 'number' || typeof v === 'bigint') out += v.toString();
    else out += `"${String(v).replace(/["\\]/g, '\\$&')}"`;
  }
  return `${out}}`;
}

/**
 * A cell in COPY's text format, read by PostgreSQL as the JSON of `insertRows` would be: null (and what JSON makes
 * null: undefined, a number that is not finite, an invalid date) as `\N`, dates as ISO instants, arrays as array
 * literals (array columns; not for a jsonb column holding an array), other objects as JSON (jsonb columns).
 */
function copyCell(value: unknown): string {
  switch (typeof value) {
    case 'string':
      return copyEscaped(value);
    case 'number':
      return Number.isFinite(value) ? String(value) : '\\N';
    case 'bigint':
      return value.toString();
    case 'boolean':
      return value ? 't' : 'f';
    case 'undefined':
      return '\\N';
  }
  if (value === null) return '\\N';
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? '\\N' : value.toISOString();
  if (Array.isArray(value)) return copyEscaped(arrayLiteral(value));
  return copyEscaped(JSON.stringify(value));
}

/**
 * Writes rows into a read-model table with `COPY … FROM STDIN` (text format), in the caller's transaction: what an empty
 * build (`forEmptyBuild`) writes most of, for far less work on node's side than `insertRows` (no JSON of the rows, no
 * statement to build per batch, no parameter to encode) and on the server's. COPY has no ON CONFLICT: the caller
 * leaves out the rows that would conflict. A row that breaks a constraint fails the statement and the transaction,
 * as an INSERT would. Every row has the same keys as the first, as for `insertRows`.
 */
export async function copyRows<T extends keyof Database & string>(
  db: ReadModelWriter,
  table: T,
  rows: readonly Record<string, unknown>[],
): Promise<void> {
  if (rows.length === 0) return;
  const columns = Object.keys(rows[0]!);
  let text = '';
  for (const row of rows) {
    let line = copyCell(row[columns[0]!]);
    for (let i = 1; i < columns.length; i++) line += `\t${copyCell(row[columns[i]!])}`;
    text += `${line}\n`;
  }
  // kysely has no COPY. It names the table (in the writer's schema, which it does not add to a raw statement's table)
  // and the columns as for an INSERT: `insert into "schema"."table" ("a", "b")`; the statement runs on the writer's
  // connection with the rows as a `CopyInput` (see @claims/db).
  const insert = db
    .insertInto(table)
    .columns(columns as never[])
    .compile().sql;
  if (!insert.startsWith('insert into ')) throw new Error(`copyRows: unexpected statement ${insert}`);
  const statement = { sql: `copy ${insert.slice('insert into '.length)} from stdin` };
  await db.executeQuery(CompiledQuery.raw(statement.sql, [new CopyInput(text)]));
}

/**
 * The rows an INSERT … ON CONFLICT DO NOTHING would have stored, for a COPY that has no ON CONFLICT: those whose key
 * is not stored yet, the first of each key in the batch.
 */
export function unstoredRows<R>(
  rows: readonly R[],
  keyOf: (row: R) => string,
  stored: { has(key: string): boolean },
): R[] {
  const batch = new Set<string>();
  return rows.filter((r) => {
    const key = keyOf(r);
    if (stored.has(key) || batch.has(key)) return false;
    batch.add(key);
    return true;
  });
}
