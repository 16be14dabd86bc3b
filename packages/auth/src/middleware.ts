import { HttpError } from '@claims/http';
import type { MiddlewareHandler } from 'hono';
import type { RateLimiter } from './rate-limit.ts';
import type { Scope, TokenRegistry } from './tokens.ts';

export type AuthVariables = { actor: string };

const unauthorised = (message: string) =>
  new HttpError(401, message, 'authorization', { headers: { 'WWW-Authenticate': 'Bearer realm="claims-tracker"' } });

/**
 * Requires `Authorization: Bearer <token>` naming a configured token with `scope`; puts the
 * token's name in `c.var.actor`, so that every write records who made it. Refuses by throwing
 * (the app's `handleErrors` answers), like every other refusal: 401 without a valid token,
 * 403 with one that lacks the scope.
 */
export function requireToken(
  registry: TokenRegistry,
  options: { scope: Scope; allowQueryToken?: boolean },
): MiddlewareHandler<{ Variables: Partial<AuthVariables> }> {
  return async (c, next) => {
    const header = /^Bearer\s+(\S+)$/i.exec(c.req.header('authorization') ?? '')?.[1];
    // `?access_token=` only where a client cannot send headers (EventSource), and only for reads.
    const fromQuery = header === undefined && options.allowQueryToken ? c.req.query('access_token') : undefined;
    const presented = header ?? fromQuery;
    const holder = presented ? registry.verify(presented) : null;
    if (!holder) {
      throw unauthorised(
        presented
          ? 'the bearer token is not valid'
          : registry.size === 0
            ? 'this server has no tokens yet: create one with `pnpm claims token create NAME`'
            : 'send Authorization: Bearer <token>',
      );
    }
    if (fromQuery !== undefined && holder.scopes.some((s) => s !== 'read')) {
      // URLs end up in logs and browser history: a token that can change anything must not travel in one.
      throw new HttpError(
        401,
        `the token "${holder.name}" can ` +
          `${holder.scopes.filter((s) => s !== 'read').join(' and ')}, so it is not accepted in a ` +
          `URL: send it as Authorization: Bearer, or use a read token (claims token create NAME ` +
          `--scope read)`,
        'access_token',
      );
    }
    if (!holder.scopes.includes(options.scope)) {
      throw new HttpError(
        403,
        `the token "${holder.name}" has no ${options.scope} scope (it has ${holder.scopes.join(', ')})`,
        'authorization',
      );
    }
    c.set('actor', holder.name);
    await next();
  };
}

/** Refuses with 429 and Retry-After when `keyOf` has spent its requests. */
export function rateLimit<E extends { Variables: Partial<AuthVariables> }>(
  limiter: RateLimiter,
  keyOf: (c: Parameters<MiddlewareHandler<E>>[0]) => string,
): MiddlewareHandler<E> {
  return async (c, next) => {
    const r = limiter.take(keyOf(c));
    if (!r.ok) {
      throw new HttpError(429, `too many writes: retry in ${r.retryAfterSeconds} s`, null, {
        headers: { 'Retry-After': String(r.retryAfterSeconds) },
      });
    }
    await next();
  };
}
