import { EventMetadata, upcastEvent } from '@claims/events';
import type { RecordedEvent } from '@claims/eventstore';
import type { ProjectedEvent } from './projection.ts';

/** Reads a stored event as its current schema version (upcasting older ones); throws on one it cannot read. */
export function toProjected(e: RecordedEvent): ProjectedEvent {
  const metadata = EventMetadata.parse({
    schemaVersion: 1,
    correlationId: null,
    causationId: null,
    ...e.metadata,
  });
  const domain = upcastEvent(e.type, metadata.schemaVersion, e.data);
  // Written out rather than spread from `domain` ({ type, data }): spread, the object took several times longer to make.
  return {
    type: domain.type,
    data: domain.data,
    id: e.id,
    streamId: e.streamId,
    revision: e.revision,
    position: e.position,
    recordedAt: e.recordedAt,
    metadata,
  } as ProjectedEvent;
}
