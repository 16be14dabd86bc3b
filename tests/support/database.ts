import { randomBytes } from 'node:crypto';
import { type Database, type DatabaseHandle, openDatabase } from '@claims/db';
import { type EventLogTables, migrateEventLog, withEventLog } from '@claims/eventstore';
import type { Kysely } from 'kysely';
import pg from 'pg';
import { inject } from 'vitest';

export interface TestDatabase {
  url: string;
  handle: DatabaseHandle;
  /** The same database with the event log's table too, to look at what was stored. */
  eventLog: Kysely<Database & EventLogTables>;
  /** How many events the log holds: what a write that must change nothing is checked against. */
  eventCount(): Promise<number>;
  /** Closes the connections and drops the database. */
  drop(): Promise<void>;
}

async function admin<T>(fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: inject('adminDatabaseUrl') });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** A fresh database of its own on the run's PostgreSQL, with the read models and the event log migrated. */
export async function createTestDatabase(
  options: { migrate?: boolean; maxConnections?: number } = {},
): Promise<TestDatabase> {
  const name = `test_${randomBytes(6).toString('hex')}`;
  // CREATE/DROP DATABASE are utility statements kysely does not build; the name is generated above.
  await admin((c) => c.query(`create database ${name}`));
  const url = new URL(inject('adminDatabaseUrl'));
  url.pathname = `/${name}`;
  const handle = await openDatabase({
    url: url.toString(),
    migrate: options.migrate ?? true,
    maxConnections: options.maxConnections ?? 10,
  });
  if (options.migrate ?? true) await migrateEventLog(handle.db);
  const eventLog = withEventLog(handle.db);
  return {
    url: url.toString(),
    handle,
    eventLog,
    eventCount: async () =>
      Number(
        (
          await eventLog
            .selectFrom('events')
            .select((eb) => eb.fn.countAll<string>().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      ),
    drop: async () => {
      await handle.close();
      await admin((c) => c.query(`drop database if exists ${name} with (force)`));
    },
  };
}
