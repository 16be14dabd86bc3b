import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { defaultProfile } from '@claims/profile';
import { expect, it } from 'vitest';
import { codebookMarkdown } from '../../services/api/src/index.ts';
import { repoRoot } from '../support/cli.ts';

it(
  'ships a codebook that matches the default profile and the export columns ' +
    '(regenerate: pnpm claims codebook --out docs/codebook.md)',
  () => {
    const committed = readFileSync(join(repoRoot, 'docs', 'codebook.md'), 'utf8');
    expect(committed).toBe(codebookMarkdown(defaultProfile));
  },
);
