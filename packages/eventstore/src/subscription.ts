import { START } from './position.ts';
import type { EventBatch, EventStore, SubscribeOptions, Subscription } from './types.ts';

/** What a subscription waits on between polls: a wake-up source with a generation counter. */
export interface WakeSource {
  readonly current: number;
  /** Resolves on a wake-up after `seen`, after `timeoutMs` (or its own poll interval), or on abort. */
  wait(seen: number, signal?: AbortSignal, timeoutMs?: number): Promise<void>;
  /**
   * Set when the database is shutting down: a follower lets go of its connections (it is thrown, a transient error).
   */
  readonly interruption?: Error | null;
}

/** First and longest pause before reading again while committed events are held back. */
const HELD_BACK_RETRY_MS = [10, 250] as const;

/**
 * A subscription built on `readAll` pages: catch up page by page, then wait for a
 * wake-up (or the fallback poll) and read again. Never busy-polls: at the head it
 * sleeps until the store says something was appended.
 */
export function followLog(
  store: Pick<EventStore, 'readAll'>,
  wake: WakeSource,
  options: SubscribeOptions,
): Subscription {
  const abort = new AbortController();
  const signal = options.signal ? AbortSignal.any([options.signal, abort.signal]) : abort.signal;
  const batchSize = options.batchSize ?? 500;

  async function* batches(): AsyncGenerator<EventBatch> {
    let from = options.from ?? START;
    let live = false;
    let retry: number = HELD_BACK_RETRY_MS[0];
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
      // Held back: the events are there, behind a transaction that is still open. No append
      // will announce them, so look again soon, less often the longer it lasts.
      if (page.isEnd && page.heldBack) {
        await wake.wait(seen, signal, retry);
        retry = Math.min(retry * 2, HELD_BACK_RETRY_MS[1]);
      } else {
        retry = HELD_BACK_RETRY_MS[0];
        if (page.isEnd) await wake.wait(seen, signal);
      }
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
