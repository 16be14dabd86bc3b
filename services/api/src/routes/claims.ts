import { createRouter, errorResponses, HttpError } from '@claims/http';
import { createRoute, z } from '@hono/zod-openapi';
import { annotate } from '../annotations.ts';
import { claimProvenance, provenanceJsonLd } from '../provenance.ts';
import { claimById, listClaims, toClaim } from '../queries.ts';
import { Claim, IdParam, Provenance, pageOf } from '../schemas.ts';
import { json, type RouteContext } from './context.ts';

const errors = { 400: errorResponses[400], 404: errorResponses[404] };

/** Claims, filtered and paginated; one claim; where a claim came from. */
export function claimRoutes({ db, store, q, publicUrl }: RouteContext) {
  const app = createRouter();
  app.openapi(
    createRoute({
      method: 'get',
      path: '/v1/claims',
      summary: 'Claims, filtered, in valid-time order, a page at a time',
      request: { query: q.claims },
      responses: { 200: json(pageOf(Claim, 'ClaimPage'), 'A page of claims'), ...errors },
    }),
    async (c) => c.json(await listClaims(db, c.req.valid('query')), 200),
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/v1/claims/{id}',
      summary: 'One claim',
      request: { params: IdParam },
      responses: { 200: json(Claim, 'The claim'), ...errors },
    }),
    async (c) => {
      const row = await claimById(db, c.req.valid('param').id);
      if (!row) throw new HttpError(404, `no claim ${c.req.valid('param').id}`, 'id');
      const claim = toClaim(row);
      await annotate(db, [claim]);
      return c.json(claim, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/v1/claims/{id}/provenance',
      summary: 'Where a claim came from, and whether its source still proves it',
      description:
        'The event, the article, the quote in its paragraph, the extractor, later withdrawals and ' +
        'corrections, and `verified`. ' +
        'Send `Accept: application/ld+json` for W3C PROV-O as JSON-LD.',
      request: { params: IdParam },
      responses: {
        200: {
          description: 'Provenance',
          content: {
            'application/json': { schema: Provenance },
            'application/ld+json': {
              schema: z.record(z.string(), z.unknown()).openapi({ description: 'PROV-O JSON-LD' }),
            },
          },
        },
        ...errors,
      },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      const p = await claimProvenance(db, store, id);
      if (!p) throw new HttpError(404, `no claim ${id}`, 'id');
      if (/application\/ld\+json/i.test(c.req.header('accept') ?? '')) {
        const base = publicUrl().replace(/\/+$/, '');
        return c.json(provenanceJsonLd(p, base), 200, { 'content-type': 'application/ld+json; charset=utf-8' });
      }
      return c.json(p, 200);
    },
  );
  return app;
}
