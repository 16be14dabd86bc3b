import { readFileSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { csvRows } from '../../../tests/support/csv.ts';
import { startTestTracker } from '../../../tests/support/tracker.ts';
import { launchBrowser, loadsAfter, marks, openPage } from './page-support.ts';
import { getJson, ingest, sampleArticles } from './support.ts';

/**
 * The page over the workbench's routes: full-text search, export, the review queue with
 * confirmations, and corroboration (one fact, many sources).
 */
const env = await startTestTracker();
const base = env.tracker.url;

let browser: Browser;
const eventCount = () => env.tdb.eventCount();
const all = async (path: string) => {
  const items: any[] = [];
  let cursor: string | null = null;
  do {
    const page = (
      await getJson(
        base,
        `${path}${path.includes('?') ? '&' : '?'}limit=500${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
        env.auth,
      )
    ).json;
    items.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  return items;
};

beforeAll(async () => {
  for (const a of sampleArticles()) await ingest(env.writer, a);
  await env.tracker.projector!.caughtUp();
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await env.stop();
});

describe('search', () => {
  it('a search over claims and article text narrows the timeline and the list to what the API finds', async () => {
    const { page, errors, close } = await openPage(browser, base);
    const before = await marks(page).count();
    await loadsAfter(page, () => page.fill('#f-q', 'truces'));
    const found = await all('/v1/search?q=truces');
    expect(found.length).toBeGreaterThan(0);
    expect(found.length).toBeLessThan(before);
    expect(await marks(page).count()).toBe(found.length);
    expect(await page.locator('#facts-list li').count()).toBe(found.length);
    expect(page.url()).toContain('q=truces');
    expect(errors).toEqual([]);
    await close();
  });
});

describe('export', () => {
  it('downloads CSV with the current filters, its rows the claims the API lists, in the same order', async () => {
    const { page, errors, close } = await openPage(browser, `${base}/?side=russia`);
    await page.selectOption('#export-dataset', 'claims');
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('#export-csv')]);
    expect(download.suggestedFilename()).toBe('claims.csv');
    const rows = csvRows(readFileSync((await download.path())!, 'utf8'));
    const [header, ...data] = rows;
    expect(header).toEqual(
      expect.arrayContaining(['id', 'side', 'topic', 'stance', 'quote', 'url', 'spanStart', 'spanEnd', 'sources']),
    );
    const claims = await all('/v1/claims?side=russia');
    expect(claims.length).toBeGreaterThan(0);
    const id = header!.indexOf('id');
    const side = header!.indexOf('side');
    expect(data.map((r) => r[id])).toEqual(claims.map((c) => c.id));
    expect(new Set(data.map((r) => r[side]))).toEqual(new Set(['russia']));
    await expect.poll(() => page.textContent('#export-message')).toMatch(/^Downloaded claims\.csv/);
    expect(errors).toEqual([]);
    await close();
  });
});

describe('review', () => {
  it(
    'lists what needs a look with its reasons; confirming one appends one event, ' +
      'signed, and takes it off the list',
    async () => {
      const queue = (await getJson(base, '/v1/review?limit=100', env.auth)).json.items as any[];
      expect(queue.length).toBeGreaterThan(0);
      const { page, errors, close } = await openPage(browser, `${base}/?view=review`, undefined, {
        token: env.token,
        analyst: 'ana',
      });
      await expect.poll(() => page.locator('#review-list > li').count()).toBe(queue.length);
      // A claim, so that its provenance (claims have one) shows the confirmation and can undo it.
      const first = queue.find((i) => i.type === 'ClaimMade') ?? queue[0]!;
      expect(first.type).toBe('ClaimMade');
      const item = page.locator(`#review-list > li[data-fact="${first.factId}"]`);
      expect(await item.locator('.reasons li').count()).toBe(first.reasons.length);
      await item.locator('button').click();
      await page.waitForSelector('#provenance-body:not([hidden])');
      expect(await page.textContent('#pv-quote')).toBe(first.fact.quote);
      const events = await eventCount();
      await loadsAfter(page, () => page.click('#act-confirm'));
      await expect.poll(() => page.textContent('#act-result')).toMatch(/^Confirmed by ana/);
      expect(await eventCount()).toBe(events + 1);
      await env.tracker.projector!.caughtUp();
      const after = (await getJson(base, '/v1/review?limit=100', env.auth)).json.items as any[];
      expect(after.map((i) => i.factId)).not.toContain(first.factId);
      await page.click('#tab-explore');
      await page.click('#tab-review');
      await expect.poll(() => page.locator(`#review-list > li[data-fact="${first.factId}"]`).count()).toBe(0);
      // The provenance says who confirmed it; undoing it is one more event (a withdrawal of the confirmation).
      if (first.type === 'ClaimMade') {
        await page.goto(`${base}/?view=review&fact=${first.factId}`);
        await page.waitForSelector('#provenance-body:not([hidden])');
        await expect.poll(() => page.textContent('#pv-confirmed')).toMatch(/ by test-writer|by ana/);
        await page.click('#act-unconfirm');
        await expect.poll(() => page.textContent('#act-result')).toMatch(/^Confirmation undone by ana/);
        expect(await eventCount()).toBe(events + 2);
        await expect.poll(() => page.textContent('#pv-confirmed')).toMatch(/withdrawn by/);
        expect(await page.isHidden('#act-unconfirm')).toBe(true);
      }
      expect(errors).toEqual([]);
      await close();
    },
  );
});

it('a near-copy of an article adds a source, not a fact: the position shows two sources', async () => {
  const story = [
    'Kremlin repeats its terms',
    'August 20, 2025',
    'MOSCOW — Kremlin spokesman Dmitry Peskov said on Wednesday that Russia demanded that ' +
      'Ukraine withdraw its troops from four regions before any ceasefire.',
    'The statement came a day after envoys met in Istanbul for a third round of talks that ' +
      'ended without a date for the next one.',
    'Officials in Kyiv did not comment on the remarks, which repeat terms Moscow set out in the summer.',
  ].join('\n\n');
  await ingest(env.writer, { text: story, url: 'https://wire.example/a' });
  await env.tracker.projector!.caughtUp();
  const { page, close } = await openPage(browser, `${base}/?topic=territory&side=russia`);
  const before = await marks(page).count();
  // The same wire story, reposted with a header and a footer of its own.
  await ingest(env.writer, {
    text: `Reposted from the wire\n\n${story}\n\nFollow us for more news from the region.`,
    url: 'https://repost.example/b',
  });
  await env.tracker.projector!.caughtUp();
  await page.reload();
  await page.waitForSelector('body[data-ready="true"]');
  // One mark for the fact, saying it has two sources; the position says so too.
  expect(await marks(page).count()).toBe(before);
  const mark = page.locator('#timeline circle.point').last();
  await mark.focus();
  await expect.poll(() => page.textContent('#tip')).toContain('2 sources');
  await expect.poll(() => page.locator('#positions tbody .badge').allTextContents()).toContain('2 sources');
  expect(await page.locator('#facts-list .badge').allTextContents()).toContain('2 sources');
  await close();
});
