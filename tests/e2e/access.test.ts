import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningTracker, startTracker } from '../../infra/local/tracker.ts';
import { testAccess } from '../support/access.ts';
import { runClaims } from '../support/cli.ts';
import { createTestDatabase, type TestDatabase } from '../support/database.ts';
import { postJson } from '../support/http.ts';

const text =
  'Kremlin spokesman Dmitry Peskov said on Tuesday that Ukraine must withdraw its troops from the Donbas region before any ceasefire.';

describe('access control', () => {
  let tdb: TestDatabase;
  let tracker: RunningTracker;
  const ana = testAccess('ana');
  beforeAll(async () => {
    tdb = await createTestDatabase();
    tracker = await startTracker({
      databaseUrl: tdb.url,
      port: 0,
      access: { ...ana.access, writesPerSecond: 0.01, writeBurst: 3 },
    });
  });
  afterAll(async () => {
    await tracker.close();
    await tdb.drop();
  });

  it(
    'refuses writes without a valid token (401, nothing stored) and records the ' + 'token name on those with one',
    async () => {
      const none = await postJson(tracker.url, '/v1/articles', { text, publishedAt: '2024-03-05' });
      expect(none.status).toBe(401);
      expect(none.json.error.field).toBe('authorization');
      const wrong = await postJson(tracker.url, '/v1/articles', { text }, { authorization: 'Bearer ct_nope' });
      expect(wrong.status).toBe(401);
      expect(await tdb.eventLog.selectFrom('events').selectAll().execute()).toEqual([]);

      const ok = await postJson({ url: tracker.url, headers: ana.headers }, '/v1/articles', {
        text,
        publishedAt: '2024-03-05',
      });
      expect(ok.status).toBe(201);
      const claimId = ok.json.eventIds[1];
      await tracker.projector!.caughtUp();
      const provenance = await (await fetch(`${tracker.url}/v1/claims/${claimId}/provenance`)).json();
      expect(JSON.stringify(provenance)).toContain('"ana"');
      const stored = await tdb.eventLog.selectFrom('events').select('metadata').execute();
      expect(stored.every((e) => e.metadata.actor === 'ana')).toBe(true);
    },
  );

  it('keeps reads open by default', async () => {
    expect((await fetch(`${tracker.url}/v1/positions`)).status).toBe(200);
  });

  it('answers 429 with Retry-After once a token has spent its writes', async () => {
    const statuses: number[] = [];
    let retryAfter: string | null = null;
    for (let i = 0; i < 5; i++) {
      const res = await fetch(`${tracker.url}/v1/articles`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...ana.headers },
        body: JSON.stringify({ text: `${text} (${i})` }),
      });
      statuses.push(res.status);
      retryAfter ??= res.headers.get('retry-after');
    }
    expect(statuses).toContain(429);
    expect(Number(retryAfter)).toBeGreaterThan(0);
  });
});

describe('closed reads', () => {
  it('needs a token for reads too when configured, in a header or (for EventSource) the query', async () => {
    const tdb = await createTestDatabase();
    const reader = testAccess('reader');
    const tracker = await startTracker({
      databaseUrl: tdb.url,
      port: 0,
      projector: false,
      access: { ...reader.access, reads: 'token' },
    });
    try {
      expect((await fetch(`${tracker.url}/v1/positions`)).status).toBe(401);
      expect((await fetch(`${tracker.url}/v1/positions`, { headers: reader.headers })).status).toBe(200);
      // A token that can write is never taken from a URL; a read token is (EventSource).
      const inUrl = await fetch(`${tracker.url}/v1/positions?access_token=${reader.token}`);
      expect(inUrl.status).toBe(401);
      expect(((await inUrl.json()) as any).error.field).toBe('access_token');
      const page = testAccess('page');
      const readOnly = await startTracker({
        databaseUrl: tdb.url,
        port: 0,
        projector: false,
        access: { tokens: [{ ...page.access.tokens![0]!, scopes: ['read'] }], reads: 'token' },
      });
      try {
        expect((await fetch(`${readOnly.url}/v1/positions?access_token=${page.token}`)).status).toBe(200);
      } finally {
        await readOnly.close();
      }
      // Health stays open, for load balancers.
      expect((await fetch(`${tracker.url}/v1/health`)).status).toBe(200);
    } finally {
      await tracker.close();
      await tdb.drop();
    }
  });
});

describe('revoking a token while the tracker runs', () => {
  it('refuses the revoked token from the next request on, and scopes limit what a token may do', async () => {
    const file = `/tmp/claims-tokens-${process.pid}-${Date.now()}-revoke.json`;
    const env = { CLAIMS_TOKENS_FILE: file };
    const writer = runClaims(['token', 'create', 'writer'], env).stdout.trim();
    const reader = runClaims(['token', 'create', 'page', '--scope', 'read'], env).stdout.trim();
    expect(runClaims(['token', 'list'], env).stdout).toMatch(/^writer\tread,write,analyst\t\S+\npage\tread\t\S+\n$/);
    const saved = process.env.CLAIMS_TOKENS_FILE;
    process.env.CLAIMS_TOKENS_FILE = file;
    const tdb = await createTestDatabase();
    const tracker = await startTracker({ databaseUrl: tdb.url, port: 0, projector: false });
    try {
      const post = (token: string, i: number) =>
        postJson({ url: tracker.url, headers: { authorization: `Bearer ${token}` } }, '/v1/articles', {
          text: `${text} (${i})`,
          publishedAt: '2024-03-05',
        });
      expect((await post(writer, 1)).status).toBe(201);
      const readOnly = await post(reader, 2);
      expect(readOnly.status).toBe(403);
      expect(readOnly.json.error.message).toBe('the token "page" has no write scope (it has read)');

      const revoked = runClaims(['token', 'revoke', 'writer'], env);
      expect(revoked.status).toBe(0);
      const after = await post(writer, 3);
      expect(after.status).toBe(401);
      expect(runClaims(['token', 'list'], env).stdout).not.toContain('writer');
      const again = runClaims(['token', 'revoke', 'writer'], env);
      expect(again.status).not.toBe(0);
      expect(again.stderr.trim()).toBe(`claims: no token named "writer" in ${file} (there are: page)`);
      expect(await tdb.eventLog.selectFrom('events').select('stream_id').distinct().execute()).toHaveLength(1);
    } finally {
      process.env.CLAIMS_TOKENS_FILE = saved;
      await tracker.close();
      await tdb.drop();
    }
  });
});

describe('claims token', () => {
  it('creates a token, keeps only its hash, and refuses a second one of the same name', async () => {
    const file = `/tmp/claims-tokens-${process.pid}-${Date.now()}.json`;
    const created = runClaims(['token', 'create', 'ana'], { CLAIMS_TOKENS_FILE: file });
    expect(created.status).toBe(0);
    const token = created.stdout.trim();
    expect(token).toMatch(/^ct_/);
    const listed = runClaims(['token', 'list'], { CLAIMS_TOKENS_FILE: file });
    expect(listed.stdout).toMatch(/^ana\t/);
    expect(listed.stdout).not.toContain(token);
    const again = runClaims(['token', 'create', 'ana'], { CLAIMS_TOKENS_FILE: file });
    expect(again.status).not.toBe(0);
    expect(again.stderr).toMatch(/exists already/);
  });
});
