import { z } from 'zod';
import type { EventDefinition } from '../definition.ts';
import { DocumentId, Slug } from '../provenance.ts';

/** The withdrawal of an earlier fact, over the fact types the catalog lists (see catalog.ts). */
export function eventWithdrawnSchema<F extends string>(factTypes: readonly [F, ...F[]]) {
  return z.object({
    eventId: z.uuid(),
    documentId: DocumentId,
    reason: z.string().min(1),
    by: z.string().min(1),
    /** What was withdrawn, carried here so that each projection can undo it from its own tables. */
    withdrawn: z.object({
      type: z.enum(factTypes),
      side: Slug.nullable(),
      topic: Slug.nullable(),
      speaker: Slug.nullable(),
    }),
  });
}

/** An analyst withdrew an earlier fact event (kept in the history, never deleted). */
export function eventWithdrawn<F extends string>(factTypes: readonly [F, ...F[]]) {
  const schema = eventWithdrawnSchema(factTypes);
  return {
    type: 'EventWithdrawn',
    version: 1,
    schema,
    upcasters: {},
    identity: (d) => [d.eventId, d.by],
    validDay: () => null,
    // A withdrawal says a fact was wrongly extracted, i.e. never said: it corrects every past day.
    appliesToEveryDay: true,
  } as const satisfies EventDefinition<'EventWithdrawn', typeof schema>;
}
