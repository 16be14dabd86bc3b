import { z } from '@hono/zod-openapi';

/** A UTF-16 surrogate without its partner: no character at all, and PostgreSQL refuses it in text and JSON. */
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** Why PostgreSQL could not store this string (NUL, a lone surrogate), or null when it can. */
export function unstorable(s: string): string | null {
  if (s.includes('\u0000')) return 'must not contain NUL (\\u0000)';
  if (LONE_SURROGATE.test(s)) return 'must not contain a lone surrogate (half of a UTF-16 pair): it is no character';
  return null;
}

/**
 * A request string PostgreSQL can store and compare: what every free-text field and query
 * parameter takes, so that such a value is a 400 naming its field, not a 500 from the database.
 */
export const storable = <T extends z.ZodType<string | undefined | null>>(schema: T): T =>
  schema.superRefine((v, ctx) => {
    const why = typeof v === 'string' ? unstorable(v) : null;
    if (why) ctx.addIssue({ code: 'custom', message: why });
  }) as unknown as T;

/** An article's url: http or https only (a `javascript:` or `data:` url is no article's address). */
export const HttpUrl = storable(z.url({ protocol: /^https?$/, error: 'expected an http or https URL' }).max(2048));
