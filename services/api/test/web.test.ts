import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestTracker } from '../../../tests/support/tracker.ts';
import {
  DESKTOP,
  horizontalOverflow,
  launchBrowser,
  loadsAfter,
  marks,
  openPage,
  PHONE,
  selectInArticle,
} from './page-support.ts';
import { getJson, ingest, sampleArticles } from './support.ts';

/**
 * The web page in a real browser (Debian's Chromium, headless) against the whole tracker on
 * embedded PostgreSQL, with the sample articles: what an analyst sees and does.
 */
let env: Awaited<ReturnType<typeof startTestTracker>>;
let browser: Browser;
let base: string;

const eventCount = () => env.tdb.eventCount();
const api = async (path: string) => (await getJson(base, path)).json;
const all = async (path: string) => (await api(`${path}${path.includes('?') ? '&' : '?'}limit=500`)).items as any[];

beforeAll(async () => {
  env = await startTestTracker();
  base = env.tracker.url;
  for (const a of sampleArticles()) await ingest(env.writer, a);
  await env.tracker.projector!.caughtUp();
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await env?.stop();
});

describe.each([
  ['1440×900', DESKTOP],
  ['390×844', PHONE],
])('at %s', (_name, viewport) => {
  it(
    'fits the screen without horizontal scrolling, with every claim, meeting and ' + 'agreement on the timeline, named',
    async () => {
      const { page, errors, close } = await openPage(browser, base, viewport);
      const [claims, meetings, agreements] = await Promise.all([
        all('/v1/claims'),
        all('/v1/meetings'),
        all('/v1/agreements'),
      ]);
      await expect.poll(() => marks(page).count()).toBe(claims.length + meetings.length + agreements.length);
      // Meetings and agreements have marks of their own.
      expect(await page.locator('#timeline .point.meeting').count()).toBe(meetings.length);
      expect(await page.locator('#timeline .point.agreement').count()).toBe(agreements.length);
      expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
      // Lanes and tooltips name sides and people, never their slugs.
      const peskov = claims.find((c) => c.speaker === 'peskov')!;
      expect(await page.locator('#timeline .lane-label').allTextContents()).toEqual(
        expect.arrayContaining([expect.stringMatching(/^Russia · \d+$/)]),
      );
      await page.locator(`#timeline [data-claim="${peskov.id}"]`).focus();
      await expect.poll(() => page.textContent('#tip')).toContain('Dmitry Peskov (Russia)');
      expect(await page.getAttribute(`#timeline [data-claim="${peskov.id}"]`, 'aria-label')).toContain('Dmitry Peskov');
      await page.screenshot({ path: `/tmp/claims-page-${viewport.width}x${viewport.height}.png`, fullPage: true });
      // The fact panel with its correction form (a select of every speaker's name) fits too, and so do the other views.
      await page.click(`#timeline [data-claim="${peskov.id}"]`);
      await page.waitForSelector('#provenance-body:not([hidden])');
      await page.click('#act-correct');
      await page.waitForSelector('#fact-form:not([hidden])');
      expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
      for (const tab of ['#tab-review', '#tab-ingest']) {
        await page.click(tab);
        expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
      }
      expect(errors).toEqual([]);
      await close();
    },
  );
});

it('draws a linear axis with year and month ticks; the slider, the as-of line and the positions agree', async () => {
  const { page, errors, close } = await openPage(browser, base);
  await page.click('#zoom-reset');
  expect(await page.locator('#timeline .tick-label.year').allTextContents()).toEqual(expect.arrayContaining(['2025']));
  expect(await page.locator('#timeline .tick.month').count()).toBeGreaterThan(12);
  expect(await page.locator('#timeline .tick-label.month').allTextContents()).toEqual(expect.arrayContaining(['Jul']));
  // Linear: pixels per day are the same between any two marks.
  const claims = await all('/v1/claims');
  const days = [...new Set(claims.map((c) => c.validOn))].sort();
  const xOf = async (day: string) => {
    const id = claims.find((c) => c.validOn === day)!.id;
    return Number(await page.getAttribute(`#timeline circle[data-claim="${id}"]`, 'cx'));
  };
  const dayN = (d: string) => Date.parse(d) / 86_400_000;
  const [a, b, c] = [days[0]!, days[1]!, days.at(-1)!];
  const k1 = ((await xOf(b)) - (await xOf(a))) / (dayN(b) - dayN(a));
  const k2 = ((await xOf(c)) - (await xOf(a))) / (dayN(c) - dayN(a));
  expect(Math.abs(k1 - k2)).toBeLessThan(0.01);

  // The slider moves the as-of day: the line under its thumb, the label and the positions follow.
  const day = Math.floor(Date.parse('2024-12-31T00:00:00Z') / 86_400_000);
  await page.locator('#asof').evaluate((el: HTMLInputElement, d: number) => {
    el.value = String(d);
    el.dispatchEvent(new Event('input', { bubbles: true }));
  }, day);
  await expect.poll(() => page.textContent('#positions-day')).toBe('2024-12-31');
  expect(await page.textContent('#asof-label')).toBe('2024-12-31');
  expect(await page.getAttribute('#timeline .asof-line', 'data-day')).toBe('2024-12-31');
  const geometry = await page.evaluate(() => {
    const slider = document.getElementById('asof') as HTMLInputElement;
    const box = slider.getBoundingClientRect();
    const f = (Number(slider.value) - Number(slider.min)) / (Number(slider.max) - Number(slider.min));
    const thumb = box.left + 9 + f * (box.width - 18);
    const line = document.querySelector('#overview .asof-line')!.getBoundingClientRect();
    return { thumb, line: line.left + line.width / 2 };
  });
  expect(Math.abs(geometry.thumb - geometry.line)).toBeLessThan(1.5);
  // Positions as of that day are those the API gives for it.
  const positions = (await api('/v1/positions?asOf=2024-12-31&clock=valid')).positions as any[];
  await expect.poll(() => page.locator('#positions tbody tr').count()).toBe(positions.length);
  await expect.poll(() => page.url()).toContain('asOf=2024-12-31');
  expect(errors).toEqual([]);
  await close();
});

it('zooms and pans with the brush (mouse and keyboard), and a reload keeps the window', async () => {
  const { page, close } = await openPage(browser, base);
  await page.click('#zoom-reset');
  const everything = await marks(page).count();
  // Drag across the first part of the overview: only the facts in that window stay on the timeline.
  const box = (await page.locator('#overview svg').boundingBox())!;
  await page.mouse.move(box.x + 16, box.y + 20);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width * 0.3, box.y + 20, { steps: 5 });
  await page.mouse.up();
  await expect.poll(() => page.url()).toMatch(/zoom=\d{4}-\d{2}-\d{2}\.\.\d{4}-\d{2}-\d{2}/);
  const zoomed = await marks(page).count();
  expect(zoomed).toBeLessThan(everything);
  const window = new URL(page.url()).searchParams.get('zoom');
  await page.reload();
  await page.waitForSelector('body[data-ready="true"]');
  expect(await marks(page).count()).toBe(zoomed);
  expect(new URL(page.url()).searchParams.get('zoom')).toBe(window);
  // With the keyboard: the brush takes focus; arrows pan, + zooms in.
  await page.focus('#overview .brush');
  await page.keyboard.press('+');
  await expect.poll(() => new URL(page.url()).searchParams.get('zoom')).not.toBe(window);
  const [lo, hi] = new URL(page.url()).searchParams
    .get('zoom')!
    .split('..')
    .map((d) => Date.parse(d));
  const [lo0, hi0] = window!.split('..').map((d) => Date.parse(d));
  expect(hi! - lo!).toBeLessThan(hi0! - lo0!);
  await page.keyboard.press('Escape');
  await expect.poll(() => marks(page).count()).toBe(everything);
  // Enter on a focused mark opens it: the timeline works without a mouse.
  await page.focus('#timeline circle.point');
  await page.keyboard.press('Enter');
  await page.waitForSelector('#provenance-body:not([hidden])');
  await close();
});

it(
  'search and filters narrow the timeline and the list; the URL holds them, so a ' + 'reload shows the same view',
  async () => {
    const { page, errors, close } = await openPage(browser, base);
    const total = await marks(page).count();
    // Side: claims, meetings and agreements in which Russia takes part.
    await loadsAfter(page, () => page.selectOption('#f-side', 'russia'));
    const bySide =
      (await all('/v1/claims?side=russia')).length +
      (await all('/v1/meetings?side=russia')).length +
      (await all('/v1/agreements?side=russia')).length;
    expect(await marks(page).count()).toBe(bySide);
    expect(bySide).toBeLessThan(total);
    // Search: words in a claim or its quote.
    await loadsAfter(page, () => page.fill('#f-q', 'truces'));
    const searched = await all('/v1/claims?side=russia&q=truces');
    expect(searched.length).toBeGreaterThan(0);
    expect(await marks(page).count()).toBe(searched.length);
    expect(await page.locator('#facts-list li').count()).toBe(searched.length);
    expect(page.url()).toContain('q=truces');
    expect(page.url()).toContain('side=russia');
    // A reload (or a shared link) comes back to the same view.
    await page.reload();
    await page.waitForSelector('body[data-ready="true"]');
    expect(await page.inputValue('#f-q')).toBe('truces');
    expect(await page.inputValue('#f-side')).toBe('russia');
    await expect.poll(() => marks(page).count()).toBe(searched.length);

    // Actor, stance, type and dates.
    await loadsAfter(page, () => page.click('#f-clear'));
    await loadsAfter(page, () => page.selectOption('#f-actor', 'zelensky'));
    expect(await marks(page).count()).toBe(
      (await all('/v1/claims?speaker=zelensky')).length +
        (await all('/v1/meetings')).filter((m) => m.proposer === 'zelensky').length,
    );
    await loadsAfter(page, () => page.click('#f-clear'));
    await loadsAfter(page, () => page.selectOption('#f-stance', 'demand'));
    expect(await marks(page).count()).toBe((await all('/v1/claims?stance=demand')).length);
    await loadsAfter(page, () => page.selectOption('#f-stance', ''));
    await loadsAfter(page, () => page.selectOption('#f-type', 'MeetingProposed'));
    expect(await marks(page).count()).toBe((await all('/v1/meetings')).length);
    expect(await page.locator('#timeline circle.point').count()).toBe(0);
    await loadsAfter(page, () => page.selectOption('#f-type', ''));
    await page.fill('#f-from', '2025-05-01');
    await loadsAfter(page, () => page.press('#f-from', 'Enter'));
    expect(page.url()).toContain('from=2025-05-01');
    const since =
      (await all('/v1/claims?from=2025-05-01')).length +
      (await all('/v1/meetings?from=2025-05-01')).length +
      (await all('/v1/agreements?from=2025-05-01')).length;
    expect(await marks(page).count()).toBe(since);
    // A date that is not one: a clear message, and the view stays as it was.
    await page.fill('#f-to', '2025-13-40');
    await page.press('#f-to', 'Enter');
    await expect.poll(() => page.textContent('#filter-message')).toMatch(/not a date/);
    expect(await marks(page).count()).toBe(since);
    expect(page.url()).not.toContain('to=');
    expect(errors).toEqual([]);
    await close();
  },
);

it('shows positions over time on a topic: a band per side from claim to claim, changes marked', async () => {
  const { page, close } = await openPage(browser, `${base}/?topic=territory`);
  const sides = ['russia', 'ukraine'];
  let bands = 0;
  let changes = 0;
  for (const side of sides) {
    const points = (await api(`/v1/sides/${side}/timeline?topic=territory`)).points as any[];
    // A claim replaced on its own day held for no time: it has a change mark but no band.
    bands += points.filter((p, i) => i === points.length - 1 || points[i + 1].validOn > p.validOn).length;
    changes += points.filter((p) => p.changed).length;
  }
  await expect.poll(() => page.locator('#bands rect.band').count()).toBe(bands);
  expect(await page.locator('#bands .change-mark').count()).toBe(changes);
  expect(await page.textContent('#bands-hint')).toMatch(/Russia: .*demand/);
  // A band opens the claim that set it.
  const first = page.locator('#bands rect.band').first();
  const id = await first.getAttribute('data-claim');
  await first.click();
  await expect.poll(() => page.getAttribute('#provenance-body', 'data-fact')).toBe(id);
  await close();
});

it(
  'pastes an article with no date set: the dateline dates it, an entered date ' +
    'wins, its facts are listed and appear live',
  async () => {
    const { page, errors, close } = await openPage(browser, base, DESKTOP);
    const before = await marks(page).count();
    await page.click('#tab-ingest');
    expect(await page.inputValue('#ingest-date')).toBe('');
    // The dateline: a line that is only a date.
    const text =
      'Zelensky calls for a ceasefire\n\nAugust 1, 2025\n\nKYIV — Ukrainian President Volodymyr ' +
      'Zelensky on Friday demanded a full ceasefire along the front line <img src=x ' +
      'onerror="window.__pwned=1">. ' +
      '"We are ready for a ceasefire at any moment," Zelensky said.\n\nThe Kremlin rejected the idea of a ceasefire <script>window.__pwned=2</script>, Dmitry Peskov said.';
    await page.fill('#ingest-text', text);
    await page.fill('#ingest-url', 'https://news.example/ceasefire');
    await page.click('#ingest button[type="submit"]');
    // No token yet: the page asks for it once.
    await page.waitForSelector('#token-dialog[open]');
    await page.fill('#td-token', env.token);
    await page.fill('#td-name', 'ana');
    await page.click('#td-save');
    await expect
      .poll(() => page.textContent('#ingest-result'), { timeout: 15_000 })
      .toMatch(/^Registered .* dated 2025-08-01/);
    await env.tracker.projector!.caughtUp();
    const added = (await all('/v1/claims?from=2025-07-25')).filter((c) => c.source.publishedAt === '2025-08-01');
    expect(added.length).toBeGreaterThan(0);
    await expect.poll(() => page.locator('#ingest-facts li a').count(), { timeout: 15_000 }).toBe(added.length);
    // Each found fact links to its review: the quote highlighted in the article, markup shown as text.
    await page.locator('#ingest-facts li a').first().click();
    await page.waitForSelector('#view-review:not([hidden]) #provenance-body:not([hidden])');
    const openedId = await page.getAttribute('#provenance-body', 'data-fact');
    const opened = added.find((c) => c.id === openedId)!;
    expect(await page.textContent('#pv-quote')).toBe(opened.quote);
    expect(await page.textContent('#pv-article')).toContain('<img src=x onerror=');
    expect(await page.locator('#pv-article img, #pv-article script').count()).toBe(0);
    expect(await page.evaluate(() => (window as any).__pwned)).toBeUndefined();
    // Live: the timeline has them, without a reload.
    await page.click('#tab-explore');
    await expect.poll(() => marks(page).count(), { timeout: 15_000 }).toBe(before + added.length);

    // An entered date wins over the dateline.
    await page.click('#tab-ingest');
    await page.fill(
      '#ingest-text',
      'Peskov repeats demands\n\nAugust 3, 2025\n\nMOSCOW — Kremlin spokesman Dmitry Peskov said ' +
        'Russia demanded that Ukraine withdraw from the regions it claims.',
    );
    await page.fill('#ingest-date', '2025-08-09');
    await page.click('#ingest button[type="submit"]');
    await expect.poll(() => page.textContent('#ingest-result'), { timeout: 15_000 }).toMatch(/dated 2025-08-09/);
    // A date that is not ISO is refused by the page: nothing is sent.
    const events = await eventCount();
    await page.fill('#ingest-text', 'Another text.');
    await page.fill('#ingest-date', '08/09/2025');
    await page.click('#ingest button[type="submit"]');
    await expect.poll(() => page.textContent('#ingest-result')).toMatch(/not a date.*YYYY-MM-DD/);
    expect(await eventCount()).toBe(events);
    expect(errors).toEqual([]);
    await close();
  },
);

it('keeps the token out of every URL, the live feed included', async () => {
  const { page, close } = await openPage(browser, base, DESKTOP, { token: env.token });
  const urls: string[] = [];
  page.on('request', (r) => urls.push(r.url()));
  await page.reload();
  await page.waitForSelector('body[data-ready="true"]');
  await page.waitForSelector('#live.on');
  expect(await page.textContent('#token-button')).toBe('Writing as ana');
  expect(urls.some((u) => u.includes('/v1/subscriptions'))).toBe(true);
  expect(urls.filter((u) => u.includes(env.token) || u.includes('access_token'))).toEqual([]);
  await close();
});

describe('acting on a fact from the page', () => {
  it(
    'withdraws: asks for the token first (a cancel changes nothing), then appends ' +
      'one withdrawal, shown in the provenance',
    async () => {
      const { page, errors, close } = await openPage(browser, `${base}/?side=ukraine&topic=territory`);
      const claim = (await all('/v1/claims?side=ukraine&topic=territory'))[0]!;
      await page.click(`#timeline [data-claim="${claim.id}"]`);
      await page.waitForSelector('#provenance-body:not([hidden])');
      const events = await eventCount();
      await page.click('#act-withdraw');
      await page.fill('#wf-reason', 'the speaker is someone else');
      await page.click('#withdraw-form button[type="submit"]');
      await page.waitForSelector('#token-dialog[open]');
      await page.click('#td-cancel');
      await expect.poll(() => page.textContent('#act-result')).toMatch(/needs a write token.*nothing was changed/);
      expect(await eventCount()).toBe(events);

      await page.click('#withdraw-form button[type="submit"]');
      await page.waitForSelector('#token-dialog[open]');
      await page.fill('#td-token', env.token);
      await page.fill('#td-name', 'ana');
      await loadsAfter(page, () => page.click('#td-save'));
      await expect.poll(() => page.textContent('#act-result')).toMatch(/^Withdrawn by ana/);
      expect(await eventCount()).toBe(events + 1);
      await env.tracker.projector!.caughtUp();
      expect((await api(`/v1/claims/${claim.id}`)).withdrawn).toMatchObject({
        by: 'ana',
        reason: 'the speaker is someone else',
      });
      await expect.poll(() => page.locator(`#timeline [data-claim="${claim.id}"]`).count()).toBe(0);
      // Its provenance says who withdrew it and why, in the panel and after a reload.
      await expect.poll(() => page.textContent('#pv-withdrawn')).toMatch(/by ana: the speaker is someone else/);
      expect(await page.isDisabled('#act-withdraw')).toBe(true);
      await page.goto(`${base}/?fact=${claim.id}`);
      await page.waitForSelector('#provenance-body:not([hidden])');
      await expect.poll(() => page.textContent('#pv-withdrawn')).toMatch(/by ana: the speaker is someone else/);
      expect(errors).toEqual([]);
      await close();
    },
  );

  it(
    'corrects a claim: the old one is withdrawn and the new one added in one write, ' + 'signed by the analyst',
    async () => {
      const { page, errors, close } = await openPage(browser, `${base}/?topic=negotiations`, DESKTOP, {
        token: env.token,
        analyst: 'bea',
      });
      const claim = (await all('/v1/claims?topic=negotiations&side=russia'))[0]!;
      await page.click(`#timeline [data-claim="${claim.id}"]`);
      await page.waitForSelector('#provenance-body:not([hidden])');
      const events = await eventCount();
      await page.click('#act-correct');
      await page.selectOption('#ff-stance', 'demand');
      await page.fill('#ff-date', '2024-03-04');
      await loadsAfter(page, () => page.click('#ff-submit'));
      await expect.poll(() => page.textContent('#act-result')).toMatch(/^Corrected by bea/);
      // A correction is a withdrawal and a claim, appended together.
      expect(await eventCount()).toBe(events + 2);
      await env.tracker.projector!.caughtUp();
      const now = await all('/v1/claims?topic=negotiations');
      expect(now.map((c) => c.id)).not.toContain(claim.id);
      const corrected = now.find((c) => c.quote === claim.quote)!;
      expect(corrected).toMatchObject({
        stance: 'demand',
        madeOn: '2024-03-04',
        extractor: { name: 'analyst', version: 'bea' },
      });
      // The panel now shows the new claim, and who entered it.
      await expect.poll(() => page.getAttribute('#provenance-body', 'data-fact')).toBe(corrected.id);
      expect(await page.textContent('#pv-by')).toMatch(/entered by bea \(token test-writer\)/);
      expect(errors).toEqual([]);
      await close();
    },
  );

  it(
    'adds a fact the extractor missed from selected words; an empty selection or a ' + 'stale span changes nothing',
    async () => {
      const { page, errors, close } = await openPage(browser, base, DESKTOP, { token: env.token, analyst: 'cai' });
      const claim = (await all('/v1/claims?speaker=peskov&topic=ceasefire'))[0]!;
      const text = (await api(`/v1/sources/${claim.source.documentId}`)).text as string;
      const words = 'collect their wounded and dead';
      const start = text.indexOf(words);
      expect(start).toBeGreaterThanOrEqual(0);
      await page.click(`#timeline [data-claim="${claim.id}"]`);
      await page.waitForSelector('#provenance-body:not([hidden])');
      const events = await eventCount();

      // Nothing selected: a message, no form, no write.
      await page.evaluate(() => document.getSelection()!.removeAllRanges());
      await page.click('#act-add');
      await expect.poll(() => page.textContent('#act-result')).toMatch(/nothing is selected/);
      expect(await page.isHidden('#fact-form')).toBe(true);

      // Words selected: the page computes their span in the stored text.
      await selectInArticle(page, start, start + words.length);
      await page.click('#act-add');
      await page.waitForSelector('#fact-form:not([hidden])');
      expect(await page.inputValue('#ff-start')).toBe(String(start));
      expect(await page.inputValue('#ff-end')).toBe(String(start + words.length));
      expect(await page.textContent('#ff-quote')).toBe(words);
      await page.selectOption('#ff-side', 'russia');
      await page.selectOption('#ff-topic', 'ceasefire');
      await page.selectOption('#ff-stance', 'offer');

      // A stale span (it no longer points at the selected words): a clear message, nothing stored.
      await page.fill('#ff-start', String(start + 3));
      await page.click('#ff-submit');
      await expect.poll(() => page.textContent('#act-result')).toMatch(/^Stale span.*Nothing was saved/);
      expect(await eventCount()).toBe(events);

      await page.fill('#ff-start', String(start));
      await loadsAfter(page, () => page.click('#ff-submit'));
      await expect.poll(() => page.textContent('#act-result')).toMatch(/^Added by cai/);
      expect(await eventCount()).toBe(events + 1);
      await env.tracker.projector!.caughtUp();
      const added = (await all('/v1/claims?side=russia&topic=ceasefire&stance=offer')).find((c) => c.quote === words)!;
      expect(added).toMatchObject({
        span: { start, end: start + words.length },
        extractor: { name: 'analyst', version: 'cai' },
      });
      await expect.poll(() => page.locator(`#timeline [data-claim="${added.id}"]`).count()).toBe(1);
      await expect.poll(() => page.textContent('#pv-quote')).toBe(words);
      expect(await page.textContent('#pv-by')).toMatch(/entered by cai/);
      expect(errors).toEqual([]);
      await close();
    },
  );
});

it(
  'keeps text readable: every stance chip, hint, label and button has a contrast ' + 'of at least 4.5:1 (WCAG AA)',
  async () => {
    const { page, close } = await openPage(browser, `${base}/?topic=territory`);
    await expect.poll(() => page.locator('#positions .chip').count()).toBeGreaterThan(0);
    const low = await page.evaluate(() => {
      const rgb = (c: string) => (c.match(/[\d.]+/g) ?? []).map(Number);
      const luminance = ([r, g, b]: number[]) => {
        const f = (v: number) => (v / 255 <= 0.03928 ? v / 255 / 12.92 : ((v / 255 + 0.055) / 1.055) ** 2.4);
        return 0.2126 * f(r!) + 0.7152 * f(g!) + 0.0722 * f(b!);
      };
      const ratio = (a: number[], b: number[]) => {
        const [x, y] = [luminance(a), luminance(b)].sort((p, q) => q - p);
        return (x! + 0.05) / (y! + 0.05);
      };
      // The first opaque background behind an element (the page's own, at the top).
      const background = (el: Element | null): number[] => {
        for (; el; el = el.parentElement) {
          const c = rgb(getComputedStyle(el).backgroundColor);
          if (c.length === 3 || (c.length === 4 && c[3]! > 0.9)) return c.slice(0, 3);
        }
        return [255, 255, 255];
      };
      const checks: [string, number[], number[]][] = [];
      for (const el of document.querySelectorAll(
        '.chip, .hint, .summary, .who, .quote, button, .tabs [role="tab"], .live, label',
      )) {
        if (!(el as HTMLElement).offsetParent) continue;
        checks.push([
          `${el.tagName.toLowerCase()}.${el.className} “${el.textContent!.trim().slice(0, 20)}”`,
          rgb(getComputedStyle(el).color).slice(0, 3),
          background(el),
        ]);
      }
      // SVG text: its fill on the lane (or white) behind it; a band's label on the band's stance colour.
      for (const el of document.querySelectorAll('#timeline .lane-label, #timeline .tick-label'))
        checks.push([`svg ${el.textContent}`, rgb(getComputedStyle(el).fill), [238, 242, 245]]);
      for (const el of document.querySelectorAll('#bands .band-label')) {
        const band = el.previousElementSibling!;
        checks.push([`band ${el.textContent}`, rgb(getComputedStyle(el).fill), rgb(getComputedStyle(band).fill)]);
      }
      return {
        checked: checks.length,
        low: checks
          .map(([what, fg, bg]) => [what, Math.round(ratio(fg, bg) * 10) / 10] as const)
          .filter(([, r]) => r < 4.5),
      };
    });
    expect(low.checked).toBeGreaterThan(40);
    expect(low.low).toEqual([]);
    await close();
  },
);
