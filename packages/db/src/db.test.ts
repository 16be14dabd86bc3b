import { statSync } from 'node:fs';
import { mkdtemp, readFile, rm, unlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { runClaims } from '../../../tests/support/cli.ts';
import { DatabaseConfigError, openDatabase, startEmbeddedPostgres, validateDatabaseUrl } from './index.ts';

// `claims` is the compiled command the test run built, as people run it (through tsx, a loaded machine once gave an
// empty stderr).
describe('DATABASE_URL problems are one clear line', () => {
  it('rejects a malformed URL, a wrong scheme and a missing host by name', () => {
    expect(() => validateDatabaseUrl('not a url')).toThrow(/DATABASE_URL is not a valid URL/);
    expect(() => validateDatabaseUrl('mysql://x@localhost/db')).toThrow(/must start with postgres:\/\//);
    expect(() => validateDatabaseUrl('postgres:///db')).toThrow(DatabaseConfigError);
  });

  it('names an unreachable server without a stack trace, and hides the password', async () => {
    const err = await openDatabase({ url: 'postgres://u:secret@127.0.0.1:1/db' }).catch((e) => e);
    expect(err).toBeInstanceOf(DatabaseConfigError);
    expect(err.message).toBe(
      'cannot connect to PostgreSQL at postgres://u:***@127.0.0.1:1/db: connection refused: is ' +
        'PostgreSQL running there?',
    );
  });

  it('prints one line and exits non-zero from `claims migrate`', () => {
    const run = runClaims(['migrate'], { DATABASE_URL: 'postgres://u:secret@127.0.0.1:1/db' });
    expect(run.status).not.toBe(0);
    expect(run.stderr.trim().split('\n')).toEqual([
      'claims: cannot connect to PostgreSQL at postgres://u:***@127.0.0.1:1/db: connection ' +
        'refused: is PostgreSQL running there?',
    ]);
    const bad = runClaims(['migrate'], { DATABASE_URL: 'nonsense' });
    expect(bad.stderr.trim()).toBe(
      'claims: DATABASE_URL is not a valid URL: "nonsense" (expected postgres://user:password@host:port/database)',
    );
  });
});

describe('embedded PostgreSQL', () => {
  it('starts on a free port, reuses its data on a second start, and lets a second process join it', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'claims-embedded-'));
    try {
      const first = await openDatabase({ url: undefined, embedded: { dataDir } });
      expect(first.embedded?.owned).toBe(true);
      await sql`create table kept (v text)`.execute(first.db);
      await sql`insert into kept values ('still here')`.execute(first.db);

      const joined = await startEmbeddedPostgres({ dataDir });
      expect(joined.owned).toBe(false);
      expect(joined.url).toBe(first.url);
      await first.close();

      const second = await openDatabase({ embedded: { dataDir } });
      expect(second.embedded?.owned).toBe(true);
      const rows = await sql<{ v: string }>`select v from kept`.execute(second.db);
      expect(rows.rows).toEqual([{ v: 'still here' }]);
      // Migrations ran on start: the read models exist (the event log migrates with its adapter).
      expect(await second.db.selectFrom('projection_checkpoints').selectAll().execute()).toEqual([]);
      await second.close();
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});

describe('the embedded superuser password', () => {
  const logsIn = async (url: string, password: string) => {
    const u = new URL(url);
    u.password = password;
    const client = new pg.Client({ connectionString: u.toString() });
    try {
      await client.connect();
      return true;
    } catch (err) {
      if ((err as { code?: string }).code === '28P01') return false;
      throw err;
    } finally {
      await client.end().catch(() => {});
    }
  };

  it('is random, kept in the data folder for the owner only, and replaces the old fixed one', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'claims-embedded-'));
    try {
      const first = await startEmbeddedPostgres({ dataDir });
      const file = join(dataDir, 'claims-password');
      expect(first.passwordFile).toBe(file);
      expect(statSync(file).mode & 0o777).toBe(0o600);
      const password = (await readFile(file, 'utf8')).trim();
      expect(password).toMatch(/^[A-Za-z0-9_-]{32}$/);
      expect(decodeURIComponent(new URL(first.url).password)).toBe(password);
      expect(await logsIn(first.url, 'claims-embedded')).toBe(false);
      expect(await logsIn(first.url, password)).toBe(true);

      // A folder made before passwords were random: the fixed password, no password file.
      const admin = new pg.Client({ connectionString: first.url });
      await admin.connect();
      await admin.query("alter role postgres with password 'claims-embedded'");
      await admin.end();
      await unlink(file);
      await first.stop();

      const second = await startEmbeddedPostgres({ dataDir });
      const rotated = (await readFile(file, 'utf8')).trim();
      expect(rotated).not.toBe('claims-embedded');
      expect(await logsIn(second.url, 'claims-embedded')).toBe(false);
      expect(await logsIn(second.url, rotated)).toBe(true);
      await second.stop();
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});
