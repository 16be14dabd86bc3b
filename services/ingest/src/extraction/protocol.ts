import type { ArticleInput, ExtractedArticle } from '@claims/extract';

/** What the pool sends an extraction thread, and what it answers (pool.ts, worker.ts). */
export interface ExtractionTask {
  id: number;
  input: ArticleInput;
}

export interface ExtractionReply {
  id: number;
  outcome: { extracted: ExtractedArticle } | { refused: string };
}
