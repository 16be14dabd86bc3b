// The tracker's page: filters and search, a timeline with zoom and an as-of slider, positions over
// time, positions on a day, the facts found, the fact panel (provenance and an analyst's actions),
// the review queue and the paste form. The URL holds the view (filters, as-of day, zoom, tab, open
// fact), so a view can be shared and a reload comes back to it.

import { changeSummary, renderBands } from './bands.js';
import { initFacts, openClaim, openReport } from './facts.js';
import { initIngest } from './ingest.js';
import {
  $,
  AGREEMENT_COLOUR,
  authHeaders,
  clamp,
  dayNumber,
  el,
  getAll,
  getJson,
  isIsoDay,
  isoOf,
  label,
  MEETING_COLOUR,
  names,
  profile,
  routeExists,
  STANCES,
  say,
  sideName,
  speakerLine,
  today,
} from './lib.js';
import { subscribe } from './live.js';
import { describeFact, loadReview } from './review.js';
import { MARGIN, renderOverview, renderTimeline, THUMB } from './timeline.js';
import { initToken } from './token.js';

const FILTERS = ['q', 'topic', 'side', 'actor', 'stance', 'type', 'from', 'to'];
const TYPES = { ClaimMade: 'claims', MeetingProposed: 'meetings', AgreementReported: 'agreements' };
const REPORTS_LANE = 'reports';

const state = {
  filters: Object.fromEntries(FILTERS.map((f) => [f, ''])),
  asOf: null, // a day number; null is today
  zoom: null, // [lo, hi] day numbers, or null for everything
  view: 'explore',
  fact: null, // the open fact's id
  bandsTopic: '',
  facts: [], // what the filters select, as the timeline and the list show it
  extent: [0, 1],
  features: { search: false, export: false, review: false },
};

// ---- The URL holds the view ----

function readUrl() {
  const q = new URLSearchParams(location.search);
  for (const f of FILTERS) state.filters[f] = q.get(f) ?? '';
  state.asOf = isIsoDay(q.get('asOf') ?? '') ? dayNumber(q.get('asOf')) : null;
  const zoom = (q.get('zoom') ?? '').split('..');
  state.zoom = zoom.length === 2 && zoom.every(isIsoDay) ? zoom.map(dayNumber) : null;
  state.view = ['explore', 'review', 'ingest'].includes(q.get('view')) ? q.get('view') : 'explore';
  state.fact = q.get('fact');
  state.bandsTopic = q.get('bands') ?? '';
}

function writeUrl() {
  const q = new URLSearchParams();
  for (const f of FILTERS) if (state.filters[f]) q.set(f, state.filters[f]);
  if (state.asOf !== null) q.set('asOf', isoOf(state.asOf));
  if (state.zoom) q.set('zoom', state.zoom.map(isoOf).join('..'));
  if (state.view !== 'explore') q.set('view', state.view);
  if (state.fact) q.set('fact', state.fact);
  if (state.bandsTopic && state.bandsTopic !== defaultBandsTopic() && !state.filters.topic)
    q.set('bands', state.bandsTopic);
  const search = q.toString();
  history.replaceState(null, '', search ? `?${search}` : location.pathname);
}

// ---- Loading what the filters select ----

const asFact = {
  claim: (c) => ({
    id: c.id,
    kind: 'claim',
    day: dayNumber(c.validOn),
    validOn: c.validOn,
    lane: c.side,
    colour: STANCES[c.stance] ?? '#000',
    quote: c.quote,
    sources: c.sources,
    what: `${speakerLine(c.speaker, c.side)} · ${c.stance} · ${label(c.topic)}`,
    text: c.text,
    raw: c,
  }),
  meeting: (m) => ({
    id: m.id,
    kind: 'meeting',
    day: dayNumber(m.validOn),
    validOn: m.validOn,
    lane: REPORTS_LANE,
    colour: MEETING_COLOUR,
    quote: m.quote,
    sources: m.sources,
    what: `${describeFact('MeetingProposed', m)}${m.location ? ` in ${m.location}` : ''}`,
    text: `With ${m.participants.map(sideName).join(', ')}${m.timeframe ? `, ${m.timeframe}` : ''}`,
    raw: m,
  }),
  agreement: (a) => ({
    id: a.id,
    kind: 'agreement',
    day: dayNumber(a.validOn),
    validOn: a.validOn,
    lane: REPORTS_LANE,
    colour: AGREEMENT_COLOUR,
    quote: a.quote,
    sources: a.sources,
    what: describeFact('AgreementReported', a),
    text: a.terms,
    raw: a,
  }),
};

/**
 * Each fact once: the lists have a row per source article (a wire copy, another report of the
 * same statement), all with the fact's `groupId`; the first row stands for the fact. Two passages
 * of one article saying the same (one source) stay two rows: each is its own quote.
 */
function oneRowPerFact(facts) {
  const seen = new Set();
  return facts.filter((f) => {
    if (!(f.sources > 1)) return true;
    const key = `${f.kind}|${f.raw.groupId ?? f.id}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

const matches = (q, ...texts) => !q || texts.some((t) => t?.toLowerCase().includes(q.toLowerCase()));

async function loadFacts() {
  const f = state.filters;
  const wants = (type) => !f.type || f.type === type;
  const range = { ...(f.from ? { from: f.from } : {}), ...(f.to ? { to: f.to } : {}) };
  if (f.q && state.features.search) return searchFacts();
  const claimParams = {
    ...range,
    ...(f.q ? { q: f.q } : {}),
    ...(f.side ? { side: f.side } : {}),
    ...(f.topic ? { topic: f.topic } : {}),
    ...(f.stance ? { stance: f.stance } : {}),
    ...(f.actor ? { speaker: f.actor } : {}),
  };
  // Meetings have no topic and neither has a stance: a topic or stance filter leaves them out.
  const [claims, meetings, agreements] = await Promise.all([
    wants('ClaimMade') ? getAll('/v1/claims', new URLSearchParams(claimParams)) : [],
    wants('MeetingProposed') && !f.topic && !f.stance
      ? getAll('/v1/meetings', new URLSearchParams({ ...range, ...(f.side ? { side: f.side } : {}) }))
      : [],
    wants('AgreementReported') && !f.stance
      ? getAll(
          '/v1/agreements',
          new URLSearchParams({
            ...range,
            ...(f.side ? { side: f.side } : {}),
            ...(f.topic ? { topic: f.topic } : {}),
          }),
        )
      : [],
  ]);
  return [
    ...claims.map(asFact.claim),
    ...meetings
      .filter((m) => (!f.actor || m.proposer === f.actor) && matches(f.q, m.quote, m.location))
      .map(asFact.meeting),
    ...agreements
      .filter((a) => (!f.actor || a.reportedBy === f.actor) && matches(f.q, a.quote, a.terms))
      .map(asFact.agreement),
  ];
}

/** Full-text search over claims and article text (GET /v1/search, when the tracker has it). */
async function searchFacts() {
  const params = new URLSearchParams(Object.entries(state.filters).filter(([, v]) => v));
  const items = await getAll('/v1/search', params);
  const kinds = { ClaimMade: 'claim', MeetingProposed: 'meeting', AgreementReported: 'agreement' };
  return items.map((i) => ({
    id: i.factId,
    kind: kinds[i.type] ?? 'claim',
    day: dayNumber(i.day),
    validOn: i.day,
    lane: i.type === 'ClaimMade' ? i.side : REPORTS_LANE,
    colour:
      i.type === 'ClaimMade'
        ? (STANCES[i.stance] ?? '#000')
        : i.type === 'MeetingProposed'
          ? MEETING_COLOUR
          : AGREEMENT_COLOUR,
    quote: i.quote,
    snippet: i.snippet,
    sources: i.sources,
    what:
      i.type === 'ClaimMade'
        ? `${speakerLine(i.speaker, i.side)} · ${i.stance} · ${label(i.topic)}`
        : `${i.type === 'MeetingProposed' ? 'meeting' : 'agreement'}${i.title ? ` · ${i.title}` : ''}`,
    text: i.snippet ?? i.quote,
    raw: i,
  }));
}

// ---- Rendering ----

function computeExtent() {
  const days = state.facts.map((f) => f.day);
  const now = dayNumber(today());
  const lo = state.filters.from ? dayNumber(state.filters.from) : days.length ? Math.min(...days) - 20 : now - 365;
  const hi = state.filters.to ? dayNumber(state.filters.to) : Math.max(now, ...days);
  state.extent = [lo, Math.max(hi, lo + 14)];
  if (state.zoom) state.zoom = [clamp(state.zoom[0], lo, state.extent[1]), clamp(state.zoom[1], lo, state.extent[1])];
  if (state.zoom && state.zoom[1] - state.zoom[0] < 14) state.zoom = null;
}

/** The visible window: the zoom, else the span of the facts (the overview and the slider run on to today). */
const domain = () => {
  if (state.zoom) return state.zoom;
  const days = state.facts.map((f) => f.day);
  if (!days.length || state.filters.to) return state.extent;
  const hi = Math.min(state.extent[1], Math.max(...days) + 30);
  return [state.extent[0], Math.max(hi, state.extent[0] + 14)];
};
const asOfDay = () => clamp(state.asOf ?? dayNumber(today()), state.extent[0], state.extent[1]);

function tipOf(f) {
  return [`${f.validOn} · ${f.what}`, `“${f.quote}”`, ...(f.sources > 1 ? [`${f.sources} sources`] : [])];
}

function lanes() {
  const bySide = new Map();
  for (const f of state.facts) {
    if (!bySide.has(f.lane)) bySide.set(f.lane, []);
    bySide.get(f.lane).push(f);
  }
  const sides = [...bySide.keys()]
    .filter((k) => k !== REPORTS_LANE)
    .sort((a, b) => sideName(a).localeCompare(sideName(b)));
  const rows = sides.map((side) => ({ key: side, name: sideName(side), items: bySide.get(side) }));
  if (bySide.has(REPORTS_LANE))
    rows.push({ key: REPORTS_LANE, name: 'Meetings ◆ and agreements ■', items: bySide.get(REPORTS_LANE) });
  for (const row of rows)
    for (const item of row.items)
      Object.assign(item, { label: `${item.validOn}, ${item.what}: ${item.quote}`, tip: tipOf(item) });
  return rows;
}

function renderCharts() {
  const rows = lanes();
  $('empty').hidden = rows.length > 0;
  renderTimeline({
    host: $('timeline'),
    lanes: rows,
    domain: domain(),
    asOf: asOfDay(),
    selected: state.fact,
    onOpen: (item) => openFact(item.id, item.kind),
    onAsOf: setAsOf,
  });
  renderBandsView();
}

function renderOverviewAndSlider() {
  const host = $('overview');
  const overview = renderOverview({
    host,
    extent: state.extent,
    domain: domain(),
    days: state.facts.map((f) => f.day),
    asOf: asOfDay(),
    onBrush: (window, done) => {
      state.zoom = window;
      renderCharts();
      if (done) writeUrl();
    },
  });
  $('zoom-in').onclick = () => overview.zoom(0.5);
  $('zoom-out').onclick = () => overview.zoom(2);
  $('zoom-reset').onclick = () => overview.zoom(1e6);
  // The slider spans the overview's plot exactly: its thumb's centre is on the as-of line.
  const slider = $('asof');
  const width = host.clientWidth;
  slider.style.width = `${width - 2 * MARGIN + THUMB}px`;
  slider.style.marginLeft = `${MARGIN - THUMB / 2}px`;
  slider.min = String(state.extent[0]);
  slider.max = String(state.extent[1]);
  slider.value = String(asOfDay());
  showAsOf();
}

function showAsOf() {
  const day = isoOf(asOfDay());
  const text = state.asOf === null ? `${day} (today)` : day;
  $('asof-label').textContent = text;
  $('asof').setAttribute('aria-valuetext', text);
  $('positions-day').textContent = state.asOf === null ? 'today' : day;
}

function setAsOf(day) {
  state.asOf = day >= dayNumber(today()) ? null : day;
  $('asof').value = String(asOfDay());
  showAsOf();
  renderCharts();
  // The overview's as-of line moves too; its brush keeps the window.
  const line = $('overview').querySelector('.asof-line');
  const slider = $('asof');
  if (line) {
    const x =
      MARGIN +
      ((asOfDay() - state.extent[0]) / Math.max(1, state.extent[1] - state.extent[0])) * (slider.offsetWidth - THUMB);
    line.setAttribute('x1', String(x));
    line.setAttribute('x2', String(x));
  }
  refreshPositions();
  writeUrlSoon();
}

let bandRows = [];
async function loadBands() {
  const topic = state.filters.topic || state.bandsTopic;
  $('bands-topic').value = topic;
  $('bands-topic').disabled = Boolean(state.filters.topic);
  const sides = state.filters.side
    ? [state.filters.side]
    : profile.sides.filter((s) => s.claims > 0).map((s) => s.slug);
  const timelines = await Promise.all(
    sides.map((side) =>
      getJson(`/v1/sides/${encodeURIComponent(side)}/timeline?topic=${encodeURIComponent(topic)}`).catch(() => ({
        side,
        points: [],
      })),
    ),
  );
  bandRows = timelines
    .filter((t) => t.points.length)
    .map((t) => ({
      side: t.side,
      name: sideName(t.side),
      points: t.points.map((p) => ({
        day: dayNumber(p.validOn),
        stance: p.stance,
        changed: p.changed,
        fromStance: p.fromStance,
        claimId: p.claim.id,
        speakerName: speakerLine(p.claim.speaker, p.claim.side),
        quote: p.claim.quote,
      })),
    }));
}

function renderBandsView() {
  const empty = bandRows.length === 0;
  $('bands-hint').textContent = empty
    ? 'No side has a standing claim on this topic.'
    : changeSummary(bandRows).join(' · ');
  $('bands').hidden = empty;
  if (empty) return;
  renderBands({
    host: $('bands'),
    rows: bandRows,
    domain: domain(),
    end: dayNumber(today()),
    asOf: asOfDay(),
    onOpen: (id) => openFact(id, 'claim'),
  });
}

/** A search hit's snippet: the words it matched are between « and » (GET /v1/search); they are marked, as text. */
function snippetOf(snippet) {
  const span = el('span', { class: 'quote' });
  snippet.split(/[«»]/).forEach((part, i) => {
    span.append(i % 2 ? el('mark', {}, part) : document.createTextNode(part));
  });
  return span;
}

const LIST_LIMIT = 300;
function renderList() {
  const list = $('facts-list');
  const sorted = [...state.facts].sort((a, b) => b.day - a.day || a.what.localeCompare(b.what));
  $('facts-count').textContent = String(sorted.length);
  list.replaceChildren(
    ...sorted.slice(0, LIST_LIMIT).map((f) => {
      const li = el('li', { 'data-fact': f.id, 'data-kind': f.kind });
      const button = el('button', { type: 'button', class: 'linklike' });
      const dot = el('span', { class: `dot ${f.kind}`, 'aria-hidden': 'true' });
      dot.style.background = f.colour;
      button.append(
        dot,
        el('strong', {}, `${f.validOn} · ${f.what}`),
        f.snippet ? snippetOf(f.snippet) : el('span', { class: 'quote' }, `“${f.quote}”`),
      );
      if (f.sources > 1) button.append(el('span', { class: 'badge' }, `${f.sources} sources`));
      button.addEventListener('click', () => openFact(f.id, f.kind));
      li.append(button);
      return li;
    }),
  );
  if (sorted.length > LIST_LIMIT)
    list.append(el('li', { class: 'hint' }, `… and ${sorted.length - LIST_LIMIT} more: narrow the filters.`));
  const active = FILTERS.filter((f) => state.filters[f]).map((f) => `${f}: ${state.filters[f]}`);
  $('filter-summary').textContent = active.length
    ? `${sorted.length} fact(s) match ${active.join(', ')}.`
    : `${sorted.length} fact(s).`;
}

let positionsTimer = null;
function refreshPositions() {
  clearTimeout(positionsTimer);
  positionsTimer = setTimeout(async () => {
    const body = $('positions').querySelector('tbody');
    const params = new URLSearchParams({ asOf: isoOf(asOfDay()), clock: 'valid' });
    if (state.filters.topic) params.set('topic', state.filters.topic);
    if (state.filters.side) params.set('side', state.filters.side);
    try {
      const res = await getJson(`/v1/positions?${params}`);
      const rows = res.positions.map((p) => {
        const row = el('tr');
        const chip = el('span', { class: 'chip' }, p.stance);
        chip.style.background = STANCES[p.stance] ?? '#000';
        const stanceCell = el('td');
        stanceCell.append(chip);
        if (p.sources > 1) stanceCell.append(el('span', { class: 'badge' }, `${p.sources} sources`));
        const quoteCell = el('td');
        const link = el('button', { type: 'button', class: 'linklike' }, `“${p.quote}”`);
        link.addEventListener('click', () => openFact(p.claimId, 'claim'));
        quoteCell.append(el('span', { class: 'who' }, speakerLine(p.speaker, p.side)), link);
        row.append(
          el('th', { scope: 'row' }, `${sideName(p.side)}${state.filters.topic ? '' : ` · ${label(p.topic)}`}`),
          stanceCell,
          el('td', {}, p.since),
          quoteCell,
        );
        return row;
      });
      if (!rows.length) rows.push(el('tr', {}, undefined));
      if (!res.positions.length)
        rows[0].append(el('td', { colspan: '4', class: 'hint' }, 'No side had said anything on this by then.'));
      body.replaceChildren(...rows);
    } catch (err) {
      const row = el('tr');
      row.append(el('td', { colspan: '4', class: 'error' }, String(err.message ?? err)));
      body.replaceChildren(row);
    }
  }, 120);
}

// ---- Opening a fact, switching views ----

async function openFact(id, kind = 'claim') {
  state.fact = id;
  for (const p of document.querySelectorAll('.point')) p.classList.toggle('selected', p.dataset.id === id);
  writeUrl();
  if (kind === 'claim') return openClaim(id);
  const item = state.facts.find((f) => f.id === id && f.kind === kind)?.raw;
  const report = item?.span ? item : (await reportsOf(null)).find((r) => r.item.id === id)?.item;
  if (report) return openReport(kind, report);
}

/** Meetings and agreements, all of them or those of one article (for the paste form's result). */
async function reportsOf(documentId) {
  const [meetings, agreements] = await Promise.all([getAll('/v1/meetings'), getAll('/v1/agreements')]);
  return [
    ...meetings.map((item) => ({ kind: 'meeting', item })),
    ...agreements.map((item) => ({ kind: 'agreement', item })),
  ]
    .filter((r) => !documentId || r.item.documentId === documentId)
    .map((r) => ({ ...r, validOn: r.item.validOn }));
}

function showView(view) {
  state.view = view;
  for (const v of ['explore', 'review', 'ingest']) {
    $(`view-${v}`).hidden = v !== view;
    $(`tab-${v}`).setAttribute('aria-selected', String(v === view));
    $(`tab-${v}`).tabIndex = v === view ? 0 : -1;
  }
  // One fact panel, shown beside the view that uses it.
  if (view === 'review') $('review-side').append($('provenance'));
  if (view === 'explore') $('explore-side').append($('provenance'));
  if (view === 'explore') renderAll();
  if (view === 'review' && state.features.review) loadReview(openReviewItem);
  writeUrl();
}

function setupTabs() {
  const tabs = ['explore', 'review', 'ingest'];
  for (const v of tabs) {
    const tab = $(`tab-${v}`);
    tab.addEventListener('click', () => showView(v));
    // Arrow keys move between tabs, as in every tab list.
    tab.addEventListener('keydown', (e) => {
      if (e.key !== 'ArrowRight' && e.key !== 'ArrowLeft') return;
      const next = tabs[(tabs.indexOf(v) + (e.key === 'ArrowRight' ? 1 : tabs.length - 1)) % tabs.length];
      showView(next);
      $(`tab-${next}`).focus();
    });
  }
}

// ---- Filters ----

/** The topic with the most claims: positions over time start there. */
const defaultBandsTopic = () => [...profile.topics].sort((a, b) => b.claims - a.claims)[0]?.slug ?? '';

function fillFilters() {
  const opts = (id, all, items) =>
    $(id).replaceChildren(el('option', { value: '' }, all), ...items.map(([v, t]) => el('option', { value: v }, t)));
  opts(
    'f-topic',
    'All topics',
    profile.topics.map((t) => [t.slug, `${label(t.slug)} (${t.claims})`]),
  );
  opts(
    'f-side',
    'All sides',
    profile.sides.map((s) => [s.slug, s.name]),
  );
  const speakers = profile.actors.filter((a) => a.claims > 0).sort((a, b) => a.name.localeCompare(b.name));
  opts(
    'f-actor',
    'Anyone',
    speakers.map((a) => [a.slug, `${a.name} (${sideName(a.side)})`]),
  );
  opts(
    'f-stance',
    'Any stance',
    Object.keys(STANCES).map((s) => [s, s]),
  );
  opts(
    'f-type',
    'Claims, meetings, agreements',
    Object.entries(TYPES).map(([t, name]) => [t, `${name} only`]),
  );
  $('bands-topic').replaceChildren(...profile.topics.map((t) => el('option', { value: t.slug }, label(t.slug))));
  if (!state.bandsTopic) state.bandsTopic = defaultBandsTopic();
}

function showFilters() {
  for (const f of FILTERS) $(`f-${f}`).value = state.filters[f];
}

function setupFilters() {
  const apply = () => {
    const next = Object.fromEntries(FILTERS.map((f) => [f, $(`f-${f}`).value.trim()]));
    for (const f of ['from', 'to']) {
      if (next[f] && !isIsoDay(next[f]))
        return say(
          $('filter-message'),
          `${f === 'from' ? 'From' : 'To'}: “${next[f]}” is not a date; write it as YYYY-MM-DD.`,
          'bad',
        );
    }
    if (next.from && next.to && next.from > next.to)
      return say($('filter-message'), '“To” is before “From”: nothing would match.', 'bad');
    say($('filter-message'), '');
    state.filters = next;
    refresh();
  };
  let timer = null;
  $('f-q').addEventListener('input', () => {
    clearTimeout(timer);
    timer = setTimeout(apply, 300);
  });
  for (const f of FILTERS.filter((f) => f !== 'q')) $(`f-${f}`).addEventListener('change', apply);
  $('filters').addEventListener('submit', (e) => {
    e.preventDefault();
    clearTimeout(timer);
    apply();
  });
  $('f-clear').addEventListener('click', () => {
    for (const f of FILTERS) $(`f-${f}`).value = '';
    apply();
  });
  $('bands-topic').addEventListener('change', async (e) => {
    state.bandsTopic = e.target.value;
    await loadBands();
    renderBandsView();
    writeUrl();
  });
}

// ---- Export ----

function setupExport() {
  for (const format of ['csv', 'jsonl']) {
    $(`export-${format}`).addEventListener('click', async () => {
      const dataset = $('export-dataset').value;
      const params = new URLSearchParams({ format });
      // The export takes the list filters but no event type: the dataset is the type.
      for (const f of FILTERS) if (state.filters[f] && f !== 'type') params.set(f, state.filters[f]);
      if (dataset === 'positions') {
        params.set('asOf', isoOf(asOfDay()));
        params.set('clock', 'valid');
      }
      const message = $('export-message');
      say(message, 'Preparing the download…');
      try {
        // fetch, not a link: the token (when reads need one) goes in a header, never in the URL.
        const res = await fetch(`/v1/export/${dataset}?${params}`, { headers: authHeaders() });
        if (!res.ok) {
          const body = await res.json().catch(() => null);
          throw new Error(body?.error?.message ?? `${res.status} ${res.statusText}`);
        }
        const blob = await res.blob();
        const link = el('a', { href: URL.createObjectURL(blob), download: `${dataset}.${format}` });
        document.body.append(link);
        link.click();
        link.remove();
        setTimeout(() => URL.revokeObjectURL(link.href), 10_000);
        say(message, `Downloaded ${dataset}.${format} (${blob.size.toLocaleString('en')} bytes).`, 'ok');
      } catch (err) {
        say(message, `Export failed: ${err.message ?? err}`, 'bad');
      }
    });
  }
}

// ---- Health ----

/** What /v1/health says a reader should know: a rebuild in progress and its lag, or projections held back. */
function describeHealth(h) {
  const parts = (h.rebuilds ?? []).map((r) =>
    r.state === 'swapping'
      ? `Rebuild of ${label(r.projection)}: swapping in`
      : `Rebuilding ${label(r.projection)}: ${r.behind.toLocaleString('en')} event(s) behind`,
  );
  const held = (h.projections ?? []).find((p) => p.heldBackBy && p.heldBack > 0);
  if (held)
    parts.push(
      `${held.heldBack.toLocaleString('en')} new event(s) wait behind a transaction open ` +
        `${(held.heldBackBy.openForMs / 1000).toFixed(0)} s`,
    );
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

// ---- Putting it together ----

function renderAll() {
  if ($('view-explore').hidden) return;
  renderOverviewAndSlider();
  renderCharts();
}

let loads = 0;
async function refresh() {
  try {
    const [facts] = await Promise.all([loadFacts(), loadBands()]);
    state.facts = oneRowPerFact(facts);
    computeExtent();
    renderAll();
    renderList();
    refreshPositions();
    writeUrl();
    if (state.features.review) await loadReview(openReviewItem);
  } catch (err) {
    say($('filter-message'), `Could not load: ${err.message ?? err}`, 'bad');
  }
  document.body.dataset.loads = String(++loads);
}

let refreshTimer = null;
const refreshSoon = () => {
  clearTimeout(refreshTimer);
  refreshTimer = setTimeout(refresh, 250);
};
let urlTimer = null;
const writeUrlSoon = () => {
  clearTimeout(urlTimer);
  urlTimer = setTimeout(writeUrl, 200);
};

const kindOfType = { ClaimMade: 'claim', MeetingProposed: 'meeting', AgreementReported: 'agreement' };
function openReviewItem(item) {
  const kind = kindOfType[item.type] ?? 'claim';
  state.fact = item.factId;
  writeUrl();
  return kind === 'claim' ? openClaim(item.factId) : openReport(kind, item.fact);
}

/** Which of the newer routes this tracker has: the page hides what it lacks, and says so. */
async function detectFeatures() {
  const [search, exported, review] = await Promise.all([
    routeExists('/v1/search?q=a&limit=1'),
    routeExists('/v1/export/claims?format=jsonl&from=9999-12-31'),
    routeExists('/v1/review?limit=1'),
  ]);
  state.features = { search, export: exported, review };
  $('export-controls').hidden = !exported;
  const missing = [
    ...(search ? [] : ['search in article text (GET /v1/search): the search box looks in claims and quotes']),
    ...(exported ? [] : ['export (GET /v1/export)']),
  ];
  say($('features-note'), missing.length ? `Not on this tracker yet: ${missing.join('; ')}.` : '');
  if (!review) {
    say(
      $('review-message'),
      'This tracker has no review queue yet (GET /v1/review answered 404). Facts opened from the ' +
        'timeline, the list or the paste form can still be confirmed, corrected, withdrawn, or ' +
        'added to here.',
      'note',
    );
  }
}

async function main() {
  readUrl();
  const [sides, topics, actors] = await Promise.all([
    getJson('/v1/sides'),
    getJson('/v1/topics'),
    getJson('/v1/actors'),
  ]);
  Object.assign(profile, { sides: sides.sides, topics: topics.topics, actors: actors.actors });
  for (const s of profile.sides) names.sides.set(s.slug, s);
  for (const a of profile.actors) names.actors.set(a.slug, a);
  renderLegend();
  fillFilters();
  showFilters();
  setupFilters();
  setupTabs();
  setupExport();
  initToken();
  initFacts({
    onChanged: async () => {
      await refresh();
    },
  });
  initIngest({
    onOpenClaim: (id) => openFromIngest(id, 'claim'),
    onOpenReport: (kind, item) => openFromIngest(item.id, kind, item),
    reports: reportsOf,
  });
  $('asof').addEventListener('input', (e) => setAsOf(Number(e.target.value)));
  let resizeTimer = null;
  window.addEventListener('resize', () => {
    clearTimeout(resizeTimer);
    resizeTimer = setTimeout(renderAll, 100);
  });
  await detectFeatures();
  showView(state.view);
  await refresh();
  if (state.fact) {
    const known = state.facts.find((f) => f.id === state.fact);
    openFact(state.fact, known?.kind ?? 'claim');
  }
  // One feed per page: the server allows 10 per client address. New articles bring claims, so the claims feed wakes the
  // page; meetings and agreements are reloaded with them.
  subscribe(['claims'], refreshSoon);
  watchHealth();
  document.body.dataset.ready = 'true';
}

/** The paste form's links open the fact in the Review view, where it can be acted on. */
function openFromIngest(id, kind, item) {
  showView('review');
  state.fact = id;
  writeUrl();
  return kind === 'claim' ? openClaim(id) : openReport(kind, item);
}

function renderLegend() {
  const legend = $('legend');
  const entry = (colour, text, shape = 'dot') => {
    const item = el('li');
    const swatch = el('span', { class: shape, 'aria-hidden': 'true' });
    swatch.style.background = colour;
    item.append(swatch, document.createTextNode(text));
    return item;
  };
  legend.replaceChildren(
    ...Object.entries(STANCES).map(([stance, colour]) => entry(colour, stance)),
    entry(MEETING_COLOUR, 'meeting', 'diamond'),
    entry(AGREEMENT_COLOUR, 'agreement', 'square'),
  );
}

main().catch((err) => {
  document.body.prepend(el('p', { class: 'error', role: 'alert' }, `The page could not load: ${err.message ?? err}`));
});
