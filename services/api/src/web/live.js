// Follows read-model changes. EventSource cannot send headers, so a token would have to go in its
// URL; each stream is read with fetch instead, the token in its header, resuming after the last id
// seen (as EventSource does with Last-Event-ID).

import { $, authHeaders } from './lib.js';

export function subscribe(projections, onChange) {
  const live = $('live');
  const open = new Set();
  const show = () => {
    const on = open.size === projections.length;
    live.textContent = on ? '● live' : 'reconnecting…';
    live.className = on ? 'live on' : 'live';
  };
  for (const projection of projections) {
    let lastId = null;
    const connect = async () => {
      const res = await fetch(`/v1/subscriptions?projection=${projection}`, {
        headers: { accept: 'text/event-stream', ...authHeaders(), ...(lastId ? { 'last-event-id': lastId } : {}) },
      });
      if (!res.ok || !res.body) throw new Error(`${res.status}`);
      open.add(projection);
      show();
      const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
      let buffer = '';
      for (;;) {
        const { value, done } = await reader.read();
        if (done) return;
        buffer += value;
        let cut = buffer.indexOf('\n\n');
        while (cut >= 0) {
          const frame = buffer.slice(0, cut);
          buffer = buffer.slice(cut + 2);
          const lines = frame.split('\n');
          for (const line of lines) if (line.startsWith('id: ')) lastId = line.slice(4);
          if (lines.some((l) => l.startsWith('data: ')) && !lines.includes('event: close')) onChange(projection);
          cut = buffer.indexOf('\n\n');
        }
      }
    };
    const loop = () =>
      connect()
        .catch(() => {})
        .finally(() => {
          open.delete(projection);
          show();
          setTimeout(loop, 2000);
        });
    loop();
  }
}
