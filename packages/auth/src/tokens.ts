import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { z } from 'zod';

/** A write token as configured: a name (recorded as who wrote) and the SHA-256 of the secret, never the secret. */
export const TokenEntry = z.object({
  name: z.string().regex(/^[A-Za-z0-9_.@-]{1,64}$/, 'a token name is 1-64 letters, digits, _ . @ -'),
  hash: z.string().regex(/^sha256:[0-9a-f]{64}$/, 'expected sha256:<64 hex digits>'),
  createdAt: z.string().optional(),
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

export const hashToken = (token: string): string => `sha256:${createHash('sha256').update(token, 'utf8').digest('hex')}`;

/**
 * The configured tokens. `verify` hashes what was presented and compares it with every
 * stored hash in constant time, so neither a match nor its position leaks through timing.
 */
export class TokenRegistry {
  private entries: { name: string; digest: Buffer }[] = [];

  /**
   * @param refresh Called when a presented token matches none: returns the entries
   *   anew when their source changed (a token created while the server runs), else null.
   */
  constructor(
    entries: readonly TokenEntry[],
    private readonly refresh?: () => readonly TokenEntry[] | null,
  ) {
    this.load(entries);
  }

  private load(entries: readonly TokenEntry[]): void {
    this.entries = entries.map((e) => ({ name: e.name, digest: Buffer.from(e.hash.slice(7), 'hex') }));
  }

  get size(): number {
    return this.entries.length;
  }

  /** The name of the token presented, or null. */
  verify(presented: string): string | null {
    const found = this.match(presented);
    if (found !== null || !this.refresh) return found;
    const fresh = this.refresh();
    if (!fresh) return null;
    this.load(fresh);
    return this.match(presented);
  }

  private match(presented: string): string | null {
    const digest = createHash('sha256').update(presented, 'utf8').digest();
    let found: string | null = null;
    for (const e of this.entries) {
      if (timingSafeEqual(digest, e.digest) && found === null) found = e.name;
    }
    return found;
  }
}

/**
 * Re-reads a tokens file when it changed since the last look (its modification time),
 * so that `claims token create` takes effect without a restart. Returns null when unchanged.
 */
export function watchTokensFile(path: string, extra: readonly TokenEntry[] = []): () => TokenEntry[] | null {
  let seen = existsSync(path) ? statSync(path).mtimeMs : 0;
  return () => {
    const now = existsSync(path) ? statSync(path).mtimeMs : 0;
    if (now === seen) return null;
    seen = now;
    return [...extra, ...readTokensFile(path)];
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

/** Parses `CLAIMS_TOKENS`: `name=sha256:…,name2=sha256:…` (hashes only, for deployments that configure by environment). */
export function parseTokensEnv(value: string): TokenEntry[] {
  return value
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
    .map((pair) => {
      const [name, hash] = pair.split('=');
      const parsed = TokenEntry.safeParse({ name, hash });
      if (!parsed.success) throw new TokenConfigError(`CLAIMS_TOKENS: "${pair}": ${parsed.error.issues[0]!.message}`);
      return parsed.data;
    });
}

/** Adds a new token to a tokens file and returns its secret (shown once; only the hash is stored). */
export function createToken(path: string, name: string): string {
  const entries = readTokensFile(path);
  if (entries.some((e) => e.name === name)) throw new TokenConfigError(`a token named "${name}" exists already in ${path}`);
  const token = generateToken();
  const entry = TokenEntry.safeParse({ name, hash: hashToken(token), createdAt: new Date().toISOString() });
  if (!entry.success) throw new TokenConfigError(`token name "${name}": ${entry.error.issues[0]!.message}`);
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, `${JSON.stringify([...entries, entry.data], null, 2)}\n`, { mode: 0o600 });
  return token;
}
