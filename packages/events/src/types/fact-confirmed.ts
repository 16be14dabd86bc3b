import { z } from 'zod';
import type { EventDefinition } from '../definition.ts';
import { DocumentId } from '../provenance.ts';

/**
 * An analyst looked at an extracted (or entered) fact and says it is right as it stands. It lives
 * in the fact's article stream, next to the fact. Undone by an `EventWithdrawn` naming this event,
 * never by an update; confirming again after that is a new event (`round` counts the confirmations
 * of the fact before it, so its deterministic id differs from the withdrawn one's).
 */
export function factConfirmedSchema<F extends string>(factTypes: readonly [F, ...F[]]) {
  return z.object({
    factId: z.uuid(),
    factType: z.enum(factTypes),
    documentId: DocumentId,
    /** The token's name that signed the request; null where the tracker runs without tokens. */
    by: z.string().min(1).nullable(),
    note: z.string().min(1).max(1000).nullable(),
    round: z.number().int().nonnegative(),
  });
}

export function factConfirmed<F extends string>(factTypes: readonly [F, ...F[]]) {
  const schema = factConfirmedSchema(factTypes);
  return {
    type: 'FactConfirmed',
    version: 1,
    schema,
    upcasters: {},
    identity: (d) => [d.factId, d.round],
    // A confirmation speaks of no day of the negotiation: it holds from the day it was recorded.
    validDay: () => null,
  } as const satisfies EventDefinition<'FactConfirmed', typeof schema>;
}
