import { migrateToLatest, openDatabase } from '@claims/db';
import { eventStoreKind, migrateEventLog } from '@claims/eventstore';

/**
 * `claims migrate`: applies pending migrations to DATABASE_URL (or the embedded server) and
 * says which: the read models' (@claims/db) and, unless events live on EventStoreDB, the
 * event log's (@claims/eventstore). Composed here because each package owns its own.
 */
export async function migrateCommand(argv: string[]): Promise<number> {
  if (argv.length > 0) {
    process.stderr.write(
      `claims migrate: unexpected argument "${argv[0]}" (it takes none; set DATABASE_URL to choose the server)\n`,
    );
    return 2;
  }
  const handle = await openDatabase({ migrate: false });
  try {
    const applied = [
      ...(eventStoreKind(process.env.EVENTSTORE_URL) === 'postgres' ? await migrateEventLog(handle.db) : []),
      ...(await migrateToLatest(handle.db)),
    ];
    process.stdout.write(
      applied.length
        ? `applied ${applied.length} migration(s) to ${handle.displayUrl}: ${applied.join(', ')}\n`
        : `${handle.displayUrl} is up to date\n`,
    );
    return 0;
  } finally {
    await handle.close();
  }
}
