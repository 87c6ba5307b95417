// The quick exit leaves for a neutral site at once: without JavaScript it is a plain link;
// with JavaScript a click replaces the history entry (Back never returns to withme's page)
// and pressing Escape three times leaves too.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { QUICK_EXIT_URL } from '../src/platform/layout.ts';
import { JOURNEY_TIMEOUT, newContext, NEUTRAL_ORIGIN, skipReason } from './support/browser.ts';
import { useBrowserServer } from './support/harness.ts';
import { isFocused, Layout } from './support/pages.ts';

// Runs inside the page (this project's TypeScript has no DOM library).
declare const history: { length: number };

/** Every URL reachable with Back from where the page is now. */
async function historyBehind(page: Page): Promise<string[]> {
  const urls: string[] = [];
  for (let i = 0; i < 10; i += 1) {
    const response = await page.goBack({ waitUntil: 'load' }).catch(() => null);
    if (!response && urls.at(-1) === page.url()) break;
    if (urls.at(-1) === page.url()) break;
    urls.push(page.url());
  }
  return urls;
}

void describe('The quick exit', { skip: skipReason() }, () => {
  const suite = useBrowserServer();

  void test('goes to a neutral site, not this service', () => {
    assert.ok(QUICK_EXIT_URL.startsWith(`${NEUTRAL_ORIGIN}/`), QUICK_EXIT_URL);
  });

  void test('is a plain link that works without JavaScript, reached by the keyboard straight after the skip link', { timeout: JOURNEY_TIMEOUT }, async () => {
    const context = await newContext(suite.browser, suite.server.url, { javaScriptEnabled: false });
    try {
      const page = await context.newPage();
      await page.goto('/privacy');
      const exit = new Layout(page).quickExit();
      assert.equal(await exit.getAttribute('href'), QUICK_EXIT_URL);
      await page.keyboard.press('Tab'); // the skip link
      await page.keyboard.press('Tab');
      assert.ok(await isFocused(exit), 'the second Tab press reaches the quick exit');
      await Promise.all([page.waitForURL(`${NEUTRAL_ORIGIN}/**`), page.keyboard.press('Enter')]);
      assert.equal(page.url(), QUICK_EXIT_URL);
      assert.equal(await page.getByRole('heading', { level: 1 }).innerText(), 'Weather forecast');
    } finally {
      await context.close();
    }
  });

  void test('with JavaScript, a click leaves and replaces the history entry, so Back does not return to the page', { timeout: JOURNEY_TIMEOUT }, async () => {
    const context = await newContext(suite.browser, suite.server.url);
    try {
      const page = await context.newPage();
      await page.goto('/');
      await page.goto('/privacy');
      const lengthBefore = await page.evaluate(() => history.length);
      await Promise.all([page.waitForURL(`${NEUTRAL_ORIGIN}/**`), new Layout(page).quickExit().click()]);
      assert.equal(page.url(), QUICK_EXIT_URL);
      assert.equal(await page.evaluate(() => history.length), lengthBefore, 'the history did not grow: the page was replaced');
      const behind = await historyBehind(page);
      assert.ok(!behind.some((url) => url.includes('/privacy')), `Back never shows the page the person left: ${behind.join(', ')}`);
    } finally {
      await context.close();
    }
  });

  void test('with JavaScript, pressing Escape three times leaves', { timeout: JOURNEY_TIMEOUT }, async () => {
    const context = await newContext(suite.browser, suite.server.url);
    try {
      const page = await context.newPage();
      await page.goto('/accessibility');
      const lengthBefore = await page.evaluate(() => history.length);
      await page.keyboard.press('Escape');
      await page.keyboard.press('Escape');
      assert.equal(new URL(page.url()).pathname, '/accessibility', 'twice is not enough (a single Escape closes menus)');
      await Promise.all([page.waitForURL(`${NEUTRAL_ORIGIN}/**`), page.keyboard.press('Escape')]);
      assert.equal(page.url(), QUICK_EXIT_URL);
      assert.equal(await page.evaluate(() => history.length), lengthBefore, 'the page was replaced, not added to');
      const behind = await historyBehind(page);
      assert.ok(!behind.some((url) => url.includes('/accessibility')), `Back never shows the page the person left: ${behind.join(', ')}`);
    } finally {
      await context.close();
    }
  });
});
