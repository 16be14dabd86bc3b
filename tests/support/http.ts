import { createServer } from 'node:net';
/** Where to send a request: a base URL, or a base URL with headers (a write token). */
export type Target = string | { url: string; headers: Record<string, string> };
const split = (t: Target) => (typeof t === 'string' ? { url: t, headers: {} } : t);

/** Small helpers for talking to a real server over HTTP in tests. */
export async function postJson(target: Target, path: string, body: unknown, headers: Record<string, string> = {}) {
  const { url, headers: base } = split(target);
  const res = await fetch(`${url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...base, ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await res.text();
  let json: any = null;
  try {
    json = JSON.parse(text);
  } catch {
    /* not JSON */
  }
  return { status: res.status, json, text };
}

export async function postText(target: Target, path: string, body: string | Uint8Array, contentType = 'text/plain') {
  const { url, headers } = split(target);
  const res = await fetch(`${url}${path}`, {
    method: 'POST',
    headers: { 'content-type': contentType, ...headers },
    body,
  });
  return { status: res.status, json: (await res.json().catch(() => null)) as any };
}

/** A TCP port nothing listens on now (for a server a test starts as a process of its own). */
export const freePort = () =>
  new Promise<number>((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const p = (s.address() as { port: number }).port;
      s.close(() => resolve(p));
    });
  });
