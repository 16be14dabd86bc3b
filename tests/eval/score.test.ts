import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { extractArticle } from '@claims/extract';
import { afterAll, describe, expect, it } from 'vitest';
import { CORPUS_DIR, loadCorpus } from './corpus.ts';
import { scoreSets } from './run.ts';

const REFERENCE = join(CORPUS_DIR, '../eval/score.mjs');
const haveCorpus = existsSync(REFERENCE);
if (!haveCorpus)
  console.warn(`eval: skipped, no labelled corpus at ${CORPUS_DIR} (the shared folder beside the repository)`);

/**
 * `pnpm eval` scores in process; its figures must be those of the reference scorer on the same
 * events. The reference runs a command per article: here one that prints the events extracted in
 * process, so both score the very same output.
 */
describe.skipIf(!haveCorpus)('pnpm eval agrees with the reference scorer', () => {
  const dir = mkdtempSync(join(tmpdir(), 'claims-eval-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  for (const name of ['seeds', 'us-china-trade']) {
    it(`gives the reference figures on ${name}`, () => {
      const set = loadCorpus().find((s) => s.name === name);
      if (!set) throw new Error(`no set ${name}`);
      for (const a of set.articles) {
        const { events } = extractArticle(
          { text: a.text, url: null, publishedAt: a.publishedAt },
          { profile: set.profile },
        );
        writeFileSync(join(dir, `${basename(a.path)}.json`), JSON.stringify(events));
      }
      const goldDir = name === 'seeds' ? join(CORPUS_DIR, 'gold') : join(CORPUS_DIR, 'dev', name, 'gold');
      const articlesDir = name === 'seeds' ? join(CORPUS_DIR, 'seeds') : join(CORPUS_DIR, 'dev', name, 'articles');
      const cmd = `cat "${dir}/$(basename {file}).json"`;
      const out = execFileSync(
        'node',
        [REFERENCE, '--gold', goldDir, '--articles', articlesDir, '--cmd', cmd, '--json'],
        {
          encoding: 'utf8',
        },
      );
      const ref = JSON.parse(out);
      const [mine] = scoreSets([{ ...set, articles: set.articles.map((a) => ({ ...a, half: 'tuning' as const })) }]);
      const s = mine?.scores ?? [];
      const sum = (t: string, k: 'tp' | 'fp' | 'fn') => s.reduce((n, x) => n + x.counts[t as 'ClaimMade'][k], 0);
      for (const t of ['ClaimMade', 'MeetingProposed', 'AgreementReported']) {
        expect({ tp: sum(t, 'tp'), fp: sum(t, 'fp'), fn: sum(t, 'fn') }, t).toEqual({
          tp: ref.byType[t].tp,
          fp: ref.byType[t].fp,
          fn: ref.byType[t].fn,
        });
      }
      const claims = s.reduce((n, x) => n + x.speaker.of, 0);
      expect(claims).toBe(ref.matchedClaims);
      expect(s.reduce((n, x) => n + x.speaker.right, 0) / claims).toBeCloseTo(ref.speakerAccuracy, 10);
      expect(s.reduce((n, x) => n + x.madeOn.right, 0) / claims).toBeCloseTo(ref.madeOnAccuracy, 10);
    });
  }
});

describe('pnpm eval on a mistyped option', () => {
  it('names the option and prints the usage, with exit code 2 and no stack trace', () => {
    const run = join(import.meta.dirname, 'run.ts');
    let failure: { status: number | null; stderr: string } | null = null;
    try {
      execFileSync(process.execPath, ['--import', 'tsx', run, '--bogus'], { encoding: 'utf8', stdio: 'pipe' });
    } catch (e) {
      failure = e as { status: number | null; stderr: string };
    }
    expect(failure?.status).toBe(2);
    expect(failure?.stderr).toContain("eval: Unknown option '--bogus'");
    expect(failure?.stderr).toContain('usage: pnpm eval');
    expect(failure?.stderr).not.toMatch(/\n\s+at /);
  });
});
