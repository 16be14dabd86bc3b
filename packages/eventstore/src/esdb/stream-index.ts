import type { Position } from '../position.ts';

/** What an append must know of a stream: its last revision and where each of its event ids is. */
export interface StreamState {
  /** Last revision, or null when the stream has no events. */
  revision: bigint | null;
  ids: Map<string, Position>;
}

export interface StoredId {
  id: string;
  revision: bigint;
  position: Position;
}

/**
 * The ids of recently appended-to streams, kept so that an append reads only the
 * events written since it last looked, not the whole stream again. Sound because
 * a stream only grows: the events up to a revision never change. Bounded by the
 * number of ids held; the streams used longest ago go first.
 */
export class StreamIndex {
  private readonly streams = new Map<string, StreamState>();
  private held = 0;

  constructor(private readonly maxIds = 100_000) {}

  /** The known state of a stream, brought up to date with `read(fromRevision)`. */
  async state(stream: string, read: (fromRevision: bigint) => Promise<StoredId[]>): Promise<StreamState> {
    const known = this.streams.get(stream) ?? { revision: null, ids: new Map<string, Position>() };
    const fresh = await read(known.revision === null ? 0n : known.revision + 1n);
    // Another append of this process may have brought the entry further meanwhile: keep the further one.
    const now = this.streams.get(stream) ?? known;
    for (const e of fresh) {
      if (now.revision !== null && e.revision <= now.revision) continue;
      now.ids.set(e.id, e.position);
      now.revision = e.revision;
      this.held++;
    }
    this.streams.delete(stream); // re-insert: Map order is the eviction order
    this.streams.set(stream, now);
    this.evict(stream);
    return now;
  }

  private evict(keep: string): void {
    for (const [name, s] of this.streams) {
      if (this.held <= this.maxIds || name === keep) break;
      this.streams.delete(name);
      this.held -= s.ids.size;
    }
  }
}
