import type { OpenAPIHono } from '@hono/zod-openapi';
import { ErrorResponse } from './errors.ts';

const refusal = (description: string) => ({ description, content: { 'application/json': { schema: ErrorResponse } } });

/** The error answers routes declare in the OpenAPI document, by status. */
export const errorResponses = {
  400: refusal('Invalid request: the message and `field` name what is wrong'),
  401: refusal('No valid bearer token'),
  403: refusal('The token lacks the scope this needs (read, write or analyst)'),
  404: refusal('Not found'),
  409: refusal('Conflicts with what is stored'),
  413: refusal('Body too large'),
  415: refusal('Unsupported content type'),
  422: refusal('Well-formed but does not fit what is stored'),
  429: refusal('Too many writes: retry after the seconds in Retry-After'),
  503: refusal('The database is unavailable; nothing was stored'),
} as const;

/** The OpenAPI security scheme of writes (and of reads, when they are closed). */
export const BEARER_SCHEME = 'bearerAuth';
export const bearerSecurity = [{ [BEARER_SCHEME]: [] }];

/** Registers the bearer scheme, so that /docs can authorise and try writes. */
export function registerBearerScheme(registry: OpenAPIHono['openAPIRegistry']) {
  registry.registerComponent('securitySchemes', BEARER_SCHEME, {
    type: 'http',
    scheme: 'bearer',
    description: 'A write token from `pnpm claims token create NAME`',
  });
}
