import { afterAll, beforeAll, expect, it } from 'vitest';
import { getJson, ingest } from '../../services/api/test/support.ts';
import { postJson } from '../support/http.ts';
import { sampleArticles } from '../support/samples.ts';
import { startTestTracker } from '../support/tracker.ts';

/** Withdrawing a meeting proposal or an agreement takes it out of its list, keeps it flagged, and happens once. */
let env: Awaited<ReturnType<typeof startTestTracker>>;
beforeAll(async () => {
  env = await startTestTracker();
  for (const a of sampleArticles()) await ingest(env.writer, a);
  await env.tracker.projector!.caughtUp();
});
afterAll(async () => {
  await env?.stop();
});

it.each([
  ['meetings', 'MeetingProposed'],
  ['agreements', 'AgreementReported'],
])(
  'withdraws one of the %s: gone from the list, flagged with its reason, and a second withdrawal changes nothing',
  async (list) => {
    const base = env.tracker.url;
    const before = (await getJson(base, `/v1/${list}?limit=500`)).json.items;
    expect(before.length).toBeGreaterThan(0);
    const target = before[0];
    const res = await postJson(env.writer, '/v1/withdrawals', { eventId: target.id, reason: 'not what was said' });
    expect(res.status).toBe(201);
    await env.tracker.projector!.caughtUp();
    const after = (await getJson(base, `/v1/${list}?limit=500`)).json.items;
    expect(after.map((x: { id: string }) => x.id)).toEqual(before.slice(1).map((x: { id: string }) => x.id));
    const all = (await getJson(base, `/v1/${list}?limit=500&includeWithdrawn=true`)).json.items;
    expect(all.find((x: { id: string }) => x.id === target.id).withdrawn).toMatchObject({
      reason: 'not what was said',
    });
    const again = await postJson(env.writer, '/v1/withdrawals', { eventId: target.id, reason: 'twice' });
    expect(again.status).toBeGreaterThanOrEqual(400);
    await env.tracker.projector!.caughtUp();
    const still = (await getJson(base, `/v1/${list}?limit=500&includeWithdrawn=true`)).json.items;
    expect(still.find((x: { id: string }) => x.id === target.id).withdrawn).toMatchObject({
      reason: 'not what was said',
    });
  },
);
