import { z } from '@hono/zod-openapi';

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

export const errorBody = (message: string, field: string | null, issues?: ErrorBody['error']['issues']): ErrorBody => ({
  error: { message, field, ...(issues ? { issues } : {}) },
});

/** A refusal with its HTTP status and the request field it is about. */
export class ApiError extends Error {
  constructor(
    readonly status: 400 | 404 | 406,
    message: string,
    readonly field: string | null,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}
