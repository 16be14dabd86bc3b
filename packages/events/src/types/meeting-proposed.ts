import { z } from 'zod';
import type { FactDefinition } from '../definition.ts';
import { addConfidence, IsoDay, Provenance, Slug } from '../provenance.ts';

export const MEETING_LEVELS = ['leaders', 'delegations', 'ministers', 'other'] as const;
export const MeetingLevel = z.enum(MEETING_LEVELS);
export type MeetingLevel = z.infer<typeof MeetingLevel>;

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

export const meetingProposed = {
  type: 'MeetingProposed',
  version: 2,
  schema: MeetingProposedData,
  upcasters: { 1: addConfidence },
  identity: (d) => [
    d.span,
    d.proposer,
    d.proposerSide,
    d.participants,
    d.level,
    d.extractor,
    d.location,
    d.timeframe,
    d.window,
    d.madeOn,
  ],
  validDay: (d) => d.madeOn ?? d.source.publishedAt,
  withdrawn: (d) => ({ side: d.proposerSide, topic: null, speaker: d.proposer }),
  references: (d) => ({ sides: [d.proposerSide, ...d.participants], topics: [], actors: [d.proposer] }),
} as const satisfies FactDefinition<'MeetingProposed', typeof MeetingProposedData>;
