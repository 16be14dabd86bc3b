import { afterAll, beforeAll, expect, it } from 'vitest';
import { postJson } from '../support/http.ts';
import { startTestTracker } from '../support/tracker.ts';

/** Posts an article with one Russian claim and waits until the projector has applied it. */
async function postRussianClaim(on: Awaited<ReturnType<typeof startTestTracker>>): Promise<void> {
  await postJson(on.writer, '/v1/articles', {
    text:
      'Kremlin spokesman Dmitry Peskov said on Tuesday that Ukraine must withdraw its ' +
      'troops from the Donbas region before any ceasefire.',
    publishedAt: '2024-03-05',
  });
  await on.tracker.projector!.caughtUp();
}

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

  await postRussianClaim(env);
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

it('computes an answer again after its life when the projector committed and no notification reached the API', async () => {
  // This API listens on a channel nobody notifies: every change notification is, in effect, lost.
  const deaf = await startTestTracker({ api: { channel: 'claims_changes_unheard', readCache: { ttlMs: 200 } } });
  try {
    const url = `${deaf.tracker.url}/v1/positions?side=russia`;
    const read = async () => (await fetch(url)).text();
    expect(await read()).not.toContain('"side":"russia"');
    // Past its life, an unchanged read-model version renews the answer and only a moved one computes it again.
    // Readers keep coming, so that the answer never ages past twice its life (which would compute it anyway).
    let last = '';
    let reading = true;
    const readers = (async () => {
      while (reading) {
        last = await read();
        await new Promise((r) => setTimeout(r, 20));
      }
    })();
    await postRussianClaim(deaf);
    const deadline = Date.now() + 3_000;
    while (Date.now() < deadline && !last.includes('"side":"russia"')) await new Promise((r) => setTimeout(r, 20));
    reading = false;
    await readers;
    expect(last).toContain('"side":"russia"');
  } finally {
    await deaf.stop();
  }
});
