import { type Database, NotificationListener } from '@claims/db';
import type { EventStore } from '@claims/eventstore';
import type { Profile } from '@claims/profile';
import { OpenAPIHono, createRoute, z } from '@hono/zod-openapi';
import type { Kysely } from 'kysely';
import { streamSSE } from 'hono/streaming';
import { ApiError, ErrorResponse, errorBody } from './errors.ts';
import { claimProvenance, provenanceJsonLd } from './provenance.ts';
import {
  actorStats,
  claimById,
  claimCounts,
  listAgreements,
  listChanges,
  listClaims,
  listMeetings,
  positionsAsOf,
  sideTimeline,
  sourceById,
  toClaim,
} from './queries.ts';
import {
  ActorsResponse,
  Agreement,
  Claim,
  DocumentParam,
  IdParam,
  Meeting,
  PositionChange,
  PositionsResponse,
  Provenance,
  SidesResponse,
  Source,
  TimelinePoint,
  TopicsResponse,
  pageOf,
  querySchemas,
} from './schemas.ts';
import { parseChangeId } from './sse/change-id.ts';
import { feedHead, projectionFeed } from './sse/feed.ts';
import { readCache } from './read-cache.ts';
import { type SessionLimits, runChangeStream } from './sse/session.ts';
import { mountWeb } from './web.ts';

export interface ApiOptions {
  /** The read models (default schema). */
  db: Kysely<Database>;
  /** The event store: provenance reads an article's stream for later withdrawals and corrections. */
  store: EventStore;
  profile: Profile;
  /** Connection URL for the one LISTEN connection that wakes subscriptions. */
  databaseUrl: string;
  /** NOTIFY channel the projector signals on. Default `claims_changes`. */
  channel?: string;
  /** Fallback poll of the change feed while no notification arrives. Default 2000 ms. */
  pollIntervalMs?: number;
  /** Per-subscriber limits: buffer, drain timeout, heartbeat. */
  subscriptions?: SessionLimits;
  /** Serve `/openapi.json` from this app (off when a composition root serves one for every service). Default true. */
  serveOpenApi?: boolean;
  /** The read cache: entries kept (default 1000) and their longest life (default 1000 ms; 0 turns it off). */
  readCache?: { maxEntries?: number; ttlMs?: number };
}

export interface ApiApp {
  app: OpenAPIHono;
  /** Ends every open subscription and the listener (before the HTTP server closes). */
  close(): Promise<void>;
}

const errors = {
  400: { description: 'Invalid request: the message and `field` name the parameter', content: { 'application/json': { schema: ErrorResponse } } },
  404: { description: 'Not found', content: { 'application/json': { schema: ErrorResponse } } },
};
const json = <T extends z.ZodType>(schema: T, description: string) => ({ description, content: { 'application/json': { schema } } });
const today = () => new Date().toISOString().slice(0, 10);

/**
 * The query API: sides, topics, actors; positions now or as of any day on either
 * clock; how positions moved; claims, meetings and agreements with cursor
 * pagination; provenance (JSON or W3C PROV JSON-LD); live subscriptions over SSE;
 * the web page at `/` and the API docs at `/docs`.
 */
export function createApiApp(options: ApiOptions): ApiApp {
  const { db, store, profile } = options;
  const q = querySchemas(profile);
  const listener = new NotificationListener(options.databaseUrl, options.channel ?? 'claims_changes', options.pollIntervalMs ?? 2_000);
  const sessions = new Set<AbortController>();
  const pairs = profile.sides.flatMap((s) => profile.topics.map((t) => ({ side: s.slug, topic: t.slug })));

  const app = new OpenAPIHono({
    defaultHook: (result, c) => {
      if (result.success) return;
      const issues = result.error.issues.map((i) => {
        // An unknown parameter has no path of its own: name it from the issue.
        const keys = 'keys' in i && Array.isArray(i.keys) ? (i.keys as string[]) : [];
        return { path: i.path.join('.') || keys[0] || result.target, message: i.message };
      });
      const first = issues[0]!;
      return c.json(errorBody(`invalid ${result.target}: ${first.path}: ${first.message}`, first.path, issues), 400);
    },
  });
  // Repeated reads are answered from memory until a projection commits a change (see read-cache.ts).
  void listener.ready().catch(() => {});
  app.use('/v1/*', readCache(listener, { ...options.readCache, skip: (path) => path === '/v1/subscriptions' || path === '/v1/health' }));
  app.onError((err, c) => {
    if (err instanceof ApiError) return c.json(errorBody(err.message, err.field), err.status);
    throw err;
  });

  app.openapi(
    createRoute({ method: 'get', path: '/v1/sides', summary: 'Sides of the negotiation, with their claim counts', responses: { 200: json(SidesResponse, 'Sides') } }),
    async (c) => {
      const counts = await claimCounts(db, 'side');
      return c.json({ sides: profile.sides.map((s) => ({ slug: s.slug, name: s.name, claims: counts.get(s.slug) ?? 0 })) }, 200);
    },
  );

  app.openapi(
    createRoute({ method: 'get', path: '/v1/topics', summary: 'Topics, with their claim counts', responses: { 200: json(TopicsResponse, 'Topics') } }),
    async (c) => {
      const counts = await claimCounts(db, 'topic');
      return c.json({ topics: profile.topics.map((t) => ({ slug: t.slug, description: t.description, claims: counts.get(t.slug) ?? 0 })) }, 200);
    },
  );

  app.openapi(
    createRoute({ method: 'get', path: '/v1/actors', summary: 'Actors who speak for the sides, with what they said', responses: { 200: json(ActorsResponse, 'Actors') } }),
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

  app.openapi(
    createRoute({
      method: 'get',
      path: '/v1/positions',
      summary: "Each side's position per topic, now or as of a day",
      description:
        'Without `asOf`: the current positions. With `asOf` and `clock=valid` (default): what had been said by the end of that day, from the position history. ' +
        'With `clock=record`: what the tracker knew at the end of that day (UTC): claims recorded by then and not yet withdrawn.',
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
      responses: { 200: json(pageOf(PositionChange, 'PositionChanges'), 'A page of changes, in valid-time order'), ...errors },
    }),
    async (c) => c.json(await listChanges(db, c.req.valid('query')), 200),
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/v1/sides/{side}/timeline',
      summary: "One side's timeline: every standing claim in valid-time order, marked where its stance changed",
      request: { params: q.timelineParams, query: q.timeline },
      responses: { 200: json(z.object({ side: z.string(), points: z.array(TimelinePoint) }).openapi('Timeline'), 'Timeline'), ...errors },
    }),
    async (c) => {
      const { side } = c.req.valid('param');
      if (!profile.sides.some((s) => s.slug === side)) throw new ApiError(404, `no side "${side}" in profile ${profile.name}`, 'side');
      return c.json({ side, points: await sideTimeline(db, side, c.req.valid('query')) }, 200);
    },
  );

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
      if (!row) throw new ApiError(404, `no claim ${c.req.valid('param').id}`, 'id');
      return c.json(toClaim(row), 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/v1/claims/{id}/provenance',
      summary: 'Where a claim came from, and whether its source still proves it',
      description:
        'The event, the article, the quote in its paragraph, the extractor, later withdrawals and corrections, and `verified`. ' +
        'Send `Accept: application/ld+json` for W3C PROV-O as JSON-LD.',
      request: { params: IdParam },
      responses: {
        200: {
          description: 'Provenance',
          content: {
            'application/json': { schema: Provenance },
            'application/ld+json': { schema: z.record(z.string(), z.unknown()).openapi({ description: 'PROV-O JSON-LD' }) },
          },
        },
        ...errors,
      },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      const p = await claimProvenance(db, store, id);
      if (!p) throw new ApiError(404, `no claim ${id}`, 'id');
      if (/application\/ld\+json/i.test(c.req.header('accept') ?? '')) {
        const base = new URL(c.req.url).origin;
        return c.json(provenanceJsonLd(p, base), 200, { 'content-type': 'application/ld+json; charset=utf-8' });
      }
      return c.json(p, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/v1/sources/{documentId}',
      summary: 'A registered article: its metadata and stored, normalised text',
      request: { params: DocumentParam },
      responses: { 200: json(Source, 'The article'), ...errors },
    }),
    async (c) => {
      const { documentId } = c.req.valid('param');
      const s = await sourceById(db, documentId);
      if (!s) throw new ApiError(404, `no article ${documentId}`, 'documentId');
      return c.json(
        {
          documentId: s.document_id,
          url: s.url,
          publisher: s.publisher,
          title: s.title,
          publishedAt: s.published_at,
          recordedAt: new Date(s.recorded_at).toISOString(),
          text: s.text,
        },
        200,
      );
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/v1/meetings',
      summary: 'Proposals to meet, in valid-time order, a page at a time',
      request: { query: q.meetings },
      responses: { 200: json(pageOf(Meeting, 'MeetingPage'), 'A page of meeting proposals'), ...errors },
    }),
    async (c) => c.json(await listMeetings(db, c.req.valid('query')), 200),
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/v1/agreements',
      summary: 'Reported agreements, in valid-time order, a page at a time',
      request: { query: q.agreements },
      responses: { 200: json(pageOf(Agreement, 'AgreementPage'), 'A page of agreements'), ...errors },
    }),
    async (c) => c.json(await listAgreements(db, c.req.valid('query')), 200),
  );

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
        ...errors,
      },
    }),
    async (c) => {
      const query = c.req.valid('query');
      const resume = c.req.header('last-event-id') ?? query.lastEventId;
      let from = resume === undefined ? null : parseChangeId(resume);
      if (resume !== undefined && !from) {
        const field = c.req.header('last-event-id') !== undefined ? 'Last-Event-ID' : 'lastEventId';
        throw new ApiError(400, `invalid ${field} "${resume}": expected an id this stream sent (e.g. 42 or 42:1), or -1`, field);
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
            limits: options.subscriptions,
          });
          if (end === 'slow_consumer') outgoing?.destroy?.();
        } finally {
          sessions.delete(abort);
        }
      });
    },
  );

  mountWeb(app);
  if (options.serveOpenApi ?? true) {
    app.doc31('/openapi.json', { openapi: '3.1.0', info: { title: 'Claims tracker API', version: '0.1.0' } });
  }

  return {
    app,
    async close() {
      for (const s of sessions) s.abort();
      await listener.close();
    },
  };
}
