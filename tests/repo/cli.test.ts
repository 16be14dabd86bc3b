import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { expect, it } from 'vitest';
import { runClaims } from '../support/cli.ts';

/** The compiled command the run built (tests/support/global-setup.ts), and what esbuild says each part holds. */
const dir = dirname(process.env.CLAIMS_CLI_BUNDLE ?? '');
type Meta = {
  inputs: Record<string, unknown>;
  outputs: Record<
    string,
    { entryPoint?: string; imports: { path: string; kind: string }[]; inputs: Record<string, unknown> }
  >;
};
const meta = (file: string): Meta => JSON.parse(readFileSync(join(dir, file), 'utf8'));

it('runs claims as compiled JavaScript', () => {
  expect(process.env.CLAIMS_CLI_BUNDLE).toMatch(/claims\.mjs$/);
  const help = runClaims(['--help']);
  expect(help.status).toBe(0);
  expect(help.stdout).toMatch(/^usage: claims <command>/);
});

it('loads the language model only in the part for commands that extract', () => {
  const model = (m: Meta) =>
    Object.keys(m.inputs).filter((p) => /node_modules\/.*wink-(nlp|eng-lite-web-model)\//.test(p));
  expect(model(meta('meta.json'))).toEqual([]);
  expect(model(meta('extracting/meta.json')).length).toBeGreaterThan(0);
});

it('loads the EventStoreDB client only when EVENTSTORE_URL asks for it', () => {
  for (const file of ['meta.json', 'extracting/meta.json']) {
    const statically = Object.values(meta(file).outputs).filter((o) =>
      o.imports.some((i) => i.path.startsWith('@eventstore/db-client') && i.kind === 'import-statement'),
    );
    expect(statically.map((o) => o.entryPoint)).toEqual(['packages/eventstore/src/esdb/load.ts']);
  }
});
