/**
 * The `claims` command line: one entry that dispatches to the command each service or
 * package owns. `claims.ts` runs it as a process; tests call `claimsMain` in-process.
 */
const commands: Record<string, { summary: string; load: () => Promise<(argv: string[]) => Promise<number>> }> = {
  migrate: {
    summary: 'migrate  apply pending database migrations (DATABASE_URL, or the embedded server)',
    load: async () => (await import('./migrate.ts')).migrateCommand,
  },
  ingest: {
    summary:
      'ingest PATH... [--published-at D] [--url URL] [--meta-dir DIR] [--profile FILE]  register ' +
      'articles and their facts',
    load: async () => (await import('@claims/ingest')).ingestCommand,
  },
  projections: {
    summary:
      'projections rebuild [NAME...] | status  rebuild read models from position zero, or show their checkpoints',
    load: async () => (await import('@claims/projector')).projectionsCommand,
  },
  replay: {
    summary:
      'replay --as-of YYYY-MM-DD [--clock valid|record] [--schema NAME] [--replace]  rebuild ' +
      'every read model as of a day into its own schema',
    load: async () => (await import('@claims/projector')).replayCommand,
  },
  projector: {
    summary: 'projector  run the projections alone until stopped',
    load: async () => (await import('@claims/projector')).projectorCommand,
  },
  token: {
    summary: 'token create NAME [--scope read,write,analyst] | revoke NAME | list  manage the tokens (stored hashed)',
    load: async () => (await import('./token.ts')).tokenCommand,
  },
  export: {
    summary:
      'export DATASET [--format csv|jsonl] [--out FILE] [--side S] [--actor A] [--topic T] ' +
      '[--from D] [--to D] [--as-of D] …  claims, positions, changes, meetings or agreements as ' +
      'CSV or JSON lines',
    load: async () => (await import('./export.ts')).exportCommand,
  },
  codebook: {
    summary:
      'codebook [--out FILE] [--profile FILE]  write the codebook of the exports ' +
      '(docs/codebook.md) from the active profile',
    load: async () => (await import('./export.ts')).codebookCommand,
  },
  extract: {
    summary:
      'extract FILE [--published-at YYYY-MM-DD] [--url URL] [--profile FILE]  print the events of one article as JSON',
    load: async () => (await import('@claims/ingest')).extractCommand,
  },
};

function usage(): string {
  return `usage: claims <command> [options]\n\ncommands:\n${Object.values(commands)
    .map((c) => `  ${c.summary}`)
    .join('\n')}\n`;
}

/** Runs one `claims` command line and returns its exit code; errors are one line on standard error. */
export async function claimsMain(argv: string[]): Promise<number> {
  try {
    return await dispatch(argv);
  } catch (err: unknown) {
    // A CLI error is one line, never a stack trace (set CLAIMS_DEBUG=1 to see it).
    process.stderr.write(`claims: ${err instanceof Error ? err.message : String(err)}\n`);
    if (process.env.CLAIMS_DEBUG) console.error(err);
    return 1;
  }
}

async function dispatch(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h') {
    process.stdout.write(usage());
    return name ? 0 : 2;
  }
  const command = commands[name];
  if (!command) {
    process.stderr.write(`claims: unknown command "${name}"\n${usage()}`);
    return 2;
  }
  return (await command.load())(rest);
}
