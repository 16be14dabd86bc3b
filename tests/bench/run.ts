/**
 * `pnpm bench`: runs every benchmark and prints its figures. Pick some with
 * `pnpm bench append extract` (or `pathological`, `mixed`: hostile articles; `workbench`: review, search, export). Sizes can be lowered with the BENCH_* variables.
 */
import { benchApi } from './api.bench.ts';
import { benchAppend } from './append.bench.ts';
import { benchCli } from './cli.bench.ts';
import { benchExtract } from './extract.bench.ts';
import { benchLoad } from './load.bench.ts';
import { benchMixed } from './mixed.bench.ts';
import { benchPathological } from './pathological.bench.ts';
import { benchProjection } from './projection.bench.ts';
import { benchReplay } from './replay.bench.ts';
import { benchSoak } from './soak.bench.ts';
import { benchWorkbench } from './workbench.bench.ts';

const benches: Record<string, () => Promise<unknown>> = {
  extract: benchExtract,
  pathological: benchPathological,
  append: benchAppend,
  projection: benchProjection,
  replay: benchReplay,
  soak: benchSoak,
  load: benchLoad,
  mixed: benchMixed,
  api: benchApi,
  cli: benchCli,
  workbench: benchWorkbench,
};

const chosen = process.argv.slice(2);
for (const name of chosen.length ? chosen : Object.keys(benches)) {
  const bench = benches[name];
  if (!bench) {
    process.stderr.write(`bench: unknown benchmark "${name}" (have: ${Object.keys(benches).join(', ')})\n`);
    process.exit(2);
  }
  await bench();
}
