import { createRouter, errorResponses, HttpError } from '@claims/http';
import { createRoute, z } from '@hono/zod-openapi';
import { streamSSE } from 'hono/streaming';
import { type ChangeKey, parseChangeId } from '../sse/change-id.ts';
import { feedHead, projectionFeed } from '../sse/feed.ts';
import { runChangeStream } from '../sse/session.ts';
import type { RouteContext } from './context.ts';

const fromEnv = (name: string, fallback: number) => {
  const n = Number(process.env[name]);
  return Number.isInteger(n) && n > 0 ? n : fallback;
};

/** The address a request came from (the socket's, as @hono/node-server passes it). */
const clientOf = (c: { env: unknown }) =>
  (c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined)?.incoming?.socket?.remoteAddress ??
  'unknown';

/**
 * `/v1/subscriptions`: a read model's changes as Server-Sent Events, resumable with Last-Event-ID.
 * Live subscriptions are capped, in all and per client address: each holds a connection and
 * reads the feed on every change, and with reads open anyone can open them (20,000 of them
 * once pushed health past 8 s). Past a cap, 503 with Retry-After, at no cost to the database.
 */
export function subscriptionRoutes({ db, q, listener, sessions, subscriptions }: RouteContext) {
  const app = createRouter();
  const maxTotal = subscriptions?.maxSubscriptions ?? fromEnv('CLAIMS_MAX_SUBSCRIPTIONS', 1000);
  const maxPerClient = subscriptions?.maxPerClient ?? fromEnv('CLAIMS_MAX_SUBSCRIPTIONS_PER_CLIENT', 10);
  const perClient = new Map<string, number>();
  let open = 0;
  /**
   * Where a new subscriber starts, per projection, computed once per change generation: a
   * crowd subscribing at once costs one query, not one each on the pool every read shares.
   */
  const heads = new Map<string, { generation: number; head: Promise<ChangeKey> }>();
  const headOf = (projection: string) => {
    const known = heads.get(projection);
    if (known && known.generation === listener.current) return known.head;
    const head = feedHead(db, projection);
    heads.set(projection, { generation: listener.current, head });
    head.catch(() => heads.delete(projection));
    return head;
  };
  app.openapi(
    createRoute({
      method: 'get',
      path: '/v1/subscriptions',
      summary: 'Live changes of a read model (Server-Sent Events)',
      description:
        'One message per read-model change after it commits; its id is the global position (`:seq` ' +
        'appended when one event made several changes). ' +
        'Reconnect with `Last-Event-ID` (or `lastEventId`) to receive every change missed, no ' +
        'gaps, no repeats; `-1` replays from the start. ' +
        'Comments (`: heartbeat`) keep idle connections open; a client too slow to read is sent ' +
        '`event: close` with a reason, then disconnected.',
      request: {
        query: q.subscriptions,
        headers: z.object({
          'last-event-id': z.string().max(64).optional().openapi({ description: 'Resume after this id' }),
        }),
      },
      responses: {
        200: { description: 'An event stream', content: { 'text/event-stream': { schema: z.string() } } },
        400: errorResponses[400],
        503: {
          ...errorResponses[503],
          description: 'Too many live subscriptions (in all, or from this client): retry after Retry-After',
        },
      },
    }),
    async (c) => {
      const query = c.req.valid('query');
      const resume = c.req.header('last-event-id') ?? query.lastEventId;
      let from = resume === undefined ? null : parseChangeId(resume);
      if (resume !== undefined && !from) {
        const field = c.req.header('last-event-id') !== undefined ? 'Last-Event-ID' : 'lastEventId';
        throw new HttpError(
          400,
          `invalid ${field} "${resume}": expected an id this stream sent (e.g. 42 or 42:1), or -1`,
          field,
        );
      }
      const client = clientOf(c);
      if (open >= maxTotal) {
        throw new HttpError(503, `the tracker has ${open} live subscriptions, its limit; retry shortly`, null, {
          headers: { 'Retry-After': '5' },
        });
      }
      if ((perClient.get(client) ?? 0) >= maxPerClient) {
        throw new HttpError(
          503,
          `this client has ${maxPerClient} live subscriptions, the limit per client; close one, or retry later`,
          null,
          {
            headers: { 'Retry-After': '5' },
          },
        );
      }
      // Counted from here, so that subscribers arriving together cannot all pass the check.
      open++;
      perClient.set(client, (perClient.get(client) ?? 0) + 1);
      let released = false;
      const release = () => {
        if (released) return;
        released = true;
        open--;
        const n = (perClient.get(client) ?? 1) - 1;
        if (n > 0) perClient.set(client, n);
        else perClient.delete(client);
      };
      try {
        // Listen before reading where to start, so nothing committed in between is waited for by a poll.
        await listener.ready();
        from ??= await headOf(query.projection);
      } catch (err) {
        release();
        throw err;
      }
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
          release();
        }
      });
    },
  );
  return app;
}
