import {
  AgreementReportedData,
  ClaimMadeData,
  DocumentId,
  IsoDay,
  MeetingProposedData,
  Slug,
  Span,
} from '@claims/events';
import { HttpUrl, storable } from '@claims/http';
import { z } from '@hono/zod-openapi';

// Every free-text field is `storable`: NUL or a lone surrogate is a 400 naming it (PostgreSQL refuses both).
const Metadata = {
  url: HttpUrl.optional().openapi({ example: 'https://www.themoscowtimes.com/2019/08/07/…' }),
  publisher: storable(z.string().min(1).max(200)).optional(),
  title: storable(z.string().min(1).max(1000)).optional(),
  publishedAt: IsoDay.optional().openapi({ example: '2019-08-07' }),
};

export const ArticleQuery = z.object(Metadata);

export const ArticleBody = z
  .object({
    text: storable(z.string().min(1)).optional().openapi({ description: 'Plain text or markdown' }),
    html: storable(z.string().min(1)).optional(),
    ...Metadata,
  })
  .strict()
  .refine((b) => (b.text === undefined) !== (b.html === undefined), {
    message: 'give exactly one of text or html',
    path: ['text'],
  })
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
  quote: storable(z.string().min(1))
    .optional()
    .openapi({ description: 'When given, must equal the article text at span' }),
  analyst: storable(z.string().min(1).max(100))
    .optional()
    .openapi({ description: "Who enters it (recorded as the extractor version); default the token's name" }),
  corrects: z
    .uuid()
    .optional()
    .openapi({ description: 'An event this one replaces; it is withdrawn in the same write' }),
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
    text: storable(ClaimMadeData.shape.text.max(2000)).optional(),
    madeOn: orNull(ClaimMadeData.shape.madeOn),
  })
  .strict()
  .openapi('ClaimEntry');

export const MeetingEntry = MeetingProposedData.pick({ proposerSide: true, level: true })
  .extend({
    ...AnalystBase,
    participants: MeetingProposedData.shape.participants.min(1),
    proposer: orNull(MeetingProposedData.shape.proposer),
    location: orNull(storable(MeetingProposedData.shape.location.unwrap().min(1))),
    timeframe: orNull(storable(MeetingProposedData.shape.timeframe.unwrap().min(1))),
    window: orNull(MeetingProposedData.shape.window),
    madeOn: MeetingProposedData.shape.madeOn,
  })
  .strict()
  .openapi('MeetingEntry');

export const AgreementEntry = AgreementReportedData.pick({ topic: true })
  .extend({
    ...AnalystBase,
    parties: z.array(Slug).min(2),
    terms: storable(AgreementReportedData.shape.terms.max(2000)),
    quantities: AgreementReportedData.shape.quantities.default([]),
    reportedBy: orNull(AgreementReportedData.shape.reportedBy),
    madeOn: orNull(AgreementReportedData.shape.madeOn),
  })
  .strict()
  .openapi('AgreementEntry');

export const WithdrawalEntry = z
  .object({
    documentId: DocumentId.optional().openapi({
      description: 'The article of the event; found from the read models when left out',
    }),
    eventId: z
      .uuid()
      .openapi({ description: 'A claim, meeting or agreement, or a confirmation (FactConfirmed) to undo' }),
    reason: storable(z.string().min(1).max(1000)),
    analyst: storable(z.string().min(1).max(100))
      .optional()
      .openapi({ description: "Who withdraws it; default the token's name" }),
  })
  .strict()
  .openapi('Withdrawal');

export const WriteResponse = z
  .object({
    documentId: z.string(),
    stream: z.string(),
    eventIds: z.array(z.string()),
    duplicate: z.boolean(),
    position: z.string(),
  })
  .openapi('WriteResult');

export const ConfirmationEntry = z
  .object({
    factId: z.uuid().openapi({ description: 'The event id of the claim, meeting or agreement confirmed' }),
    note: storable(z.string().min(1).max(1000)).optional().openapi({ description: 'Why, for the audit' }),
  })
  .strict()
  .openapi('Confirmation');

export const ConfirmationResponse = WriteResponse.extend({
  id: z
    .string()
    .openapi({ description: 'The FactConfirmed event: withdraw it (POST /v1/withdrawals) to undo the confirmation' }),
  factId: z.string(),
}).openapi('ConfirmationResult');
