/**
 * @claims/ingest: articles in, events out. The HTTP routes (`createIngestApp`),
 * the use cases behind them, and the `claims extract` / `claims ingest` commands.
 */

export { type AnalystEntry, type AnalystFact, addAnalystFact, type WriteResult, withdrawFact } from './analyst.ts';
export { extractCommand } from './cli/extract.ts';
export { ingestCommand } from './cli/ingest.ts';
export { type ConfirmationResult, confirmFact, type FactLocator, readModelFactLocator } from './confirm.ts';
export {
  type ArticleExtractor,
  ExtractionBusyError,
  type ExtractionLimits,
  ExtractionPool,
  ExtractionRefusedError,
  MAX_ARTICLE_CHARS,
} from './extraction/pool.ts';
export { createIngestApp, type IngestAppOptions } from './http/app.ts';
export { type IngestResult, ingestArticle } from './ingest-article.ts';
export { toStoredEvent, type WriteContext } from './write.ts';
