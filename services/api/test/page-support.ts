import { existsSync } from 'node:fs';
import { type Browser, chromium, type Page } from 'playwright-core';
import { expect } from 'vitest';

/**
 * The page's browser tests share this: Debian's Chromium, headless, driven by playwright-core
 * (which never downloads a browser of its own), and a few steps every test takes.
 */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const DESKTOP = { width: 1440, height: 900 };
export const PHONE = { width: 390, height: 844 };

export async function launchBrowser(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `the browser test needs Chromium at ${CHROMIUM}: install it with "apt-get install -y ` +
        `chromium" (.ci/run does), or set CHROMIUM_PATH`,
    );
  }
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/** A page in a fresh browser context (its own localStorage), loaded and following the live feed. */
export async function openPage(
  browser: Browser,
  url: string,
  viewport = DESKTOP,
  init?: { token?: string; analyst?: string },
) {
  const context = await browser.newContext({ viewport, acceptDownloads: true });
  if (init?.token) {
    await context.addInitScript(
      ([token, analyst]) => {
        localStorage.setItem('claims-token', token!);
        localStorage.setItem('claims-analyst', analyst!);
      },
      [init.token, init.analyst ?? 'ana'],
    );
  }
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(url);
  await ready(page);
  return { page, errors, close: () => context.close() };
}

export async function ready(page: Page) {
  await page.waitForSelector('body[data-ready="true"]');
  await page.waitForSelector('#live.on');
}

/** The marks on the timeline: claims, meetings and agreements. */
export const marks = (page: Page) => page.locator('#timeline .point');

/** Waits for the next data load after an action (body[data-loads] counts them). */
export async function loadsAfter(page: Page, action: () => Promise<unknown>) {
  const before = Number(await page.getAttribute('body', 'data-loads'));
  await action();
  await expect
    .poll(async () => Number(await page.getAttribute('body', 'data-loads')), { timeout: 15_000 })
    .toBeGreaterThan(before);
}

/** Selects characters [start, end) of the article shown in the fact panel, as a reader's drag would. */
export async function selectInArticle(page: Page, start: number, end: number) {
  await page.evaluate(
    ([s, e]) => {
      const article = document.getElementById('pv-article')!;
      const walker = document.createTreeWalker(article, NodeFilter.SHOW_TEXT);
      const range = document.createRange();
      let at = 0;
      let started = false;
      for (let node = walker.nextNode() as Text | null; node; node = walker.nextNode() as Text | null) {
        const len = node.length;
        if (!started && s! <= at + len) {
          range.setStart(node, s! - at);
          started = true;
        }
        if (started && e! <= at + len) {
          range.setEnd(node, e! - at);
          break;
        }
        at += len;
      }
      const selection = document.getSelection()!;
      selection.removeAllRanges();
      selection.addRange(range);
    },
    [start, end],
  );
}

/** The document is no wider than the viewport: nothing scrolls sideways. */
export const horizontalOverflow = (page: Page) =>
  page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
