import { z } from 'zod';

/** An ISO calendar day, `YYYY-MM-DD`, checked to be a real date. */
export const IsoDay = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date as YYYY-MM-DD')
  .refine((s) => {
    const d = new Date(`${s}T00:00:00Z`);
    return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
  }, 'not a real calendar date');
export type IsoDay = z.infer<typeof IsoDay>;

/** A slug: lower-case words joined by underscores (sides, actors, topics). */
export const Slug = z.string().regex(/^[a-z][a-z0-9_]*$/, 'expected a slug like "united_states"');

/** Content hash of a normalised article text: `sha256:<64 hex>`. */
export const DocumentId = z.string().regex(/^sha256:[0-9a-f]{64}$/, 'expected sha256:<64 hex digits>');
export type DocumentId = z.infer<typeof DocumentId>;

/** Which article an event came from. */
export const Source = z.object({
  documentId: DocumentId,
  url: z.string().nullable(),
  publisher: z.string().nullable(),
  publishedAt: IsoDay.nullable(),
  title: z.string().nullable(),
});
export type Source = z.infer<typeof Source>;

/** Character offsets of `quote` in the stored, normalised article text: `text.slice(start, end) === quote`. */
export const Span = z
  .object({ start: z.number().int().nonnegative(), end: z.number().int().nonnegative() })
  .refine((s) => s.end > s.start, { message: 'span.end must be greater than span.start', path: ['end'] });
export type Span = z.infer<typeof Span>;

/** What produced an event: the rule-based extractor, an analyst (version = who), an import. */
export const Extractor = z.object({ name: z.string().min(1), version: z.string().min(1) });
export type Extractor = z.infer<typeof Extractor>;

/** The provenance block every fact event carries (recordedAt is assigned by the store, see metadata). */
export const Provenance = z.object({
  source: Source,
  quote: z.string().min(1),
  span: Span,
  extractor: Extractor,
});
export type Provenance = z.infer<typeof Provenance>;
