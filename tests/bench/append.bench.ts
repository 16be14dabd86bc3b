import { randomUUID } from 'node:crypto';
import { type NewEvent, PostgresEventStore } from '@claims/eventstore';
import { getPostgreSQLEventStore } from '@event-driven-io/emmett-postgresql';
import { sql } from 'kysely';
import { benchDatabase, goal, loadLine, rate, table } from './support.ts';

const ROUNDS = Number(process.env.BENCH_APPEND_ROUNDS ?? 3);
/** Events per contender, per shape, per round (scaled by BENCH_APPEND_SCALE). */
const SCALE = Number(process.env.BENCH_APPEND_SCALE ?? 1);

/** A claim-sized payload (~400 B), like the events ingest writes. */
function payload(i: number): Record<string, unknown> {
  return {
    side: i % 2 ? 'russia' : 'ukraine',
    topic: 'ceasefire',
    stance: 'demand',
    speaker: 'peskov',
    quote: `The Russian side must stop hiding from decisions, said the spokesman in statement number ${i}.`,
    span: { start: i, end: i + 90 },
    madeOn: '2025-07-20',
    extractor: { name: 'bench', version: '1' },
  };
}

const newEvent = (i: number): NewEvent => ({
  id: randomUUID(),
  type: 'ClaimMade',
  data: payload(i),
  metadata: { schemaVersion: 1, correlationId: null, causationId: null },
});

interface Shape {
  name: string;
  batch: number;
  writers: number;
  /** Events per contender per round. */
  events: number;
  goalVsEmmett: number;
  goalVsPlain?: number;
}

const SHAPES: Shape[] = [
  { name: 'batch 100, 1 writer', batch: 100, writers: 1, events: 20_000, goalVsEmmett: 1.2 },
  { name: 'batch 1, 1 writer', batch: 1, writers: 1, events: 2_000, goalVsEmmett: 1.2 },
  { name: 'batch 1, 8 writers', batch: 1, writers: 8, events: 4_000, goalVsEmmett: 1.2, goalVsPlain: 0.5 },
  { name: 'batch 10, 8 writers', batch: 10, writers: 8, events: 20_000, goalVsEmmett: 1.2 },
];

type Append = (stream: string, events: NewEvent[]) => Promise<unknown>;

/**
 * `writers` concurrent loops, each appending `batch` events at a time to its own streams, until `total` are written.
 */
async function drive(append: Append, shape: Shape, tag: string): Promise<number> {
  const total = Math.max(shape.batch * shape.writers, Math.round(shape.events * SCALE));
  const perWriter = Math.ceil(total / shape.writers / shape.batch);
  const started = performance.now();
  await Promise.all(
    Array.from({ length: shape.writers }, async (_, w) => {
      for (let n = 0; n < perWriter; n++) {
        await append(
          `bench-${tag}-${w}-${n % 100}`,
          Array.from({ length: shape.batch }, (_, k) => newEvent(n * shape.batch + k)),
        );
      }
    }),
  );
  return performance.now() - started;
}

/**
 * The tracker's PostgreSQL store, Emmett's PostgreSQL store and a plain INSERT of the
 * same rows into a bare table, on one embedded PostgreSQL, in the four shapes of issue 14.
 * Rounds are interleaved (every contender in every shape, then again, the contenders'
 * order turning each round) so that a change in the machine's load falls on all of them.
 *
 * - tracker: `append` through the port, one statement (the `append_events` function: the
 *   stream's turn, idempotency, expected revision, insert), NOTIFY after commit.
 * - Emmett (`@event-driven-io/emmett-postgresql`): `appendToStream`, its own pool, its schema
 *   created before timing; a transaction per append around its `emt_append_to_stream`.
 * - plain INSERT: one multi-row INSERT per append into `(id uuid primary key, stream, type,
 *   data jsonb, metadata jsonb)`, autocommit: one round trip and one index, the floor.
 */
export async function benchAppend(): Promise<void> {
  const handle = await benchDatabase();
  const store = new PostgresEventStore({ db: handle.db, url: handle.url });
  const emmett = getPostgreSQLEventStore(handle.url);
  // Created here, not by a migration: a bare table with no indexes but its key, for comparison only.
  await sql`create table bare_events (id uuid primary key, stream text, type text, data jsonb, metadata jsonb)`.execute(
    handle.db,
  );
  const load = [loadLine()];
  const contenders: [string, Append][] = [
    ['tracker', (stream, events) => store.append(stream, events)],
    [
      'Emmett',
      (stream, events) =>
        emmett.appendToStream(
          stream,
          events.map((e) => ({ type: e.type, data: e.data, metadata: e.metadata ?? {} })),
        ),
    ],
    [
      'plain INSERT',
      (stream, events) =>
        sql`insert into bare_events (id, stream, type, data, metadata) values ${sql.join(
          events.map(
            (e) => sql`(${e.id}, ${stream}, ${e.type}, ${JSON.stringify(e.data)}, ${JSON.stringify(e.metadata)})`,
          ),
        )}`.execute(handle.db),
    ],
  ];
  const ms = new Map<string, number>();
  const counted = new Map<string, number>();
  try {
    // Warm-up: Emmett creates its schema on first use; every contender's pool opens its connections.
    for (const [name, append] of contenders) await drive(append, { ...SHAPES[3]!, events: 400 }, `warm-${name}`);
    for (let round = 0; round < ROUNDS; round++) {
      for (const shape of SHAPES) {
        for (let k = 0; k < contenders.length; k++) {
          const [name, append] = contenders[(k + round) % contenders.length]!;
          const took = await drive(append, shape, `${round}-${name}`);
          const key = `${shape.name}|${name}`;
          ms.set(key, (ms.get(key) ?? 0) + took);
          counted.set(
            key,
            (counted.get(key) ?? 0) +
              Math.ceil(
                Math.max(shape.batch * shape.writers, Math.round(shape.events * SCALE)) / shape.writers / shape.batch,
              ) *
                shape.writers *
                shape.batch,
          );
        }
      }
    }
  } finally {
    load.push(loadLine());
    // Emmett's pool keeps idle connections that the server's shutdown ends; with no listener of
    // ours on them, their error event would end the whole run.
    const shutdownNoise = (err: Error & { code?: string }) => {
      if (err.code !== '57P01') throw err;
    };
    process.on('uncaughtException', shutdownNoise);
    await emmett.close();
    await store.close();
    await handle.dispose();
    await new Promise((r) => setTimeout(r, 500));
    process.off('uncaughtException', shutdownNoise);
  }
  const eps = (shape: Shape, name: string) =>
    rate(counted.get(`${shape.name}|${name}`)!, ms.get(`${shape.name}|${name}`)!);
  table(
    `Append, events/s (${ROUNDS} interleaved rounds; PostgreSQL ` +
      `${handle.embedded ? 'embedded' : 'at BENCH_DATABASE_URL'}; ${load.join(' → ')})`,
    ['shape', 'plain INSERT', 'Emmett', 'tracker', 'tracker / Emmett', 'tracker / plain'],
    SHAPES.map((shape) => {
      const [plain, em, tr] = [eps(shape, 'plain INSERT'), eps(shape, 'Emmett'), eps(shape, 'tracker')];
      return [
        shape.name,
        plain.toLocaleString('en'),
        em.toLocaleString('en'),
        tr.toLocaleString('en'),
        goal(tr / em, '≥', shape.goalVsEmmett),
        shape.goalVsPlain ? goal(tr / plain, '≥', shape.goalVsPlain) : (tr / plain).toFixed(2),
      ];
    }),
  );
}
