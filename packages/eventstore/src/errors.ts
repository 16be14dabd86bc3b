import type { ExpectedRevision } from './types.ts';

const show = (r: ExpectedRevision | bigint | null): string =>
  r === null ? 'no stream' : typeof r === 'bigint' ? `revision ${r}` : r.replace('_', ' ');

/** The stream was not at the revision the caller expected: someone else appended first. */
export class WrongExpectedRevisionError extends Error {
  constructor(
    readonly stream: string,
    readonly expected: ExpectedRevision,
    /** The stream's actual last revision, or null when it does not exist. */
    readonly actual: bigint | null,
  ) {
    super(`wrong expected revision on stream "${stream}": expected ${show(expected)}, found ${show(actual)}`);
    this.name = 'WrongExpectedRevisionError';
  }
}

/** The store cannot be reached or refused the operation for a reason a person must fix. */
export class EventStoreUnavailableError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'EventStoreUnavailableError';
  }
}

/** An append that breaks the port's rules (empty stream name, an id used twice in one call…). */
export class InvalidAppendError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InvalidAppendError';
  }
}
