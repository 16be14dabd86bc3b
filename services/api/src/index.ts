/**
 * @claims/api: the query API (positions now and as of any day, on either clock;
 * claims, meetings, agreements; provenance), live subscriptions over SSE, the
 * web page and the API docs, as one hono app.
 */
export { type ApiApp, type ApiOptions, createApiApp } from './app.ts';
export { codebookCommand, exportCommand } from './cli/export.ts';
export { codebookMarkdown } from './codebook.ts';
export { EXPORT_COLUMNS, EXPORT_DATASETS, type ExportDataset, exportText } from './export.ts';
export { paragraphAround, provenanceJsonLd } from './provenance.ts';
export type { ProjectionState } from './routes/context.ts';
export { type ChangeKey, changeId, parseChangeId } from './sse/change-id.ts';
export { feedHead, projectionFeed } from './sse/feed.ts';
export {
  type ChangeSource,
  type FeedChange,
  runChangeStream,
  type SessionEnd,
  type SessionLimits,
  type SseWriter,
  type WakeSource,
} from './sse/session.ts';
