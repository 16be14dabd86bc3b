import { createRouter } from '@claims/http';
import { createRoute, z } from '@hono/zod-openapi';
import { sql } from 'kysely';
import type { RouteContext } from './context.ts';

const HealthResponse = z
  .object({
    ok: z.boolean().openapi({ description: 'True only when nothing needs attention' }),
    status: z.enum(['ok', 'degraded', 'unavailable']).openapi({
      description: '`degraded`: serving, but some events could not be projected (parked), or the event log is stalled; `unavailable`: the database is away or a projection stopped',
    }),
    database: z.enum(['up', 'unavailable']),
    log: z.enum(['ok', 'stalled', 'unknown']).openapi({
      description: '`stalled`: a session has held the event log\'s append lock for seconds (writes answer 503 until it lets go); `unknown`: not known for this event store, or the database is away',
    }),
    profile: z.string(),
    parkedEvents: z.number().int().openapi({ description: 'Events the projections parked (see `claims projections status`)' }),
    problems: z.array(z.string()),
    projections: z.array(
      z.object({
        projection: z.string(),
        state: z.string(),
        position: z.string(),
        behind: z.number().int(),
        lastError: z.string().nullable(),
        parked: z.number().int(),
      }),
    ),
  })
  .openapi('Health');

/** `/v1/health`: the database, each projection's state, checkpoint and lag, and the events parked. */
/** The PostgreSQL event store can say whether a session holds its append lock for long (a stalled writer). */
type LockHolder = { pid: number; heldMs: number; state: string; waiting: number } | null;
const lockHolderOf = (store: unknown) =>
  typeof (store as { appendLockHolder?: unknown }).appendLockHolder === 'function'
    ? (store as { appendLockHolder: () => Promise<LockHolder> }).appendLockHolder.bind(store)
    : null;

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
      const [holder, states, deadLetters] = await Promise.all([
        up && appendLockHolder
          ? Promise.race([appendLockHolder().catch(() => undefined), new Promise<undefined>((r) => setTimeout(() => r(undefined), 2_000).unref())])
          : undefined,
        up && projectionStatus ? projectionStatus() : [],
        up
          ? db
              .selectFrom('projection_dead_letters')
              .select(['projection', (eb) => eb.fn.countAll<string>().as('n')])
              .groupBy('projection')
              .execute()
          : [],
      ]);
      const log: 'ok' | 'stalled' | 'unknown' = holder === undefined ? 'unknown' : holder ? 'stalled' : 'ok';
      const parked = new Map(deadLetters.map((r) => [r.projection, Number(r.n)]));
      const parkedEvents = [...parked.values()].reduce((a, b) => a + b, 0);
      const problems = [
        ...(reachable === 'up' ? [] : ['the database does not answer']),
        ...(holder
          ? [
              `the event log is stalled: session ${holder.pid} (${holder.state}) has held its append lock for ${Math.round(holder.heldMs / 1000)} s, ${holder.waiting} write(s) waiting; writes answer 503 until it lets go`,
            ]
          : []),
        ...states.filter((s) => s.state === 'failed').map((s) => `projection ${s.projection} stopped: ${s.lastError}`),
        ...[...parked].map(([p, n]) => `projection ${p} parked ${n} event(s) it could not read: see \`pnpm claims projections status\``),
      ];
      const unavailable = reachable !== 'up' || states.some((s) => s.state === 'failed');
      const status: 'ok' | 'degraded' | 'unavailable' = unavailable ? 'unavailable' : parkedEvents > 0 || holder ? 'degraded' : 'ok';
      const projections = states.map((s) => ({ ...s, parked: parked.get(s.projection) ?? 0 }));
      return c.json(
        { ok: status === 'ok', status, database: reachable, log, profile: profile.name, parkedEvents, problems, projections },
        unavailable ? 503 : 200,
      );
    },
  );
  return app;
}
