// People signed in side by side for a journey with several of them: each in a fresh browser
// profile, signed in through the sign-in form by keyboard, all closed together when the journey
// ends. The demo's other Coproduction Group members have no password; `givePasswords` gives them
// the suite's. Also what such journeys read and check on every page: the main text, the banner
// after a save, axe.
import assert from 'node:assert/strict';
import type { BrowserContext, BrowserContextOptions, Page } from 'playwright-core';
import { givePassword } from '../../src/features/accounts/test-builders.ts';
import { axeViolations } from './axe.ts';
import { newContext } from './browser.ts';
import type { BrowserServer } from './harness.ts';
import { SignInPage } from './pages.ts';

/** The demo's Coproduction Group members besides Jordan (group@example.org), who alone has the demo password. */
export const MORE_MEMBERS = { alex: 'alex.group@example.org', rowan: 'rowan.group@example.org', casey: 'casey.group@example.org' } as const;

export async function givePasswords(suite: BrowserServer, emails: readonly string[] = Object.values(MORE_MEMBERS)): Promise<void> {
  for (const email of emails) await givePassword(suite.server.app.db, email, suite.server.password);
}

export interface SignedIn {
  /** A new browser profile (its own cookies), signed in as this account; on the page sign-in lands on. */
  as(email: string, options?: BrowserContextOptions): Promise<Page>;
  /** A new browser profile nobody has signed in to (a visitor), closed with the rest. */
  signedOut(options?: BrowserContextOptions): Promise<Page>;
  /** Closes every profile opened; call in `finally`. */
  close(): Promise<void>;
}

export function signedInBrowsers(suite: BrowserServer): SignedIn {
  const contexts: BrowserContext[] = [];
  const fresh = async (options: BrowserContextOptions): Promise<Page> => {
    const context = await newContext(suite.browser, suite.server.url, options);
    contexts.push(context);
    return context.newPage();
  };
  return {
    signedOut: (options = {}) => fresh(options),
    async as(email, options = {}) {
      const page = await fresh(options);
      assert.equal(await new SignInPage(page).signInByKeyboard(email, suite.server.password), 303, `${email} signs in`);
      return page;
    },
    async close() {
      for (const context of contexts.splice(0)) await context.close();
    },
  };
}

export const squash = (s: string): string => s.replace(/\s+/g, ' ').trim();
export const mainText = async (page: Page): Promise<string> => squash(await page.getByRole('main').innerText());

export async function assertAccessible(page: Page, where: string): Promise<void> {
  assert.deepEqual(await axeViolations(page), [], `axe and unique ids on ${where} (${page.url()})`);
}

/** The green banner a page shows after something was saved. */
export async function assertBanner(page: Page, words: string | RegExp): Promise<void> {
  const banner = page.getByRole('alert').filter({ hasText: words });
  assert.equal(await banner.count(), 1, `the page says ${String(words)}: ${(await mainText(page)).slice(0, 400)}`);
}

/** Nothing on the page is wider than the screen (a phone must never scroll sideways). */
export async function assertFitsScreen(page: Page, where: string): Promise<void> {
  assert.ok(await page.evaluate('document.documentElement.scrollWidth <= window.innerWidth'), `${where} fits the screen (${page.url()})`);
}
