import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { parse } from 'yaml';
import { repoRoot } from '../support/cli.ts';

const workspace = parse(readFileSync(join(repoRoot, 'pnpm-workspace.yaml'), 'utf8')) as {
  onlyBuiltDependencies?: string[];
  allowBuilds?: Record<string, boolean>;
  pmOnFail?: string;
};
const manifest = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as { packageManager?: string };

// A current pnpm (11 and later) must install this workspace as well as the pinned pnpm 10.
it('lets pnpm 11+ install beside the pnpm 10 pin: no @pnpm/exe lookup, and the same builds allowed', () => {
  const pinnedMajor = Number(manifest.packageManager?.match(/^pnpm@(\d+)\./)?.[1]);
  // pnpm 11+ resolves a pin through @pnpm/exe, which has no 10.x builds: it must not enforce the pin.
  if (pinnedMajor < 11) expect(workspace.pmOnFail).toBe('ignore');
  // pnpm 10 reads onlyBuiltDependencies, pnpm 11+ reads allowBuilds: the two must agree.
  for (const name of workspace.onlyBuiltDependencies ?? []) expect(workspace.allowBuilds?.[name], name).toBe(true);
  const allowed = Object.entries(workspace.allowBuilds ?? {})
    .filter(([, v]) => v)
    .map(([k]) => k);
  expect(allowed.sort()).toEqual([...(workspace.onlyBuiltDependencies ?? [])].sort());
});
