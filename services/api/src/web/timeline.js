// The timeline: one lane per side (claims as dots coloured by stance) and a lane of meetings
// (diamonds) and agreements (squares), on a linear time axis; below it an overview of the whole
// span with a brush that zooms and pans the timeline. Plain SVG: the page has a few hundred marks.

import { clamp, interactive, isoOf, svg } from './lib.js';
import { linearScale, timeTicks } from './scale.js';

/** Left and right margins of every chart, so that the charts, the brush and the as-of slider line up. */
export const MARGIN = 14;
/**
 * The as-of slider's thumb width (app.css sets it): the slider is widened by it so the thumb's centre is on the line.
 */
export const THUMB = 18;
const LANE = 58;
export const AXIS = 30;
const MIN_WINDOW_DAYS = 14;

/** The mark of one item: a circle for a claim, a diamond for a meeting, a square for an agreement. */
function mark(item, cx, cy, selected) {
  const common = {
    fill: item.colour,
    class: `point ${item.kind}${selected ? ' selected' : ''}`,
    tabindex: 0,
    role: 'button',
    'data-id': item.id,
    'data-kind': item.kind,
    'aria-label': item.label,
  };
  if (item.kind === 'claim') return svg('circle', { cx, cy, r: 7, 'data-claim': item.id, ...common });
  if (item.kind === 'meeting')
    return svg('path', { d: `M${cx} ${cy - 9}l9 9l-9 9l-9 -9z`, 'data-meeting': item.id, ...common });
  return svg('rect', { x: cx - 7, y: cy - 7, width: 14, height: 14, rx: 2, 'data-agreement': item.id, ...common });
}

/**
 * A chart's frame as wide as its host: the svg, `rowsHeight` px of rows over an axis, the x scale of
 * `domain`, the background and the axis. The timeline and the position bands share it.
 */
export function chartFrame(host, rowsHeight, domain, className, ariaLabel) {
  const width = Math.max(280, host.clientWidth);
  const height = rowsHeight + AXIS;
  const x = linearScale(domain[0], domain[1], MARGIN, width - MARGIN);
  const root = svg('svg', {
    viewBox: `0 0 ${width} ${height}`,
    width,
    height,
    class: className,
    role: 'group',
    'aria-label': ariaLabel,
  });
  root.append(svg('rect', { x: 0, y: 0, width, height, class: 'chart-bg' }));
  drawAxis(root, x, 0, height - AXIS, height);
  return { root, x, width, height };
}

/**
 * Draws the lanes for the visible window `domain` ([lo, hi] day numbers). `onOpen(item)` opens an item,
 * `onAsOf(day)` moves the as-of day (a click on the chart's background). Returns the x scale.
 */
export function renderTimeline({ host, lanes, domain, asOf, selected, onOpen, onAsOf }) {
  const { root, x, width, height } = chartFrame(host, lanes.length * LANE, domain, 'lanes', 'Timeline');

  lanes.forEach((lane, i) => {
    const top = i * LANE;
    const mid = top + 36;
    root.append(svg('rect', { x: 0, y: top, width, height: LANE, class: i % 2 ? 'lane odd' : 'lane' }));
    const name = svg('text', { x: MARGIN - 6, y: top + 13, class: 'lane-label' });
    name.textContent = `${lane.name} · ${lane.items.length}`;
    root.append(name, svg('line', { x1: MARGIN, x2: width - MARGIN, y1: mid, y2: mid, class: 'axis' }));
    // Items closer than a mark's width stack up and down, so that none hides another.
    let clusterX = Number.NEGATIVE_INFINITY;
    let n = 0;
    for (const item of [...lane.items].sort((a, b) => a.day - b.day)) {
      if (item.day < domain[0] || item.day > domain[1]) continue;
      const cx = x(item.day);
      if (cx - clusterX < 12) n++;
      else [clusterX, n] = [cx, 0];
      const dy = n === 0 ? 0 : (n % 2 ? -1 : 1) * Math.ceil(n / 2) * 9;
      const node = mark(item, cx, mid + clamp(dy, -18, 18), item.id === selected);
      interactive(node, item.tip, () => onOpen(item));
      root.append(node);
    }
  });
  if (asOf >= domain[0] && asOf <= domain[1]) {
    root.append(
      svg('line', {
        x1: x(asOf),
        x2: x(asOf),
        y1: 0,
        y2: height - AXIS + 6,
        class: 'asof-line',
        'data-day': isoOf(asOf),
      }),
    );
  }
  root.addEventListener('click', (e) => {
    const box = root.getBoundingClientRect();
    const day = clamp(x.invert(e.clientX - box.left), domain[0], domain[1]);
    onAsOf(day);
  });
  host.replaceChildren(root);
  return x;
}

/** Year and month ticks, grid lines from y0 to y1, labels under y1. */
export function drawAxis(root, x, y0, y1, labelY) {
  for (const t of timeTicks(x)) {
    root.append(
      svg('line', {
        x1: x(t.day),
        x2: x(t.day),
        y1: y0,
        y2: y1 + (t.kind === 'year' ? 6 : 3),
        class: `tick ${t.kind}`,
      }),
    );
    if (!t.label) continue;
    const text = svg('text', {
      x: x(t.day) + 3,
      y: labelY - (t.kind === 'year' ? 6 : 8),
      class: `tick-label ${t.kind}`,
    });
    text.textContent = t.label;
    root.append(text);
  }
}

/**
 * The overview of the whole span `extent` with a brush over the visible window. Dragging the
 * window pans, dragging its edges resizes, dragging elsewhere draws a new window; with the keyboard
 * (the brush is focusable) arrows pan, + and - zoom and Escape shows everything. `onBrush([lo, hi], done)`.
 */
export function renderOverview({ host, extent, domain, days, asOf, onBrush }) {
  const width = Math.max(280, host.clientWidth);
  const height = 46;
  const x = linearScale(extent[0], extent[1], MARGIN, width - MARGIN);
  const root = svg('svg', { viewBox: `0 0 ${width} ${height}`, width, height, class: 'overview' });
  root.append(svg('rect', { x: 0, y: 0, width, height, class: 'chart-bg' }));
  drawAxis(root, x, 0, height - 18, height);
  for (const d of days) root.append(svg('circle', { cx: x(d), cy: 12, r: 2.5, class: 'overview-dot' }));
  root.append(svg('line', { x1: x(asOf), x2: x(asOf), y1: 0, y2: height - 18, class: 'asof-line' }));
  const brush = svg('rect', {
    y: 1,
    height: height - 20,
    class: 'brush',
    tabindex: 0,
    role: 'slider',
    'aria-label': 'Visible time window: arrows pan, + and − zoom, Escape shows all',
    'aria-valuemin': extent[0],
    'aria-valuemax': extent[1],
  });
  root.append(brush);
  let window = [...domain];
  const place = () => {
    brush.setAttribute('x', String(x(window[0])));
    brush.setAttribute('width', String(Math.max(4, x(window[1]) - x(window[0]))));
    brush.setAttribute('aria-valuenow', String(window[0]));
    brush.setAttribute('aria-valuetext', `${isoOf(window[0])} to ${isoOf(window[1])}`);
  };
  const set = (lo, hi, done) => {
    const span = Math.max(MIN_WINDOW_DAYS, hi - lo);
    let a = Math.round(lo);
    let b = Math.round(lo + span);
    if (a < extent[0]) [a, b] = [extent[0], extent[0] + span];
    if (b > extent[1]) [a, b] = [extent[1] - span, extent[1]];
    window = [Math.max(extent[0], a), Math.min(extent[1], b)];
    place();
    onBrush(window, done);
  };
  place();

  let drag = null;
  root.addEventListener('pointerdown', (e) => {
    const box = root.getBoundingClientRect();
    const px = e.clientX - box.left;
    const [a, b] = [x(window[0]), x(window[1])];
    const mode = Math.abs(px - a) < 8 ? 'left' : Math.abs(px - b) < 8 ? 'right' : px > a && px < b ? 'move' : 'new';
    drag = { mode, startX: px, start: [...window], anchor: x.invert(px) };
    root.setPointerCapture(e.pointerId);
    e.preventDefault();
  });
  root.addEventListener('pointermove', (e) => {
    if (!drag) return;
    const box = root.getBoundingClientRect();
    const day = x.invert(clamp(e.clientX - box.left, MARGIN, width - MARGIN));
    const shift = day - drag.anchor;
    if (drag.mode === 'move') set(drag.start[0] + shift, drag.start[1] + shift, false);
    else if (drag.mode === 'left') set(Math.min(day, drag.start[1] - MIN_WINDOW_DAYS), drag.start[1], false);
    else if (drag.mode === 'right') set(drag.start[0], Math.max(day, drag.start[0] + MIN_WINDOW_DAYS), false);
    else if (Math.abs(e.clientX - box.left - drag.startX) > 4)
      set(Math.min(day, drag.anchor), Math.max(day, drag.anchor), false);
  });
  const end = () => {
    if (!drag) return;
    drag = null;
    onBrush(window, true);
  };
  root.addEventListener('pointerup', end);
  root.addEventListener('pointercancel', end);
  brush.addEventListener('keydown', (e) => {
    const span = window[1] - window[0];
    const mid = (window[0] + window[1]) / 2;
    if (e.key === 'ArrowLeft' || e.key === 'ArrowRight')
      set(
        window[0] + (e.key === 'ArrowLeft' ? -1 : 1) * span * 0.1,
        window[1] + (e.key === 'ArrowLeft' ? -1 : 1) * span * 0.1,
        true,
      );
    else if (e.key === '+' || e.key === '=') set(mid - span / 4, mid + span / 4, true);
    else if (e.key === '-') set(mid - span, mid + span, true);
    else if (e.key === 'Escape' || e.key === 'Home') set(extent[0], extent[1], true);
    else return;
    e.preventDefault();
  });
  host.replaceChildren(root);
  return {
    zoom: (factor) =>
      set(
        (window[0] + window[1]) / 2 - ((window[1] - window[0]) * factor) / 2,
        (window[0] + window[1]) / 2 + ((window[1] - window[0]) * factor) / 2,
        true,
      ),
  };
}
