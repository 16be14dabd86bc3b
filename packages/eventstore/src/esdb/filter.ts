import type { EventFilter, RecordedEvent } from '../types.ts';
import { NON_SYSTEM, type ServerFilter } from './protocol.ts';

/** How a port filter runs on EventStoreDB: what the server filters, and what is left for the adapter. */
export interface FilterPlan {
  server: ServerFilter;
  /** The adapter's own check of what the server let through (always drops system events). */
  keep(event: RecordedEvent): boolean;
}

const escapeRegex = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * The server filters on one dimension, event type or stream name. With both in the
 * port's filter, the server takes the stream prefix (usually the narrower) and the
 * adapter checks the types; either way positions still move past everything the
 * server looked at.
 */
export function planFilter(filter: EventFilter | undefined): FilterPlan {
  const types = filter?.eventTypes ? new Set(filter.eventTypes) : null;
  const prefix = filter?.streamPrefix || null;
  const keep = (e: RecordedEvent) =>
    !e.type.startsWith('$') &&
    (types === null || types.has(e.type)) &&
    (prefix === null || e.streamId.startsWith(prefix));

  if (prefix !== null) return { server: { on: 'stream', prefixes: [prefix] }, keep };
  if (types !== null && types.size > 0) {
    // Exact types: a prefix filter would also let `ClaimMadeV2` through for `ClaimMade`.
    return { server: { on: 'eventType', regex: `^(?:${[...types].map(escapeRegex).join('|')})$` }, keep };
  }
  return { server: NON_SYSTEM, keep };
}
