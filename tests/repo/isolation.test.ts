import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { defaultTokensFile } from '@claims/auth';
import { expect, it } from 'vitest';
import { repoRoot } from '../support/cli.ts';
import { SHARED_SUITES } from '../support/isolation.ts';

function testFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    if (e.name === 'node_modules' || e.name === 'bench') return [];
    const path = join(dir, e.name);
    return e.isDirectory() ? testFiles(path) : /\.ts$/.test(e.name) ? [path] : [];
  });
}

it("never points a test at the user's own .data tokens file", () => {
  const tokens = resolve(defaultTokensFile());
  expect(relative(join(repoRoot, '.data'), tokens).startsWith('..'), tokens).toBe(true);
});

it('lets only the listed suites read ../shared, so that a clone without it skips them and says so', () => {
  const files = ['packages', 'services', 'tests']
    .flatMap((g) => testFiles(join(repoRoot, g)))
    .filter((f) => /\.test\.ts$|\/test\/|^tests\//.test(relative(repoRoot, f)));
  const reading = files
    .map((f) => relative(repoRoot, f))
    .filter((f) => f !== 'tests/support/isolation.ts' && f !== 'tests/repo/isolation.test.ts')
    // `pnpm eval` and `pnpm train` are commands over the labelled corpus, not suites: they say so when it is absent.
    .filter((f) => !/^tests\/eval\/(?!.*\.test\.ts$)/.test(f))
    .filter((f) => /\.\.\/shared\/|'shared', 'corpus'/.test(readFileSync(join(repoRoot, f), 'utf8')));
  expect(reading.filter((f) => !SHARED_SUITES.includes(f))).toEqual([]);
});
