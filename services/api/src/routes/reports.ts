import { createRouter, errorResponses } from '@claims/http';
import { createRoute } from '@hono/zod-openapi';
import { listAgreements, listMeetings } from '../queries.ts';
import { Agreement, Meeting, pageOf } from '../schemas.ts';
import { json, type RouteContext } from './context.ts';

/** `/v1/meetings` and `/v1/agreements`: the proposals to meet and the agreements reported, a page at a time. */
export function reportRoutes({ db, q }: RouteContext) {
  const app = createRouter();
  app.openapi(
    createRoute({
      method: 'get',
      path: '/v1/meetings',
      summary: 'Proposals to meet, in valid-time order, a page at a time',
      request: { query: q.meetings },
      responses: { 200: json(pageOf(Meeting, 'MeetingPage'), 'A page of meeting proposals'), 400: errorResponses[400] },
    }),
    async (c) => c.json(await listMeetings(db, c.req.valid('query')), 200),
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/v1/agreements',
      summary: 'Reported agreements, in valid-time order, a page at a time',
      request: { query: q.agreements },
      responses: { 200: json(pageOf(Agreement, 'AgreementPage'), 'A page of agreements'), 400: errorResponses[400] },
    }),
    async (c) => c.json(await listAgreements(db, c.req.valid('query')), 200),
  );
  return app;
}
