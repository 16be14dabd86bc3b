import { createRouter } from '@claims/http';
import { createRoute } from '@hono/zod-openapi';
import { actorStats, claimCounts } from '../queries.ts';
import { ActorsResponse, SidesResponse, TopicsResponse } from '../schemas.ts';
import { json, type RouteContext } from './context.ts';

/** `/v1/sides`, `/v1/topics`, `/v1/actors`: the profile's entries with what the read models hold of them. */
export function profileRoutes({ db, profile }: RouteContext) {
  const app = createRouter();
  app.openapi(
    createRoute({
      method: 'get',
      path: '/v1/sides',
      summary: 'Sides of the negotiation, with their claim counts',
      responses: { 200: json(SidesResponse, 'Sides') },
    }),
    async (c) => {
      const counts = await claimCounts(db, 'side');
      return c.json(
        { sides: profile.sides.map((s) => ({ slug: s.slug, name: s.name, claims: counts.get(s.slug) ?? 0 })) },
        200,
      );
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/v1/topics',
      summary: 'Topics, with their claim counts',
      responses: { 200: json(TopicsResponse, 'Topics') },
    }),
    async (c) => {
      const counts = await claimCounts(db, 'topic');
      return c.json(
        {
          topics: profile.topics.map((t) => ({
            slug: t.slug,
            description: t.description,
            claims: counts.get(t.slug) ?? 0,
          })),
        },
        200,
      );
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/v1/actors',
      summary: 'Actors who speak for the sides, with what they said',
      responses: { 200: json(ActorsResponse, 'Actors') },
    }),
    async (c) => {
      const stats = new Map((await actorStats(db)).map((a) => [a.actor, a]));
      return c.json(
        {
          actors: profile.actors.map((a) => {
            const s = stats.get(a.slug);
            return {
              slug: a.slug,
              name: a.name,
              side: a.side,
              role: a.role,
              claims: s?.claims_made ?? 0,
              topics: s?.topics ?? [],
              firstClaimOn: s?.first_claim_on ?? null,
              lastClaimOn: s?.last_claim_on ?? null,
            };
          }),
        },
        200,
      );
    },
  );
  return app;
}
