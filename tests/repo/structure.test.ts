import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../support/cli.ts';

/** The workspace's own packages and services: name → folder. */
const workspace = new Map<string, string>();
for (const group of ['packages', 'services']) {
  for (const dir of readdirSync(join(repoRoot, group))) {
    const manifest = join(repoRoot, group, dir, 'package.json');
    if (existsSync(manifest))
      workspace.set(JSON.parse(readFileSync(manifest, 'utf8')).name, join(repoRoot, group, dir));
  }
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    if (e.name === 'node_modules') return [];
    const path = join(dir, e.name);
    return e.isDirectory() ? sourceFiles(path) : /\.ts$/.test(e.name) ? [path] : [];
  });
}
const productionFiles = ['packages', 'services', 'infra']
  .flatMap((g) => sourceFiles(join(repoRoot, g)))
  .filter((f) => !/\.test\.ts$|\/test\//.test(f));
const rel = (f: string) => relative(repoRoot, f);

const specifiers = (file: string) =>
  [...readFileSync(file, 'utf8').matchAll(/(?:from\s+|import\s*\(\s*)'([^']+)'/g)].map((m) => m[1]!);

/** Every workspace file `entry` loads, following relative imports and @claims/* packages. */
function importGraph(entry: string): Set<string> {
  const seen = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    for (const s of specifiers(file)) {
      const target = s.startsWith('.')
        ? resolve(dirname(file), s)
        : workspace.has(s)
          ? join(workspace.get(s)!, 'src/index.ts')
          : null;
      if (target && existsSync(target)) visit(target);
    }
  };
  visit(entry);
  return seen;
}

describe('the shape of the workspace', () => {
  it('gives every package and service one entry, src/index.ts', () => {
    for (const [name, dir] of workspace) {
      const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
      expect(manifest.exports, name).toEqual({ '.': './src/index.ts' });
      expect(existsSync(join(dir, 'src/index.ts')), name).toBe(true);
    }
  });

  it('lets services depend on packages, never on each other', () => {
    const services = [...workspace].filter(([, dir]) => dir.includes('/services/'));
    for (const [name, dir] of services) {
      const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
      const others = services.map(([n]) => n).filter((n) => n !== name);
      expect(
        Object.keys(manifest.dependencies ?? {}).filter((d) => others.includes(d)),
        name,
      ).toEqual([]);
      for (const file of sourceFiles(join(dir, 'src'))) {
        expect(
          specifiers(file).filter((s) => others.includes(s)),
          rel(file),
        ).toEqual([]);
      }
    }
  });

  it('has `claims token create` load the token store, not the whole tracker', () => {
    const loaded = [...importGraph(join(repoRoot, 'infra/local/token.ts'))].map(rel);
    expect(loaded.filter((f) => f.startsWith('services/') || f === 'infra/local/tracker.ts')).toEqual([]);
  });
});

describe('one home for each contract between processes', () => {
  const homes: [string, RegExp, string][] = [
    ['the change-feed NOTIFY channel', /'claims_changes'/, 'packages/db/src/channels.ts'],
    ['the projection lock key', /claims-projection:/, 'services/projector/src/lock.ts'],
    ['the default tokens file', /'\.data\/tokens\.json'/, 'packages/auth/src/tokens.ts'],
    ["the event log's table", /createTable\('events'\)/, 'packages/eventstore/src/postgres/migrations/0001_events.ts'],
    ['the event id namespace', /claims-tracker\/events\/v1/, 'packages/events/src/ids.ts'],
  ];
  for (const [what, pattern, home] of homes) {
    it(`keeps ${what} in ${home} alone`, () => {
      expect(productionFiles.filter((f) => pattern.test(readFileSync(f, 'utf8'))).map(rel)).toEqual([home]);
    });
  }

  it('keeps the event log out of the read models package', () => {
    const db = productionFiles.filter((f) => rel(f).startsWith('packages/db/'));
    expect(db.filter((f) => /\bEventsTable\b|events_event_type_idx/.test(readFileSync(f, 'utf8'))).map(rel)).toEqual(
      [],
    );
  });
});
