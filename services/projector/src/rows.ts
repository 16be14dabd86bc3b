import type { Database } from '@claims/db';
import { sql } from 'kysely';
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
