import { currentVersion, type DomainEvent, eventIdFor, InvalidEventError, parseEvent } from '@claims/events';
import type { NewEvent } from '@claims/eventstore';
import { HttpError } from '@claims/http';

export interface WriteContext {
  /** Who writes (a token name, "cli", an analyst); recorded in the event metadata. */
  actor: string | null;
  /** Ties together the events one request wrote. Default: a fresh id. */
  correlationId?: string;
}

/**
 * Builds the store's event from a domain event: checked against its type's schema (the
 * same check the projector makes on reading it back), given its deterministic id and
 * the metadata of this write. Every write path (HTTP, analyst routes, CLI) goes through
 * here, so an event that could not be read back is refused before it is appended:
 * 422 naming the field, and nothing of the request stored.
 */
export function toStoredEvent(
  documentId: string,
  event: DomainEvent,
  ctx: Required<WriteContext>,
  causationId: string | null,
): NewEvent {
  let checked: DomainEvent;
  try {
    checked = parseEvent(event.type, event.data);
  } catch (err) {
    if (!(err instanceof InvalidEventError)) throw err;
    throw new HttpError(422, `the ${err.message}`, err.field, { issues: err.issues });
  }
  return {
    id: eventIdFor(documentId, checked),
    type: checked.type,
    data: checked.data as Record<string, unknown>,
    metadata: {
      schemaVersion: currentVersion(checked.type),
      correlationId: ctx.correlationId,
      causationId,
      actor: ctx.actor,
    },
  };
}
