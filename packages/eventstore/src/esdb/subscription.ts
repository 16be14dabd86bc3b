import { isAfter, type Position, positionToString, START } from '../position.ts';
import type { EventBatch, RecordedEvent, SubscribeOptions, Subscription } from '../types.ts';
import { esdbPositionOf, recordedOf } from './convert.ts';
import { isTransient, toStoreError } from './errors.ts';
import type { ReadCall, ReadResp } from './protocol.ts';

export interface ReconnectPolicy {
  /** First wait after a drop. Default 100 ms; doubles up to `maxDelayMs`. */
  initialDelayMs?: number;
  /** Longest wait between attempts. Default 5 s. */
  maxDelayMs?: number;
  /** Give up (the iterator throws) after this many failed attempts in a row. Default: never. */
  maxAttempts?: number;
}

export interface EsdbSubscriptionDeps {
  /** Opens a filtered `$all` subscription after `from` (exclusive). */
  open(from: Position): Promise<ReadCall>;
  keep(event: RecordedEvent): boolean;
  url: string;
  reconnect: ReconnectPolicy;
  log: (line: string) => void;
}

const sleep = (ms: number, signal: AbortSignal) =>
  new Promise<void>((resolve) => {
    const done = () => {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal.addEventListener('abort', done, { once: true });
  });

/**
 * A port subscription on one server-filtered `$all` subscription. Events, the
 * server's checkpoints (positions past filtered-out events) and its caught-up
 * signal become batches. When the call drops, it resubscribes from the position of
 * the last batch it handed out, which is the caller's checkpoint: nothing is
 * skipped, and nothing handed out is delivered twice.
 */
export function esdbSubscription(deps: EsdbSubscriptionDeps, options: SubscribeOptions): Subscription {
  const abort = new AbortController();
  const signal = options.signal ? AbortSignal.any([options.signal, abort.signal]) : abort.signal;
  const batchSize = options.batchSize ?? 500;
  const initialDelay = deps.reconnect.initialDelayMs ?? 100;
  const maxDelay = deps.reconnect.maxDelayMs ?? 5_000;
  const maxAttempts = deps.reconnect.maxAttempts ?? Number.POSITIVE_INFINITY;

  async function* batches(): AsyncGenerator<EventBatch> {
    let from = options.from ?? START;
    let failures = 0;
    while (!signal.aborted) {
      let call: ReadCall | null = null;
      try {
        call = await deps.open(from);
        for await (const batch of readBatches(call, from, batchSize, deps.keep, signal)) {
          failures = 0;
          from = batch.position;
          yield batch;
        }
        if (signal.aborted) return;
        throw Object.assign(new Error('the server ended the subscription'), { code: 14 });
      } catch (err) {
        if (signal.aborted) return;
        failures++;
        if (!isTransient(err) || failures > maxAttempts) throw toStoreError(err, deps.url);
        const delay = Math.min(maxDelay, initialDelay * 2 ** (failures - 1));
        deps.log(
          `${(toStoreError(err, deps.url) as Error).message}; subscription resumes after ` +
            `${positionToString(from)} in ${delay} ms`,
        );
        await sleep(delay, signal);
      } finally {
        call?.cancel();
      }
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

/** Most messages buffered before the call is paused (gRPC flow control then holds the server back). */
const highWater = (batchSize: number) => Math.max(64, batchSize * 2);

/** The batches of one subscription call; returns when the call ends, throws when it fails. */
async function* readBatches(
  call: ReadCall,
  from: Position,
  batchSize: number,
  keep: (e: RecordedEvent) => boolean,
  signal: AbortSignal,
): AsyncGenerator<EventBatch> {
  const queue: ReadResp[] = [];
  let ended = false;
  let failure: unknown = null;
  let wake: (() => void) | null = null;
  const poke = () => {
    const w = wake;
    wake = null;
    w?.();
  };
  call.on('data', (m) => {
    queue.push(m);
    if (queue.length >= highWater(batchSize)) call.pause();
    poke();
  });
  call.on('error', (e) => {
    failure = e;
    poke();
  });
  call.on('end', () => {
    ended = true;
    poke();
  });
  signal.addEventListener('abort', poke, { once: true });

  let position = from;
  let live = false;
  try {
    while (!signal.aborted) {
      if (queue.length === 0) {
        if (failure) throw failure;
        if (ended) return;
        await new Promise<void>((resolve) => {
          wake = resolve;
        });
        continue;
      }
      const events: RecordedEvent[] = [];
      let moved = false;
      let reachedHead = false;
      let taken = 0;
      while (taken < queue.length && events.length < batchSize) {
        const m = queue[taken++]!;
        if (m.hasEvent()) {
          const recorded = m.getEvent()?.getEvent();
          if (!recorded) continue;
          const e = recordedOf(recorded);
          if (!isAfter(e.position, position)) continue;
          position = e.position;
          moved = true;
          if (keep(e)) events.push(e);
        } else if (m.hasCheckpoint()) {
          const c = m.getCheckpoint()!;
          const p = esdbPositionOf(c.getCommitPosition(), c.getPreparePosition());
          if (isAfter(p, position)) {
            position = p;
            moved = true;
          }
        } else if (m.hasCaughtUp() && !live) {
          live = true;
          reachedHead = true;
          break;
        }
      }
      queue.splice(0, taken);
      if (call.isPaused() && queue.length < highWater(batchSize) / 2) call.resume();
      // Live means at the head whenever nothing else is waiting; the first arrival there is always said.
      if (events.length > 0 || moved || reachedHead) {
        yield { events, position, caughtUp: reachedHead || (live && queue.length === 0) };
      }
    }
  } finally {
    signal.removeEventListener('abort', poke);
  }
}
