// axe (WCAG 2.0, 2.1 and 2.2, A and AA) with zero violations on every page a visitor can reach
// by following links from the home page, signed out and as each demo account; every page
// carries the crisis panel and the quick exit, and so do the 404 and 500 pages. The crawl is
// made on a phone (375 px wide), where no page may scroll sideways: one crawl per role checks both.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { axeViolations, crawl, formatProblems } from './support/axe.ts';
import { CRAWL_TIMEOUT, JOURNEY_TIMEOUT, newContext, PHONE, skipReason } from './support/browser.ts';
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

/** The page is wider than the phone: say which elements reach past its right edge. */
async function sidewaysProblems(page: Page): Promise<string[]> {
  // Run in the page (a string: this project's types have no DOM).
  const { scrollWidth, wide } = await page.evaluate<{ scrollWidth: number; wide: string[] }>(`(() => {
    const leaves = Array.from(document.body.querySelectorAll('*')).filter((e) => e.getBoundingClientRect().right > ${PHONE.width + 1} && !e.querySelector('*'));
    return { scrollWidth: document.documentElement.scrollWidth, wide: leaves.slice(0, 3).map((e) => '<' + e.tagName.toLowerCase() + ' class="' + (e.getAttribute('class') || '') + '">') };
  })()`);
  return scrollWidth <= PHONE.width ? [] : [`scrolls sideways at ${PHONE.width} px: the page is ${scrollWidth} px wide${wide.length ? ` (reaching past the edge: ${wide.join(', ')})` : ''}`];
}

async function pageProblems(page: Page): Promise<string[]> {
  return [...(await safetyProblems(page)), ...(await sidewaysProblems(page))];
}

void describe('Accessibility of every page', { skip: skipReason() }, () => {
  const suite = useBrowserServer({ setup: addFailingRoute });

  async function crawlAs(role: DemoRole | undefined) {
    const context = await newContext(suite.browser, suite.server.url, { viewport: PHONE });
    try {
      const page = await context.newPage();
      const start = ['/', '/sign-in', '/forgot-password'];
      if (role) {
        await new SignInPage(page).signIn(demoAccount(role).email, suite.server.password);
        start.push('/sign-out');
      }
      const result = await crawl(page, suite.server.url, { start, check: pageProblems });
      const who = role ? `signed in as the demo ${role}` : 'signed out';
      console.log(`# ${who}: checked ${result.visited.length} pages: ${result.visited.join(', ')}`);
      assert.ok(result.visited.length >= 3, `the crawler reached pages: ${result.visited.join(', ')}`);
      assert.equal(result.problems.size, 0, formatProblems(who, result.problems));
    } finally {
      await context.close();
    }
  }

  void test('every page reachable signed out has zero axe violations, the crisis panel and the quick exit, and fits a phone', { timeout: CRAWL_TIMEOUT }, async () => {
    await crawlAs(undefined);
  });

  for (const role of DEMO_ROLES) {
    void test(`every page reachable by the demo ${role} has zero axe violations, the crisis panel and the quick exit, and fits a phone`, { timeout: CRAWL_TIMEOUT }, async () => {
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
