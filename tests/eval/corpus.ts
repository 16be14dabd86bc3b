import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { defaultProfile, type Profile, parseProfile } from '@claims/profile';
import type { GoldArticle } from './score.ts';

/** Where the labelled material lives: the `shared` folder beside the repository (CLAIMS_CORPUS overrides). */
export const CORPUS_DIR = resolve(process.env.CLAIMS_CORPUS ?? join(import.meta.dirname, '../../../shared/corpus'));

/**
 * The fixed split against fitting: in each dev set, articles with an odd number (01, 03, …) are the
 * tuning half, those with an even number the check half. Rules are developed on the seeds and the
 * tuning halves only; the check halves are only scored. Never change this to suit a result.
 */
export type Half = 'tuning' | 'check';
export const halfOf = (article: string): Half => (Number.parseInt(article, 10) % 2 === 1 ? 'tuning' : 'check');

export interface LabelledSet {
  name: string;
  /** The seeds are where the rules began; they are all tuning material. */
  seeds: boolean;
  profile: Profile;
  articles: (GoldArticle & { half: Half; path: string })[];
}

function readGold(goldDir: string, articlesDir: string, file: string) {
  const g = JSON.parse(readFileSync(join(goldDir, file), 'utf8'));
  const base = file.replace(/\.json$/, '');
  const article: string | undefined =
    g.article ?? readdirSync(articlesDir).find((a) => a.replace(/\.[^.]*$/, '') === base);
  if (!article || !existsSync(join(articlesDir, article)))
    throw new Error(`gold ${file}: its article is not in ${articlesDir}`);
  const path = resolve(articlesDir, article);
  return { ...g, article, path, text: readFileSync(path, 'utf8'), publishedAt: g.publishedAt ?? null };
}

function readSet(name: string, goldDir: string, articlesDir: string, profile: Profile, seeds: boolean): LabelledSet {
  const files = readdirSync(goldDir)
    .filter((f) => f.endsWith('.json') && f !== 'actors.json')
    .sort();
  return {
    name,
    seeds,
    profile,
    articles: files.map((f) => {
      const g = readGold(goldDir, articlesDir, f);
      return { ...g, half: seeds ? 'tuning' : halfOf(g.article) };
    }),
  };
}

/** The seeds and every dev set under the corpus folder, each with its own profile (the default unless it has one). */
export function loadCorpus(dir = CORPUS_DIR): LabelledSet[] {
  const sets: LabelledSet[] = [];
  if (existsSync(join(dir, 'gold')) && existsSync(join(dir, 'seeds'))) {
    sets.push(readSet('seeds', join(dir, 'gold'), join(dir, 'seeds'), defaultProfile, true));
  }
  const dev = join(dir, 'dev');
  if (existsSync(dev)) {
    for (const name of readdirSync(dev).sort()) {
      const at = join(dev, name);
      if (!existsSync(join(at, 'gold')) || !existsSync(join(at, 'articles'))) continue;
      const profileFile = join(at, 'profile.json');
      const profile = existsSync(profileFile) ? parseProfile(readFileSync(profileFile, 'utf8')) : defaultProfile;
      sets.push(readSet(name, join(at, 'gold'), join(at, 'articles'), profile, false));
    }
  }
  return sets;
}
