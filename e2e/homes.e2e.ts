// Each role's home page after signing in (the demo accounts), "Your data" as a person reads it at
// 375 px, the letter waiting for review set out as a letter, and print styles: printing leaves
// out the quick exit, the navigation and the forms on every page. Screenshots at 1280 and 375 px
// go to HOME_SCREENSHOTS when it is set.
import assert from 'node:assert/strict';
import path from 'node:path';
import { describe, test } from 'node:test';
import type { BrowserContext, Page } from 'playwright-core';
import { axeViolations } from './support/axe.ts';
import { JOURNEY_TIMEOUT, newContext, skipReason } from './support/browser.ts';
import { useBrowserServer } from './support/harness.ts';
import { demoAccount, SignInPage } from './support/pages.ts';
import type { DemoRole } from './support/server.ts';

const squash = (s: string) => s.replace(/\s+/g, ' ').trim();

async function signedIn(context: BrowserContext, role: DemoRole, password: string): Promise<Page> {
  const page = await context.newPage();
  const signIn = new SignInPage(page);
  await signIn.signIn(demoAccount(role).email, password);
  return page;
}

async function shot(page: Page, name: string): Promise<void> {
  const dir = process.env.HOME_SCREENSHOTS;
  if (dir) await page.screenshot({ path: path.join(dir, `${name}.png`), fullPage: true });
}

const scrollsSideways = (page: Page) => page.evaluate<boolean>('document.documentElement.scrollWidth > document.documentElement.clientWidth');

void describe('Home pages, your data, letters', { skip: skipReason() }, () => {
  const suite = useBrowserServer();

  void test('each role lands on what waits for them', { timeout: JOURNEY_TIMEOUT }, async () => {
    const expected: Array<[DemoRole, RegExp]> = [
      ['person', /A letter is waiting for you to review: “Letter to GP about shared care”/],
      ['practitioner', /asked for a correction to answer/],
      ['group', /Your home page/],
      ['lead', /Accounts and invitations/],
    ];
    for (const [role, words] of expected) {
      const context = await newContext(suite.browser, suite.server.url);
      try {
        const page = await signedIn(context, role, suite.server.password);
        assert.equal(new URL(page.url()).pathname, '/', `${role} lands on the home page`);
        const main = squash(await page.getByRole('main').innerText());
        assert.match(main, words, `${role}'s home page: ${main}`);
        assert.deepEqual(await axeViolations(page), [], `axe on ${role}'s home page`);
        await shot(page, `home-${role}-1280`);
        // As a phone opens it: the header's script lays out its menu for the width it loads at
        // (and only later on a resize), so the page is loaded again at 375 px.
        await page.setViewportSize({ width: 375, height: 800 });
        await page.reload();
        await shot(page, `home-${role}-375`);
        assert.equal(await scrollsSideways(page), false, `${role}'s home page fits 375 px`);
      } finally {
        await context.close();
      }
    }
  });

  void test('"Your data" reads as sentences at 375 px, and the complete copy is one link away', { timeout: JOURNEY_TIMEOUT }, async () => {
    const context = await newContext(suite.browser, suite.server.url);
    try {
      const page = await signedIn(context, 'person', suite.server.password);
      await page.setViewportSize({ width: 375, height: 800 });
      await page.goto(`${suite.server.url}/me/download`);
      const main = squash(await page.getByRole('main').innerText());
      assert.match(main, /What we hold about you/);
      assert.match(main, /Who looked at your record, and why/);
      assert.doesNotMatch(main, /\d{4}-\d{2}-\d{2}T|[0-9a-f]{8}-[0-9a-f]{4}-|\["|\b[a-z]+_[a-z_]+\b/);
      assert.equal(await page.getByRole('main').locator('a[href="/me/download.json"]').count(), 1);
      assert.equal(await scrollsSideways(page), false, 'Your data fits 375 px');
      assert.deepEqual(await axeViolations(page), [], 'axe on Your data');
      await shot(page, 'your-data-375');
    } finally {
      await context.close();
    }
  });

  void test('the letter waiting is set out as a letter and prints as one', { timeout: JOURNEY_TIMEOUT }, async () => {
    const context = await newContext(suite.browser, suite.server.url);
    try {
      const page = await signedIn(context, 'person', suite.server.password);
      await page.getByRole('link', { name: /A letter is waiting for you to review/ }).click();
      const letter = page.locator('article.app-letter');
      assert.equal(await letter.count(), 1);
      assert.match(squash(await letter.innerText()), /Dr A Patel Riverside Surgery .*Dear Dr Patel/);
      assert.equal(await page.getByRole('radio', { name: 'Please don’t send it yet' }).count(), 1);
      assert.deepEqual(await axeViolations(page), [], 'axe on the letter');
      await shot(page, 'letter-1280');
      await page.emulateMedia({ media: 'print' });
      for (const selector of ['.app-safety-bar', '.nhsuk-header__navigation', 'main form', '.nhsuk-footer']) {
        const hidden = await page.locator(selector).first().isHidden();
        assert.equal(hidden, true, `${selector} is not printed`);
      }
      assert.equal(await letter.isVisible(), true, 'the letter is printed');
      const frame = await page.evaluate<string>("getComputedStyle(document.querySelector('.app-crisis-panel')).borderLeftWidth");
      assert.equal(frame, '0px', 'the crisis panel prints without its frame');
      await shot(page, 'letter-print');
    } finally {
      await context.close();
    }
  });
});
