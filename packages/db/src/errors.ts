/**
 * A database problem a person can act on, said in one line (no stack trace):
 * a malformed DATABASE_URL, a server that does not answer, a refused login.
 */
export class DatabaseConfigError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'DatabaseConfigError';
  }
}

/** Hides the password of a connection URL so that it can be printed. */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return '<unparseable url>';
  }
}

/** Turns a pg/network error raised while connecting into a one-line DatabaseConfigError. */
export function describeConnectionError(url: string, err: unknown): DatabaseConfigError {
  const e = err as { code?: string; message?: string };
  const where = redactUrl(url);
  const reason = (() => {
    switch (e.code) {
      case 'ECONNREFUSED':
        return 'connection refused: is PostgreSQL running there?';
      case 'ENOTFOUND':
      case 'EAI_AGAIN':
        return 'unknown host';
      case 'ETIMEDOUT':
        return 'connection timed out';
      case '28P01':
      case '28000':
        return 'authentication failed: check the user and password';
      case '3D000':
        return 'the database does not exist';
      default:
        return e.message ?? String(err);
    }
  })();
  return new DatabaseConfigError(`cannot connect to PostgreSQL at ${where}: ${reason}`, { cause: err });
}
