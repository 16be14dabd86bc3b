// A linear time scale over days, and its ticks: every year, and every month when there is room.
// Hand-written (some twenty lines) rather than d3-scale: the page needs days only, and no dependency.

import { dayNumber } from './lib.js';

/** Maps a day number in [lo, hi] linearly onto [x0, x1] pixels; `invert` maps back (rounded to a day). */
export function linearScale(lo, hi, x0, x1) {
  const span = Math.max(1, hi - lo);
  const k = (x1 - x0) / span;
  const at = (day) => x0 + (day - lo) * k;
  at.invert = (x) => Math.round(lo + (x - x0) / k);
  at.domain = [lo, hi];
  at.range = [x0, x1];
  return at;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/**
 * The ticks of an axis: each a day, a kind ('year' or 'month') and a label (or '' when there is no
 * room for one). Months are drawn when a month is at least 6 px wide, labelled from 34 px; years
 * are labelled every `yearStep` years so that labels never overlap.
 */
export function timeTicks(scale) {
  const [lo, hi] = scale.domain;
  const pxPerDay = (scale.range[1] - scale.range[0]) / Math.max(1, hi - lo);
  const monthPx = pxPerDay * 30.4;
  const yearPx = pxPerDay * 365.25;
  const yearStep = yearPx >= 44 ? 1 : Math.ceil(44 / yearPx);
  const first = new Date(lo * 86_400_000);
  const ticks = [];
  for (let y = first.getUTCFullYear(), m = first.getUTCMonth(); ; m++) {
    if (m === 12) {
      m = 0;
      y++;
    }
    const day = dayNumber(`${y}-${String(m + 1).padStart(2, '0')}-01`);
    if (day > hi) break;
    if (day < lo) continue;
    if (m === 0) ticks.push({ day, kind: 'year', label: y % yearStep === 0 ? String(y) : '' });
    else if (monthPx >= 6) ticks.push({ day, kind: 'month', label: monthPx >= 34 ? MONTHS[m] : '' });
  }
  return ticks;
}
