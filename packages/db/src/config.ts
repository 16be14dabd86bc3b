import { DatabaseConfigError } from './errors.ts';

/**
 * Checks a DATABASE_URL before anything tries to use it, so that a typo gives
 * one clear line rather than a driver stack trace.
 */
export function validateDatabaseUrl(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new DatabaseConfigError(
      `DATABASE_URL is not a valid URL: "${url}" (expected postgres://user:password@host:port/database)`,
    );
  }
  if (parsed.protocol !== 'postgres:' && parsed.protocol !== 'postgresql:') {
    throw new DatabaseConfigError(
      `DATABASE_URL must start with postgres:// or postgresql://, got "${parsed.protocol}//"`,
    );
  }
  if (!parsed.hostname && !parsed.searchParams.get('host')) {
    throw new DatabaseConfigError('DATABASE_URL names no host');
  }
  return url;
}
