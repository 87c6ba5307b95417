// The quick exit, tried as a person in danger at home would: it leaves for a neutral site at
// once, and it signs them out on the server first, so Back, or withme opened again in a new tab,
// shows the sign-in page and nothing they were reading. Without JavaScript it is a plain link;
// with JavaScript a click replaces the history entry, and Shift or Escape pressed three times
// leaves too. The bar it sits in never hides what a link jumps to.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { BrowserContext, Page } from 'playwright-core';
import { DEMO_ACCOUNTS } from '../src/demo/seed.ts';
import { QUICK_EXIT_PATH, QUICK_EXIT_URL } from '../src/platform/layout.ts';
import { JOURNEY_TIMEOUT, newContext, NEUTRAL_ORIGIN, skipReason } from './support/browser.ts';
import { useBrowserServer } from './support/harness.ts';
import { isFocused, Layout, SignInPage } from './support/pages.ts';

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

  /** A browser signed in as the demo person, on their record. */
  async function signedInPerson(javaScriptEnabled: boolean): Promise<{ context: BrowserContext; page: Page }> {
    const context = await newContext(suite.browser, suite.server.url, { javaScriptEnabled });
    const page = await context.newPage();
    assert.equal(await new SignInPage(page).signInByKeyboard(DEMO_ACCOUNTS.person.email, suite.server.password), 303);
    await page.goto('/me/record');
    await page.goto('/me');
    assert.equal(await page.getByRole('heading', { level: 1 }).innerText(), 'About me');
    return { context, page };
  }

  void test('goes to a neutral site, not this service, through /exit', () => {
    assert.ok(QUICK_EXIT_URL.startsWith(`${NEUTRAL_ORIGIN}/`), QUICK_EXIT_URL);
    assert.equal(QUICK_EXIT_PATH, '/exit');
  });

  void test('is a plain link that works without JavaScript, reached by the keyboard straight after the skip link', { timeout: JOURNEY_TIMEOUT }, async () => {
    const context = await newContext(suite.browser, suite.server.url, { javaScriptEnabled: false });
    try {
      const page = await context.newPage();
      await page.goto('/privacy');
      const exit = new Layout(page).quickExit();
      assert.equal(await exit.getAttribute('href'), QUICK_EXIT_PATH);
      await page.keyboard.press('Tab'); // the skip link
      await page.keyboard.press('Tab');
      assert.ok(await isFocused(exit), 'the second Tab press reaches the quick exit');
      await page.keyboard.press('Tab');
      assert.ok(await isFocused(new Layout(page).getHelpNow()), 'the third reaches "Get help now"');
      await page.keyboard.press('Shift+Tab');
      await Promise.all([page.waitForURL(`${NEUTRAL_ORIGIN}/**`), page.keyboard.press('Enter')]);
      assert.equal(page.url(), QUICK_EXIT_URL);
      assert.equal(await page.getByRole('heading', { level: 1 }).innerText(), 'Weather forecast');
    } finally {
      await context.close();
    }
  });

  for (const javaScript of [false, true]) {
    void test(`signed in, ${javaScript ? 'with' : 'without'} JavaScript: after the quick exit, Back and a new tab show the sign-in page`, { timeout: JOURNEY_TIMEOUT }, async () => {
      const { context, page } = await signedInPerson(javaScript);
      try {
        await Promise.all([page.waitForURL(`${NEUTRAL_ORIGIN}/**`), new Layout(page).quickExit().click()]);
        assert.equal(page.url(), QUICK_EXIT_URL);
        // Back, step by step: every withme page the history still holds asks them to sign in.
        const seen: string[] = [];
        for (let i = 0; i < 8; i += 1) {
          const before = page.url();
          await page.goBack({ waitUntil: 'load' }).catch(() => null);
          if (page.url() === before) break;
          seen.push(page.url());
          if (new URL(page.url()).origin !== new URL(suite.server.url).origin) continue;
          assert.match(new URL(page.url()).pathname, /^\/($|sign-in)/, `Back reaches ${page.url()}: the sign-in page, never a signed-in one`);
          assert.notEqual(await page.getByRole('heading', { level: 1 }).innerText(), 'About me');
        }
        assert.ok(seen.some((url) => new URL(url).pathname === '/sign-in'), `going Back lands on the sign-in page: ${seen.join(', ')}`);
        // A new tab on /me: the sign-in page.
        const tab = await context.newPage();
        await tab.goto('/me');
        assert.equal(new URL(tab.url()).pathname, '/sign-in');
        assert.equal(await tab.getByRole('heading', { level: 1 }).innerText(), 'Sign in');
      } finally {
        await context.close();
      }
    });
  }

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

  for (const key of ['Escape', 'Shift'] as const) {
    void test(`with JavaScript, pressing ${key} three times leaves`, { timeout: JOURNEY_TIMEOUT }, async () => {
      const context = await newContext(suite.browser, suite.server.url);
      try {
        const page = await context.newPage();
        await page.goto('/accessibility');
        const lengthBefore = await page.evaluate(() => history.length);
        await page.keyboard.press(key);
        await page.keyboard.press(key);
        assert.equal(new URL(page.url()).pathname, '/accessibility', 'twice is not enough (a single Escape closes menus, Shift starts capitals)');
        await Promise.all([page.waitForURL(`${NEUTRAL_ORIGIN}/**`), page.keyboard.press(key)]);
        assert.equal(page.url(), QUICK_EXIT_URL);
        assert.equal(await page.evaluate(() => history.length), lengthBefore, 'the page was replaced, not added to');
        const behind = await historyBehind(page);
        assert.ok(!behind.some((url) => url.includes('/accessibility')), `Back never shows the page the person left: ${behind.join(', ')}`);
      } finally {
        await context.close();
      }
    });
  }

  void test('on a phone, the bar stays at the top without hiding the question an error links to, or the help "Get help now" jumps to', { timeout: JOURNEY_TIMEOUT }, async () => {
    const context = await newContext(suite.browser, suite.server.url, { viewport: { width: 375, height: 667 } });
    try {
      const page = await context.newPage();
      await page.goto('/feedback');
      await page.getByRole('button', { name: /send/i }).click();
      await page.waitForLoadState('load');
      const bar = await page.locator('.app-safety-bar').boundingBox();
      assert.ok(bar && bar.height <= 64, `the bar is slim on a phone (${bar?.height} px)`);
      const firstError = page.locator('.nhsuk-error-summary__list a').first();
      const target = String(await firstError.getAttribute('href'));
      await firstError.click();
      const field = await page.locator(target).boundingBox();
      const barNow = await page.locator('.app-safety-bar').boundingBox();
      assert.ok(field && barNow, 'the field and the bar are on screen');
      assert.ok(barNow.y + barNow.height <= field.y + 1, `the question (${target}, top ${field.y}) is not under the bar (bottom ${barNow.y + barNow.height})`);

      await new Layout(page).getHelpNow().click();
      const heading = await page.getByRole('heading', { name: 'Need help now?' }).boundingBox();
      const barAfter = await page.locator('.app-safety-bar').boundingBox();
      assert.ok(heading && barAfter && barAfter.y + barAfter.height <= heading.y + 1, 'the crisis help is in view, below the bar');
    } finally {
      await context.close();
    }
  });
});
