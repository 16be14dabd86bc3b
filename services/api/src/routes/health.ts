import type { Database } from '@claims/db';
import { type EventStore, parsePosition, START } from '@claims/eventstore';
import { createRouter } from '@claims/http';
import { createRoute, z } from '@hono/zod-openapi';
import { type Kysely, sql } from 'kysely';
import type { RouteContext } from './context.ts';

const HealthResponse = z
  .object({
    ok: z.boolean().openapi({ description: 'True only when nothing needs attention' }),
    status: z.enum(['ok', 'degraded', 'unavailable']).openapi({
      description:
        '`degraded`: serving, but some events could not be projected (parked), or new events wait ' +
        'behind an append held open (the log is stalled); `unavailable`: the database is away or a ' +
        'projection stopped',
    }),
    database: z.enum(['up', 'unavailable']),
    log: z.enum(['ok', 'stalled', 'unknown']).openapi({
      description:
        '`stalled`: an append has been held open for seconds (new events wait behind it; writes to ' +
        'its stream answer 503 until it ends); `unknown`: not known for this event store, or the ' +
        'database is away',
    }),
    profile: z.string(),
    parkedEvents: z
      .number()
      .int()
      .openapi({ description: 'Events the projections parked (see `claims projections status`)' }),
    problems: z.array(z.string()),
    rebuilds: z
      .array(
        z.object({
          projection: z.string(),
          state: z.enum(['building', 'swapping']),
          startedAt: z.string(),
          updatedAt: z.string(),
          position: z.string().openapi({ description: 'How far the shadow copy has read the log' }),
          eventsHandled: z.number().int(),
          behind: z
            .number()
            .int()
            .openapi({ description: 'Events of its types after that position (counted up to 5,000)' }),
        }),
      )
      .openapi({
        description:
          'Rebuilds in progress (`claims projections rebuild`): each builds into a shadow schema ' +
          'while the live projection serves, then swaps in',
      }),
    projections: z.array(
      z.object({
        projection: z.string(),
        state: z.string(),
        position: z.string(),
        behind: z
          .number()
          .int()
          .openapi({ description: 'Events of its types after its checkpoint (counted up to 5,000)' }),
        heldBack: z.number().int().openapi({
          description:
            'Of those, committed events no reader can read yet: a transaction that began before them is still open',
        }),
        heldBackBy: z.object({ pid: z.number().int().nullable(), openForMs: z.number().int() }).nullable().openapi({
          description: 'The oldest open transaction holding readers back (its server process id), while one does',
        }),
        lastError: z.string().nullable(),
        parked: z.number().int(),
      }),
    ),
  })
  .openapi('Health');

/** How long a transaction must have held readers back before health says so. */
const HELD_BACK_NOTICE_MS = 1_000;

/** `/v1/health`: the database, each projection's state, checkpoint and lag, and the events parked. */
/** The PostgreSQL event store can say whether a session holds its append lock for long (a stalled writer). */
type LockHolder = { pid: number; heldMs: number; state: string; waiting: number } | null;
const lockHolderOf = (store: unknown) =>
  typeof (store as { appendLockHolder?: unknown }).appendLockHolder === 'function'
    ? (store as { appendLockHolder: () => Promise<LockHolder> }).appendLockHolder.bind(store)
    : null;

/** The rebuilds in progress, with how far each is behind the log. */
async function rebuildsInProgress(db: Kysely<Database>, store: EventStore) {
  const rows = await db.selectFrom('projection_rebuilds').selectAll().orderBy('projection').execute();
  return Promise.all(
    rows.map(async (r) => ({
      projection: r.projection,
      state: r.state,
      startedAt: r.started_at.toISOString(),
      updatedAt: r.updated_at.toISOString(),
      position: r.position,
      eventsHandled: Number(r.events_handled),
      behind: (
        await store
          .lag(parsePosition(r.position) ?? START, { filter: { eventTypes: r.event_types }, max: 5_000 })
          .catch(() => ({ behind: -1 }))
      ).behind,
    })),
  );
}

export function healthRoutes({ db, store, profile, projectionStatus }: RouteContext) {
  const appendLockHolder = lockHolderOf(store);
  const app = createRouter();
  const health = { description: 'Health', content: { 'application/json': { schema: HealthResponse } } };
  app.openapi(
    createRoute({
      method: 'get',
      path: '/v1/health',
      summary: 'Whether the tracker is well: the database, the projections, and any events they parked',
      responses: { 200: health, 503: { ...health, description: 'The database is away, or a projection stopped' } },
    }),
    async (c) => {
      // A database that does not answer within 2 s is reported as such, not waited on.
      const reachable = await Promise.race([
        sql`select 1`.execute(db).then(
          () => 'up' as const,
          () => 'unavailable' as const,
        ),
        new Promise<'unavailable'>((r) => setTimeout(() => r('unavailable'), 2_000).unref()),
      ]);
      const up = reachable === 'up';
      // The rest at once, not one after another: health is polled, and must stay quick under load.
      const [lockHolder, states, deadLetters, rebuilds] = await Promise.all([
        up && appendLockHolder
          ? Promise.race([
              appendLockHolder().catch(() => undefined),
              new Promise<undefined>((r) => setTimeout(() => r(undefined), 2_000).unref()),
            ])
          : undefined,
        up && projectionStatus ? projectionStatus() : [],
        up
          ? db
              .selectFrom('projection_dead_letters')
              .select(['projection', (eb) => eb.fn.countAll<string>().as('n')])
              .groupBy('projection')
              .execute()
          : [],
        up ? rebuildsInProgress(db, store) : [],
      ]);
      const log: 'ok' | 'stalled' | 'unknown' = lockHolder === undefined ? 'unknown' : lockHolder ? 'stalled' : 'ok';
      const parked = new Map(deadLetters.map((r) => [r.projection, Number(r.n)]));
      const parkedEvents = [...parked.values()].reduce((a, b) => a + b, 0);
      // A transaction held open for a second or more is worth saying: it delays every reader of the log.
      const holder = states.find(
        (s) => (s.heldBack ?? 0) > 0 && (s.heldBackBy?.openForMs ?? 0) >= HELD_BACK_NOTICE_MS,
      )?.heldBackBy;
      const problems = [
        ...(reachable === 'up' ? [] : ['the database does not answer']),
        ...(lockHolder
          ? [
              `the event log is stalled: an append has held its transaction open for ` +
                `${(lockHolder.heldMs / 1000).toFixed(1)} s (server process ${lockHolder.pid}), ` +
                `${lockHolder.state}, ${lockHolder.waiting} write(s) to its stream waiting; new events ` +
                `wait behind it`,
            ]
          : holder
            ? [
                `new events wait behind a transaction open for ${(holder.openForMs / 1000).toFixed(1)} s ` +
                  `(server process ${holder.pid ?? 'unknown'}); projections resume when it ends`,
              ]
            : []),
        ...states.filter((s) => s.state === 'failed').map((s) => `projection ${s.projection} stopped: ${s.lastError}`),
        ...[...parked].map(
          ([p, n]) => `projection ${p} parked ${n} event(s) it could not read: see \`pnpm claims projections status\``,
        ),
      ];
      const unavailable = reachable !== 'up' || states.some((s) => s.state === 'failed');
      const status: 'ok' | 'degraded' | 'unavailable' = unavailable
        ? 'unavailable'
        : parkedEvents > 0 || holder || lockHolder
          ? 'degraded'
          : 'ok';
      const projections = states.map((s) => ({
        ...s,
        heldBack: s.heldBack ?? 0,
        heldBackBy: s.heldBackBy ?? null,
        parked: parked.get(s.projection) ?? 0,
      }));
      return c.json(
        {
          ok: status === 'ok',
          status,
          database: reachable,
          log,
          profile: profile.name,
          parkedEvents,
          problems,
          rebuilds,
          projections,
        },
        unavailable ? 503 : 200,
      );
    },
  );
  return app;
}
