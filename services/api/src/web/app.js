// The tracker's web page. Article text and every other value from the API is put
// into the page with textContent / setAttribute only, never as markup.

const STANCES = {
  demand: '#c62828',
  proposal: '#1565c0',
  offer: '#2e7d32',
  acceptance: '#00838f',
  rejection: '#6a1b9a',
  accusation: '#ef6c00',
  statement: '#757575',
};
const DAY = 86_400_000;
const SVG = 'http://www.w3.org/2000/svg';

const state = { sides: [], topics: [], claims: [], topic: null, asOf: null, selected: null };

const $ = (id) => document.getElementById(id);
const el = (tag, attrs = {}, text) => {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
  if (text !== undefined) node.textContent = text;
  return node;
};
const svg = (tag, attrs = {}) => {
  const node = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, String(v));
  return node;
};
const dayNumber = (iso) => Math.floor(Date.parse(`${iso}T00:00:00Z`) / DAY);
const isoOf = (n) => new Date(n * DAY).toISOString().slice(0, 10);
const today = () => new Date().toISOString().slice(0, 10);
const label = (slug) => slug.replaceAll('_', ' ');
const sideName = (slug) => state.sides.find((s) => s.slug === slug)?.name ?? label(slug);

const TOKEN_KEY = 'claims-token';
const token = () => localStorage.getItem(TOKEN_KEY) ?? '';
/** The stored token goes in the Authorization header of every request, never in a URL (logs and history keep URLs). */
const authHeaders = () => (token() ? { authorization: `Bearer ${token()}` } : {});

async function getJson(url, init = {}) {
  const headers = { ...(init.headers ?? {}), ...authHeaders() };
  const res = await fetch(url, { ...init, headers });
  const body = await res.json().catch(() => null);
  if (!res.ok) throw new Error(body?.error?.message ?? `${res.status} ${res.statusText}`);
  return body;
}

async function loadClaims() {
  const all = [];
  let cursor = null;
  do {
    const page = await getJson(`/v1/claims?limit=500${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
    all.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  state.claims = all;
}

function renderLegend() {
  const legend = $('legend');
  legend.replaceChildren();
  for (const [stance, colour] of Object.entries(STANCES)) {
    const item = el('li');
    const dot = el('span', { class: 'dot', 'aria-hidden': 'true' });
    dot.style.background = colour;
    item.append(dot, document.createTextNode(stance));
    legend.append(item);
  }
}

function renderTopics() {
  const select = $('topic');
  const previous = state.topic;
  select.replaceChildren();
  const counts = new Map();
  for (const c of state.claims) counts.set(c.topic, (counts.get(c.topic) ?? 0) + 1);
  for (const t of state.topics) {
    select.append(el('option', { value: t.slug }, `${label(t.slug)} (${counts.get(t.slug) ?? 0})`));
  }
  if (!previous) {
    let best = state.topics[0]?.slug ?? null;
    for (const t of state.topics) if ((counts.get(t.slug) ?? 0) > (counts.get(best) ?? 0)) best = t.slug;
    state.topic = best;
  }
  select.value = state.topic;
}

function range() {
  const days = state.claims.map((c) => dayNumber(c.validOn));
  const lo = days.length ? Math.min(...days) : dayNumber(today()) - 365;
  const hi = Math.max(dayNumber(today()), ...days);
  return { lo, hi };
}

function setupSlider() {
  const { lo, hi } = range();
  const slider = $('asof');
  const atEnd = !state.asOf || Number(slider.value) === Number(slider.max);
  slider.min = String(lo);
  slider.max = String(hi);
  slider.value = String(atEnd ? hi : Math.min(hi, Math.max(lo, dayNumber(state.asOf))));
  state.asOf = isoOf(Number(slider.value));
  $('asof-label').textContent = state.asOf;
  slider.setAttribute('aria-valuetext', state.asOf);
}

/**
 * A time axis that keeps every day with claims apart: each distinct day is a step
 * whose width grows with the log of the gap before it, so years without news
 * shrink and claims a day apart stay clickable. Other days interpolate.
 */
function timeScale(claims, lo, hi, room, left) {
  const days = [...new Set([lo, ...claims.map((c) => dayNumber(c.validOn)), hi])].sort((a, b) => a - b);
  const steps = [0];
  for (let i = 1; i < days.length; i++) steps.push(steps[i - 1] + 1 + Math.min(4, Math.log10(1 + (days[i] - days[i - 1]))));
  const total = steps.at(-1) || 1;
  const unit = Math.max(18, room / total);
  const at = (day) => {
    if (day <= days[0]) return left;
    for (let i = 1; i < days.length; i++) {
      if (day <= days[i]) {
        const f = (day - days[i - 1]) / Math.max(1, days[i] - days[i - 1]);
        return left + (steps[i - 1] + f * (steps[i] - steps[i - 1])) * unit;
      }
    }
    return left + total * unit;
  };
  at.width = total * unit;
  return at;
}

/** One lane per side, each point a claim coloured by stance, on a shared time axis. */
function renderTimeline() {
  const host = $('timeline');
  host.replaceChildren();
  const claims = state.claims.filter((c) => c.topic === state.topic);
  $('empty').hidden = claims.length > 0;
  if (!claims.length) return;
  const sides = [...new Set(claims.map((c) => c.side))].sort((a, b) => sideName(a).localeCompare(sideName(b)));
  const { lo, hi } = range();
  const left = 150;
  const right = 24;
  const lane = 56;
  const top = 16;
  const height = top + sides.length * lane + 34;
  const x = timeScale(claims, lo, hi, Math.max(host.clientWidth || 900, 600) - left - right, left);
  const width = x.width + left + right;
  const root = svg('svg', { viewBox: `0 0 ${width} ${height}`, width, height, class: 'lanes' });

  // Year ticks.
  const first = new Date(lo * DAY).getUTCFullYear();
  const last = new Date(hi * DAY).getUTCFullYear();
  const step = Math.max(1, Math.ceil((last - first + 1) / 8));
  let lastTick = Number.NEGATIVE_INFINITY;
  for (let y = first; y <= last + 1; y += step) {
    const d = dayNumber(`${y}-01-01`);
    if (d < lo || d > hi || x(d) - lastTick < 44) continue;
    lastTick = x(d);
    root.append(svg('line', { x1: x(d), x2: x(d), y1: top, y2: height - 26, class: 'tick' }));
    const t = svg('text', { x: x(d), y: height - 8, class: 'tick-label', 'text-anchor': 'middle' });
    t.textContent = String(y);
    root.append(t);
  }

  sides.forEach((side, i) => {
    const y = top + i * lane + lane / 2;
    root.append(svg('rect', { x: 0, y: top + i * lane, width, height: lane, class: i % 2 ? 'lane odd' : 'lane' }));
    const name = svg('text', { x: 12, y: y + 4, class: 'lane-label' });
    name.textContent = sideName(side);
    root.append(name);
    root.append(svg('line', { x1: left, x2: width - right, y1: y, y2: y, class: 'axis' }));
    // Claims of one day stack up and down so that none hides another.
    const perDay = new Map();
    for (const c of claims.filter((k) => k.side === side)) {
      const n = perDay.get(c.validOn) ?? 0;
      perDay.set(c.validOn, n + 1);
      const dy = n === 0 ? 0 : (n % 2 ? -1 : 1) * Math.ceil(n / 2) * 9;
      const point = svg('circle', {
        cx: x(dayNumber(c.validOn)),
        cy: y + Math.max(-22, Math.min(22, dy)),
        r: 7,
        fill: STANCES[c.stance] ?? '#000',
        class: c.id === state.selected ? 'point selected' : 'point',
        tabindex: 0,
        role: 'button',
        'data-claim': c.id,
        'aria-label': `${sideName(side)}, ${c.stance}, ${c.validOn}: ${c.text}`,
      });
      const tip = svg('title');
      tip.textContent = `${c.validOn} · ${c.stance} · ${c.speaker ?? sideName(side)}\n${c.text}`;
      point.append(tip);
      point.addEventListener('click', () => openProvenance(c.id));
      point.addEventListener('keydown', (e) => {
        if (e.key === 'Enter' || e.key === ' ') {
          e.preventDefault();
          openProvenance(c.id);
        }
      });
      root.append(point);
    }
  });

  const marker = x(dayNumber(state.asOf));
  root.append(svg('line', { x1: marker, x2: marker, y1: top - 6, y2: height - 26, class: 'asof-line' }));
  host.append(root);
}

let positionsTimer = null;
function refreshPositions() {
  clearTimeout(positionsTimer);
  positionsTimer = setTimeout(async () => {
    const day = state.asOf;
    $('positions-day').textContent = day === today() ? 'today' : day;
    const body = $('positions').querySelector('tbody');
    try {
      const res = await getJson(`/v1/positions?topic=${encodeURIComponent(state.topic)}&asOf=${day}&clock=valid`);
      body.replaceChildren();
      if (!res.positions.length) {
        const row = el('tr');
        row.append(el('td', { colspan: '4', class: 'hint' }, 'No side had said anything on this topic by then.'));
        body.append(row);
      }
      for (const p of res.positions) {
        const row = el('tr');
        const chip = el('span', { class: 'chip' }, p.stance);
        chip.style.background = STANCES[p.stance] ?? '#000';
        const stanceCell = el('td');
        stanceCell.append(chip);
        const quoteCell = el('td');
        const link = el('button', { type: 'button', class: 'linklike' }, `“${p.quote}”`);
        link.addEventListener('click', () => openProvenance(p.claimId));
        quoteCell.append(link);
        row.append(el('th', { scope: 'row' }, sideName(p.side)), stanceCell, el('td', {}, p.since), quoteCell);
        body.append(row);
      }
    } catch (err) {
      body.replaceChildren(el('tr'));
      body.firstChild.append(el('td', { colspan: '4', class: 'error' }, String(err.message ?? err)));
    }
  }, 120);
}

const safeHref = (url) => {
  try {
    const u = new URL(url);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.href : null;
  } catch {
    return null;
  }
};

/** Shows the quote highlighted inside its article: three text nodes around a <mark>, never parsed as HTML. */
async function openProvenance(id) {
  state.selected = id;
  for (const p of document.querySelectorAll('circle.point')) p.classList.toggle('selected', p.dataset.claim === id);
  try {
    const p = await getJson(`/v1/claims/${encodeURIComponent(id)}/provenance`);
    const src = p.source ? await getJson(`/v1/sources/${encodeURIComponent(p.source.documentId)}`) : null;
    $('provenance-hint').hidden = true;
    $('provenance-body').hidden = false;
    const chip = $('pv-stance');
    chip.textContent = p.claim.stance;
    chip.style.background = STANCES[p.claim.stance] ?? '#000';
    $('pv-side').textContent = p.claim.speaker ? `${p.claim.speaker} (${sideName(p.claim.side)})` : sideName(p.claim.side);
    $('pv-topic').textContent = label(p.claim.topic);
    $('pv-day').textContent = p.claim.madeOn ? `said on ${p.claim.madeOn}` : `reported ${p.claim.validOn}`;
    $('pv-text').textContent = p.claim.text;
    const verified = $('pv-verified');
    verified.textContent = p.verified
      ? '✓ Verified: the stored article hashes to its content hash and holds this quote at its span.'
      : `✗ Not verified (content hash ${p.checks.contentHash ? 'ok' : 'differs'}, quote at span ${p.checks.quoteAtSpan ? 'ok' : 'differs'}).`;
    verified.className = p.verified ? 'verified ok' : 'verified bad';
    $('pv-title').textContent = p.source?.title ?? '(untitled)';
    $('pv-publisher').textContent = p.source?.publisher ?? '—';
    $('pv-published').textContent = p.source?.publishedAt ?? '—';
    const urlCell = $('pv-url');
    urlCell.replaceChildren();
    const href = p.source?.url ? safeHref(p.source.url) : null;
    if (href) urlCell.append(el('a', { href, rel: 'noopener noreferrer', target: '_blank' }, href));
    else urlCell.textContent = p.source?.url ?? '—';
    $('pv-hash').textContent = p.source?.contentHash ?? '—';
    $('pv-event').textContent = `${p.event.id} · ${p.event.stream} rev ${p.event.revision} · position ${p.event.position}`;
    $('pv-recorded').textContent = p.event.recordedAt;
    $('pv-extractor').textContent = `${p.extractor.name} ${p.extractor.version}`;
    $('pv-withdrawn').textContent = p.withdrawal ? `${p.withdrawal.at} by ${p.withdrawal.by}: ${p.withdrawal.reason}` : 'no';

    const article = $('pv-article');
    article.replaceChildren();
    const text = src?.text ?? p.quote.paragraph?.text ?? p.quote.text;
    const offset = src ? 0 : (p.quote.paragraph?.start ?? p.quote.span.start);
    const start = p.quote.span.start - offset;
    const end = p.quote.span.end - offset;
    const mark = el('mark', { id: 'pv-quote' }, text.slice(start, end));
    article.append(document.createTextNode(text.slice(0, start)), mark, document.createTextNode(text.slice(end)));
    $('provenance').focus({ preventScroll: true });
    mark.scrollIntoView({ block: 'center', behavior: 'smooth' });
  } catch (err) {
    $('provenance-hint').hidden = false;
    $('provenance-hint').textContent = `Could not load the provenance: ${err.message ?? err}`;
  }
}

async function refresh() {
  await loadClaims();
  renderTopics();
  setupSlider();
  renderTimeline();
  refreshPositions();
}

let refreshTimer = null;
const refreshSoon = () => {
  clearTimeout(refreshTimer);
  refreshTimer = setTimeout(() => refresh().catch(() => {}), 250);
};

/**
 * Follows the claims feed. EventSource cannot send headers, so a token would have to go in
 * its URL; the stream is read with fetch instead, the token in its header, resuming after
 * the last id seen (as EventSource would with Last-Event-ID).
 */
function subscribe() {
  const live = $('live');
  let lastId = null;
  const offline = () => {
    live.textContent = 'reconnecting…';
    live.className = 'live';
  };
  const connect = async () => {
    const res = await fetch('/v1/subscriptions?projection=claims', {
      headers: { accept: 'text/event-stream', ...authHeaders(), ...(lastId ? { 'last-event-id': lastId } : {}) },
    });
    if (!res.ok || !res.body) throw new Error(`${res.status}`);
    live.textContent = '● live';
    live.className = 'live on';
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
        let data = false;
        for (const line of frame.split('\n')) {
          if (line.startsWith('id: ')) lastId = line.slice(4);
          else if (line.startsWith('data: ')) data = true;
          else if (line === 'event: close') offline();
        }
        if (data && !frame.includes('event: close')) refreshSoon();
        cut = buffer.indexOf('\n\n');
      }
    }
  };
  const loop = () =>
    connect()
      .catch(() => {})
      .finally(() => {
        offline();
        setTimeout(loop, 2000);
      });
  loop();
}

/** What /v1/health says a reader should know: a rebuild in progress and its lag, or projections held back. */
function describeHealth(h) {
  const parts = (h.rebuilds ?? []).map((r) =>
    r.state === 'swapping' ? `Rebuild of ${label(r.projection)}: swapping in` : `Rebuilding ${label(r.projection)}: ${r.behind.toLocaleString('en')} event(s) behind`,
  );
  const held = (h.projections ?? []).find((p) => p.heldBackBy && p.heldBack > 0);
  if (held) parts.push(`${held.heldBack.toLocaleString('en')} new event(s) wait behind a transaction open ${(held.heldBackBy.openForMs / 1000).toFixed(0)} s`);
  return parts.join(' · ');
}

async function watchHealth() {
  const line = $('tracker-status');
  try {
    const h = await fetch('/v1/health').then((r) => r.json());
    const text = describeHealth(h);
    line.textContent = text;
    line.hidden = text === '';
  } catch {
    // The live indicator already says when the tracker cannot be reached.
  }
  setTimeout(watchHealth, 3_000);
}

function setupForm() {
  $('ingest-date').value = today();
  $('ingest-token').value = token();
  $('ingest-token').addEventListener('input', (e) => localStorage.setItem(TOKEN_KEY, e.target.value.trim()));
  $('ingest').addEventListener('submit', async (e) => {
    e.preventDefault();
    const result = $('ingest-result');
    const body = { text: $('ingest-text').value };
    if ($('ingest-date').value) body.publishedAt = $('ingest-date').value;
    if ($('ingest-url').value) body.url = $('ingest-url').value;
    result.textContent = 'Ingesting…';
    result.className = 'result';
    try {
      const r = await getJson('/v1/articles', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
      const claims = r.counts?.ClaimMade ?? 0;
      result.textContent = r.duplicate
        ? 'Already registered: nothing new.'
        : `Registered “${r.title ?? 'article'}”: ${claims} claim(s), ${r.counts?.MeetingProposed ?? 0} meeting proposal(s), ${r.counts?.AgreementReported ?? 0} agreement(s). They appear below as the projector commits them.`;
      result.className = 'result ok';
      if (!r.duplicate) $('ingest-text').value = '';
    } catch (err) {
      result.textContent = `Not ingested: ${err.message ?? err}`;
      result.className = 'result bad';
    }
  });
}

async function main() {
  renderLegend();
  setupForm();
  const [sides, topics] = await Promise.all([getJson('/v1/sides'), getJson('/v1/topics')]);
  state.sides = sides.sides;
  state.topics = topics.topics;
  await refresh();
  $('topic').addEventListener('change', (e) => {
    state.topic = e.target.value;
    renderTimeline();
    refreshPositions();
  });
  $('asof').addEventListener('input', (e) => {
    state.asOf = isoOf(Number(e.target.value));
    $('asof-label').textContent = state.asOf;
    e.target.setAttribute('aria-valuetext', state.asOf);
    renderTimeline();
    refreshPositions();
  });
  window.addEventListener('resize', () => renderTimeline());
  subscribe();
  watchHealth();
  document.body.dataset.ready = 'true';
}

main().catch((err) => {
  document.body.prepend(el('p', { class: 'error', role: 'alert' }, `The page could not load: ${err.message ?? err}`));
});
