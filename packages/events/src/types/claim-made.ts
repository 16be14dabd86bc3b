import { z } from 'zod';
import type { FactDefinition } from '../definition.ts';
import { addConfidence, IsoDay, Provenance, Slug } from '../provenance.ts';

export const STANCES = ['demand', 'proposal', 'offer', 'acceptance', 'rejection', 'accusation', 'statement'] as const;
export const Stance = z.enum(STANCES);
export type Stance = z.infer<typeof Stance>;

/** A side said something about a topic: demand, proposal, offer, acceptance, rejection, accusation, statement. */
export const ClaimMadeData = Provenance.extend({
  speaker: Slug.nullable(),
  side: Slug,
  topic: Slug,
  stance: Stance,
  /** The claim in one sentence. */
  text: z.string().min(1),
  /** The valid-time day the claim was made, or null when the article does not allow it. */
  madeOn: IsoDay.nullable(),
});
export type ClaimMadeData = z.infer<typeof ClaimMadeData>;

export const claimMade = {
  type: 'ClaimMade',
  version: 2,
  schema: ClaimMadeData,
  upcasters: { 1: addConfidence },
  // Everything but the source (the article is in the id already) and the quote (the span points at it):
  // a correction of only the day or the wording is a new claim.
  identity: (d) => [d.span, d.speaker, d.side, d.topic, d.stance, d.extractor, d.madeOn, d.text],
  validDay: (d) => d.madeOn ?? d.source.publishedAt,
  withdrawn: (d) => ({ side: d.side, topic: d.topic, speaker: d.speaker }),
  references: (d) => ({ sides: [d.side], topics: [d.topic], actors: [d.speaker] }),
} as const satisfies FactDefinition<'ClaimMade', typeof ClaimMadeData>;
