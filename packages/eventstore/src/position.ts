/**
 * A place in the global log. Opaque to callers: the PostgreSQL adapter's positions
 * are one sequence number (commit = prepare); EventStoreDB's are its commit/prepare
 * pair. Both compare and serialise the same way, exactly, as bigint.
 */
export interface Position {
  readonly commit: bigint;
  readonly prepare: bigint;
}

/** Before the first event: reading "after START" reads everything. */
export const START: Position = Object.freeze({ commit: -1n, prepare: -1n });

export const positionOf = (n: bigint): Position => ({ commit: n, prepare: n });

export function comparePositions(a: Position, b: Position): number {
  if (a.commit !== b.commit) return a.commit < b.commit ? -1 : 1;
  if (a.prepare !== b.prepare) return a.prepare < b.prepare ? -1 : 1;
  return 0;
}

export const isAfter = (a: Position, b: Position): boolean => comparePositions(a, b) > 0;

/**
 * One string for a position, e.g. for SSE `Last-Event-ID` and checkpoints:
 * `"123"` when commit = prepare, else `"123/120"`. `START` is `"-1"`.
 */
export function positionToString(p: Position): string {
  return p.commit === p.prepare ? p.commit.toString() : `${p.commit}/${p.prepare}`;
}

/** The inverse of `positionToString`; null when the text is not a position. */
export function parsePosition(text: string): Position | null {
  const m = /^(-1|\d{1,20})(?:\/(\d{1,20}))?$/.exec(text.trim());
  if (!m) return null;
  const commit = BigInt(m[1]!);
  return { commit, prepare: m[2] === undefined ? commit : BigInt(m[2]) };
}
