import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';

/**
 * The one parameter of a `COPY … FROM STDIN` statement run through kysely (`db.executeQuery`): its rows, in COPY's
 * text format. kysely has no COPY, and pg cannot run one as a query (the data does not travel as a parameter), so the
 * clients of our pools (`createPool`) take a statement whose only parameter is a `CopyInput` to `pg-copy-streams`
 * instead. The statement runs on the connection kysely gives it, so inside the caller's transaction, and a failure
 * (a broken constraint) fails the statement and the transaction as an INSERT's would.
 */
export class CopyInput {
  constructor(readonly text: string) {}
}

type Query = (...args: unknown[]) => unknown;

/** Lets `client` run `COPY … FROM STDIN` statements given a `CopyInput` (see above); anything else goes to pg. */
export function acceptCopyInput(client: pg.ClientBase): void {
  const query = client.query.bind(client) as Query;
  const copying: Query = (config, values, callback) => {
    const input = Array.isArray(values) && values.length === 1 ? values[0] : undefined;
    if (typeof config !== 'string' || !(input instanceof CopyInput)) return query(config, values, callback);
    const stream = query(copyFrom(config)) as ReturnType<typeof copyFrom>;
    return new Promise((resolve, reject) => {
      stream.on('error', reject);
      stream.on('finish', () => resolve({ command: 'COPY', rowCount: stream.rowCount, rows: [] }));
      stream.end(input.text);
    });
  };
  client.query = copying as typeof client.query;
}
