import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { claimsMain } from '../../infra/local/commands.ts';

export const repoRoot = resolve(import.meta.dirname, '../..');

/**
 * How to start `claims`: the compiled command the test run built from the current sources
 * (global-setup.ts sets CLAIMS_CLI_BUNDLE), as people run it; elsewhere (benchmarks) the
 * TypeScript through tsx.
 */
export const claimsCommand = (): string[] =>
  process.env.CLAIMS_CLI_BUNDLE ? [process.env.CLAIMS_CLI_BUNDLE] : ['--import', 'tsx', 'infra/local/claims.ts'];

/** Runs `claims ARGS` as a real process, to completion. */
export function runClaims(args: string[], env: Record<string, string> = {}, input?: string) {
  return spawnSync(process.execPath, [...claimsCommand(), ...args], {
    cwd: repoRoot,
    env: { ...process.env, ...env },
    encoding: 'utf8',
    timeout: 120_000,
    input,
  });
}

/** Starts `claims ARGS` as a real background process. */
export function spawnClaims(args: string[], env: Record<string, string> = {}): ChildProcess {
  return spawn(process.execPath, [...claimsCommand(), ...args], {
    cwd: repoRoot,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

/**
 * Runs `claims ARGS` in this process, with what it writes captured: for the many cases
 * that are refused before any work, where starting a process each time would only make
 * the test slow, and slower still under load.
 */
export async function claimsInProcess(args: string[], env: Record<string, string> = {}) {
  const out = { status: 0, stdout: '', stderr: '' };
  const saved = { stdout: process.stdout.write, stderr: process.stderr.write, env: { ...process.env } };
  Object.assign(process.env, env);
  process.stdout.write = ((chunk: string | Uint8Array) => {
    out.stdout += String(chunk);
    return true;
  }) as typeof process.stdout.write;
  process.stderr.write = ((chunk: string | Uint8Array) => {
    out.stderr += String(chunk);
    return true;
  }) as typeof process.stderr.write;
  try {
    out.status = await claimsMain(args);
  } finally {
    process.stdout.write = saved.stdout;
    process.stderr.write = saved.stderr;
    process.env = saved.env;
  }
  return out;
}
