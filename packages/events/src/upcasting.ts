import type { DomainEvent } from './catalog.ts';
import { definitionOf, EVENT_TYPES, type EventType, isEventType } from './catalog.ts';
import type { Upcaster } from './definition.ts';
import { InvalidEventError, parseEvent } from './validation.ts';

export type { Upcaster };

/** Upcasters keyed by event type, then by the version they upgrade *from*. */
export type Upcasters = Partial<Record<string, Readonly<Record<number, Upcaster>>>>;

/** The upcasters of the events the tracker has shipped, from each type's definition (types/<type>.ts). */
export const upcasters: Upcasters = Object.fromEntries(EVENT_TYPES.map((t) => [t, definitionOf(t).upcasters]));

export interface UpcastOptions {
  /** The upcasters to apply; default the shipped ones. */
  upcasters?: Upcasters;
  /** Overrides of the current version per type (tests of the mechanism). */
  currentVersions?: Partial<Record<EventType, number>>;
}

export class UnknownEventError extends Error {
  constructor(
    readonly eventType: string,
    readonly schemaVersion: number,
    detail: string,
  ) {
    super(`cannot read event ${eventType} v${schemaVersion}: ${detail}`);
    this.name = 'UnknownEventError';
  }
}

/**
 * Reads stored event data of any known version as the current version: applies
 * the upcasters one version at a time, then validates with the current schema.
 */
export function upcastEvent(
  type: string,
  schemaVersion: number,
  data: unknown,
  options: UpcastOptions = {},
): DomainEvent {
  if (!isEventType(type)) throw new UnknownEventError(type, schemaVersion, 'unknown event type');
  const chain = options.upcasters ?? upcasters;
  const current = options.currentVersions?.[type] ?? definitionOf(type).version;
  if (schemaVersion > current) {
    throw new UnknownEventError(type, schemaVersion, `newer than this code knows (v${current})`);
  }
  let upgraded = data as Record<string, unknown>;
  for (let v = schemaVersion; v < current; v++) {
    const step = chain[type]?.[v];
    if (!step) throw new UnknownEventError(type, schemaVersion, `no upcaster from v${v} to v${v + 1}`);
    upgraded = step(upgraded);
  }
  try {
    return parseEvent(type, upgraded);
  } catch (err) {
    if (err instanceof InvalidEventError) throw new UnknownEventError(type, schemaVersion, err.message);
    throw err;
  }
}
