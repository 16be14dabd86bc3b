import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { claimsInProcess, runClaims } from '../../../tests/support/cli.ts';
import { createTestDatabase, type TestDatabase } from '../../../tests/support/database.ts';

let tdb: TestDatabase;
let dir: string;
const env = () => ({ DATABASE_URL: tdb.url });
const eventCount = async () =>
  Number(
    (
      await tdb.eventLog
        .selectFrom('events')
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );
const good =
  'Kremlin spokesman Dmitry Peskov said on Tuesday that Ukraine must withdraw its troops from the Donbas region before any ceasefire.';

beforeAll(async () => {
  tdb = await createTestDatabase();
  dir = await mkdtemp(join(tmpdir(), 'claims-cli-'));
});
afterAll(async () => {
  await tdb.drop();
  await rm(dir, { recursive: true, force: true });
});

describe('claims ingest', () => {
  it('refuses bad flags with one line and exit code 2, appending nothing', async () => {
    const cases: [string[], RegExp][] = [
      [['ingest'], /name at least one file/],
      [['ingest', 'x.txt', '--published-at', '2020-13-01'], /--published-at must be a date/],
      [['ingest', 'x.txt', '--url', 'nope'], /--url must be an http or https URL/],
      [['ingest', 'x.txt', '--url', 'javascript:alert(1)'], /--url must be an http or https URL/],
      [['ingest', 'x.txt', '--frobnicate'], /Unknown option '--frobnicate'/],
      [['ingest', join(dir, 'nothing-here', '*.txt')], /no article files found/],
    ];
    await writeFile(
      join(dir, 'bad-profile.json'),
      JSON.stringify({ name: 'x', parties: ['nowhere'], sides: [], topics: [] }),
    );
    await mkdir(join(dir, 'no-articles'), { recursive: true });
    await writeFile(join(dir, 'no-articles', 'notes.csv'), 'a,b\n');
    cases.push(
      [['ingest', join(dir, 'no-articles')], /no article files found/],
      [['ingest', 'x.txt', '--profile', join(dir, 'bad-profile.json')], /profile|sides|parties/],
      [['ingest', 'x.txt', '--profile', join(dir, 'missing-profile.json')], /missing-profile\.json/],
      [['frobnicate'], /unknown command "frobnicate"/],
      [['ingest', 'x.txt', '--published-at', '0000-01-01'], /--published-at must be a date/],
    );
    // In this process: each is refused before any work, and a process per case made the test slow under load.
    for (const [args, message] of cases) {
      const run = await claimsInProcess(args, env());
      expect(run.status, args.join(' ')).not.toBe(0);
      expect(run.stderr.split('\n')[0], args.join(' ')).toMatch(message);
      expect(run.stderr).not.toMatch(/\n\s+at /); // no stack trace
    }
    expect(await eventCount()).toBe(0);
    // And once as a real process: the entry prints the one line and exits non-zero.
    const real = runClaims(['ingest', 'x.txt', '--frobnicate'], env());
    expect(real.status).toBe(2);
    expect(real.stderr.split('\n')[0]).toMatch(/Unknown option '--frobnicate'/);
  });

  it('ingests a folder, says which files failed and why, and reads FILE.meta.json', async () => {
    await writeFile(join(dir, 'a-good.txt'), good);
    await writeFile(
      join(dir, 'a-good.txt.meta.json'),
      JSON.stringify({ publishedAt: '2024-03-05', url: 'https://example.org/good' }),
    );
    await writeFile(join(dir, 'b-empty.txt'), '');
    await writeFile(join(dir, 'c-binary.txt'), Buffer.from([0, 1, 2, 3, 0, 0, 255, 254, 0, 7]));
    await writeFile(join(dir, 'd-latin1.txt'), Buffer.from('Le Kremlin a d\xe9clar\xe9 que', 'latin1'));
    await writeFile(join(dir, 'f-huge.txt'), 'word '.repeat(2_000_000));
    await writeFile(join(dir, 'e-second.md'), `# Talks\n\n${good.replace('Tuesday', 'Wednesday')}`);
    await writeFile(join(dir, 'e-second.md.meta.json'), JSON.stringify({ publishedAt: 'yesterday' }));
    const run = runClaims(['ingest', dir, '--publisher', 'Example'], env());
    expect(run.status).toBe(1);
    expect(run.stdout).toMatch(/6 file\(s\): 1 new, 0 duplicate, 5 failed; \d+ event\(s\) appended/);
    expect(run.stdout).toMatch(/failed: .*f-huge\.txt: (input )?too large/);
    expect(run.stdout).toMatch(/failed: .*b-empty\.txt: empty file/);
    expect(run.stdout).toMatch(/failed: .*c-binary\.txt: (not valid UTF-8|input looks binary)/);
    expect(run.stdout).toMatch(/failed: .*d-latin1\.txt: not valid UTF-8 text/);
    expect(run.stdout).toMatch(/failed: .*e-second\.md\.meta\.json: publishedAt/);
    const article = await tdb.eventLog
      .selectFrom('events')
      .select('data')
      .where('event_type', '=', 'ArticleRegistered')
      .executeTakeFirstOrThrow();
    expect(article.data).toMatchObject({
      publishedAt: '2024-03-05',
      url: 'https://example.org/good',
      publisher: 'Example',
    });

    const again = runClaims(['ingest', join(dir, 'a-good.txt')], env());
    expect(again.status).toBe(0);
    expect(again.stdout).toMatch(/1 file\(s\): 0 new, 1 duplicate, 0 failed; 0 event\(s\) appended/);
  });
});

describe('claims extract', () => {
  it('prints only a JSON array on standard output', async () => {
    await writeFile(join(dir, 'x.txt'), good);
    const run = runClaims(['extract', join(dir, 'x.txt'), '--published-at', '2024-03-05']);
    expect(run.status).toBe(0);
    const events = JSON.parse(run.stdout);
    expect(events.length).toBeGreaterThan(0);
    expect(events[0]).toMatchObject({ type: 'ClaimMade', data: { side: 'russia' } });
  });

  it('refuses a missing file and a bad date with one line', () => {
    const missing = runClaims(['extract', join(dir, 'missing.txt')]);
    expect(missing.status).toBe(2);
    expect(missing.stdout).toBe('');
    expect(missing.stderr.trim()).toMatch(/^claims extract: cannot read file .*missing\.txt$/);
    const date = runClaims(['extract', join(dir, 'x.txt'), '--published-at', 'July']);
    expect(date.status).toBe(2);
    expect(date.stderr.split('\n')[0]).toMatch(/--published-at must be a date/);
  });
});
