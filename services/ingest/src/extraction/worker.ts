/** One extraction thread (see pool.ts): articles in, extracted articles or a refusal out. */
import { readlinkSync } from 'node:fs';
import { setPriority } from 'node:os';
import { parentPort, workerData } from 'node:worker_threads';
import { type ArticleInput, ExtractError, extractArticle, normaliseArticle } from '@claims/extract';
import type { Profile } from '@claims/profile';
import type { ExtractionReply, ExtractionTask } from './protocol.ts';

const { profile, maxTextChars } = workerData as { profile: Profile | null; maxTextChars: number };
const options = profile ? { profile } : {};

function extract(input: ArticleInput): ExtractionReply['outcome'] {
  try {
    // The limit is on the text the extractor reads (HTML markup costs little): checked before the costly part.
    const { text } = normaliseArticle(input);
    if (text.length > maxTextChars) {
      return {
        refused:
          `the article is ${text.length.toLocaleString('en')} characters long; the limit ` +
          `is ${maxTextChars.toLocaleString('en')}`,
      };
    }
    return { extracted: extractArticle(input, options) };
  } catch (err) {
    if (err instanceof ExtractError) return { refused: err.message };
    // A stack overflow or a bug on one article: that article's failure, not the thread's.
    return {
      refused: `the extractor failed on this article (${err instanceof Error ? `${err.name}: ${err.message}` : String(err)})`,
    };
  }
}

parentPort!.on('message', (task: ExtractionTask) => {
  parentPort!.postMessage({ id: task.id, outcome: extract(task.input) } satisfies ExtractionReply);
});
/**
 * This thread yields the CPU to the rest of the tracker: extraction can wait, a reader should
 * not. On Linux a thread's own id takes a nice value of its own (the process's other threads
 * keep theirs); elsewhere the thread runs at normal priority. Waiting for the CPU does not
 * count against an article's time budget: the pool counts the CPU time this thread used.
 */
function threadId(): number | null {
  try {
    const tid = Number(readlinkSync('/proc/thread-self').split('/').pop());
    return tid > 0 ? tid : null;
  } catch {
    return null; // not Linux
  }
}

const tid = threadId();
try {
  if (tid) setPriority(tid, 19);
} catch {
  // not allowed: normal priority
}
// Loads the language model before the first article arrives.
extract({ text: 'Kremlin spokesman Dmitry Peskov said Ukraine must withdraw.' });
// The pool reads this thread's CPU time by its id (the time budget counts CPU, not waiting).
parentPort!.postMessage({ ready: true, tid });
