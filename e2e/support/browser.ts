// Real Chromium through playwright-core: CHROMIUM_PATH, or Debian's /usr/bin/chromium. When none
// is found the browser tests are skipped with a loud notice, except in CI (CI=true), where a
// missing browser fails the run: CI must exercise the browser tests.
import fs from 'node:fs';
import { test } from 'node:test';
import { chromium, type Browser, type BrowserContext, type BrowserContextOptions } from 'playwright-core';
import { QUICK_EXIT_PATH } from '../../src/platform/layout.ts';

export const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const chromiumFound = fs.existsSync(chromiumPath);
const inCi = Boolean(process.env.CI) && process.env.CI !== 'false';

/** A journey on a busy 2-core machine takes a minute or two; nothing should take this long. */
export const JOURNEY_TIMEOUT = 5 * 60_000;
/** A crawl of every page one role can reach, with axe on each. */
export const CRAWL_TIMEOUT = 15 * 60_000;

/** A small phone: the narrowest screen every page must fit without scrolling sideways. */
export const PHONE = { width: 375, height: 812 };

/** The neutral site the quick exit goes to; answered locally so the tests need no network. */
export const NEUTRAL_ORIGIN = 'https://www.bbc.co.uk';

let noticeShown = false;
/**
 * `undefined` when the browser tests can run; otherwise the reason they are skipped
 * (after a loud notice). In CI a missing Chromium fails instead.
 */
export function skipReason(): string | undefined {
  if (chromiumFound) return undefined;
  const message = `Chromium not found at ${chromiumPath}: set CHROMIUM_PATH or install it (Debian: apt-get install chromium)`;
  if (inCi) {
    void test('Chromium is installed for the browser tests (required in CI)', () => {
      throw new Error(message);
    });
    return message;
  }
  if (!noticeShown) {
    noticeShown = true;
    const bar = '!'.repeat(78);
    process.stderr.write(`\n${bar}\n!! BROWSER TESTS SKIPPED: ${message}\n${bar}\n\n`);
  }
  return message;
}

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--headless'],
  });
}

/** Browser profiles made by `newContext` with `javaScriptEnabled: false`. */
const withoutJavaScript = new WeakSet<BrowserContext>();

/** True when the profile was made by `newContext` with JavaScript turned off. */
export function isJavaScriptOff(context: BrowserContext): boolean {
  return withoutJavaScript.has(context);
}

/**
 * A fresh browser profile (no cookies) on the given server: London time, British English,
 * and every request outside the server answered locally (the quick exit's neutral site) or
 * refused, so no test ever reaches the internet. `alsoAllowed` names other local origins the test
 * runs itself (an identity provider, say).
 */
export async function newContext(browser: Browser, baseURL: string, options: BrowserContextOptions = {}, alsoAllowed: readonly string[] = []): Promise<BrowserContext> {
  const context = await browser.newContext({ baseURL, timezoneId: 'Europe/London', locale: 'en-GB', ...options });
  if (options.javaScriptEnabled === false) withoutJavaScript.add(context);
  context.setDefaultTimeout(15_000);
  await context.route(
    (url) => url.origin !== new URL(baseURL).origin && !alsoAllowed.includes(url.origin),
    async (route) => {
      const url = new URL(route.request().url());
      if (url.origin === NEUTRAL_ORIGIN) {
        await route.fulfill({ status: 200, contentType: 'text/html', body: '<!doctype html><html lang="en"><title>Weather</title><h1>Weather forecast</h1></html>' });
      } else {
        await route.abort('blockedbyclient');
      }
    },
  );
  // The quick exit (/exit) ends the session on the real server, then redirects to the neutral
  // site. Playwright cannot intercept a redirect's next request (it would reach the internet, which
  // this machine does not have), so here the server's answer is passed on with a meta refresh to
  // the same place instead: no script, so it works without JavaScript too.
  await context.route(`${baseURL}${QUICK_EXIT_PATH}`, async (route) => {
    const response = await route.fetch({ maxRedirects: 0 });
    const location = response.headers().location;
    if (response.status() !== 303 || !location || new URL(location).origin !== NEUTRAL_ORIGIN) return route.fulfill({ response });
    const { location: _sent, 'content-length': _length, ...headers } = response.headers();
    await route.fulfill({ status: 200, headers: { ...headers, 'content-type': 'text/html' }, body: `<!doctype html><html lang="en"><title>Leaving</title><meta http-equiv="refresh" content="0;url=${location}"></html>` });
  });
  return context;
}
