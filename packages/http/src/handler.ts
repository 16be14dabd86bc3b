import { isDatabaseBusyError, isTransientDatabaseError } from '@claims/db';
import { OpenAPIHono } from '@hono/zod-openapi';
import type { Context, Env, ErrorHandler } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { errorBody, HttpError } from './errors.ts';

/** Turns an error a service knows into an HttpError, or returns null to leave it to the kit. */
export type ErrorMapper = (err: Error) => HttpError | null;

function toHttpError(err: Error, c: Context, map?: ErrorMapper): HttpError | null {
  if (err instanceof HttpError) return err;
  const mapped = map?.(err);
  if (mapped) return mapped;
  if (isDatabaseBusyError(err)) {
    // A lock or statement that waited past its limit (a stalled writer holds the event log): say so quickly.
    return new HttpError(
      503,
      'the database is busy: this request waited past its limit (another write may hold the ' +
        'event log); nothing was changed, retry shortly',
      null,
      { headers: { 'Retry-After': '2' } },
    );
  }
  if (isTransientDatabaseError(err)) {
    // The database is away (restarting, unreachable): say so at once rather than hang or 500.
    return new HttpError(503, 'the database is unavailable; nothing was stored, retry shortly', null, {
      headers: { 'Retry-After': '2' },
    });
  }
  if (err instanceof HTTPException && err.status === 415) {
    const type = c.req.header('content-type') ?? '(none)';
    return new HttpError(
      415,
      `unsupported content-type "${type}": send application/json, text/plain or text/html`,
      'content-type',
    );
  }
  if (err instanceof HTTPException && err.status < 500)
    return new HttpError(err.status, err.message || 'bad request', 'body');
  return null;
}

/**
 * The one `onError` of every app: refusals as the JSON envelope with their status and
 * headers; anything unexpected as a 500 in the same envelope (and on standard error).
 */
export function handleErrors<E extends Env = Env>(map?: ErrorMapper): ErrorHandler<E> {
  return (err, c) => {
    const known = toHttpError(err, c, map);
    if (known) {
      for (const [k, v] of Object.entries(known.options.headers ?? {})) c.header(k, v);
      return c.json(errorBody(known.message, known.field, known.options.issues), known.status);
    }
    process.stderr.write(`http: ${c.req.method} ${c.req.path}: ${err.stack ?? err.message}\n`);
    return c.json(errorBody('internal error', null), 500);
  };
}

type ValidationResult = {
  success: boolean;
  target: string;
  error?: { issues: readonly { path: readonly PropertyKey[]; message: string }[] };
};

/**
 * The validation hook of every OpenAPI route: a 400 naming the field. An unknown
 * parameter or field has no path of its own: it is named from the issue's keys.
 */
export function refuseInvalid(result: ValidationResult, c: Context) {
  if (result.success || !result.error) return;
  const issues = result.error.issues.map((i) => {
    const keys = 'keys' in i && Array.isArray(i.keys) ? (i.keys as string[]) : [];
    return { path: i.path.map(String).join('.') || keys[0] || result.target, message: i.message };
  });
  const first = issues[0]!;
  return c.json(errorBody(`invalid ${result.target}: ${first.path}: ${first.message}`, first.path, issues), 400);
}

/** An OpenAPIHono whose request validation refuses with the envelope: what every route module starts from. */
export const createRouter = <E extends Env = Env>() => new OpenAPIHono<E>({ defaultHook: refuseInvalid as never });
