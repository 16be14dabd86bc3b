import { existsSync } from 'node:fs';
import { type Browser, chromium } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startTestTracker } from '../../../tests/support/tracker.ts';
import { getJson, ingest, sampleArticles } from './support.ts';

/**
 * The web page in a real browser: Debian's Chromium, headless, driven by
 * playwright-core (which never downloads a browser of its own).
 */
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

let env: Awaited<ReturnType<typeof startTestTracker>>;
let browser: Browser;

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`the browser test needs Chromium at ${CHROMIUM}: install it with "apt-get install -y chromium" (.ci/run does), or set CHROMIUM_PATH`);
  }
  env = await startTestTracker();
  for (const a of sampleArticles()) await ingest(env.writer, a);
  await env.tracker.projector!.caughtUp();
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
});
afterAll(async () => {
  await browser?.close();
  await env?.stop();
});

it('shows lanes per side, opens a provenance view, and shows a pasted article’s claims live, escaped', async () => {
  const base = env.tracker.url;
  const page = await browser.newPage({ viewport: { width: 1280, height: 1400 } });
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(base);
  await page.waitForSelector('body[data-ready="true"]');
  await page.waitForSelector('#live.on');

  // Lanes: one per side with claims on the chosen topic, one point per claim.
  await page.selectOption('#topic', 'territory');
  const claims = (await getJson(base, '/v1/claims?topic=territory&limit=500')).json.items as any[];
  const sides = new Set(claims.map((c) => c.side));
  await expect.poll(() => page.locator('svg.lanes circle.point').count()).toBe(claims.length);
  expect(await page.locator('svg.lanes text.lane-label').count()).toBe(sides.size);
  // The positions table is filled by its own request, after the lanes: wait for it too.
  await expect.poll(() => page.locator('#positions tbody tr').count(), { timeout: 10_000 }).toBeGreaterThan(0);

  // A point opens its quote highlighted inside the article, with its provenance.
  const claim = claims.find((c) => c.side === 'russia') ?? claims[0];
  await page.locator(`circle[data-claim="${claim.id}"]`).click();
  await page.waitForSelector('#provenance-body:not([hidden])');
  expect(await page.textContent('#pv-quote')).toBe(claim.quote);
  expect(await page.textContent('#pv-verified')).toMatch(/Verified/);
  expect(await page.textContent('#pv-hash')).toBe(claim.source.documentId);
  await page.screenshot({ path: process.env.WEB_SCREENSHOT ?? '/tmp/claims-web.png', fullPage: true });

  // The slider moves the "as of" day, within the days the samples span.
  await page.locator('#asof').evaluate((el: HTMLInputElement, day: number) => {
    el.value = String(day);
    el.dispatchEvent(new Event('input', { bubbles: true }));
  }, Math.floor(Date.parse('2024-12-31T00:00:00Z') / 86_400_000));
  await expect.poll(() => page.textContent('#positions-day')).toBe('2024-12-31');

  // Paste an article carrying markup: its claims appear without a reload, its markup never runs.
  await page.selectOption('#topic', 'ceasefire');
  const before = await page.locator('svg.lanes circle.point').count();
  const text =
    'KYIV, August 2 (Example) - Ukrainian President Volodymyr Zelensky on Friday demanded a full ceasefire along the front line <img src=x onerror="window.__pwned=1">. ' +
    '"We are ready for a ceasefire at any moment," Zelensky said.\n\nThe Kremlin rejected the idea of a ceasefire <script>window.__pwned=2</script>, Dmitry Peskov said.';
  await page.fill('#ingest-text', text);
  await page.fill('#ingest-date', '2025-08-02');
  await page.fill('#ingest-url', 'https://news.example/ceasefire');
  await page.fill('#ingest-token', env.token);
  await page.click('#ingest button[type="submit"]');
  await expect.poll(() => page.textContent('#ingest-result'), { timeout: 15_000 }).toMatch(/^Registered/);
  await expect.poll(() => page.locator('svg.lanes circle.point').count(), { timeout: 15_000 }).toBeGreaterThan(before);

  const added = (await getJson(base, '/v1/claims?topic=ceasefire&from=2025-08-02&limit=50')).json.items as any[];
  expect(added.length).toBeGreaterThan(0);
  await page.locator(`circle[data-claim="${added[0].id}"]`).click();
  await expect.poll(() => page.textContent('#pv-quote')).toBe(added[0].quote);
  expect(await page.textContent('#pv-article')).toContain('<img src=x onerror=');
  expect(await page.locator('#pv-article img, #pv-article script').count()).toBe(0);
  expect(await page.evaluate(() => (window as any).__pwned)).toBeUndefined();
  expect(errors).toEqual([]);
  await page.close();
});

it('keeps the token out of every URL, the live feed included, once the page has one', async () => {
  const page = await browser.newPage();
  const urls: string[] = [];
  page.on('request', (r) => urls.push(r.url()));
  await page.goto(env.tracker.url);
  await page.waitForSelector('body[data-ready="true"]');
  await page.fill('#ingest-token', env.token);
  // With the token stored, the page loads again: its reads and its live feed carry it.
  await page.reload();
  await page.waitForSelector('body[data-ready="true"]');
  await page.waitForSelector('#live.on');
  expect(urls.some((u) => u.includes('/v1/subscriptions'))).toBe(true);
  expect(urls.filter((u) => u.includes(env.token) || u.includes('access_token'))).toEqual([]);
  await page.close();
});
