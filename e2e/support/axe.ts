// axe-core in the real page, WCAG 2.0/2.1/2.2 A and AA rules, and a crawler that visits every
// page reachable by same-origin links, so pages added later are checked without new tests.
import assert from 'node:assert/strict';
import AxeBuilder from '@axe-core/playwright';
import type { Page } from 'playwright-core';
import { isJavaScriptOff, newContext } from './browser.ts';

export const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

/**
 * axe's violations on the page as it is now, one readable line per failing element, and every
 * id used more than once: axe no longer checks that (WCAG 2.2 dropped 4.1.1), but a label or an
 * error summary pointing at a repeated id leaves its field without a name or a target.
 * A page in a profile made with JavaScript off is checked through a copy (see below).
 */
export async function axeViolations(page: Page): Promise<string[]> {
  return isJavaScriptOff(page.context()) ? axeViolationsOfCopy(page) : axeViolationsInPage(page);
}

/**
 * axe on a page shown without JavaScript. axe needs scripts to run, so it checks a copy: the same
 * document, at the same address with the same styles, in a page whose own scripts are refused.
 */
async function axeViolationsOfCopy(page: Page): Promise<string[]> {
  const browser = page.context().browser();
  assert.ok(browser, 'the page is in a browser');
  const html = await page.content();
  const address = new URL(page.url());
  address.hash = '';
  const heading = await page.getByRole('heading', { level: 1 }).innerText();
  const context = await newContext(browser, address.origin);
  try {
    const copy = await context.newPage();
    await copy.route('**/*', async (route) => {
      const request = route.request();
      if (request.resourceType() === 'document' && request.url() === address.href) await route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: html });
      else if (request.resourceType() === 'script') await route.abort('blockedbyclient');
      else await route.fallback();
    });
    await copy.goto(address.href);
    // The copy is the page itself, not whatever the address would show a stranger.
    assert.equal(await copy.getByRole('heading', { level: 1 }).innerText(), heading, `axe checks the copy of ${address.pathname}`);
    return await axeViolationsInPage(copy);
  } finally {
    await context.close();
  }
}

async function axeViolationsInPage(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).withTags(WCAG_TAGS).analyze();
  const ids = await page.locator('[id]').evaluateAll((elements) => elements.map((e) => (e as unknown as { id: string }).id));
  const lines: string[] = [...new Set(ids.filter((id, i) => ids.indexOf(id) !== i))].map((id) => `repeated id: "${id}" is used ${ids.filter((x) => x === id).length} times`);
  for (const violation of results.violations) {
    for (const node of violation.nodes) {
      lines.push(`${violation.id} (${violation.impact ?? 'unknown'}): ${violation.help} — ${node.target.join(' ')} — ${node.failureSummary?.replace(/\s+/g, ' ') ?? ''}`);
    }
  }
  return lines;
}

/** Paths the crawler never visits: assets, machine-readable answers and actions (the quick exit signs out and leaves). */
export function skipPath(url: URL): boolean {
  const p = url.pathname;
  return (
    p === '/sign-out' ||
    p === '/exit' ||
    p === '/readyz' ||
    p === '/metrics' ||
    p.startsWith('/static/') ||
    p.startsWith('/assets/') ||
    p.startsWith('/api/') ||
    p === '/healthz' ||
    /\.(csv|json|xml|atom|rss|txt|ico|svg|png|jpe?g|pdf|css|js)$/i.test(p) ||
    /(^|\/)feed(\/|$)/.test(p)
  );
}

/**
 * The page's "shape": ids replaced, query values dropped. The crawler checks at most a few
 * pages of each shape, so a caseload of thousands does not mean thousands of checks.
 */
export function pageShape(url: URL): string {
  const path = url.pathname
    .split('/')
    .map((segment) => (/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(segment) || /^\d+$/.test(segment) || /^[A-Za-z0-9_-]{16,}$/.test(segment) ? ':id' : segment))
    .join('/');
  const keys = [...url.searchParams.keys()].sort().join('&');
  return keys ? `${path}?${keys}` : path;
}

export interface CrawlResult {
  visited: string[];
  /** URL → problems (axe violations, error statuses, missing safety features). */
  problems: Map<string, string[]>;
}

export interface CrawlOptions {
  start?: string[];
  perShape?: number;
  maxPages?: number;
  /** Extra checks on each page, returning problems found. */
  check?: (page: Page) => Promise<string[]>;
}

export async function crawl(page: Page, origin: string, options: CrawlOptions = {}): Promise<CrawlResult> {
  const perShape = options.perShape ?? 2;
  const maxPages = options.maxPages ?? 200;
  const queue: string[] = (options.start ?? ['/']).map((p) => new URL(p, origin).href);
  const seen = new Set<string>(queue);
  const shapes = new Map<string, number>();
  const visited: string[] = [];
  const problems = new Map<string, string[]>();
  const report = (url: string, lines: string[]) => {
    if (lines.length) problems.set(url, [...(problems.get(url) ?? []), ...lines]);
  };

  while (queue.length && visited.length < maxPages) {
    const href = queue.shift() as string;
    const url = new URL(href);
    const shape = pageShape(url);
    const count = shapes.get(shape) ?? 0;
    if (count >= perShape) continue;
    shapes.set(shape, count + 1);

    const response = await page.goto(href, { waitUntil: 'load' });
    const status = response?.status() ?? 0;
    const type = response?.headers()['content-type'] ?? '';
    if (!type.includes('text/html')) continue;
    visited.push(`${new URL(page.url()).pathname}${new URL(page.url()).search} (${status})`);
    if (status >= 400) report(href, [`answered ${status}`]);
    report(href, await axeViolations(page));
    if (options.check) report(href, await options.check(page));

    // `href` read in the page is already resolved against the page's address.
    const links = await page.$$eval('a[href]', (anchors) => (anchors as unknown as Array<{ href: string; hasAttribute(name: string): boolean }>).filter((a) => !a.hasAttribute('download')).map((a) => a.href));
    for (const link of links) {
      let next: URL;
      try {
        next = new URL(link);
      } catch {
        continue;
      }
      if (next.origin !== origin || skipPath(next)) continue;
      next.hash = '';
      if (seen.has(next.href)) continue;
      seen.add(next.href);
      queue.push(next.href);
    }
  }
  return { visited, problems };
}

export function formatProblems(who: string, problems: Map<string, string[]>): string {
  const parts = [`${who}: problems on ${problems.size} page(s)`];
  for (const [url, lines] of problems) parts.push(`  ${url}\n${lines.map((l) => `    - ${l}`).join('\n')}`);
  return parts.join('\n');
}
