import { createRouter, errorResponses } from '@claims/http';
import { createRoute, z } from '@hono/zod-openapi';
import { stream } from 'hono/streaming';
import { checkExportFilters, exportText } from '../export.ts';
import { MAX_CANDIDATES, reviewQueue } from '../review.ts';
import { pageOf, ReviewItemSchema, SearchHitSchema } from '../schemas.ts';
import { searchFacts } from '../search.ts';
import { json, type RouteContext } from './context.ts';

const errors = { 400: errorResponses[400] };

/** The analyst's workbench: the review queue, search with filters, and exports. */
export function workbenchRoutes({ db, profile, q, pairs }: RouteContext) {
  const app = createRouter();
  app.openapi(
    createRoute({
      method: 'get',
      path: '/v1/review',
      summary: "Facts that need a person's look, with the reasons",
      description:
        "Standing facts, not confirmed, flagged for: low confidence, a day outside the speaker's " +
        'term or after the article, no speaker, a side or topic the quote does not name, ' +
        'a position change resting on one uncertain claim. Facts that set a current position come ' +
        'first, then the least certain.',
      request: { query: q.review },
      responses: {
        200: json(
          z
            .object({
              items: z.array(ReviewItemSchema),
              nextCursor: z.string().nullable(),
              complete: z.boolean().openapi({
                description:
                  `false when more than ${MAX_CANDIDATES.toLocaleString('en')} standing facts of a ` +
                  `type were there: only the newest were checked`,
              }),
            })
            .openapi('ReviewPage'),
          'A page of the review queue',
        ),
        ...errors,
      },
    }),
    async (c) => c.json(await reviewQueue(db, profile, c.req.valid('query')), 200),
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/v1/search',
      summary: 'Full-text search over claims, meetings, agreements and their articles, with filters',
      description:
        'PostgreSQL full-text search (English) over quotes, claim text and article text. Every ' +
        'filter works alone, without `q`. In valid-time order.',
      request: { query: q.search },
      responses: { 200: json(pageOf(SearchHitSchema, 'SearchPage'), 'A page of hits'), ...errors },
    }),
    async (c) => c.json(await searchFacts(db, c.req.valid('query')), 200),
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/v1/export/{dataset}',
      summary: 'A dataset as CSV or JSON lines, streamed, with provenance columns',
      description:
        'claims, positions (as of a day on either clock), changes, meetings or agreements: the ' +
        'rows of the matching list API (same ids, same order), ' +
        'with the columns of docs/codebook.md. Each dataset takes the filters of its list; another is a 400 naming it.',
      request: { params: q.exportParams, query: q.export },
      responses: {
        200: {
          description: 'The dataset',
          content: { 'text/csv': { schema: z.string() }, 'application/x-ndjson': { schema: z.string() } },
        },
        ...errors,
      },
    }),
    async (c) => {
      const { dataset } = c.req.valid('param');
      const { format, access_token: _, ...filters } = c.req.valid('query');
      // Refused before the first byte, so that a bad filter is a 400 and not a broken download.
      checkExportFilters(dataset, filters);
      c.header('content-type', format === 'csv' ? 'text/csv; charset=utf-8' : 'application/x-ndjson; charset=utf-8');
      c.header('content-disposition', `attachment; filename="${dataset}.${format}"`);
      c.header('cache-control', 'no-store');
      return stream(c, async (out) => {
        for await (const chunk of exportText(db, dataset, format, filters, pairs)) await out.write(chunk);
      }) as never;
    },
  );
  return app;
}
