import { FACT_EVENT_TYPES, IsoDay, MEETING_LEVELS, STANCES } from '@claims/events';
import { storable } from '@claims/http';
import type { Profile } from '@claims/profile';
import { z } from '@hono/zod-openapi';
import { EXPORT_DATASETS, EXPORT_FORMATS } from './export.ts';
import { DEFAULT_REVIEW_THRESHOLD, REVIEW_REASONS } from './review.ts';

/**
 * The projections a client can subscribe to (`corroboration`: copies found, sources added or withdrawn, confirmations).
 */
export const SUBSCRIBABLE = ['positions', 'claims', 'meetings', 'agreements', 'corroboration'] as const;

const oneOf = (values: readonly string[], what: string) =>
  z.string().refine((v) => values.includes(v), { message: `unknown ${what}; expected one of ${values.join(', ')}` });

/** Every query parameter, checked against the profile (sides, topics, actors) so a typo is a 400 naming it. */
export function querySchemas(profile: Profile) {
  const side = oneOf(
    profile.sides.map((s) => s.slug),
    'side',
  ).openapi({ example: 'russia', description: 'A side slug of the profile (see /v1/sides)' });
  const topic = oneOf(
    profile.topics.map((t) => t.slug),
    'topic',
  ).openapi({ example: 'ceasefire', description: 'A topic slug of the profile (see /v1/topics)' });
  const speaker = oneOf(
    profile.actors.map((a) => a.slug),
    'speaker',
  ).openapi({ example: 'peskov', description: 'An actor slug (see /v1/actors)' });
  const day = (description: string) => IsoDay.optional().openapi({ example: '2019-12-31', description });
  const limit = z.coerce
    .number()
    .int()
    .min(1)
    .max(500)
    .default(50)
    .openapi({ description: 'Page size, 1 to 500 (default 50)' });
  const cursor = storable(z.string().max(200)).optional().openapi({ description: '`nextCursor` of the previous page' });
  const includeWithdrawn = z
    .enum(['true', 'false'])
    .default('false')
    .openapi({ description: 'Include withdrawn facts (flagged with `withdrawn`)' });
  // Where a client cannot send an Authorization header (EventSource) and the server closes reads:
  // only a read-only token is accepted here (a URL is logged and kept in history).
  const access_token = storable(z.string().max(200))
    .optional()
    .openapi({ description: 'A read-only token (scope read), for clients that cannot send headers' });
  const range = <T extends z.ZodRawShape>(shape: T) =>
    z
      .object({
        ...shape,
        access_token,
        from: day('On or after this day (valid time)'),
        to: day('On or before this day (valid time)'),
      })
      .strict()
      .refine(
        (v) => {
          const q = v as { from?: string; to?: string };
          return !q.from || !q.to || q.from <= q.to;
        },
        { message: 'to must not be before from', path: ['to'] },
      );

  return {
    positions: z
      .object({
        side: side.optional(),
        topic: topic.optional(),
        asOf: day('The day to answer for (end of that day, UTC); default today, from the current positions'),
        clock: z
          .enum(['valid', 'record'])
          .default('valid')
          .openapi({ description: '`valid`: what had been said by then; `record`: what the tracker knew then' }),
        access_token,
      })
      .strict(),
    changes: range({ side: side.optional(), topic: topic.optional(), limit, cursor }),
    timeline: range({ topic: topic.optional() }),
    timelineParams: z.object({ side: z.string().openapi({ param: { name: 'side', in: 'path' }, example: 'ukraine' }) }),
    claims: range({
      side: side.optional(),
      topic: topic.optional(),
      stance: z.enum(STANCES).optional(),
      speaker: speaker.optional(),
      actor: speaker.optional().openapi({ description: 'The same as speaker (the name search and export use)' }),
      q: storable(z.string().min(1).max(200))
        .optional()
        .openapi({ description: 'Words in the claim or its quote (case-insensitive)' }),
      includeWithdrawn,
      limit,
      cursor,
    }),
    meetings: range({
      side: side.optional(),
      level: z.enum(MEETING_LEVELS).optional(),
      includeWithdrawn,
      limit,
      cursor,
    }),
    agreements: range({ side: side.optional(), topic: topic.optional(), includeWithdrawn, limit, cursor }),
    review: z
      .object({
        reason: z.enum(REVIEW_REASONS).optional().openapi({ description: 'Only facts flagged for this reason' }),
        threshold: z.coerce
          .number()
          .min(0)
          .max(1)
          .default(DEFAULT_REVIEW_THRESHOLD)
          .openapi({ description: `Confidence below which a fact is flagged (default ${DEFAULT_REVIEW_THRESHOLD})` }),
        limit,
        cursor,
        access_token,
      })
      .strict(),
    search: range({
      q: storable(z.string().min(1).max(200)).optional().openapi({
        description: 'Words to find (web search syntax: "a phrase", -not, or) in quotes, claims and their articles',
      }),
      side: side.optional(),
      actor: speaker.optional().openapi({ description: 'An actor slug: the speaker, proposer or reporter' }),
      topic: topic.optional(),
      stance: z.enum(STANCES).optional(),
      type: z.enum(FACT_EVENT_TYPES).optional().openapi({ description: 'The event type' }),
      limit,
      cursor,
    }),
    exportParams: z.object({
      dataset: z.enum(EXPORT_DATASETS).openapi({ param: { name: 'dataset', in: 'path' }, example: 'claims' }),
    }),
    export: range({
      format: z
        .enum(EXPORT_FORMATS)
        .default('csv')
        .openapi({ description: '`csv` (a header row) or `jsonl` (one JSON object a line)' }),
      side: side.optional(),
      actor: speaker.optional().openapi({ description: 'An actor slug: the speaker (claims)' }),
      topic: topic.optional(),
      stance: z.enum(STANCES).optional(),
      level: z.enum(MEETING_LEVELS).optional(),
      q: storable(z.string().min(1).max(200))
        .optional()
        .openapi({ description: 'Words in the claim or its quote (claims)' }),
      asOf: day('Positions as of this day (positions)'),
      clock: z
        .enum(['valid', 'record'])
        .optional()
        .openapi({ description: 'The clock of asOf (positions; default valid)' }),
      includeWithdrawn: z.enum(['true', 'false']).optional(),
      type: z
        .enum(FACT_EVENT_TYPES)
        .optional()
        .openapi({ description: "The event type, as search takes it: the dataset's own (claims: ClaimMade, …)" }),
    }),
    subscriptions: z
      .object({
        projection: z.enum(SUBSCRIBABLE).openapi({ description: 'Which read model to follow' }),
        side: side.optional(),
        topic: topic.optional(),
        lastEventId: storable(z.string().max(64)).optional().openapi({
          description: 'Resume after this id (same as the Last-Event-ID header); `-1` replays from the start',
        }),
        access_token,
      })
      .strict(),
  };
}

export const IdParam = z.object({ id: z.uuid().openapi({ param: { name: 'id', in: 'path' } }) });
export const DocumentParam = z.object({
  documentId: z
    .string()
    .regex(/^sha256:[0-9a-f]{64}$/, 'expected sha256:<64 hex digits>')
    .openapi({ param: { name: 'documentId', in: 'path' } }),
});

const Span = z.object({ start: z.number().int(), end: z.number().int() });
const Extractor = z.object({ name: z.string(), version: z.string() });
const Withdrawn = z.object({ at: z.string(), reason: z.string().nullable(), by: z.string().nullable() }).nullable();
/** What the workbench adds to every fact (issue 15). */
const Workbench = {
  groupId: z.string().openapi({
    description:
      'The fact this row reports: equal for every article that carries the same statement (its ' +
      'own id while no other does)',
  }),
  sources: z.number().int().min(1).openapi({
    description: 'How many distinct articles carry this fact (copies and other reports of the same statement)',
  }),
  confidence: z
    .number()
    .nullable()
    .openapi({ description: "The extractor's confidence, 0 to 1; 1 for an analyst's entry; null when not recorded" }),
  confirmed: z
    .object({ by: z.string().nullable(), at: z.string() })
    .nullable()
    .openapi({ description: 'The confirmation that holds (POST /v1/confirmations), or null' }),
};
const SourceRef = z.object({
  documentId: z.string(),
  url: z.string().nullable(),
  publisher: z.string().nullable(),
  title: z.string().nullable(),
  publishedAt: z.string().nullable(),
});

export const Claim = z
  .object({
    id: z.string(),
    side: z.string(),
    topic: z.string(),
    stance: z.string(),
    speaker: z.string().nullable(),
    text: z.string(),
    quote: z.string(),
    span: Span,
    madeOn: z.string().nullable(),
    validOn: z.string(),
    source: SourceRef,
    extractor: Extractor,
    recordedAt: z.string(),
    position: z.string(),
    withdrawn: Withdrawn,
    ...Workbench,
  })
  .openapi('Claim');
export type Claim = z.infer<typeof Claim>;

export const Position = z
  .object({
    side: z.string(),
    topic: z.string(),
    stance: z.string(),
    since: z.string().openapi({ description: 'The valid-time day of the claim that set it' }),
    claimId: z.string(),
    speaker: z.string().nullable(),
    text: z.string(),
    quote: z.string(),
    documentId: z.string(),
    sources: z.number().int().min(1).openapi({ description: 'How many distinct articles carry the claim that set it' }),
  })
  .openapi('Position');
export type Position = z.infer<typeof Position>;

export const PositionsResponse = z
  .object({ asOf: z.string(), clock: z.enum(['valid', 'record']), current: z.boolean(), positions: z.array(Position) })
  .openapi('Positions');

export const PositionChange = z
  .object({
    side: z.string(),
    topic: z.string(),
    changedOn: z.string(),
    kind: z
      .enum(['stance', 'terms'])
      .openapi({ description: '`stance`: a new stance; `terms`: the same stance, materially different terms' }),
    fromStance: z.string(),
    toStance: z.string(),
    claim: Claim,
    previousClaim: Claim,
  })
  .openapi('PositionChange');

export const TimelinePoint = z
  .object({
    topic: z.string(),
    validOn: z.string(),
    stance: z.string(),
    changed: z.boolean().openapi({
      description: 'True when the stance differs from the previous point on the topic (or it is the first)',
    }),
    fromStance: z.string().nullable(),
    claim: Claim,
  })
  .openapi('TimelinePoint');

export const Meeting = z
  .object({
    id: z.string(),
    proposer: z.string().nullable(),
    proposerSide: z.string(),
    participants: z.array(z.string()),
    level: z.string(),
    location: z.string().nullable(),
    timeframe: z.string().nullable(),
    window: z.object({ from: z.string(), to: z.string() }).nullable(),
    madeOn: z.string().nullable(),
    validOn: z.string(),
    quote: z.string(),
    span: Span,
    documentId: z.string(),
    extractor: Extractor,
    recordedAt: z.string(),
    position: z.string(),
    withdrawn: Withdrawn,
    ...Workbench,
  })
  .openapi('Meeting');
export type Meeting = z.infer<typeof Meeting>;

export const Agreement = z
  .object({
    id: z.string(),
    parties: z.array(z.string()),
    topic: z.string(),
    terms: z.string(),
    quantities: z.array(z.object({ value: z.number(), unit: z.string(), per: z.string().nullable() })),
    reportedBy: z.string().nullable(),
    madeOn: z.string().nullable(),
    validOn: z.string(),
    quote: z.string(),
    span: Span,
    documentId: z.string(),
    extractor: Extractor,
    recordedAt: z.string(),
    position: z.string(),
    withdrawn: Withdrawn,
    ...Workbench,
  })
  .openapi('Agreement');
export type Agreement = z.infer<typeof Agreement>;

export const pageOf = <T extends z.ZodType>(item: T, name: string) =>
  z.object({ items: z.array(item), nextCursor: z.string().nullable() }).openapi(name);

export const SidesResponse = z
  .object({ sides: z.array(z.object({ slug: z.string(), name: z.string(), claims: z.number().int() })) })
  .openapi('Sides');
export const TopicsResponse = z
  .object({ topics: z.array(z.object({ slug: z.string(), description: z.string(), claims: z.number().int() })) })
  .openapi('Topics');
export const ActorsResponse = z
  .object({
    actors: z.array(
      z.object({
        slug: z.string(),
        name: z.string(),
        side: z.string(),
        role: z.string(),
        claims: z.number().int(),
        topics: z.array(z.string()),
        firstClaimOn: z.string().nullable(),
        lastClaimOn: z.string().nullable(),
      }),
    ),
  })
  .openapi('Actors');

export const Source = z
  .object({
    documentId: z.string(),
    url: z.string().nullable(),
    publisher: z.string().nullable(),
    title: z.string().nullable(),
    publishedAt: z.string().nullable(),
    recordedAt: z.string(),
    text: z.string(),
    copyOf: z.string().nullable().openapi({ description: 'The stored article this one is a (near) copy of, or null' }),
    similarity: z
      .number()
      .nullable()
      .openapi({ description: 'Its estimated similarity to that article (0.5 to 1), when a copy' }),
  })
  .openapi('Source');

export const Provenance = z
  .object({
    claim: Claim,
    event: z.object({
      id: z.string(),
      type: z.literal('ClaimMade'),
      stream: z.string(),
      revision: z.string(),
      position: z.string(),
      recordedAt: z.string(),
      correlationId: z.string().nullable(),
      causationId: z.string().nullable(),
      writtenBy: z.string().nullable(),
    }),
    source: z
      .object({
        documentId: z.string(),
        url: z.string().nullable(),
        publisher: z.string().nullable(),
        title: z.string().nullable(),
        publishedAt: z.string().nullable(),
        contentHash: z.string(),
        registeredAt: z.string(),
      })
      .nullable(),
    quote: z.object({
      text: z.string(),
      span: Span,
      paragraph: z.object({ text: z.string(), start: z.number().int(), end: z.number().int() }).nullable(),
    }),
    extractor: Extractor,
    withdrawal: z
      .object({ eventId: z.string(), at: z.string(), position: z.string(), reason: z.string(), by: z.string() })
      .nullable(),
    corrections: z.array(
      z.object({ eventId: z.string(), type: z.string(), recordedAt: z.string(), position: z.string() }),
    ),
    verified: z
      .boolean()
      .openapi({ description: 'The stored text hashes to the content hash and the text at the span equals the quote' }),
    checks: z.object({ contentHash: z.boolean(), quoteAtSpan: z.boolean() }),
    confirmations: z
      .array(
        z.object({
          eventId: z.string(),
          by: z.string().nullable(),
          at: z.string(),
          note: z.string().nullable(),
          position: z.string(),
          withdrawn: z.object({ eventId: z.string(), at: z.string(), by: z.string(), reason: z.string() }).nullable(),
        }),
      )
      .openapi({
        description: 'Every confirmation of the claim (FactConfirmed), with who and when, and its withdrawal if undone',
      }),
    sources: z
      .array(
        z.object({
          factId: z.string().openapi({ description: "This source's own claim event" }),
          documentId: z.string(),
          url: z.string().nullable(),
          publisher: z.string().nullable(),
          title: z.string().nullable(),
          publishedAt: z.string().nullable(),
          quote: z.string(),
          span: Span,
          verified: z
            .boolean()
            .openapi({ description: "This source's stored text hashes to its id and holds its quote at its span" }),
          copyOf: z.string().nullable().openapi({ description: 'The stored article this one is a (near) copy of' }),
          withdrawn: z.boolean(),
        }),
      )
      .openapi({ description: 'Every article that carries the fact (the claim itself included), in log order' }),
  })
  .openapi('Provenance');
export type Provenance = z.infer<typeof Provenance>;

export const ReviewItemSchema = z
  .object({
    factId: z.string(),
    type: z.enum(['ClaimMade', 'MeetingProposed', 'AgreementReported']),
    reasons: z.array(z.object({ code: z.enum(REVIEW_REASONS), message: z.string() })),
    movesPosition: z.boolean().openapi({ description: 'The fact sets a current position' }),
    fact: z.union([Claim, Meeting, Agreement]),
  })
  .openapi('ReviewItem');

export const SearchHitSchema = z
  .object({
    type: z.enum(FACT_EVENT_TYPES),
    factId: z.string(),
    day: z.string().openapi({ description: 'Valid-time day' }),
    side: z.string().nullable(),
    topic: z.string().nullable(),
    stance: z.string().nullable(),
    speaker: z.string().nullable(),
    quote: z.string(),
    snippet: z.string().openapi({ description: 'The quote with matched words between « and »' }),
    documentId: z.string(),
    title: z.string().nullable(),
    sources: z.number().int(),
  })
  .openapi('SearchHit');
