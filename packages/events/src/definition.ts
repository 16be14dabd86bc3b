import type { z } from 'zod';

/** Turns the data of version `n` of an event type into the data of version `n + 1`. */
export type Upcaster = (data: Record<string, unknown>) => Record<string, unknown>;

/** What a withdrawal of a fact names, so that each projection can undo it from its own tables. */
export interface WithdrawnSummary {
  side: string | null;
  topic: string | null;
  speaker: string | null;
}

/** The sides, topics and actors a fact names: what the negotiation profile must know. */
export interface ProfileReferences {
  sides: readonly string[];
  topics: readonly string[];
  actors: readonly (string | null)[];
}

/**
 * Everything the tracker knows about one event type, in one place (`types/<type>.ts`).
 * The catalog, the union schema, deterministic ids, replay's scope and the projections'
 * valid days are all derived from these definitions.
 */
export interface EventDefinition<T extends string = string, S extends z.ZodType = z.ZodType> {
  readonly type: T;
  /** The schema version this code writes. Bump it with an upcaster from the version before. */
  readonly version: number;
  /** The data of the current version: checked before every append and after every read. */
  readonly schema: S;
  /** Upcasters keyed by the version they upgrade *from*. */
  readonly upcasters: Readonly<Record<number, Upcaster>>;
  /**
   * The fields that make one event of this type what it is: two events about the same
   * article with equal identities get the same id, so the second is not stored.
   * Null: at most one per article stream.
   */
  identity(data: z.output<S>): unknown;
  /** The valid-time day it speaks of, or null when its data does not say (then the day it was recorded). */
  validDay(data: z.output<S>): string | null;
  /** True when it applies to every day whatever its own (a withdrawal says a fact was never so). */
  readonly appliesToEveryDay?: boolean;
}

/** An extracted or analyst-entered fact: it can be withdrawn, and names profile entries. */
export interface FactDefinition<T extends string = string, S extends z.ZodType = z.ZodType>
  extends EventDefinition<T, S> {
  /** What a withdrawal of it carries, for the projections to undo it. */
  withdrawn(data: z.output<S>): WithdrawnSummary;
  references(data: z.output<S>): ProfileReferences;
}

/** For exhaustive switches over event types: a type left out fails to compile here. */
export function assertNever(value: never, what = 'value'): never {
  throw new Error(`unexpected ${what}: ${JSON.stringify(value)}`);
}
