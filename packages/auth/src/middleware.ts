import { HttpError } from '@claims/http';
import type { MiddlewareHandler } from 'hono';
import type { RateLimiter } from './rate-limit.ts';
import type { TokenRegistry } from './tokens.ts';

export type AuthVariables = { actor: string };

/**
 * Requires `Authorization: Bearer <token>` naming a configured token; puts the token's
 * name in `c.var.actor`, so that every write records who made it. Refuses by throwing
 * (the app's `handleErrors` answers), like every other refusal.
 */
export function requireToken(
  registry: TokenRegistry,
  options: { allowQueryToken?: boolean } = {},
): MiddlewareHandler<{ Variables: Partial<AuthVariables> }> {
  return async (c, next) => {
    const header = c.req.header('authorization') ?? '';
    // `?access_token=` only where a client cannot send headers (EventSource), and only for reads.
    const fromQuery = options.allowQueryToken ? c.req.query('access_token') : undefined;
    const match = /^Bearer\s+(\S+)$/i.exec(header) ?? (fromQuery ? [fromQuery, fromQuery] : null);
    const name = match ? registry.verify(match[1]!) : null;
    if (!name) {
      const message = match
        ? 'the bearer token is not valid'
        : registry.size === 0
          ? 'this server has no tokens yet: create one with `pnpm claims token create NAME`'
          : 'send Authorization: Bearer <token>';
      throw new HttpError(401, message, 'authorization', { headers: { 'WWW-Authenticate': 'Bearer realm="claims-tracker"' } });
    }
    c.set('actor', name);
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
