import { afterAll, beforeAll, expect, it } from 'vitest';
import { postJson } from '../support/http.ts';
import { startTestTracker } from '../support/tracker.ts';

/** Reads repeat from memory, but never outlive a change the projector committed. */
let env: Awaited<ReturnType<typeof startTestTracker>>;
beforeAll(async () => {
  env = await startTestTracker();
});
afterAll(async () => {
  await env.stop();
});

it('answers a repeated read from the cache, and the next read after a change from the database', async () => {
  const url = `${env.tracker.url}/v1/positions?side=russia`;
  const first = await fetch(url);
  expect(first.headers.get('x-read-cache')).toBeNull();
  expect(first.status).toBe(200);
  // The listener may still be connecting (which counts as a change); a repeat soon comes from memory.
  const hits = [];
  for (let i = 0; i < 5; i++) hits.push((await fetch(url)).headers.get('x-read-cache'));
  expect(hits).toContain('hit');

  await postJson(env.writer, '/v1/articles', {
    text:
      'Kremlin spokesman Dmitry Peskov said on Tuesday that Ukraine must withdraw its ' +
      'troops from the Donbas region before any ceasefire.',
    publishedAt: '2024-03-05',
  });
  await env.tracker.projector!.caughtUp();
  // The projector's commit notified the API: the cached answer is gone at once, not after its time to live.
  const deadline = Date.now() + 500;
  let body = '';
  while (Date.now() < deadline) {
    body = await (await fetch(url)).text();
    if (body.includes('russia')) break;
    await new Promise((r) => setTimeout(r, 20));
  }
  expect(body).toContain('"side":"russia"');
});
