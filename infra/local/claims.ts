#!/usr/bin/env node
/** The `claims` command: run it as `pnpm --silent claims <command> …` (see commands.ts). */
import { claimsMain } from './commands.ts';

claimsMain(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
