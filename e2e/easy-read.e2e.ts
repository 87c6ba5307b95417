// Easy read in the browser: the demo person chooses easy read in About me, then their home page,
// About me, the letter waiting for review, the feedback page and the crisis help are in easy read,
// at 1280 and 375 px, axe clean and never wider than the phone; the full version is one link away.
// Screenshots go to EASY_READ_SCREENSHOTS when it is set.
import assert from 'node:assert/strict';
import path from 'node:path';
import { describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { axeViolations } from './support/axe.ts';
import { JOURNEY_TIMEOUT, newContext, skipReason } from './support/browser.ts';
import { useBrowserServer } from './support/harness.ts';
import { demoAccount, Layout, SignInPage } from './support/pages.ts';

const squash = (s: string) => s.replace(/\s+/g, ' ').trim();
const scrollsSideways = (page: Page) => page.evaluate<boolean>('document.documentElement.scrollWidth > document.documentElement.clientWidth');

async function shot(page: Page, name: string): Promise<void> {
  const dir = process.env.EASY_READ_SCREENSHOTS;
  if (dir) await page.screenshot({ path: path.join(dir, `${name}.png`), fullPage: true });
}

void describe('Easy read', { skip: skipReason() }, () => {
  const suite = useBrowserServer();

  void test('the person who chose easy read reads their pages in easy read, on a desktop and a phone', { timeout: JOURNEY_TIMEOUT }, async () => {
    const context = await newContext(suite.browser, suite.server.url);
    try {
      const page = await context.newPage();
      await new SignInPage(page).signIn(demoAccount('person').email, suite.server.password);
      const letterHref = await page.getByRole('link', { name: /A letter is waiting for you to review/ }).first().getAttribute('href');
      assert.ok(letterHref);

      await page.goto(`${suite.server.url}/me/about`);
      const easyRead = page.getByRole('checkbox', { name: 'Easy read' });
      if (!(await easyRead.isChecked())) await easyRead.check();
      await page.getByRole('button', { name: 'Save' }).click();
      assert.equal(new URL(page.url()).pathname, '/me');

      const pages: Array<[string, string, RegExp]> = [
        ['home', '/', /This is your home page\./],
        ['about-me', '/me', /About me is about you, in your words\./],
        ['letter', letterHref, /It can be sent\. You are happy with the letter\. .*Please don’t send it yet\. .*Ask for a correction\./],
        ['feedback', '/feedback', /This form is not for emergencies\./],
      ];
      for (const [name, url, words] of pages) {
        await page.setViewportSize({ width: 1280, height: 900 });
        await page.goto(`${suite.server.url}${url}`);
        const main = squash(await page.getByRole('main').innerText());
        assert.match(main, words, `${name}: ${main}`);
        assert.match(main, /Are you in danger now\? Call 999\./, `${name}: crisis help in easy read`);
        await new Layout(page).assertSafetyFeatures();
        assert.ok((await page.locator('.app-easy-read__point svg').count()) >= 4, `${name}: a picture beside each point`);
        assert.deepEqual(await axeViolations(page), [], `axe on ${name} in easy read`);
        await shot(page, `easy-read-${name}-1280`);
        await page.setViewportSize({ width: 375, height: 812 });
        await page.reload();
        assert.equal(await scrollsSideways(page), false, `${name} in easy read fits 375 px`);
        await shot(page, `easy-read-${name}-375`);
        // The full version is one link away.
        await page.getByRole('link', { name: 'Read the full version of this page' }).click();
        await page.waitForURL(/version=full/);
        await page.waitForLoadState('load');
        assert.equal(await page.locator('.app-easy-read__point').count(), 0, `${name}: the full version`);
        assert.equal(await page.getByRole('link', { name: 'Read this page in easy read' }).count(), 1);
        assert.equal(await scrollsSideways(page), false, `${name} in full fits 375 px`);
        assert.deepEqual(await axeViolations(page), [], `axe on ${name} in full`);
      }
    } finally {
      await context.close();
    }
  });
});
