import { createRouter, errorResponses, HttpError } from '@claims/http';
import { createRoute, z } from '@hono/zod-openapi';
import { listChanges, positionsAsOf, sideTimeline } from '../queries.ts';
import { PositionChange, PositionsResponse, pageOf, TimelinePoint } from '../schemas.ts';
import { json, type RouteContext, today } from './context.ts';

const errors = { 400: errorResponses[400], 404: errorResponses[404] };

/** Positions now or as of a day on either clock, how they moved, and one side's timeline. */
export function positionRoutes({ db, profile, q, pairs }: RouteContext) {
  const app = createRouter();
  app.openapi(
    createRoute({
      method: 'get',
      path: '/v1/positions',
      summary: "Each side's position per topic, now or as of a day",
      description:
        'Without `asOf`: the current positions. With `asOf` and `clock=valid` (default): what had ' +
        'been said by the end of that day, from the position history. ' +
        'With `clock=record`: what the tracker knew at the end of that day (UTC): claims recorded ' +
        'by then and not yet withdrawn.',
      request: { query: q.positions },
      responses: { 200: json(PositionsResponse, 'Positions'), ...errors },
    }),
    async (c) => {
      const query = c.req.valid('query');
      const positions = await positionsAsOf(db, { ...query, pairs });
      return c.json({ asOf: query.asOf ?? today(), clock: query.clock, current: !query.asOf, positions }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/v1/positions/changes',
      summary: 'How positions moved: each change of stance with the claims before and after it',
      request: { query: q.changes },
      responses: {
        200: json(pageOf(PositionChange, 'PositionChanges'), 'A page of changes, in valid-time order'),
        ...errors,
      },
    }),
    async (c) => c.json(await listChanges(db, c.req.valid('query')), 200),
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/v1/sides/{side}/timeline',
      summary: "One side's timeline: every standing claim in valid-time order, marked where its stance changed",
      request: { params: q.timelineParams, query: q.timeline },
      responses: {
        200: json(z.object({ side: z.string(), points: z.array(TimelinePoint) }).openapi('Timeline'), 'Timeline'),
        ...errors,
      },
    }),
    async (c) => {
      const { side } = c.req.valid('param');
      if (!profile.sides.some((s) => s.slug === side))
        throw new HttpError(404, `no side "${side}" in profile ${profile.name}`, 'side');
      return c.json({ side, points: await sideTimeline(db, side, c.req.valid('query')) }, 200);
    },
  );
  return app;
}
