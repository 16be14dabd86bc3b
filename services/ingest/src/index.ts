/**
 * @claims/ingest: articles in, events out. The HTTP routes (`createIngestApp`),
 * the use cases behind them, and the `claims extract` / `claims ingest` commands.
 */
export { extractCommand } from './cli/extract.ts';
export { ingestCommand } from './cli/ingest.ts';
export { type AnalystEntry, type AnalystFact, type WriteResult, addAnalystFact, withdrawFact } from './analyst.ts';
export { type IngestResult, ingestArticle } from './ingest-article.ts';
export { type ConfirmationResult, type FactLocator, confirmFact, readModelFactLocator } from './confirm.ts';
export { type WriteContext, toStoredEvent } from './write.ts';
export { createIngestApp, type IngestAppOptions } from './http/app.ts';
export {
  type ArticleExtractor,
  ExtractionBusyError,
  type ExtractionLimits,
  ExtractionPool,
  ExtractionRefusedError,
  MAX_ARTICLE_CHARS,
} from './extraction/pool.ts';
