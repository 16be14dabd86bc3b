import { type DomainEvent, definitionOf, isEventType } from './catalog.ts';

export interface EventIssue {
  /** Where in the event's data, e.g. `madeOn` or `window.to`. */
  path: string;
  message: string;
}

/** An event that does not match its type's current schema: nothing with it may be stored. */
export class InvalidEventError extends Error {
  constructor(
    readonly eventType: string,
    readonly issues: readonly EventIssue[],
  ) {
    const first = issues[0];
    super(first ? `${eventType}: ${first.path || 'data'}: ${first.message}` : `${eventType}: invalid`);
    this.name = 'InvalidEventError';
  }

  /** The data field the first problem is about. */
  get field(): string | null {
    return this.issues[0]?.path || null;
  }
}

/**
 * Checks `data` against the current schema of `type` and returns the event as the schema
 * reads it (defaults filled in). The one check of an event: the write side runs it before
 * every append, the read side after upcasting every stored event.
 */
export function parseEvent(type: string, data: unknown): DomainEvent {
  if (!isEventType(type)) throw new InvalidEventError(type, [{ path: 'type', message: 'unknown event type' }]);
  const parsed = definitionOf(type).schema.safeParse(data);
  if (!parsed.success) {
    throw new InvalidEventError(
      type,
      parsed.error.issues.map((i) => ({ path: i.path.map(String).join('.'), message: i.message })),
    );
  }
  return { type, data: parsed.data } as DomainEvent;
}
