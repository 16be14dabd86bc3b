import {
  type AppliedWithMemory,
  type ApplyOptions,
  type ProjectedEvent,
  type Projection,
  type ReadModelChange,
  type ReadModelWriter,
  withMemory,
} from '../projection.ts';
import { copyRows, insertRows, unstoredRows } from '../rows.ts';

/**
 * Applies a batch. In an empty build `stored` holds the document ids stored so far: the rows go in by COPY, leaving out
 * those the INSERT's ON CONFLICT DO NOTHING would have (an article stored already, or earlier in the batch).
 */
async function applySources(
  db: ReadModelWriter,
  events: readonly ProjectedEvent[],
  stored: Set<string> | null,
  options?: ApplyOptions,
): Promise<AppliedWithMemory> {
  const record = options?.changes ?? true;
  const changes: ReadModelChange[] = [];
  const rows = [];
  for (const e of events) {
    if (e.type !== 'ArticleRegistered') continue;
    const d = e.data;
    rows.push({
      document_id: d.documentId,
      stream_id: e.streamId,
      url: d.url,
      publisher: d.publisher,
      title: d.title,
      published_at: d.publishedAt,
      text: d.text,
      content_hash: d.documentId,
      event_id: e.id,
      global_position: e.position.commit,
      recorded_at: e.recordedAt,
    });
    if (record)
      changes.push({
        kind: 'source_registered',
        position: e.position,
        payload: { documentId: d.documentId, title: d.title, url: d.url, publishedAt: d.publishedAt },
      });
  }
  const added: string[] = [];
  if (stored) {
    // By COPY (the articles' texts are most of what a build writes here: no JSON of them to make and to read back).
    const fresh = unstoredRows(rows, (r) => r.document_id, stored);
    await copyRows(db, 'sources', fresh);
    for (const r of fresh) added.push(r.document_id);
  } else if (rows.length)
    // A second registration of the same text cannot happen (one stream per text); ignore it if it ever does.
    await insertRows(db, 'sources', rows)
      .onConflict((oc) => oc.column('document_id').doNothing())
      .execute();
  return {
    changes,
    remember: () => {
      for (const id of added) stored?.add(id);
    },
  };
}

/** `sources`: every registered article with its metadata, content hash and stored text. */
export const sourcesProjection: Projection = {
  name: 'sources',
  eventTypes: ['ArticleRegistered'],
  tables: ['sources'],
  apply: async (db, events, options) => (await applySources(db, events, null, options)).changes,
  forEmptyBuild: () => withMemory(sourcesProjection, new Set<string>(), applySources),
};
