// The charts as drawn by the browser, on a phone and on a desktop: no two texts of a chart
// (labels, values) overlap, none is cut off at the chart's edge, and what the caption says about
// the chart is what it shows (no bar is drawn for a figure that is not shown, and there are no
// grey bars to explain). /insights for anyone, and a feedback theme's trend for the group.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { JOURNEY_TIMEOUT, newContext, PHONE, skipReason } from './support/browser.ts';
import { useBrowserServer } from './support/harness.ts';
import { demoAccount, SignInPage } from './support/pages.ts';

const DESKTOP = { width: 1280, height: 900 };

interface ChartReport {
  title: string;
  texts: number;
  overlaps: string[];
  outside: string[];
  invisibleBars: number;
}

/** Every chart on the page, measured by the browser (a string: this project's types have no DOM). */
async function measureCharts(page: Page): Promise<ChartReport[]> {
  return page.evaluate<ChartReport[]>(`Array.from(document.querySelectorAll('svg.app-chart')).map((chart) => {
    const box = chart.getBoundingClientRect();
    const texts = Array.from(chart.querySelectorAll('text')).map((t) => ({ text: t.textContent || '', r: t.getBoundingClientRect() }));
    const overlaps = [];
    texts.forEach((a, i) => texts.slice(i + 1).forEach((b) => {
      if (a.r.left < b.r.right && b.r.left < a.r.right && a.r.top < b.r.bottom && b.r.top < a.r.bottom) overlaps.push('"' + a.text + '" and "' + b.text + '"');
    }));
    const outside = texts.filter((t) => t.r.left < box.left - 0.5 || t.r.right > box.right + 0.5 || t.r.top < box.top - 0.5 || t.r.bottom > box.bottom + 0.5).map((t) => '"' + t.text + '"');
    const invisibleBars = Array.from(chart.querySelectorAll('rect')).filter((r) => Number(r.getAttribute('width')) <= 0 || Number(r.getAttribute('height')) <= 0 || /#aeb7bd/i.test(r.getAttribute('fill') || '')).length;
    return { title: (chart.querySelector('title') || {}).textContent || '', texts: texts.length, overlaps, outside, invisibleBars };
  })`);
}

function assertCharts(reports: ChartReport[], where: string): void {
  assert.ok(reports.length > 0, `${where} has charts`);
  for (const r of reports) {
    assert.ok(r.texts > 0, `${where}: “${r.title}” has labels`);
    assert.deepEqual(r.overlaps, [], `${where}: labels of “${r.title}” overlap`);
    assert.deepEqual(r.outside, [], `${where}: labels of “${r.title}” cut off at the edge`);
    assert.equal(r.invisibleBars, 0, `${where}: “${r.title}” draws no empty or grey bars`);
  }
}

void describe('Charts fit and say what they show', { skip: skipReason() }, () => {
  const suite = useBrowserServer();

  for (const [name, viewport] of [['a phone', PHONE], ['a desktop', DESKTOP]] as const) {
    void test(`on ${name}, no chart label on /insights or a feedback theme overlaps another or the edge`, { timeout: JOURNEY_TIMEOUT }, async () => {
      const context = await newContext(suite.browser, suite.server.url, { viewport });
      try {
        const page = await context.newPage();
        await page.goto('/insights');
        assertCharts(await measureCharts(page), `/insights on ${name}`);
        // What each figure's caption says about hidden figures is true of its table.
        const sections = await page.evaluate<Array<{ title: string; caption: string; hidden: boolean }>>(`Array.from(document.querySelectorAll('main section')).map((s) => ({
          title: (s.querySelector('h2') || {}).textContent || '',
          caption: (s.querySelector('figcaption') || {}).textContent || '',
          hidden: /fewer than 5|not shown/.test((s.querySelector('table') || {}).textContent || ''),
        }))`);
        for (const s of sections.filter((x) => x.caption)) {
          assert.equal(/not shown and no bar is drawn/.test(s.caption), s.hidden, `“${s.title}”: the caption mentions hidden figures exactly when the table has some`);
        }

        await new SignInPage(page).signIn(demoAccount('group').email, suite.server.password);
        await page.goto('/feedback/themes');
        const theme = page.locator('main a[href^="/feedback/themes/"]').first();
        await theme.click();
        assertCharts(await measureCharts(page), `a feedback theme on ${name}`);
      } finally {
        await context.close();
      }
    });
  }
});
