import { AgreementReportedData, ClaimMadeData, DocumentId, IsoDay, MeetingProposedData, Slug, Span } from '@claims/events';
import { z } from '@hono/zod-openapi';

const Metadata = {
  url: z.url().max(2048).optional().openapi({ example: 'https://www.themoscowtimes.com/2019/08/07/…' }),
  publisher: z.string().min(1).max(200).optional(),
  title: z.string().min(1).max(1000).optional(),
  publishedAt: IsoDay.optional().openapi({ example: '2019-08-07' }),
};

export const ArticleQuery = z.object(Metadata);

export const ArticleBody = z
  .object({
    text: z.string().min(1).optional().openapi({ description: 'Plain text or markdown' }),
    html: z.string().min(1).optional(),
    ...Metadata,
  })
  .strict()
  .refine((b) => (b.text === undefined) !== (b.html === undefined), { message: 'give exactly one of text or html', path: ['text'] })
  .openapi('ArticleInput');

export const IngestResponse = z
  .object({
    documentId: z.string(),
    stream: z.string(),
    duplicate: z.boolean(),
    eventIds: z.array(z.string()),
    counts: z.record(z.string(), z.number()),
    position: z.string().nullable(),
    title: z.string().nullable(),
    publishedAt: z.string().nullable(),
  })
  .openapi('IngestResult');

/** Where an analyst's entry stands in a registered article, and who enters it. */
const AnalystBase = {
  documentId: DocumentId,
  span: Span,
  quote: z.string().min(1).optional().openapi({ description: 'When given, must equal the article text at span' }),
  analyst: z.string().min(1).max(100).openapi({ description: 'Who enters it (recorded as the extractor version)' }),
  corrects: z.uuid().optional().openapi({ description: 'An event this one replaces; it is withdrawn in the same write' }),
};

/*
 * The entries take their fields from the events' own schemas (packages/events/src/types),
 * so a field means the same here as in the log; the event built from an entry is checked
 * against that schema again before it is appended. Fields that may be left out default to null.
 */
const orNull = <T extends z.ZodType>(schema: T) => schema.nullable().default(null);

export const ClaimEntry = ClaimMadeData.pick({ side: true, topic: true, stance: true })
  .extend({
    ...AnalystBase,
    speaker: orNull(ClaimMadeData.shape.speaker),
    text: ClaimMadeData.shape.text.max(2000).optional(),
    madeOn: orNull(ClaimMadeData.shape.madeOn),
  })
  .strict()
  .openapi('ClaimEntry');

export const MeetingEntry = MeetingProposedData.pick({ proposerSide: true, level: true })
  .extend({
    ...AnalystBase,
    participants: MeetingProposedData.shape.participants.min(1),
    proposer: orNull(MeetingProposedData.shape.proposer),
    location: orNull(MeetingProposedData.shape.location.unwrap().min(1)),
    timeframe: orNull(MeetingProposedData.shape.timeframe.unwrap().min(1)),
    window: orNull(MeetingProposedData.shape.window),
    madeOn: MeetingProposedData.shape.madeOn,
  })
  .strict()
  .openapi('MeetingEntry');

export const AgreementEntry = AgreementReportedData.pick({ topic: true })
  .extend({
    ...AnalystBase,
    parties: z.array(Slug).min(2),
    terms: AgreementReportedData.shape.terms.max(2000),
    quantities: AgreementReportedData.shape.quantities.default([]),
    reportedBy: orNull(AgreementReportedData.shape.reportedBy),
    madeOn: orNull(AgreementReportedData.shape.madeOn),
  })
  .strict()
  .openapi('AgreementEntry');

export const WithdrawalEntry = z
  .object({
    documentId: DocumentId,
    eventId: z.uuid(),
    reason: z.string().min(1).max(1000),
    analyst: z.string().min(1).max(100),
  })
  .strict()
  .openapi('Withdrawal');

export const WriteResponse = z
  .object({ documentId: z.string(), stream: z.string(), eventIds: z.array(z.string()), duplicate: z.boolean(), position: z.string() })
  .openapi('WriteResult');
