import { isTransientDatabaseError } from '@claims/db';
import type { EventStore } from '@claims/eventstore';
import { ExtractError } from '@claims/extract';
import type { Profile } from '@claims/profile';
import { OpenAPIHono, createRoute, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { HTTPException } from 'hono/http-exception';
import { type AnalystEntry, addAnalystFact, withdrawFact } from '../analyst.ts';
import { IngestError } from '../errors.ts';
import { ingestArticle } from '../ingest-article.ts';
import { checkAgainstProfile } from './profile-check.ts';
import {
  AgreementEntry,
  ArticleBody,
  ArticleQuery,
  ClaimEntry,
  ErrorResponse,
  IngestResponse,
  MeetingEntry,
  WithdrawalEntry,
  WriteResponse,
} from './schemas.ts';

export interface IngestAppOptions {
  store: EventStore;
  profile: Profile;
  /** Largest request body, in bytes. Default 8 MiB (the extractor takes up to 2 million characters). */
  maxBodyBytes?: number;
  /** Who is writing, from the request (a token name once access control is on). */
  actorOf?: (c: Context) => string | null;
}

type ErrorBody = z.infer<typeof ErrorResponse>;
const errorBody = (message: string, field: string | null, issues?: ErrorBody['error']['issues']): ErrorBody => ({
  error: { message, field, ...(issues ? { issues } : {}) },
});

const errors = {
  400: { description: 'Invalid request: the message names the field', content: { 'application/json': { schema: ErrorResponse } } },
  404: { description: 'No such article or event', content: { 'application/json': { schema: ErrorResponse } } },
  409: { description: 'Conflicts with what is stored', content: { 'application/json': { schema: ErrorResponse } } },
  413: { description: 'Body too large', content: { 'application/json': { schema: ErrorResponse } } },
  503: { description: 'The database is unavailable; nothing was stored', content: { 'application/json': { schema: ErrorResponse } } },
  422: { description: 'Well-formed but does not fit the stored article', content: { 'application/json': { schema: ErrorResponse } } },
};

const articleRoute = createRoute({
  method: 'post',
  path: '/v1/articles',
  summary: 'Ingest an article',
  description:
    'Extracts claims, meeting proposals and agreements from an article and appends them, with the article, in one atomic write. ' +
    'Send JSON, or the article itself as text/plain or text/html with its metadata in query parameters. Posting the same text again appends nothing.',
  request: {
    query: ArticleQuery,
    body: {
      // Not "required": with it, the JSON validator would also run on text/plain and text/html bodies.
      required: false,
      content: {
        'application/json': { schema: ArticleBody },
        'text/plain': { schema: z.string() },
        'text/html': { schema: z.string() },
      },
    },
  },
  responses: {
    201: { description: 'Registered', content: { 'application/json': { schema: IngestResponse } } },
    200: { description: 'Already registered: nothing appended', content: { 'application/json': { schema: IngestResponse } } },
    ...errors,
  },
});

const factRoute = <S extends z.ZodType>(path: string, schema: S, summary: string) =>
  createRoute({
    method: 'post',
    path,
    summary,
    request: { body: { required: true, content: { 'application/json': { schema } } } },
    responses: { 201: { description: 'Appended', content: { 'application/json': { schema: WriteResponse } } }, ...errors },
  });

/** Reads a request body as UTF-8, refusing bytes that are not (instead of silently replacing them). */
async function utf8Body(c: Context): Promise<string> {
  const bytes = await c.req.arrayBuffer();
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new IngestError(400, 'the request body is not valid UTF-8', 'body');
  }
}

/**
 * The ingest service's HTTP routes: articles in, analyst entries and withdrawals.
 * Every refusal is a 4xx JSON error naming the field, and appends nothing.
 */
export function createIngestApp(options: IngestAppOptions) {
  const { store, profile } = options;
  const actorOf = options.actorOf ?? (() => null);
  const app = new OpenAPIHono({
    defaultHook: (result, c) => {
      if (result.success) return;
      const issues = result.error.issues.map((i) => ({ path: i.path.join('.') || result.target, message: i.message }));
      const first = issues[0]!;
      return c.json(errorBody(`invalid ${result.target}: ${first.path}: ${first.message}`, first.path, issues), 400);
    },
  });

  app.use(
    '/v1/*',
    bodyLimit({
      maxSize: options.maxBodyBytes ?? 8 * 1024 * 1024,
      onError: (c) => c.json(errorBody(`request body is larger than ${options.maxBodyBytes ?? 8 * 1024 * 1024} bytes`, 'body'), 413),
    }),
  );
  // Bodies must be UTF-8: read once here (hono caches it for the validators).
  app.use('/v1/*', async (c, next) => {
    if (c.req.method === 'POST') await utf8Body(c);
    await next();
  });

  app.onError((err, c) => {
    if (err instanceof IngestError) return c.json(errorBody(err.message, err.field), err.status);
    if (err instanceof ExtractError) return c.json(errorBody(err.message, 'text'), 422);
    if (isTransientDatabaseError(err)) {
      // The database is away (restarting, unreachable): say so at once rather than hang or 500.
      c.header('Retry-After', '2');
      return c.json(errorBody('the database is unavailable; nothing was stored, retry shortly', null), 503);
    }
    if (err instanceof HTTPException && err.status === 415) {
      const type = c.req.header('content-type') ?? '(none)';
      return c.json(errorBody(`unsupported content-type "${type}": send application/json, text/plain or text/html`, 'content-type'), 415);
    }
    if (err instanceof HTTPException && err.status < 500) {
      return c.json(errorBody(err.message || 'bad request', 'body'), err.status as 400);
    }
    throw err;
  });

  app.openapi(articleRoute, async (c) => {
    const type = (c.req.header('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
    let input: z.infer<typeof ArticleBody>;
    if (type === 'application/json') {
      input = c.req.valid('json') as z.infer<typeof ArticleBody>;
    } else if (type === 'text/plain' || type === 'text/markdown' || type === 'text/html') {
      const body = await utf8Body(c);
      if (!body.trim()) throw new IngestError(400, 'the request body is empty', 'body');
      input = { ...c.req.valid('query'), ...(type === 'text/html' ? { html: body } : { text: body }) };
    } else {
      throw new IngestError(400, `unsupported content-type "${type || '(none)'}": send application/json, text/plain or text/html`, 'content-type');
    }
    const query = c.req.valid('query');
    const result = await ingestArticle(
      store,
      {
        ...(input.html !== undefined ? { html: input.html } : { text: input.text ?? '' }),
        url: input.url ?? query.url ?? null,
        publisher: input.publisher ?? query.publisher ?? null,
        title: input.title ?? query.title ?? null,
        publishedAt: input.publishedAt ?? query.publishedAt ?? null,
      },
      { profile, context: { actor: actorOf(c) } },
    );
    return c.json(result, result.duplicate ? 200 : 201);
  });

  const entry = (b: { documentId: string; span: { start: number; end: number }; quote?: string; analyst: string; corrects?: string }) => ({
    documentId: b.documentId,
    span: b.span,
    analyst: b.analyst,
    ...(b.quote !== undefined ? { quote: b.quote } : {}),
    ...(b.corrects !== undefined ? { corrects: b.corrects } : {}),
  });

  app.openapi(factRoute('/v1/claims', ClaimEntry, 'Add or correct a claim by hand'), async (c) => {
    const { documentId, span, quote, analyst, corrects, ...data } = c.req.valid('json');
    checkAgainstProfile(profile, { sides: [data.side], topics: [data.topic], actors: [data.speaker] });
    const fact: AnalystEntry['fact'] = { type: 'ClaimMade', data };
    const result = await addAnalystFact(store, { ...entry({ documentId, span, quote, analyst, corrects }), fact }, { actor: actorOf(c) });
    return c.json(result, 201);
  });

  app.openapi(factRoute('/v1/meetings', MeetingEntry, 'Add or correct a meeting proposal by hand'), async (c) => {
    const { documentId, span, quote, analyst, corrects, ...data } = c.req.valid('json');
    checkAgainstProfile(profile, { sides: [data.proposerSide, ...data.participants], actors: [data.proposer] });
    const result = await addAnalystFact(
      store,
      { ...entry({ documentId, span, quote, analyst, corrects }), fact: { type: 'MeetingProposed', data } },
      { actor: actorOf(c) },
    );
    return c.json(result, 201);
  });

  app.openapi(factRoute('/v1/agreements', AgreementEntry, 'Add or correct an agreement by hand'), async (c) => {
    const { documentId, span, quote, analyst, corrects, ...data } = c.req.valid('json');
    checkAgainstProfile(profile, { sides: data.parties, topics: [data.topic], actors: [data.reportedBy] });
    const result = await addAnalystFact(
      store,
      { ...entry({ documentId, span, quote, analyst, corrects }), fact: { type: 'AgreementReported', data } },
      { actor: actorOf(c) },
    );
    return c.json(result, 201);
  });

  app.openapi(factRoute('/v1/withdrawals', WithdrawalEntry, 'Withdraw a wrong claim, meeting or agreement (kept in the history)'), async (c) => {
    const body = c.req.valid('json');
    return c.json(await withdrawFact(store, body, { actor: actorOf(c) }), 201);
  });

  return app;
}
