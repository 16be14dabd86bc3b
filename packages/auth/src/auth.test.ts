import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { handleErrors } from '@claims/http';
import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import {
  type AuthVariables,
  createToken,
  generateToken,
  hashToken,
  parseTokensEnv,
  RateLimiter,
  rateLimit,
  readTokensFile,
  requireToken,
  revokeToken,
  TokenRegistry,
  watchTokensFile,
} from './index.ts';

describe('tokens', () => {
  it('stores only the hash, and verifies the secret to its name', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'claims-tokens-'));
    try {
      const path = join(dir, 'tokens.json');
      const secret = createToken(path, 'ana');
      expect(secret).toMatch(/^ct_[A-Za-z0-9_-]{43}$/);
      const stored = await readFile(path, 'utf8');
      expect(stored).not.toContain(secret);
      expect(stored).toContain(hashToken(secret));
      const registry = new TokenRegistry(readTokensFile(path));
      expect(registry.verify(secret)?.name).toBe('ana');
      expect(registry.verify(`${secret}x`)).toBeNull();
      expect(() => createToken(path, 'ana')).toThrow(/exists already/);
      expect(() => createToken(path, 'bad name!')).toThrow(/token name/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('picks up a token created while the server runs, from the file', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'claims-tokens-'));
    try {
      const path = join(dir, 'tokens.json');
      const registry = new TokenRegistry(readTokensFile(path), watchTokensFile(path));
      expect(registry.size).toBe(0);
      const secret = createToken(path, 'late');
      expect(registry.verify(secret)?.name).toBe('late');
      expect(registry.verify('ct_unknown')).toBeNull();
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('refuses a revoked token at the next request, while the token it still knows keeps working', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'claims-tokens-'));
    try {
      const path = join(dir, 'tokens.json');
      const kept = createToken(path, 'kept');
      const revoked = createToken(path, 'gone');
      const registry = new TokenRegistry(readTokensFile(path), watchTokensFile(path));
      expect(registry.verify(revoked)?.name).toBe('gone');
      revokeToken(path, 'gone');
      // No unknown token presented in between: the revocation alone must take effect.
      expect(registry.verify(revoked)).toBeNull();
      expect(registry.verify(kept)?.name).toBe('kept');
      expect(() => revokeToken(path, 'gone')).toThrow(/no token named "gone".*there are: kept/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('keeps the tokens it has while the file is half written, and reads it once whole', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'claims-tokens-'));
    try {
      const path = join(dir, 'tokens.json');
      const secret = createToken(path, 'ana');
      const warnings: string[] = [];
      const registry = new TokenRegistry(
        readTokensFile(path),
        watchTokensFile(path, [], (m) => warnings.push(m)),
      );
      const whole = await readFile(path, 'utf8');
      await writeFile(path, whole.slice(0, 40));
      expect(registry.verify(secret)?.name).toBe('ana');
      expect(registry.verify(secret)?.name).toBe('ana');
      expect(warnings).toEqual([`${path} is not valid JSON; the tokens read before stay in force`]);
      await writeFile(path, '[]');
      expect(registry.verify(secret)).toBeNull();
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('reads hashed tokens from CLAIMS_TOKENS and names a malformed entry', () => {
    const t = generateToken();
    const registry = new TokenRegistry(parseTokensEnv(`ci=${hashToken(t)}, other=${hashToken('x')}`));
    expect(registry.verify(t)).toEqual({ name: 'ci', scopes: ['read', 'write', 'analyst'] });
    expect(parseTokensEnv(`page=${hashToken(t)}:read`)[0]!.scopes).toEqual(['read']);
    expect(() => parseTokensEnv('ci=plaintext')).toThrow(/CLAIMS_TOKENS: "ci=plaintext"/);
  });
});

describe('rate limit', () => {
  it('lets a burst through, then refuses with the seconds to wait, then refills', () => {
    const limiter = new RateLimiter(3, 1);
    const t0 = 1_000_000;
    expect([1, 2, 3].map(() => limiter.take('a', t0).ok)).toEqual([true, true, true]);
    expect(limiter.take('a', t0)).toEqual({ ok: false, retryAfterSeconds: 1 });
    expect(limiter.take('b', t0).ok).toBe(true); // keys are separate
    expect(limiter.take('a', t0 + 1_000).ok).toBe(true);
  });

  it('keeps its memory bounded', () => {
    const limiter = new RateLimiter(1, 1, 100);
    for (let i = 0; i < 1_000; i++) limiter.take(`k${i}`);
    expect((limiter as unknown as { buckets: Map<string, unknown> }).buckets.size).toBe(100);
  });
});

describe('middleware', () => {
  const secret = generateToken();
  const reader = generateToken();
  const registry = new TokenRegistry([
    { name: 'ana', hash: hashToken(secret) },
    { name: 'page', hash: hashToken(reader), scopes: ['read'] },
  ]);
  const app = new Hono<{ Variables: AuthVariables }>();
  app.onError(handleErrors());
  app.use('/w/*', requireToken(registry, { scope: 'write' }));
  app.use('/r/*', requireToken(registry, { scope: 'read', allowQueryToken: true }));
  app.get('/r/x', (c) => c.json({ by: c.var.actor }));
  app.use(
    '/w/*',
    rateLimit(new RateLimiter(2, 0.001), (c) => c.var.actor ?? ''),
  );
  app.post('/w/x', (c) => c.json({ by: c.var.actor }));

  it('answers 401 with a reason without a valid bearer token, and records who wrote with one', async () => {
    const none = await app.request('/w/x', { method: 'POST' });
    expect(none.status).toBe(401);
    expect(none.headers.get('www-authenticate')).toMatch(/^Bearer/);
    expect(((await none.json()) as any).error.field).toBe('authorization');
    const wrong = await app.request('/w/x', { method: 'POST', headers: { authorization: 'Bearer nope' } });
    expect(((await wrong.json()) as any).error.message).toMatch(/not valid/);
    const ok = await app.request('/w/x', { method: 'POST', headers: { authorization: `Bearer ${secret}` } });
    expect(await ok.json()).toEqual({ by: 'ana' });
  });

  it('answers 403 to a token without the scope, and takes only a read token from a URL', async () => {
    const noWrite = await app.request('/w/x', { method: 'POST', headers: { authorization: `Bearer ${reader}` } });
    expect(noWrite.status).toBe(403);
    expect(((await noWrite.json()) as any).error.message).toBe('the token "page" has no write scope (it has read)');
    expect(await (await app.request(`/r/x?access_token=${reader}`)).json()).toEqual({ by: 'page' });
    const inUrl = await app.request(`/r/x?access_token=${secret}`);
    expect(inUrl.status).toBe(401);
    expect(((await inUrl.json()) as any).error).toMatchObject({
      field: 'access_token',
      message: expect.stringMatching(/not accepted in a URL/),
    });
    expect((await app.request('/r/x', { headers: { authorization: `Bearer ${secret}` } })).status).toBe(200);
  });

  it('answers 429 with Retry-After past the rate', async () => {
    const h = { authorization: `Bearer ${secret}` };
    await app.request('/w/x', { method: 'POST', headers: h });
    const limited = await app.request('/w/x', { method: 'POST', headers: h });
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
  });
});
