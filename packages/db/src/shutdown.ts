/**
 * One orderly shutdown for the process: on SIGINT or SIGTERM, run the registered
 * closers last-registered first (so services stop before the database they use),
 * then exit. Registered by whatever starts something that must be stopped.
 */
type Closer = () => Promise<void> | void;

const closers: Closer[] = [];
let installed = false;
let shuttingDown: Promise<void> | null = null;

export function onShutdown(close: Closer): () => void {
  closers.push(close);
  if (!installed) {
    installed = true;
    process.once('SIGINT', () => void shutdownAndExit(130));
    process.once('SIGTERM', () => void shutdownAndExit(143));
  }
  return () => {
    const i = closers.indexOf(close);
    if (i >= 0) closers.splice(i, 1);
  };
}

/** Runs every closer once, newest first; errors are reported, not thrown. */
export function runShutdown(): Promise<void> {
  shuttingDown ??= (async () => {
    for (const close of closers.splice(0).reverse()) {
      try {
        await close();
      } catch (err) {
        process.stderr.write(`shutdown: ${err instanceof Error ? err.message : String(err)}\n`);
      }
    }
  })();
  return shuttingDown;
}

async function shutdownAndExit(code: number): Promise<void> {
  // A second signal while closing means "now".
  process.once('SIGINT', () => process.exit(code));
  process.once('SIGTERM', () => process.exit(code));
  await runShutdown();
  process.exit(code);
}
