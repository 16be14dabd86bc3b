import { START } from './position.ts';
import type { EventBatch, EventStore, SubscribeOptions, Subscription } from './types.ts';

/** What a subscription waits on between polls: a wake-up source with a generation counter. */
export interface WakeSource {
  readonly current: number;
  wait(seen: number, signal?: AbortSignal): Promise<void>;
  /** Set when the database is shutting down: a follower lets go of its connections (it is thrown, a transient error). */
  readonly interruption?: Error | null;
}

/**
 * A subscription built on `readAll` pages: catch up page by page, then wait for a
 * wake-up (or the fallback poll) and read again. Never busy-polls: at the head it
 * sleeps until the store says something was appended.
 */
export function followLog(store: Pick<EventStore, 'readAll'>, wake: WakeSource, options: SubscribeOptions): Subscription {
  const abort = new AbortController();
  const signal = options.signal ? AbortSignal.any([options.signal, abort.signal]) : abort.signal;
  const batchSize = options.batchSize ?? 500;

  async function* batches(): AsyncGenerator<EventBatch> {
    let from = options.from ?? START;
    let live = false;
    while (!signal.aborted) {
      const seen = wake.current;
      const page = await store.readAll({ from, filter: options.filter, maxCount: batchSize });
      const moved = page.position.commit !== from.commit || page.position.prepare !== from.prepare;
      from = page.position;
      // The first time it reaches the head it says so, even with nothing to deliver (an empty log).
      if (page.events.length > 0 || moved || (page.isEnd && !live)) {
        yield { events: page.events, position: page.position, caughtUp: page.isEnd };
      }
      live ||= page.isEnd;
      if (page.isEnd) await wake.wait(seen, signal);
      if (wake.interruption) throw wake.interruption;
    }
  }

  const iterator = batches();
  return {
    [Symbol.asyncIterator]: () => iterator,
    async close() {
      abort.abort();
      await iterator.return(undefined);
    },
  };
}
