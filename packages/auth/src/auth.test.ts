import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { handleErrors } from '@claims/http';
import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import {
  type AuthVariables,
  RateLimiter,
  TokenRegistry,
  createToken,
  generateToken,
  hashToken,
  parseTokensEnv,
  rateLimit,
  readTokensFile,
  requireToken,
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
      expect(registry.verify(secret)).toBe('ana');
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
      expect(registry.verify(secret)).toBe('late');
      expect(registry.verify('ct_unknown')).toBeNull();
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('reads hashed tokens from CLAIMS_TOKENS and names a malformed entry', () => {
    const t = generateToken();
    const registry = new TokenRegistry(parseTokensEnv(`ci=${hashToken(t)}, other=${hashToken('x')}`));
    expect(registry.verify(t)).toBe('ci');
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
  const app = new Hono<{ Variables: AuthVariables }>();
  app.onError(handleErrors());
  app.use('/w/*', requireToken(new TokenRegistry([{ name: 'ana', hash: hashToken(secret) }])));
  app.use('/w/*', rateLimit(new RateLimiter(2, 0.001), (c) => c.var.actor ?? ''));
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

  it('answers 429 with Retry-After past the rate', async () => {
    const h = { authorization: `Bearer ${secret}` };
    await app.request('/w/x', { method: 'POST', headers: h });
    const limited = await app.request('/w/x', { method: 'POST', headers: h });
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
  });
});
