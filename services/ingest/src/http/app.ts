import type { FactEventType } from '@claims/events';
import type { EventStore } from '@claims/eventstore';
import { ExtractError } from '@claims/extract';
import { bearerSecurity, createRouter, errorResponses, HttpError, handleErrors } from '@claims/http';
import type { Profile } from '@claims/profile';
import { createRoute, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { type AnalystFact, addAnalystFact, withdrawFact } from '../analyst.ts';
import { confirmFact, type FactLocator } from '../confirm.ts';
import { type ArticleExtractor, ExtractionBusyError, ExtractionRefusedError } from '../extraction/pool.ts';
import { ingestArticle } from '../ingest-article.ts';
import { checkAgainstProfile } from './profile-check.ts';
import {
  AgreementEntry,
  ArticleBody,
  ArticleQuery,
  ClaimEntry,
  ConfirmationEntry,
  ConfirmationResponse,
  IngestResponse,
  MeetingEntry,
  WithdrawalEntry,
  WriteResponse,
} from './schemas.ts';

export interface IngestAppOptions {
  store: EventStore;
  profile: Profile;
  /** Extracts the articles posted: the service's pool of threads (extraction/pool.ts). */
  extractor: ArticleExtractor;
  /** Largest request body, in bytes. Default 8 MiB (the extractor takes up to 2 million characters). */
  maxBodyBytes?: number;
  /** Who is writing, from the request (a token name once access control is on). */
  actorOf?: (c: Context) => string | null;
  /**
   * Which article holds a fact, by its id (POST /v1/confirmations names only the fact). Without it, confirmations
   * answer 503.
   */
  locateFact?: FactLocator;
}

/** A write can meet every refusal the API declares. */
const writeErrors = errorResponses;

const articleRoute = createRoute({
  method: 'post',
  path: '/v1/articles',
  summary: 'Ingest an article',
  description:
    'Extracts claims, meeting proposals and agreements from an article and appends them, with ' +
    'the article, in one atomic write. ' +
    'Send JSON, or the article itself as text/plain or text/html with its metadata in query ' +
    'parameters. Posting the same text again appends nothing.',
  security: bearerSecurity,
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
    200: {
      description: 'Already registered: nothing appended',
      content: { 'application/json': { schema: IngestResponse } },
    },
    ...writeErrors,
  },
});

const writeRoute = <S extends z.ZodType>(path: string, schema: S, summary: string) =>
  createRoute({
    method: 'post',
    path,
    summary,
    security: bearerSecurity,
    request: { body: { required: true, content: { 'application/json': { schema } } } },
    responses: {
      201: { description: 'Appended', content: { 'application/json': { schema: WriteResponse } } },
      ...writeErrors,
    },
  });

/**
 * The analyst route of each fact type: a type missing here fails to compile. Each entry
 * schema takes its fields from the event's own schema (schemas.ts).
 */
const factRoutes = {
  ClaimMade: { path: '/v1/claims', entry: ClaimEntry, summary: 'Add or correct a claim by hand' },
  MeetingProposed: { path: '/v1/meetings', entry: MeetingEntry, summary: 'Add or correct a meeting proposal by hand' },
  AgreementReported: { path: '/v1/agreements', entry: AgreementEntry, summary: 'Add or correct an agreement by hand' },
} as const satisfies Record<FactEventType, { path: string; entry: z.ZodType; summary: string }>;

/** Reads a request body as UTF-8, refusing bytes that are not (instead of silently replacing them). */
async function utf8Body(c: Context): Promise<string> {
  const bytes = await c.req.arrayBuffer();
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new HttpError(400, 'the request body is not valid UTF-8', 'body');
  }
}

/**
 * The extractor refusing an article (too long, binary, over its time budget) is the article's
 * fault: 422 on its text. Every extraction thread busy is the tracker's: 503, retry shortly.
 */
const extractRefusal = (err: Error) => {
  if (err instanceof ExtractError || err instanceof ExtractionRefusedError)
    return new HttpError(422, err.message, 'text');
  if (err instanceof ExtractionBusyError) {
    return new HttpError(503, `the extractor is busy: ${err.message}; nothing was stored`, null, {
      headers: { 'Retry-After': String(err.retryAfterSeconds) },
    });
  }
  return null;
};

/**
 * The ingest service's HTTP routes: articles in, analyst entries and withdrawals.
 * Every refusal is a 4xx JSON error naming the field, and appends nothing.
 */
export function createIngestApp(options: IngestAppOptions) {
  const { store, profile, extractor } = options;
  const actorOf = options.actorOf ?? (() => null);
  const maxBytes = options.maxBodyBytes ?? 8 * 1024 * 1024;
  const app = createRouter();
  app.onError(handleErrors(extractRefusal));
  // Who enters or withdraws a fact: the name given, else the token's.
  const analystOf = (c: Context, named: string | undefined): string => {
    const analyst = named ?? actorOf(c);
    if (!analyst) throw new HttpError(400, 'name the analyst: this server has no token names to sign with', 'analyst');
    return analyst;
  };
  const locate = async (eventId: string, field: string): Promise<string> => {
    if (!options.locateFact)
      throw new HttpError(400, 'give the documentId: this server cannot look events up by id', 'documentId');
    const found = await options.locateFact(eventId.toLowerCase());
    if (!found)
      throw new HttpError(
        404,
        `no claim, meeting, agreement or confirmation ${eventId} (one just written may not be projected yet)`,
        field,
      );
    return found.documentId;
  };

  app.use(
    '/v1/*',
    bodyLimit({
      maxSize: maxBytes,
      onError: () => {
        throw new HttpError(413, `request body is larger than ${maxBytes} bytes`, 'body');
      },
    }),
  );
  // Bodies must be UTF-8: read once here (hono caches it for the validators).
  app.use('/v1/*', async (c, next) => {
    if (c.req.method === 'POST') await utf8Body(c);
    await next();
  });

  app.openapi(articleRoute, async (c) => {
    const type = (c.req.header('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
    let input: z.infer<typeof ArticleBody>;
    if (type === 'application/json') {
      input = c.req.valid('json') as z.infer<typeof ArticleBody>;
    } else if (type === 'text/plain' || type === 'text/markdown' || type === 'text/html') {
      const body = await utf8Body(c);
      if (!body.trim()) throw new HttpError(400, 'the request body is empty', 'body');
      input = { ...c.req.valid('query'), ...(type === 'text/html' ? { html: body } : { text: body }) };
    } else {
      throw new HttpError(
        400,
        `unsupported content-type "${type || '(none)'}": send application/json, text/plain or text/html`,
        'content-type',
      );
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
      { profile, extractor, context: { actor: actorOf(c) } },
    );
    return c.json(result, result.duplicate ? 200 : 201);
  });

  for (const [type, route] of Object.entries(factRoutes) as [FactEventType, (typeof factRoutes)[FactEventType]][]) {
    app.openapi(writeRoute(route.path, route.entry, route.summary), async (c) => {
      const {
        documentId,
        span,
        quote,
        analyst: named,
        corrects,
        ...data
      } = c.req.valid('json') as z.infer<typeof route.entry>;
      const analyst = analystOf(c, named);
      checkAgainstProfile(profile, { type, data });
      const fact = { type, data } as AnalystFact;
      const entry = {
        documentId,
        span,
        analyst,
        fact,
        ...(quote !== undefined ? { quote } : {}),
        ...(corrects !== undefined ? { corrects } : {}),
      };
      return c.json(await addAnalystFact(store, entry, { actor: actorOf(c) }), 201);
    });
  }

  app.openapi(
    writeRoute(
      '/v1/withdrawals',
      WithdrawalEntry,
      'Withdraw a wrong claim, meeting or agreement (kept in the history)',
    ),
    async (c) => {
      const { documentId, analyst, ...body } = c.req.valid('json');
      const located = documentId ?? (await locate(body.eventId, 'eventId'));
      return c.json(
        await withdrawFact(
          store,
          { ...body, documentId: located, analyst: analystOf(c, analyst) },
          { actor: actorOf(c) },
        ),
        201,
      );
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/v1/confirmations',
      summary: 'Confirm a claim, meeting or agreement as it stands (undo: withdraw the confirmation)',
      description:
        "Appends a FactConfirmed event to the fact's article stream, signed with the token's name. " +
        '404 naming `factId` when no such fact is known; ' +
        '409 when it was withdrawn or is already confirmed. Withdrawing the confirmation (POST ' +
        '/v1/withdrawals with its `id`) undoes it.',
      security: bearerSecurity,
      request: { body: { required: true, content: { 'application/json': { schema: ConfirmationEntry } } } },
      responses: {
        201: { description: 'Appended', content: { 'application/json': { schema: ConfirmationResponse } } },
        ...writeErrors,
      },
    }),
    async (c) => {
      if (!options.locateFact)
        throw new HttpError(503, 'confirmations need the read models, which this server does not have', null);
      const body = c.req.valid('json');
      return c.json(await confirmFact(store, options.locateFact, body, { actor: actorOf(c) }), 201);
    },
  );

  return app;
}
