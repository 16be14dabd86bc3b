import { z } from 'zod';

/**
 * The days a date in an event may name. Negotiations the tracker follows are modern; a
 * day outside this range is a typo or a parsing slip (PostgreSQL has no year 0), and an
 * event that carried one would be stored for ever and parked by every projection.
 */
export const EARLIEST_DAY = '1900-01-01';
export const LATEST_DAY = '2100-12-31';

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * Whether `s` reads back from a Date as itself (`new Date(`${s}T00:00:00Z`)`, then its ISO day): for `YYYY-MM-DD`, whether
 * that day is in the (proleptic Gregorian) calendar, worked out without a Date, which cost most of an event's check on
 * reading a log.
 */
export function isRealDay(s: string): boolean {
  const m = DAY.exec(s);
  if (!m) {
    const d = new Date(`${s}T00:00:00Z`);
    return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
  }
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  if (month < 1 || month > 12 || day < 1) return false;
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  return day <= (month === 2 ? (leap ? 29 : 28) : month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31);
}

/** An ISO calendar day, `YYYY-MM-DD`, checked to be a real date within [EARLIEST_DAY, LATEST_DAY]. */
export const IsoDay = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date as YYYY-MM-DD')
  .refine(isRealDay, 'not a real calendar date')
  .refine((s) => s >= EARLIEST_DAY && s <= LATEST_DAY, `expected a day from ${EARLIEST_DAY} to ${LATEST_DAY}`);
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

/**
 * How sure the producer is that the fact is what the words say, from 0 to 1: the extractor's
 * estimate from the evidence it used, 1 for a fact an analyst entered, null for facts stored before
 * confidence was recorded (schema version 1). The review queue reads it.
 */
export const Confidence = z.number().min(0).max(1).nullable();

/** The provenance block every fact event carries (recordedAt is assigned by the store, see metadata). */
export const Provenance = z.object({
  source: Source,
  quote: z.string().min(1),
  span: Span,
  extractor: Extractor,
  confidence: Confidence,
});
export type Provenance = z.infer<typeof Provenance>;

/** Version 1 of a fact carried no confidence: an analyst's fact is certain, an extracted one unknown. */
export const addConfidence = (d: Record<string, unknown>): Record<string, unknown> => ({
  ...d,
  confidence: (d['extractor'] as { name?: string } | undefined)?.name === 'analyst' ? 1 : null,
});
