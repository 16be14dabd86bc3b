import { get, type IncomingMessage } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestTracker } from '../support/tracker.ts';

let env: Awaited<ReturnType<typeof startTestTracker>>;
beforeAll(async () => {
  env = await startTestTracker({ projector: false, api: { subscriptions: { maxPerClient: 2, maxSubscriptions: 3 } } });
});
afterAll(async () => {
  await env.stop();
});

/** Opens a subscription from a loopback address of our choosing; resolves with the answer's head. */
function subscribe(from: string): Promise<IncomingMessage> {
  const url = new URL(`${env.tracker.url}/v1/subscriptions?projection=claims`);
  return new Promise((resolve, reject) => {
    const req = get(
      { host: url.hostname, port: url.port, path: `${url.pathname}${url.search}`, localAddress: from },
      resolve,
    );
    req.on('error', reject);
  });
}

const bodyOf = (res: IncomingMessage) =>
  new Promise<any>((resolve) => {
    let text = '';
    res.on('data', (d) => (text += d));
    res.on('end', () => resolve(JSON.parse(text)));
  });

describe('live subscriptions are capped', () => {
  it('per client and in all, with 503 and Retry-After past a cap, and a closed one frees its place', async () => {
    const a1 = await subscribe('127.0.0.1');
    const a2 = await subscribe('127.0.0.1');
    expect([a1.statusCode, a2.statusCode]).toEqual([200, 200]);
    const a3 = await subscribe('127.0.0.1');
    expect(a3.statusCode).toBe(503);
    expect(Number(a3.headers['retry-after'])).toBeGreaterThan(0);
    expect((await bodyOf(a3)).error.message).toBe(
      'this client has 2 live subscriptions, the limit per client; close one, or retry later',
    );

    // Another client may still subscribe, up to the total.
    const b1 = await subscribe('127.0.0.2');
    expect(b1.statusCode).toBe(200);
    const b2 = await subscribe('127.0.0.2');
    expect(b2.statusCode).toBe(503);
    expect((await bodyOf(b2)).error.message).toBe('the tracker has 3 live subscriptions, its limit; retry shortly');

    // Health is not slowed by any of it, and a closed subscription gives its place back.
    expect((await fetch(`${env.tracker.url}/v1/health`)).status).toBe(200);
    a1.destroy();
    const statusOfNew = async () => {
      const r = await subscribe('127.0.0.3');
      r.destroy();
      return r.statusCode;
    };
    await expect.poll(statusOfNew, { timeout: 10_000 }).toBe(200);
    for (const r of [a2, b1]) r.destroy();
  });
});
