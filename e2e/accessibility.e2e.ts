// axe (WCAG 2.0, 2.1 and 2.2, A and AA) with zero violations on every page a visitor can reach
// by following links from the home page, signed out and as each demo account; every page
// carries the crisis panel and the quick exit, and so do the 404 and 500 pages.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { axeViolations, crawl, formatProblems } from './support/axe.ts';
import { CRAWL_TIMEOUT, JOURNEY_TIMEOUT, newContext, skipReason } from './support/browser.ts';
import { useBrowserServer } from './support/harness.ts';
import { demoAccount, Layout, SignInPage } from './support/pages.ts';
import { addFailingRoute, DEMO_ROLES, FAILING_PATH, type DemoRole } from './support/server.ts';

async function safetyProblems(page: Page): Promise<string[]> {
  try {
    await new Layout(page).assertSafetyFeatures();
    return [];
  } catch (error) {
    return [`safety features: ${error instanceof Error ? error.message : String(error)}`];
  }
}

void describe('Accessibility of every page', { skip: skipReason() }, () => {
  const suite = useBrowserServer({ setup: addFailingRoute });

  async function crawlAs(role: DemoRole | undefined) {
    const context = await newContext(suite.browser, suite.server.url);
    try {
      const page = await context.newPage();
      const start = ['/', '/sign-in', '/forgot-password'];
      if (role) {
        await new SignInPage(page).signIn(demoAccount(role).email, suite.server.password);
        start.push('/sign-out');
      }
      const result = await crawl(page, suite.server.url, { start, check: safetyProblems });
      const who = role ? `signed in as the demo ${role}` : 'signed out';
      console.log(`# ${who}: checked ${result.visited.length} pages: ${result.visited.join(', ')}`);
      assert.ok(result.visited.length >= 3, `the crawler reached pages: ${result.visited.join(', ')}`);
      assert.equal(result.problems.size, 0, formatProblems(who, result.problems));
    } finally {
      await context.close();
    }
  }

  void test('every page reachable signed out has zero axe violations, the crisis panel and the quick exit', { timeout: CRAWL_TIMEOUT }, async () => {
    await crawlAs(undefined);
  });

  for (const role of DEMO_ROLES) {
    void test(`every page reachable by the demo ${role} has zero axe violations, the crisis panel and the quick exit`, { timeout: CRAWL_TIMEOUT }, async () => {
      await crawlAs(role);
    });
  }

  void test('the 404 page is friendly, accessible, and carries the crisis panel and the quick exit', { timeout: JOURNEY_TIMEOUT }, async () => {
    const context = await newContext(suite.browser, suite.server.url);
    try {
      const page = await context.newPage();
      const response = await page.goto('/no-such-page-here');
      assert.equal(response?.status(), 404);
      assert.equal(await page.getByRole('heading', { level: 1 }).innerText(), 'Page not found');
      await new Layout(page).assertSafetyFeatures();
      assert.deepEqual(await axeViolations(page), []);
    } finally {
      await context.close();
    }
  });

  void test('the 500 page shows a reference and no internals, is accessible, and carries the crisis panel and the quick exit', { timeout: JOURNEY_TIMEOUT }, async () => {
    const context = await newContext(suite.browser, suite.server.url);
    try {
      const page = await context.newPage();
      const response = await page.goto(FAILING_PATH);
      assert.equal(response?.status(), 500);
      const main = await page.getByRole('main').innerText();
      assert.match(main, /\b[0-9A-F]{8}\b/, 'an error reference to quote');
      assert.ok(!/deliberate failure|internal detail|Error:|at .*\.ts/.test(await page.content()), 'no error message or stack trace on the page');
      await new Layout(page).assertSafetyFeatures();
      assert.deepEqual(await axeViolations(page), []);
    } finally {
      await context.close();
    }
  });
});
