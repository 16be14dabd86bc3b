import { createRouter, errorResponses, HttpError } from '@claims/http';
import { createRoute } from '@hono/zod-openapi';
import { sourceById } from '../queries.ts';
import { DocumentParam, Source } from '../schemas.ts';
import { json, type RouteContext } from './context.ts';

/** `/v1/sources/{documentId}`: a registered article and its stored text. */
export function sourceRoutes({ db }: RouteContext) {
  const app = createRouter();
  app.openapi(
    createRoute({
      method: 'get',
      path: '/v1/sources/{documentId}',
      summary: 'A registered article: its metadata and stored, normalised text',
      request: { params: DocumentParam },
      responses: { 200: json(Source, 'The article'), 400: errorResponses[400], 404: errorResponses[404] },
    }),
    async (c) => {
      const { documentId } = c.req.valid('param');
      const s = await sourceById(db, documentId);
      if (!s) throw new HttpError(404, `no article ${documentId}`, 'documentId');
      const copy = await db
        .selectFrom('article_copies')
        .select(['copy_of', 'similarity'])
        .where('document_id', '=', documentId)
        .executeTakeFirst();
      return c.json(
        {
          documentId: s.document_id,
          url: s.url,
          publisher: s.publisher,
          title: s.title,
          publishedAt: s.published_at,
          recordedAt: new Date(s.recorded_at).toISOString(),
          text: s.text,
          copyOf: copy?.copy_of ?? null,
          similarity: copy?.copy_of ? copy.similarity : null,
        },
        200,
      );
    },
  );
  return app;
}
