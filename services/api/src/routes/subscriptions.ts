import { HttpError, createRouter, errorResponses } from '@claims/http';
import { createRoute, z } from '@hono/zod-openapi';
import { streamSSE } from 'hono/streaming';
import { parseChangeId } from '../sse/change-id.ts';
import { feedHead, projectionFeed } from '../sse/feed.ts';
import { runChangeStream } from '../sse/session.ts';
import type { RouteContext } from './context.ts';

/** `/v1/subscriptions`: a read model's changes as Server-Sent Events, resumable with Last-Event-ID. */
export function subscriptionRoutes({ db, q, listener, sessions, subscriptions }: RouteContext) {
  const app = createRouter();
  app.openapi(
    createRoute({
      method: 'get',
      path: '/v1/subscriptions',
      summary: 'Live changes of a read model (Server-Sent Events)',
      description:
        'One message per read-model change after it commits; its id is the global position (`:seq` appended when one event made several changes). ' +
        'Reconnect with `Last-Event-ID` (or `lastEventId`) to receive every change missed, no gaps, no repeats; `-1` replays from the start. ' +
        'Comments (`: heartbeat`) keep idle connections open; a client too slow to read is sent `event: close` with a reason, then disconnected.',
      request: {
        query: q.subscriptions,
        headers: z.object({ 'last-event-id': z.string().max(64).optional().openapi({ description: 'Resume after this id' }) }),
      },
      responses: {
        200: { description: 'An event stream', content: { 'text/event-stream': { schema: z.string() } } },
        400: errorResponses[400],
      },
    }),
    async (c) => {
      const query = c.req.valid('query');
      const resume = c.req.header('last-event-id') ?? query.lastEventId;
      let from = resume === undefined ? null : parseChangeId(resume);
      if (resume !== undefined && !from) {
        const field = c.req.header('last-event-id') !== undefined ? 'Last-Event-ID' : 'lastEventId';
        throw new HttpError(400, `invalid ${field} "${resume}": expected an id this stream sent (e.g. 42 or 42:1), or -1`, field);
      }
      // Listen before reading where to start, so nothing committed in between is waited for by a poll.
      await listener.ready();
      from ??= await feedHead(db, query.projection);
      const source = projectionFeed(db, query);
      const abort = new AbortController();
      sessions.add(abort);
      const outgoing = (c.env as { outgoing?: { destroy?: () => void } } | undefined)?.outgoing;
      return streamSSE(c, async (stream) => {
        stream.onAbort(() => abort.abort());
        try {
          // Flushes the headers at once (the client knows it is subscribed) and sets the reconnect delay.
          await stream.write(': subscribed\nretry: 2000\n\n');
          const end = await runChangeStream({
            source,
            wake: listener,
            writer: { write: (t) => stream.write(t), abort: () => stream.abort() },
            from: from!,
            signal: abort.signal,
            limits: subscriptions,
          });
          if (end === 'slow_consumer') outgoing?.destroy?.();
        } finally {
          sessions.delete(abort);
        }
      });
    },
  );
  return app;
}
