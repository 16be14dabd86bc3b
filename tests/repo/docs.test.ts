import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { expect, it } from 'vitest';
import { repoRoot } from '../support/cli.ts';

const documents = [
  'README.md',
  'samples/README.md',
  ...readdirSync(join(repoRoot, 'docs')).map((f) => `docs/${f}`),
].filter((f) => f.endsWith('.md'));

it('links only to files inside the repository, and to files that exist', () => {
  const broken: string[] = [];
  for (const doc of documents) {
    const text = readFileSync(join(repoRoot, doc), 'utf8');
    // Markdown links, and paths written as code that step out of the repository.
    const targets = [...text.matchAll(/\]\(([^)#\s]+)(?:#[^)]*)?\)/g)]
      .map((m) => m[1]!)
      .filter((t) => !/^[a-z]+:/.test(t));
    const outside = [...text.matchAll(/`(\.\.\/[^`\s]+)`/g)].map((m) => m[1]!);
    for (const t of [...targets, ...outside]) {
      const path = resolve(dirname(join(repoRoot, doc)), t);
      if (relative(repoRoot, path).startsWith('..') || !existsSync(path)) broken.push(`${doc}: ${t}`);
    }
  }
  expect(broken).toEqual([]);
});
