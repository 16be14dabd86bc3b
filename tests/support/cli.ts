import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { resolve } from 'node:path';

export const repoRoot = resolve(import.meta.dirname, '../..');

/** Runs `claims ARGS` as a real process, to completion. */
export function runClaims(args: string[], env: Record<string, string> = {}, input?: string) {
  return spawnSync(process.execPath, ['--import', 'tsx', 'infra/local/claims.ts', ...args], {
    cwd: repoRoot,
    env: { ...process.env, ...env },
    encoding: 'utf8',
    timeout: 120_000,
    input,
  });
}

/** Starts `claims ARGS` as a real background process. */
export function spawnClaims(args: string[], env: Record<string, string> = {}): ChildProcess {
  return spawn(process.execPath, ['--import', 'tsx', 'infra/local/claims.ts', ...args], {
    cwd: repoRoot,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}
