import type { Projection, ReadModelChange } from '../projection.ts';
import { insertRows } from '../rows.ts';

/** `sources`: every registered article with its metadata, content hash and stored text. */
export const sourcesProjection: Projection = {
  name: 'sources',
  eventTypes: ['ArticleRegistered'],
  tables: ['sources'],
  async apply(db, events, options) {
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
    // A second registration of the same text cannot happen (one stream per text); ignore it if it ever does.
    if (rows.length)
      await insertRows(db, 'sources', rows)
        .onConflict((oc) => oc.column('document_id').doNothing())
        .execute();
    return changes;
  },
};
