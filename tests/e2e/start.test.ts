import { spawn } from 'node:child_process';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { testAccess } from '../support/access.ts';
import { repoRoot } from '../support/cli.ts';
import { createTestDatabase, type TestDatabase } from '../support/database.ts';
import { freePort, postJson } from '../support/http.ts';

/** `pnpm start` as a real process: the projector on its own thread, ingest and queries on the server, a clean stop. */
let tdb: TestDatabase;
beforeAll(async () => {
  tdb = await createTestDatabase();
});
afterAll(async () => {
  await tdb.drop();
});

it('serves, ingests and projects (projector thread), and stops cleanly on SIGTERM', async () => {
  const port = await freePort();
  const writer = testAccess('starter');
  const token = writer.access.tokens![0]!;
  const child = spawn(process.execPath, ['--import', 'tsx', 'infra/local/start.ts'], {
    cwd: repoRoot,
    env: { ...process.env, DATABASE_URL: tdb.url, PORT: String(port), CLAIMS_TOKENS: `${token.name}=${token.hash}` },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (d) => (output += d));
  child.stderr!.on('data', (d) => (output += d));
  const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
  try {
    const base = `http://127.0.0.1:${port}`;
    const deadline = Date.now() + 60_000;
    while (!output.includes('listening on')) {
      if (Date.now() > deadline) throw new Error(`did not start: ${output}`);
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(output).toMatch(/1 token\(s\) configured/);
    const posted = await postJson({ url: base, headers: writer.headers }, '/v1/articles', {
      text:
        'Kremlin spokesman Dmitry Peskov said on Tuesday that Ukraine must withdraw its ' +
        'troops from the Donbas region before any ceasefire.',
      publishedAt: '2024-03-05',
    });
    expect(posted.status).toBe(201);
    const claimId = posted.json.eventIds[1];
    for (;;) {
      const r = await fetch(`${base}/v1/claims/${claimId}`);
      if (r.status === 200) break;
      if (Date.now() > deadline) throw new Error('the claim was never projected');
      await new Promise((res) => setTimeout(res, 100));
    }
    const health = (await (await fetch(`${base}/v1/health`)).json()) as { projections: { state: string }[] };
    expect(health.projections.every((p: { state: string }) => p.state === 'live')).toBe(true);
  } finally {
    child.kill('SIGTERM');
  }
  expect(await exited).toBe(143);
}, 120_000);
