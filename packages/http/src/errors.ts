import { z } from '@hono/zod-openapi';
import type { ContentfulStatusCode } from 'hono/utils/http-status';

/** The one JSON envelope of every refusal: what is wrong, and the request field it is about. */
export const ErrorResponse = z
  .object({
    error: z.object({
      message: z.string(),
      field: z.string().nullable(),
      issues: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
    }),
  })
  .openapi('Error');
export type ErrorBody = z.infer<typeof ErrorResponse>;
export type ErrorIssue = NonNullable<ErrorBody['error']['issues']>[number];

export const errorBody = (message: string, field: string | null, issues?: readonly ErrorIssue[]): ErrorBody => ({
  error: { message, field, ...(issues ? { issues: [...issues] } : {}) },
});

/**
 * A request the tracker refuses, with its HTTP status, the field it is about, and any
 * headers the answer needs (Retry-After, WWW-Authenticate). Thrown anywhere in a
 * route or middleware; `handleErrors` turns it into the envelope.
 */
export class HttpError extends Error {
  constructor(
    readonly status: ContentfulStatusCode,
    message: string,
    readonly field: string | null = null,
    readonly options: { headers?: Record<string, string>; issues?: readonly ErrorIssue[] } = {},
  ) {
    super(message);
    this.name = 'HttpError';
  }
}
