// Small helpers shared by the page's modules. Every value from the API goes into the
// page with textContent / setAttribute only, never as markup.

export const STANCES = {
  demand: '#c62828',
  proposal: '#1565c0',
  offer: '#2e7d32',
  acceptance: '#00796b',
  rejection: '#6a1b9a',
  accusation: '#b45309',
  statement: '#616161',
};
export const MEETING_COLOUR = '#37474f';
export const AGREEMENT_COLOUR = '#0d47a1';
export const DAY = 86_400_000;
const SVG_NS = 'http://www.w3.org/2000/svg';

export const $ = (id) => document.getElementById(id);
export const el = (tag, attrs = {}, text) => {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs))
    if (v !== undefined && v !== null && v !== false) node.setAttribute(k, v === true ? '' : String(v));
  if (text !== undefined) node.textContent = text;
  return node;
};
export const svg = (tag, attrs = {}) => {
  const node = document.createElementNS(SVG_NS, tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, String(v));
  return node;
};

export const dayNumber = (iso) => Math.floor(Date.parse(`${iso}T00:00:00Z`) / DAY);
export const isoOf = (n) => new Date(n * DAY).toISOString().slice(0, 10);
export const today = () => new Date().toISOString().slice(0, 10);
export const isIsoDay = (s) =>
  /^\d{4}-\d{2}-\d{2}$/.test(s) && Number.isFinite(dayNumber(s)) && isoOf(dayNumber(s)) === s;
export const label = (slug) => String(slug).replaceAll('_', ' ');

/** Names from the profile (/v1/sides, /v1/actors): people and sides are shown by name, never by slug. */
export const names = { sides: new Map(), actors: new Map() };
/** The negotiation profile as the API lists it: sides, topics, actors (filled once at start). */
export const profile = { sides: [], topics: [], actors: [] };
export const sideName = (slug) => names.sides.get(slug)?.name ?? label(slug);
export const actorName = (slug) => (slug ? (names.actors.get(slug)?.name ?? label(slug)) : null);
/** "Dmitry Peskov (Russia)" or just "Russia" when no one is named. */
export const speakerLine = (speaker, side) => (speaker ? `${actorName(speaker)} (${sideName(side)})` : sideName(side));

const TOKEN_KEY = 'claims-token';
const ANALYST_KEY = 'claims-analyst';
export const token = () => localStorage.getItem(TOKEN_KEY) ?? '';
export const analyst = () => localStorage.getItem(ANALYST_KEY) ?? '';
export const saveCredentials = (t, name) => {
  localStorage.setItem(TOKEN_KEY, t.trim());
  if (name !== undefined) localStorage.setItem(ANALYST_KEY, name.trim());
};
export const forgetCredentials = () => {
  localStorage.removeItem(TOKEN_KEY);
  localStorage.removeItem(ANALYST_KEY);
};
/** The stored token goes in the Authorization header of every request, never in a URL (logs and history keep URLs). */
export const authHeaders = () => (token() ? { authorization: `Bearer ${token()}` } : {});

/** An API refusal: its status, message and the field it names (the API's one error envelope). */
export class ApiError extends Error {
  constructor(status, message, field) {
    super(message);
    this.status = status;
    this.field = field ?? null;
  }
}

export async function getJson(url, init = {}) {
  const headers = { ...(init.headers ?? {}), ...authHeaders() };
  const res = await fetch(url, { ...init, headers });
  const body = await res.json().catch(() => null);
  if (!res.ok)
    throw new ApiError(res.status, body?.error?.message ?? `${res.status} ${res.statusText}`, body?.error?.field);
  return body;
}

export const postJson = (url, body) =>
  getJson(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

/** Every page of a cursor-paginated list. */
export async function getAll(path, params = new URLSearchParams()) {
  const all = [];
  let cursor = null;
  do {
    const q = new URLSearchParams(params);
    q.set('limit', '500');
    if (cursor) q.set('cursor', cursor);
    const page = await getJson(`${path}?${q}`);
    all.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  return all;
}

/** Whether a route exists on this tracker: the page works against older trackers and hides what they lack. */
export async function routeExists(url) {
  try {
    const res = await fetch(url, { headers: authHeaders() });
    await res.body?.cancel();
    return res.status !== 404;
  } catch {
    return false;
  }
}

export const safeHref = (url) => {
  try {
    const u = new URL(url);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.href : null;
  } catch {
    return null;
  }
};

/** Shows a message in a status line: kind is 'ok', 'bad' or '' (in progress). */
export function say(node, text, kind = '') {
  node.textContent = text;
  node.className = `message ${kind}`.trim();
  node.hidden = text === '';
}

export const clamp = (v, lo, hi) => Math.min(hi, Math.max(lo, v));

/** The one tooltip of the page, under the mark it describes, kept inside the viewport (never wider than it). */
export function showTip(node, lines) {
  const tip = $('tip');
  tip.replaceChildren(...lines.map((line, i) => el(i === 0 ? 'strong' : 'span', {}, line)));
  tip.hidden = false;
  const box = node.getBoundingClientRect();
  const viewport = document.documentElement.clientWidth;
  const centre = box.left + Math.min(box.width, 40) / 2;
  const left = clamp(centre - tip.offsetWidth / 2, 4, viewport - tip.offsetWidth - 4);
  tip.style.left = `${left + window.scrollX}px`;
  tip.style.top = `${box.bottom + window.scrollY + 6}px`;
}
export const hideTip = () => {
  $('tip').hidden = true;
};
/** Tooltip on hover and keyboard focus; Enter or Space (or a click) opens. */
export function interactive(node, lines, open) {
  node.addEventListener('pointerenter', () => showTip(node, lines));
  node.addEventListener('focus', () => showTip(node, lines));
  node.addEventListener('pointerleave', hideTip);
  node.addEventListener('blur', hideTip);
  node.addEventListener('click', (e) => {
    e.stopPropagation();
    open();
  });
  node.addEventListener('keydown', (e) => {
    if (e.key === 'Enter' || e.key === ' ') {
      e.preventDefault();
      open();
    }
  });
}
