import { parseArgs } from 'node:util';
import { onShutdown, openDatabase } from '@claims/db';
import { createEventStore, type EventStore, parsePosition, positionToString, START } from '@claims/eventstore';
import { allProjections, projectionNamed } from './projections/index.ts';
import { startProjector } from './projector.ts';
import { rebuildProjections } from './rebuild.ts';
import { LAG_CAP } from './runner.ts';

const USAGE = `usage: claims projections rebuild [NAME...]   rebuild read models from position zero into a shadow schema, then swap them in (all, or the named ones; the tracker keeps running)
       claims projections status              checkpoints, lag and parked events of each projection
       claims projector                       run the projections until stopped (Ctrl-C)

projections: ${allProjections.map((p) => p.name).join(', ')}`;

async function withStore<T>(
  fn: (h: Awaited<ReturnType<typeof openDatabase>>, store: EventStore) => Promise<T>,
): Promise<T> {
  const handle = await openDatabase();
  const store = await createEventStore({
    db: handle.db,
    url: handle.url,
    eventstoreUrl: process.env.EVENTSTORE_URL,
  }).catch(async (err) => {
    await handle.close();
    throw err;
  });
  try {
    return await fn(handle, store);
  } finally {
    await store.close();
    await handle.close();
  }
}

/** `claims projections rebuild|status`. */
export async function projectionsCommand(argv: string[]): Promise<number> {
  const [sub, ...names] = argv;
  if (sub === 'rebuild') {
    const unknown = names.filter((n) => !projectionNamed(n));
    if (unknown.length) {
      process.stderr.write(`claims projections: unknown projection "${unknown[0]}"\n${USAGE}\n`);
      return 2;
    }
    const chosen = names.length ? names.map((n) => projectionNamed(n)!) : allProjections;
    return withStore(async (handle, store) => {
      const started = performance.now();
      const head = (await store.headPosition()) ?? START;
      const result = await rebuildProjections({
        db: handle.db,
        store,
        projections: chosen,
        onProgress: ({ state, handled, position }) => {
          if (process.stderr.isTTY)
            process.stderr.write(
              `\r${state}: ${handled} event(s) read, position ${positionToString(position)} of ${positionToString(head)}\x1b[K`,
            );
        },
      });
      if (process.stderr.isTTY) process.stderr.write('\r\x1b[K');
      const seconds = ((performance.now() - started) / 1000).toFixed(1);
      process.stdout.write(
        `rebuilt ${chosen.map((p) => p.name).join(', ')} from ${result.handled} event(s) in ` +
          `${seconds} s, swapped in while the tracker kept serving:\n`,
      );
      for (const p of result.projections)
        process.stdout.write(`  ${p.projection.padEnd(12)} checkpoint ${p.position}\n`);
      return 0;
    });
  }
  if (sub === 'status') {
    return withStore(async (handle, store) => {
      const checkpoints = await handle.db.selectFrom('projection_checkpoints').selectAll().execute();
      const parked = await handle.db
        .selectFrom('projection_dead_letters')
        .select(['projection', (eb) => eb.fn.countAll<string>().as('n')])
        .groupBy('projection')
        .execute();
      const head = await store.headPosition();
      let holder: { pid: number | null; openForMs: number } | null = null;
      for (const p of allProjections) {
        const c = checkpoints.find((r) => r.projection === p.name);
        const n = parked.find((r) => r.projection === p.name)?.n ?? '0';
        const lag = await store.lag(parsePosition(c?.position ?? '-1') ?? START, {
          filter: { eventTypes: p.eventTypes },
          max: LAG_CAP,
        });
        holder ??= lag.heldBackBy;
        const behind = `${lag.behind}${lag.behind >= LAG_CAP ? '+' : ''} behind${lag.heldBack ? ` (${lag.heldBack} held back)` : ''}`;
        process.stdout.write(
          `${p.name.padEnd(12)} checkpoint ${(c?.position ?? 'none').padStart(8)} of head ` +
            `${head ? positionToString(head) : 'none'}, ${behind}, ${c?.events_handled ?? 0} handled, ` +
            `${n} parked\n`,
        );
      }
      if (holder) {
        process.stdout.write(
          `held back: new events wait behind a transaction open for ` +
            `${(holder.openForMs / 1000).toFixed(1)} s (server process ${holder.pid ?? 'unknown'}); ` +
            `they are read when it ends\n`,
        );
      }
      return 0;
    });
  }
  process.stderr.write(`${USAGE}\n`);
  return sub ? 2 : 0;
}

/** `claims projector`: runs every projection until SIGINT/SIGTERM, finishing the batch in hand. */
export async function projectorCommand(argv: string[]): Promise<number> {
  const { values } = parseArgs({ args: argv, options: { 'batch-size': { type: 'string' } } });
  const batchSize = values['batch-size'] ? Number(values['batch-size']) : undefined;
  if (batchSize !== undefined && !(Number.isInteger(batchSize) && batchSize > 0)) {
    process.stderr.write('claims projector: --batch-size must be a positive whole number\n');
    return 2;
  }
  const handle = await openDatabase({ maxConnections: allProjections.length + 4 });
  const store = await createEventStore({ db: handle.db, url: handle.url, eventstoreUrl: process.env.EVENTSTORE_URL });
  const projector = startProjector({ db: handle.db, store, batchSize });
  onShutdown(() => handle.close());
  onShutdown(() => store.close());
  onShutdown(() => projector.stop());
  process.stderr.write(`projector: running ${allProjections.length} projections on ${handle.displayUrl}\n`);
  await new Promise(() => {}); // runs until a signal
  return 0;
}
