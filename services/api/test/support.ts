import type { Target } from '../../../tests/support/http.ts';

/** The articles the API tests read: the repository's own samples (samples/), so that a clone alone runs them. */
export { sampleArticles } from '../../../tests/support/samples.ts';

/** Posts an article to a running tracker, as text/plain with its metadata in the query. */
export async function ingest(target: Target, a: { text: string; publishedAt?: string; url?: string }) {
  const { url: base, headers } = typeof target === 'string' ? { url: target, headers: {} } : target;
  const params = new URLSearchParams();
  if (a.publishedAt) params.set('publishedAt', a.publishedAt);
  if (a.url) params.set('url', a.url);
  const res = await fetch(`${base}/v1/articles?${params}`, {
    method: 'POST',
    headers: { 'content-type': 'text/plain', ...headers },
    body: a.text,
  });
  const json = (await res.json()) as { stream: string; eventIds: string[]; counts: Record<string, number> };
  if (res.status !== 201 && res.status !== 200) throw new Error(`ingest failed: ${res.status} ${JSON.stringify(json)}`);
  return json;
}

// biome-ignore lint/suspicious/noExplicitAny: response bodies are checked field by field in the tests
type Json = any;

export async function getJson(base: string, path: string, headers: Record<string, string> = {}) {
  const res = await fetch(`${base}${path}`, { headers });
  return {
    status: res.status,
    type: res.headers.get('content-type') ?? '',
    json: (await res.json().catch(() => null)) as Json,
  };
}

export interface SseMessage {
  id?: string;
  event?: string;
  data: string;
}

/** A minimal SSE client over fetch: collects messages and comments as they arrive. */
export function openSse(url: string, headers: Record<string, string> = {}) {
  const abort = new AbortController();
  const messages: SseMessage[] = [];
  const comments: string[] = [];
  const waiters = new Set<() => void>();
  let ended = false;
  let status = 0;
  const opened = (async () => {
    const res = await fetch(url, { headers: { accept: 'text/event-stream', ...headers }, signal: abort.signal });
    status = res.status;
    return res;
  })();
  const done = opened
    .then(async (res) => {
      if (!res.body) return;
      const decoder = new TextDecoder();
      let buffer = '';
      for await (const chunk of res.body) {
        buffer += decoder.decode(chunk as Uint8Array, { stream: true });
        let cut = buffer.indexOf('\n\n');
        while (cut >= 0) {
          const frame = buffer.slice(0, cut);
          buffer = buffer.slice(cut + 2);
          const msg: SseMessage = { data: '' };
          let isMessage = false;
          for (const line of frame.split('\n')) {
            if (line.startsWith(':')) comments.push(line.slice(1).trim());
            else if (line.startsWith('id: ')) msg.id = line.slice(4);
            else if (line.startsWith('event: ')) msg.event = line.slice(7);
            else if (line.startsWith('data: ')) {
              msg.data += line.slice(6);
              isMessage = true;
            }
          }
          if (isMessage) messages.push(msg);
          for (const w of [...waiters]) w();
          cut = buffer.indexOf('\n\n');
        }
      }
    })
    .catch(() => {})
    .finally(() => {
      ended = true;
      for (const w of [...waiters]) w();
    });
  const until = (check: () => boolean, timeoutMs = 15_000, what = 'SSE condition') =>
    new Promise<void>((resolve, reject) => {
      if (check()) return resolve();
      const timer = setTimeout(() => {
        waiters.delete(w);
        reject(
          new Error(
            `timed out waiting for ${what}; got ${messages.length} message(s), comments ${JSON.stringify(comments)}`,
          ),
        );
      }, timeoutMs);
      const w = () => {
        if (check()) {
          clearTimeout(timer);
          waiters.delete(w);
          resolve();
        }
      };
      waiters.add(w);
    });
  return {
    messages,
    comments,
    get status() {
      return status;
    },
    get ended() {
      return ended;
    },
    opened,
    until,
    /** Resolves once the server has flushed its first comment: the subscription is in place. */
    ready: () => until(() => comments.includes('subscribed'), 15_000, 'the subscription to open'),
    close: async () => {
      abort.abort();
      await done;
    },
  };
}
