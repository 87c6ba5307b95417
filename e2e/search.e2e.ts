// Search in the browser, without JavaScript as well as with it: the lead searches accounts, a group
// member searches the workspace, a visitor finds published pages only; and "Your data" offers the
// complete copy as spreadsheets. Each page at 1280 and 375 px, axe clean, never wider than the phone.
// Screenshots go to SEARCH_SCREENSHOTS when it is set.
import assert from 'node:assert/strict';
import path from 'node:path';
import { describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { axeViolations } from './support/axe.ts';
import { JOURNEY_TIMEOUT, newContext, skipReason } from './support/browser.ts';
import { useBrowserServer } from './support/harness.ts';
import { demoAccount, SignInPage } from './support/pages.ts';
import type { DemoRole } from './support/server.ts';

const squash = (s: string) => s.replace(/\s+/g, ' ').trim();
const scrollsSideways = (page: Page) => page.evaluate<boolean>('document.documentElement.scrollWidth > document.documentElement.clientWidth');

async function shot(page: Page, name: string): Promise<void> {
  const dir = process.env.SEARCH_SCREENSHOTS;
  if (dir) await page.screenshot({ path: path.join(dir, `${name}.png`), fullPage: true });
}

/** Types into the search box and sends the form, as a person would. */
async function searchFor(page: Page, label: string, words: string): Promise<void> {
  await page.getByRole('searchbox', { name: label }).fill(words);
  await page.getByRole('search').getByRole('button', { name: 'Search' }).click();
  await page.waitForLoadState('load');
}

/** Checks the page as it is at 1280 px, then loads it again at 375 px and checks it there. */
async function atBothWidths(page: Page, name: string): Promise<void> {
  assert.deepEqual(await axeViolations(page), [], `axe on ${name} at 1280 px`);
  await shot(page, `${name}-1280`);
  await page.setViewportSize({ width: 375, height: 812 });
  await page.reload();
  assert.equal(await scrollsSideways(page), false, `${name} fits 375 px`);
  assert.deepEqual(await axeViolations(page), [], `axe on ${name} at 375 px`);
  await shot(page, `${name}-375`);
  await page.setViewportSize({ width: 1280, height: 900 });
}

void describe('Search and the spreadsheets download', { skip: skipReason() }, () => {
  const suite = useBrowserServer();

  for (const javaScript of [true, false]) {
    const how = javaScript ? '' : '-no-js';
    const signedIn = async (role: DemoRole) => {
      const context = await newContext(suite.browser, suite.server.url, { javaScriptEnabled: javaScript, viewport: { width: 1280, height: 900 } });
      const page = await context.newPage();
      await new SignInPage(page).signIn(demoAccount(role).email, suite.server.password);
      return { context, page };
    };

    void test(`the lead searches accounts by name and email${javaScript ? '' : ', without JavaScript'}`, { timeout: JOURNEY_TIMEOUT }, async () => {
      const { context, page } = await signedIn('lead');
      try {
        await page.goto(`${suite.server.url}/admin/accounts`);
        await searchFor(page, 'Search accounts', 'sam');
        assert.equal(new URL(page.url()).searchParams.get('q'), 'sam');
        const main = squash(await page.getByRole('main').innerText());
        assert.match(main, /1 account matches “sam”\./);
        assert.match(main, /Sam Rivera/);
        assert.doesNotMatch(main, /Invitations/);
        await atBothWidths(page, `accounts-search${how}`);
        await searchFor(page, 'Search accounts', 'nobody-by-this-name');
        assert.match(squash(await page.getByRole('main').innerText()), /No account matches “nobody-by-this-name”\./);
        await atBothWidths(page, `accounts-search-none${how}`);
      } finally {
        await context.close();
      }
    });

    void test(`a group member searches proposals and pages; a visitor finds pages only${javaScript ? '' : ', without JavaScript'}`, { timeout: JOURNEY_TIMEOUT }, async () => {
      const { context, page } = await signedIn('group');
      try {
        await page.goto(`${suite.server.url}/coproduction/proposals`);
        assert.equal(await page.getByRole('search', { name: 'Proposals, pages and news' }).count(), 1, 'a search box on the proposals list');
        await atBothWidths(page, `proposals${how}`);
        await page.getByRole('navigation', { name: 'Coproduction' }).getByRole('link', { name: 'Search' }).click();
        await page.waitForLoadState('load');
        assert.match(squash(await page.getByRole('main').innerText()), /Type a word or a few words/);
        await atBothWidths(page, `workspace-search-empty${how}`);
        await searchFor(page, 'Search proposals, pages and news', 'clinic');
        const main = squash(await page.getByRole('main').innerText());
        assert.match(main, /results? match(es)? “clinic”/);
        assert.match(main, /Coming to clinic/);
        assert.match(main, /Close the clinic on Friday afternoons/);
        await atBothWidths(page, `workspace-search${how}`);
      } finally {
        await context.close();
      }
      const visitor = await newContext(suite.browser, suite.server.url, { javaScriptEnabled: javaScript, viewport: { width: 1280, height: 900 } });
      try {
        const page = await visitor.newPage();
        await page.goto(`${suite.server.url}/coproduction/search?q=clinic`);
        const main = squash(await page.getByRole('main').innerText());
        assert.match(main, /Coming to clinic/);
        assert.doesNotMatch(main, /Close the clinic on Friday afternoons/, 'no proposal for a visitor');
        assert.match(main, /We searched published pages and news\./);
        await atBothWidths(page, `workspace-search-visitor${how}`);
      } finally {
        await visitor.close();
      }
    });
  }

  void test('"Your data" offers everything as spreadsheets, beside the JSON copy', { timeout: JOURNEY_TIMEOUT }, async () => {
    const context = await newContext(suite.browser, suite.server.url, { viewport: { width: 1280, height: 900 }, acceptDownloads: true });
    try {
      const page = await context.newPage();
      await new SignInPage(page).signIn(demoAccount('person').email, suite.server.password);
      await page.goto(`${suite.server.url}/me/download`);
      const link = page.getByRole('link', { name: 'Download everything as spreadsheets (zip)' });
      assert.equal(await link.count(), 1);
      const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
      assert.equal(download.suggestedFilename(), 'withme-my-data.zip');
      // Checked as it loads (the link just followed keeps its focus style, a yellow box, otherwise).
      await page.reload();
      await atBothWidths(page, 'your-data');
    } finally {
      await context.close();
    }
  });
});
