// Positions over time on one topic: for each side, its stance as a band from each standing claim
// to the next, coloured by stance, with a marker where the stance changed. Same axis as the timeline.

import { clamp, interactive, isoOf, label, STANCES, svg } from './lib.js';
import { AXIS, chartFrame, MARGIN } from './timeline.js';

const ROW = 44;

/**
 * `rows`: [{ side, name, points: [{ day, stance, changed, fromStance, claimId, speakerName, quote }] }]
 * (from GET /v1/sides/{side}/timeline). The last band runs to `end` (today). `onOpen(claimId)`.
 */
export function renderBands({ host, rows, domain, end, asOf, onOpen }) {
  const { root, x, height } = chartFrame(host, rows.length * ROW, domain, 'bands', 'Positions over time');
  rows.forEach((row, i) => {
    const top = i * ROW;
    const name = svg('text', { x: MARGIN - 6, y: top + 13, class: 'lane-label' });
    name.textContent = row.name;
    root.append(name);
    row.points.forEach((p, j) => {
      const until = j + 1 < row.points.length ? row.points[j + 1].day : end;
      const a = clamp(p.day, domain[0], domain[1]);
      const b = clamp(until, domain[0], domain[1]);
      // A claim replaced on its own day held for no time: no band (its change mark stays).
      if (until === p.day && j + 1 < row.points.length) {
        drawChange(root, x, p, top, domain);
        return;
      }
      if (b < a || (a === b && (p.day > domain[1] || until < domain[0]))) return;
      const x0 = x(a);
      const w = Math.max(3, x(b) - x0);
      const words = `${row.name}: ${p.stance} from ${isoOf(p.day)} to ${j + 1 < row.points.length ? isoOf(until) : 'now'}`;
      const band = svg('rect', {
        x: x0,
        y: top + 18,
        width: w,
        height: ROW - 24,
        fill: STANCES[p.stance] ?? '#000',
        class: 'band',
        tabindex: 0,
        role: 'button',
        'data-claim': p.claimId,
        'data-stance': p.stance,
        'data-side': row.side,
        'aria-label': `${words}. ${p.speakerName}: ${p.quote}`,
      });
      const lines = [words, `${p.speakerName}: “${p.quote}”`];
      interactive(band, lines, () => onOpen(p.claimId));
      root.append(band);
      if (w > 70) {
        const t = svg('text', { x: x0 + 5, y: top + ROW - 10, class: 'band-label' });
        t.textContent = p.stance;
        root.append(t);
      }
      drawChange(root, x, p, top, domain);
    });
  });
  if (asOf >= domain[0] && asOf <= domain[1])
    root.append(svg('line', { x1: x(asOf), x2: x(asOf), y1: 0, y2: height - AXIS + 6, class: 'asof-line' }));
  host.replaceChildren(root);
}

/** A change of stance: a marker at its day (the first claim on a topic is a change from nothing). */
function drawChange(root, x, p, top, domain) {
  if (!p.changed || p.day < domain[0] || p.day > domain[1]) return;
  const cx = x(p.day);
  root.append(svg('path', { d: `M${cx - 5} ${top + 12}h10l-5 6z`, class: 'change-mark', 'data-change': p.claimId }));
}

export const changeSummary = (rows) =>
  rows.map(
    (r) =>
      `${r.name}: ${r.points
        .filter((p) => p.changed)
        .map((p) => `${p.fromStance ? `${label(p.fromStance)} → ` : ''}${label(p.stance)} (${isoOf(p.day)})`)
        .join(', ')}`,
  );
