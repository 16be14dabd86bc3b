import { type DomainEvent, type EventType, eventCatalog, isEventType } from './catalog.ts';

/** Turns the data of version `n` of an event type into the data of version `n + 1`. */
export type Upcaster = (data: Record<string, unknown>) => Record<string, unknown>;

/** Upcasters keyed by event type, then by the version they upgrade *from*. */
export type Upcasters = Partial<Record<string, Record<number, Upcaster>>>;

/**
 * The upcasters of the events the tracker has shipped. Only version 1 of every
 * event exists today, so this is empty; the first schema change adds, e.g.
 * `ClaimMade: { 1: (d) => ({ ...d, confidence: null }) }` and bumps the catalog version.
 */
export const upcasters: Upcasters = {};

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
  const { schema } = eventCatalog[type];
  const current = options.currentVersions?.[type] ?? eventCatalog[type].version;
  if (schemaVersion > current) {
    throw new UnknownEventError(type, schemaVersion, `newer than this code knows (v${current})`);
  }
  let upgraded = data as Record<string, unknown>;
  for (let v = schemaVersion; v < current; v++) {
    const step = chain[type]?.[v];
    if (!step) throw new UnknownEventError(type, schemaVersion, `no upcaster from v${v} to v${v + 1}`);
    upgraded = step(upgraded);
  }
  const parsed = schema.safeParse(upgraded);
  if (!parsed.success) throw new UnknownEventError(type, schemaVersion, parsed.error.issues[0]?.message ?? 'invalid');
  return { type, data: parsed.data } as DomainEvent;
}

/** The version of an event type that this code writes. */
export const currentVersion = (type: EventType): number => eventCatalog[type].version;
