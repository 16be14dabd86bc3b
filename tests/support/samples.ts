import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from './cli.ts';

/** The repository's own sample articles (samples/README.md): written for the project, with the facts each must give. */
export const samplesDir = join(repoRoot, 'samples', 'articles');

export interface SampleArticle {
  name: string;
  text: string;
  publishedAt: string;
  url: string;
  publisher: string;
  title: string;
  expected: {
    claims: {
      side: string;
      topic: string;
      stance: string;
      speaker: string | null;
      madeOn: string | null;
      quote: string;
    }[];
    meetings: {
      proposerSide: string;
      proposer: string | null;
      participants: string[];
      level: string;
      location: string | null;
      madeOn: string | null;
      quote: string;
    }[];
    agreements: { parties: string[]; topic: string; quantities: unknown[]; madeOn: string | null; quote: string }[];
  };
}

/** Every sample, in file order, with its metadata (`NAME.txt.meta.json`) and expected facts (`NAME.expected.json`). */
export function sampleArticles(): SampleArticle[] {
  return readdirSync(samplesDir)
    .filter((f) => f.endsWith('.txt'))
    .sort()
    .map((name) => ({
      name,
      text: readFileSync(join(samplesDir, name), 'utf8'),
      ...JSON.parse(readFileSync(join(samplesDir, `${name}.meta.json`), 'utf8')),
      expected: JSON.parse(readFileSync(join(samplesDir, name.replace(/\.txt$/, '.expected.json')), 'utf8')),
    }));
}
