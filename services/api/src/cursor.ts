import { IsoDay } from '@claims/events';
import { HttpError } from '@claims/http';

/**
 * Keyset pagination: a cursor is the sort key of the last item of a page,
 * `(day, global position)`, as opaque base64url JSON. Stable under inserts,
 * unlike offsets.
 */
export interface CursorKey {
  day: string;
  position: string;
}

/** The largest position a read model holds (PostgreSQL bigint): a cursor past it is none this API gave out. */
export const MAX_POSITION = 9_223_372_036_854_775_807n;

export const encodeCursor = (key: CursorKey): string =>
  Buffer.from(JSON.stringify([key.day, key.position])).toString('base64url');

export function decodeCursor(text: string | undefined): CursorKey | null {
  if (text === undefined) return null;
  try {
    const value: unknown = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
    if (
      Array.isArray(value) &&
      value.length === 2 &&
      typeof value[0] === 'string' &&
      IsoDay.safeParse(value[0]).success &&
      typeof value[1] === 'string' &&
      /^\d{1,19}$/.test(value[1]) &&
      BigInt(value[1]) <= MAX_POSITION
    ) {
      return { day: value[0], position: value[1] };
    }
  } catch {
    /* reported below */
  }
  throw new HttpError(
    400,
    'invalid query: cursor: not a cursor this API returned (pass nextCursor unchanged)',
    'cursor',
  );
}

/** Splits a `limit + 1` result into a page and the cursor of the next one. */
export function page<T>(
  rows: T[],
  limit: number,
  keyOf: (row: T) => CursorKey,
): { items: T[]; nextCursor: string | null } {
  const items = rows.slice(0, limit);
  return { items, nextCursor: rows.length > limit ? encodeCursor(keyOf(items.at(-1)!)) : null };
}
