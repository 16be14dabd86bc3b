import { type Position, parsePosition, positionToString } from '@claims/eventstore';

/**
 * Where a change sits in a projection's feed: the event's global position, then its index among that event's changes.
 */
export interface ChangeKey {
  position: Position;
  seq: number;
}

/**
 * The SSE id of a change: `positionToString(position)`, with `:seq` appended when
 * one event made several changes (seq > 0), so ids stay unique and ordered.
 */
export const changeId = (key: ChangeKey): string => positionToString(key.position) + (key.seq > 0 ? `:${key.seq}` : '');

const MAX_INT8 = 9_223_372_036_854_775_807n;

/** The inverse of `changeId`; null when the text is not one. `-1` is before the first change. */
export function parseChangeId(text: string): ChangeKey | null {
  const m = /^([^:]+)(?::(\d{1,9}))?$/.exec(text.trim());
  if (!m) return null;
  const position = parsePosition(m[1]!);
  // Past PostgreSQL's bigint, where the change feed keeps positions: no change has such an id.
  if (!position || position.commit > MAX_INT8 || position.prepare > MAX_INT8) return null;
  return { position, seq: m[2] === undefined ? 0 : Number(m[2]) };
}
