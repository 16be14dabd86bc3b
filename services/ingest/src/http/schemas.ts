import { DocumentId, IsoDay, MeetingLevel, Quantity, Slug, Stance } from '@claims/events';
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

export const ErrorResponse = z
  .object({
    error: z.object({
      message: z.string(),
      field: z.string().nullable(),
      issues: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
    }),
  })
  .openapi('Error');

const Span = z.object({ start: z.number().int().nonnegative(), end: z.number().int().positive() }).refine((s) => s.end > s.start, {
  message: 'span.end must be greater than span.start',
  path: ['end'],
});

const AnalystBase = {
  documentId: DocumentId,
  span: Span,
  quote: z.string().min(1).optional().openapi({ description: 'When given, must equal the article text at span' }),
  analyst: z.string().min(1).max(100).openapi({ description: 'Who enters it (recorded as the extractor version)' }),
  corrects: z.uuid().optional().openapi({ description: 'An event this one replaces; it is withdrawn in the same write' }),
};

export const ClaimEntry = z
  .object({
    ...AnalystBase,
    speaker: Slug.nullable().default(null),
    side: Slug,
    topic: Slug,
    stance: Stance,
    text: z.string().min(1).max(2000).optional(),
    madeOn: IsoDay.nullable().default(null),
  })
  .strict()
  .openapi('ClaimEntry');

export const MeetingEntry = z
  .object({
    ...AnalystBase,
    proposer: Slug.nullable().default(null),
    proposerSide: Slug,
    participants: z.array(Slug).min(1),
    level: MeetingLevel,
    location: z.string().min(1).nullable().default(null),
    timeframe: z.string().min(1).nullable().default(null),
    window: z.object({ from: IsoDay, to: IsoDay }).nullable().default(null),
    madeOn: IsoDay.nullable().default(null),
  })
  .strict()
  .openapi('MeetingEntry');

export const AgreementEntry = z
  .object({
    ...AnalystBase,
    parties: z.array(Slug).min(2),
    topic: Slug,
    terms: z.string().min(1).max(2000),
    quantities: z.array(Quantity).default([]),
    reportedBy: Slug.nullable().default(null),
    madeOn: IsoDay.nullable().default(null),
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
