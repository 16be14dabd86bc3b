import { z } from 'zod';
import { DocumentId, IsoDay, Provenance, Slug, Source, Span } from './provenance.ts';

export const STANCES = ['demand', 'proposal', 'offer', 'acceptance', 'rejection', 'accusation', 'statement'] as const;
export const Stance = z.enum(STANCES);
export type Stance = z.infer<typeof Stance>;

export const MEETING_LEVELS = ['leaders', 'delegations', 'ministers', 'other'] as const;
export const MeetingLevel = z.enum(MEETING_LEVELS);
export type MeetingLevel = z.infer<typeof MeetingLevel>;

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

export const DateWindow = z
  .object({ from: IsoDay, to: IsoDay })
  .refine((w) => w.from <= w.to, { message: 'window.from must not be after window.to', path: ['to'] });

/** Someone proposed that sides meet: who, at what level, where and when. */
export const MeetingProposedData = Provenance.extend({
  proposer: Slug.nullable(),
  proposerSide: Slug,
  participants: z.array(Slug),
  level: MeetingLevel,
  location: z.string().nullable(),
  /** The words used, e.g. "by the end of August". */
  timeframe: z.string().nullable(),
  window: DateWindow.nullable(),
  madeOn: IsoDay.nullable().default(null),
});
export type MeetingProposedData = z.infer<typeof MeetingProposedData>;

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

/**
 * An article entered the tracker. It carries the normalised text itself so that the
 * event log alone can rebuild every read model and re-verify every quote's provenance.
 */
export const ArticleRegisteredData = z.object({
  documentId: DocumentId,
  text: z.string(),
  url: z.string().nullable(),
  publisher: z.string().nullable(),
  title: z.string().nullable(),
  publishedAt: IsoDay.nullable(),
});
export type ArticleRegisteredData = z.infer<typeof ArticleRegisteredData>;

/** An analyst withdrew an earlier fact event (kept in the history, never deleted). */
export const EventWithdrawnData = z.object({
  eventId: z.uuid(),
  documentId: DocumentId,
  reason: z.string().min(1),
  by: z.string().min(1),
  /** What was withdrawn, carried here so that each projection can undo it from its own tables. */
  withdrawn: z.object({
    type: z.enum(['ClaimMade', 'MeetingProposed', 'AgreementReported']),
    side: Slug.nullable(),
    topic: Slug.nullable(),
    speaker: Slug.nullable(),
  }),
});
export type EventWithdrawnData = z.infer<typeof EventWithdrawnData>;

export { DocumentId, IsoDay, Source, Span };
