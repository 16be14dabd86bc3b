import { z } from 'zod';
import type { EventDefinition } from '../definition.ts';
import { DocumentId, IsoDay } from '../provenance.ts';

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

export const articleRegistered = {
  type: 'ArticleRegistered',
  version: 1,
  schema: ArticleRegisteredData,
  upcasters: {},
  // One registration per article stream (the stream is named by the text's hash).
  identity: () => null,
  validDay: (d) => d.publishedAt,
} as const satisfies EventDefinition<'ArticleRegistered', typeof ArticleRegisteredData>;
