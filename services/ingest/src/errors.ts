/** A request the tracker refuses, with the HTTP status and the field it is about. */
export class IngestError extends Error {
  constructor(
    readonly status: 400 | 404 | 409 | 413 | 422,
    message: string,
    readonly field: string | null = null,
  ) {
    super(message);
    this.name = 'IngestError';
  }
}
