import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { z } from 'zod';

/**
 * What a token may do: `read` (reads, when CLAIMS_READ_ACCESS=token), `write` (post articles),
 * `analyst` (add, correct and withdraw facts by hand). A token that may write or enter facts
 * is never accepted in a URL (where logs and browser history keep it); only a read token is.
 */
export const SCOPES = ['read', 'write', 'analyst'] as const;
export type Scope = (typeof SCOPES)[number];

/**
 * A token as configured: a name (recorded as who wrote), the SHA-256 of the secret (never the secret), and its scopes.
 */
export const TokenEntry = z.object({
  name: z.string().regex(/^[A-Za-z0-9_.@-]{1,64}$/, 'a token name is 1-64 letters, digits, _ . @ -'),
  hash: z.string().regex(/^sha256:[0-9a-f]{64}$/, 'expected sha256:<64 hex digits>'),
  createdAt: z.string().optional(),
  /** Absent in files written before scopes existed: such a token keeps every scope it had. */
  scopes: z.array(z.enum(SCOPES)).min(1).optional(),
});
export type TokenEntry = z.infer<typeof TokenEntry>;

export class TokenConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TokenConfigError';
  }
}

/**
 * Where `claims token create` keeps token hashes and the tracker reads them: the one
 * home of this default, so that the token command need not load the tracker to know it.
 */
export const defaultTokensFile = (): string => process.env.CLAIMS_TOKENS_FILE ?? '.data/tokens.json';

/** A new random token: 32 bytes of entropy, so a plain SHA-256 of it is safe to store. */
export const generateToken = (): string => `ct_${randomBytes(32).toString('base64url')}`;

export const hashToken = (token: string): string =>
  `sha256:${createHash('sha256').update(token, 'utf8').digest('hex')}`;

/** Who presented a token, and what it may do. */
export interface TokenHolder {
  name: string;
  scopes: readonly Scope[];
}

/**
 * The configured tokens. `verify` hashes what was presented and compares it with every
 * stored hash in constant time, so neither a match nor its position leaks through timing.
 */
export class TokenRegistry {
  private entries: { holder: TokenHolder; digest: Buffer }[] = [];

  /**
   * @param refresh Called on every check: returns the entries anew when their source
   *   changed (a token created or revoked while the server runs), else null.
   */
  constructor(
    entries: readonly TokenEntry[],
    private readonly refresh?: () => readonly TokenEntry[] | null,
  ) {
    this.load(entries);
  }

  private load(entries: readonly TokenEntry[]): void {
    this.entries = entries.map((e) => ({
      holder: { name: e.name, scopes: e.scopes ?? SCOPES },
      digest: Buffer.from(e.hash.slice(7), 'hex'),
    }));
  }

  get size(): number {
    this.update();
    return this.entries.length;
  }

  /** Who holds the token presented, or null. A revoked token is refused from the next request on. */
  verify(presented: string): TokenHolder | null {
    this.update();
    const digest = createHash('sha256').update(presented, 'utf8').digest();
    let found: TokenHolder | null = null;
    for (const e of this.entries) {
      if (timingSafeEqual(digest, e.digest) && found === null) found = e.holder;
    }
    return found;
  }

  private update(): void {
    const fresh = this.refresh?.();
    if (fresh) this.load(fresh);
  }
}

/**
 * Re-reads a tokens file when it changed since the last look (its size, modification time or
 * inode: `claims token` replaces the file whole), so that creating or revoking a token takes
 * effect at the next request, without a restart. Returns null when unchanged. A file that
 * cannot be read as tokens (being edited by hand) keeps the previous tokens in force, is
 * reported once, and is read again at the next look.
 */
export function watchTokensFile(
  path: string,
  extra: readonly TokenEntry[] = [],
  warn: (message: string) => void = (m) => process.stderr.write(`tokens: ${m}\n`),
): () => TokenEntry[] | null {
  const signature = () => {
    try {
      const st = statSync(path);
      return `${st.ino}:${st.size}:${st.mtimeMs}`;
    } catch {
      return 'absent';
    }
  };
  let seen = signature();
  let warned: string | null = null;
  return () => {
    const now = signature();
    if (now === seen) return null;
    try {
      const entries = [...extra, ...readTokensFile(path)];
      seen = now;
      warned = null;
      return entries;
    } catch (err) {
      const message = `${err instanceof Error ? err.message : String(err)}; the tokens read before stay in force`;
      if (warned !== message) warn(message);
      warned = message;
      return null;
    }
  };
}

/** Reads a tokens file (a JSON array of entries); an absent file is no tokens. */
export function readTokensFile(path: string): TokenEntry[] {
  if (!existsSync(path)) return [];
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, 'utf8'));
  } catch {
    throw new TokenConfigError(`${path} is not valid JSON`);
  }
  const parsed = z.array(TokenEntry).safeParse(raw);
  if (!parsed.success) {
    const i = parsed.error.issues[0]!;
    throw new TokenConfigError(`${path}: [${i.path.join('.')}]: ${i.message}`);
  }
  return parsed.data;
}

/**
 * Parses `CLAIMS_TOKENS`: `name=sha256:…,name2=sha256:…:read` (hashes only, for deployments that
 * configure by environment), each optionally followed by `:` and its scopes joined by `+`.
 */
export function parseTokensEnv(value: string): TokenEntry[] {
  return value
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
    .map((pair) => {
      const [name, rest = ''] = pair.split('=');
      const [algorithm, hex, scopes] = rest.split(':');
      const parsed = TokenEntry.safeParse({
        name,
        hash: `${algorithm}:${hex}`,
        ...(scopes ? { scopes: scopes.split('+') } : {}),
      });
      if (!parsed.success) throw new TokenConfigError(`CLAIMS_TOKENS: "${pair}": ${parsed.error.issues[0]!.message}`);
      return parsed.data;
    });
}

/** Parses `read,write`-style scopes given on the command line, naming a wrong one. */
export function parseScopes(text: string): Scope[] {
  const scopes = text
    .split(/[,+]/)
    .map((s) => s.trim())
    .filter(Boolean);
  const wrong = scopes.find((s) => !(SCOPES as readonly string[]).includes(s));
  if (wrong !== undefined || scopes.length === 0) {
    throw new TokenConfigError(
      `unknown scope "${wrong ?? text}": a token's scopes are ${SCOPES.join(', ')} (comma-separated)`,
    );
  }
  return [...new Set(scopes)] as Scope[];
}

/** Replaces the tokens file whole (a temporary file renamed over it), so a reader never sees half of it. */
function writeTokensFile(path: string, entries: readonly TokenEntry[]): void {
  mkdirSync(dirname(path), { recursive: true });
  const temporary = `${path}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  writeFileSync(temporary, `${JSON.stringify(entries, null, 2)}\n`, { mode: 0o600 });
  renameSync(temporary, path);
}

/** Adds a new token to a tokens file and returns its secret (shown once; only the hash is stored). */
export function createToken(path: string, name: string, scopes: readonly Scope[] = SCOPES): string {
  const entries = readTokensFile(path);
  if (entries.some((e) => e.name === name))
    throw new TokenConfigError(`a token named "${name}" exists already in ${path}`);
  const token = generateToken();
  const entry = TokenEntry.safeParse({
    name,
    hash: hashToken(token),
    createdAt: new Date().toISOString(),
    scopes: [...scopes],
  });
  if (!entry.success) throw new TokenConfigError(`token name "${name}": ${entry.error.issues[0]!.message}`);
  writeTokensFile(path, [...entries, entry.data]);
  return token;
}

/** Removes a token from a tokens file: a running tracker refuses it from its next request on. */
export function revokeToken(path: string, name: string): void {
  const entries = readTokensFile(path);
  if (!entries.some((e) => e.name === name)) {
    throw new TokenConfigError(
      `no token named "${name}" in ${path}${entries.length ? ` (there are: ${entries.map((e) => e.name).join(', ')})` : ''}`,
    );
  }
  writeTokensFile(
    path,
    entries.filter((e) => e.name !== name),
  );
}
