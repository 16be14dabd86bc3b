import { z } from 'zod';
import type { FactDefinition } from '../definition.ts';
import { addConfidence, IsoDay, Provenance, Slug } from '../provenance.ts';

export const Quantity = z.object({
  value: z.number(),
  unit: z.string().min(1),
  /** "side" when the figure is per party ("1,200 prisoners of war each"), else null. */
  per: z.string().nullable().default(null),
});
export type Quantity = z.infer<typeof Quantity>;

/** Two or more sides are reported to have agreed on something. */
export const AgreementReportedData = Provenance.extend({
  parties: z.array(Slug).min(1),
  topic: Slug,
  terms: z.string().min(1),
  quantities: z.array(Quantity),
  reportedBy: Slug.nullable(),
  madeOn: IsoDay.nullable(),
});
export type AgreementReportedData = z.infer<typeof AgreementReportedData>;

export const agreementReported = {
  type: 'AgreementReported',
  version: 2,
  schema: AgreementReportedData,
  upcasters: { 1: addConfidence },
  identity: (d) => [d.span, d.parties, d.topic, d.extractor, d.terms, d.quantities, d.reportedBy, d.madeOn],
  validDay: (d) => d.madeOn ?? d.source.publishedAt,
  // An agreement has no one side: a withdrawal names its topic and who reported it.
  withdrawn: (d) => ({ side: null, topic: d.topic, speaker: d.reportedBy }),
  references: (d) => ({ sides: d.parties, topics: [d.topic], actors: [d.reportedBy] }),
} as const satisfies FactDefinition<'AgreementReported', typeof AgreementReportedData>;
