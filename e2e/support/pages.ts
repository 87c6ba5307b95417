// Page objects for the browser tests: what a person sees and uses, found by role and name.
import assert from 'node:assert/strict';
import type { Locator, Page } from 'playwright-core';
import { DEMO_ACCOUNTS } from '../../src/demo/seed.ts';
import { QUICK_EXIT_PATH } from '../../src/platform/layout.ts';
import type { DemoRole } from './server.ts';

// Runs inside the page (this project's TypeScript has no DOM library).
declare const document: { activeElement: unknown };

export const CRISIS_WORDS = 'If you are in crisis, call 999 or go to A&E if you are safe to do so. You are not alone.';
/** The same help in easy read, one idea a line (platform/views/partials/crisis-panel.njk). */
export const EASY_READ_CRISIS_WORDS = ['Are you in danger now?', 'Call 999.', 'Or go to A&E if you are safe to do so.', 'You are not alone.'];

/** True when the element is the one with keyboard focus. */
export async function isFocused(locator: Locator): Promise<boolean> {
  return locator.evaluate((element) => element === document.activeElement);
}

/** Presses Tab (and nothing else) until the element has focus; fails if it never does. */
export async function tabTo(page: Page, locator: Locator, maxPresses = 60): Promise<void> {
  await locator.first().waitFor({ state: 'attached' });
  for (let i = 0; i < maxPresses; i += 1) {
    await page.keyboard.press('Tab');
    if (await isFocused(locator)) return;
  }
  assert.fail(`Tab never reached ${String(locator)} in ${maxPresses} presses`);
}

/**
 * Chooses a radio by keyboard, as a person would: Tab into the group (one Tab stop), then the
 * arrow keys to the option, then Space.
 */
export async function chooseRadioByKeyboard(page: Page, group: string, option: string): Promise<void> {
  const fieldset = page.getByRole('group', { name: group });
  const radios = fieldset.getByRole('radio');
  const target = fieldset.getByRole('radio', { name: option, exact: true });
  await tabTo(page, radios.first());
  for (let i = 0; i < (await radios.count()) && !(await isFocused(target)); i += 1) await page.keyboard.press('ArrowDown');
  assert.ok(await isFocused(target), `the arrow keys reach "${option}" in "${group}"`);
  await page.keyboard.press('Space');
  assert.ok(await target.isChecked(), `"${option}" is chosen`);
}

/** Tabs to a checkbox and presses Space if it is not already as wanted. */
export async function setCheckboxByKeyboard(page: Page, checkbox: Locator, checked: boolean): Promise<void> {
  await tabTo(page, checkbox);
  if ((await checkbox.isChecked()) !== checked) await page.keyboard.press('Space');
  assert.equal(await checkbox.isChecked(), checked);
}

/**
 * Chooses an option in a drop-down by keyboard: Tab to it, then the arrow keys (which change a
 * closed select's value in Chromium) until the option is chosen; fails if it never is.
 */
export async function chooseOptionByKeyboard(page: Page, select: Locator, option: string): Promise<void> {
  await tabTo(page, select);
  const chosen = async () => (await select.locator('option:checked').innerText()).trim();
  const texts = (await select.locator('option').allInnerTexts()).map((t) => t.trim());
  const key = texts.indexOf(option) < texts.indexOf(await chosen()) ? 'ArrowUp' : 'ArrowDown';
  for (let i = 0; i < texts.length && (await chosen()) !== option; i += 1) await page.keyboard.press(key);
  assert.equal(await chosen(), option, `the arrow keys reach "${option}"`);
}

/** Tabs to a details element's summary and opens it with Enter, as a person would to reveal a form. */
export async function openDetailsByKeyboard(page: Page, summaryText: string): Promise<void> {
  const summary = page.locator('summary').filter({ hasText: summaryText });
  await tabTo(page, summary);
  await page.keyboard.press('Enter');
  assert.equal(await summary.locator('xpath=..').getAttribute('open'), '', `"${summaryText}" opens`);
}

/** Tabs to a text field, selects what is in it and types over it. */
export async function typeInto(page: Page, field: Locator, text: string): Promise<void> {
  await tabTo(page, field);
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.press('Delete');
  await page.keyboard.type(text);
}

/** Tabs to a link and follows it with Enter. */
export async function followLinkByKeyboard(page: Page, link: Locator): Promise<void> {
  await tabTo(page, link);
  await Promise.all([page.waitForEvent('load'), page.keyboard.press('Enter')]);
}

/** Tabs to a button and presses Enter, waiting for the page that answers. Returns its status. */
export async function submitByKeyboard(page: Page, button: Locator): Promise<number> {
  await tabTo(page, button);
  const [response] = await Promise.all([
    page.waitForResponse((r) => r.request().method() === 'POST' && r.request().resourceType() === 'document'),
    page.waitForEvent('load'),
    page.keyboard.press('Enter'),
  ]);
  return response.status();
}

/** What every page carries: the quick exit, the crisis panel, the header and footer. */
export class Layout {
  readonly page: Page;
  constructor(page: Page) {
    this.page = page;
  }

  quickExit(): Locator {
    return this.page.getByRole('link', { name: /^Quick exit/ });
  }

  crisisPanel(): Locator {
    return this.page.getByRole('complementary', { name: 'Need help now?' });
  }

  getHelpNow(): Locator {
    return this.page.getByRole('link', { name: 'Get help now', exact: true });
  }

  /** The "Sign in" link in the header's account area. */
  accountLink(name: 'Sign in'): Locator {
    return this.page.getByRole('navigation', { name: 'Account' }).getByRole('link', { name, exact: true });
  }

  /** Once signed in, the header's one-step "Sign out" (a button in a form). */
  signOut(): Locator {
    return this.page.getByRole('navigation', { name: 'Account' }).getByRole('button', { name: 'Sign out', exact: true });
  }

  /**
   * The crisis panel's words with every number a tel: or sms: link, "Get help now" before the
   * main content, and a quick exit through /exit (which ends the session, then leaves).
   */
  async assertSafetyFeatures(): Promise<void> {
    const panel = this.crisisPanel();
    assert.equal(await panel.count(), 1, `one crisis panel on ${this.page.url()}`);
    const words = (await panel.innerText()).replace(/\s+/g, ' ');
    if ((await panel.locator('.app-easy-read').count()) > 0) {
      // In easy read (someone who asked for it, or ?version=easy): the same help, a line each.
      for (const line of EASY_READ_CRISIS_WORDS) assert.ok(words.includes(line), `easy-read crisis words on ${this.page.url()}: “${line}” in ${words}`);
      const links = panel.getByRole('link');
      for (let i = 0; i < (await links.count()); i += 1) assert.match(String(await links.nth(i).getAttribute('href')), /^(tel|sms):/, `every number on ${this.page.url()} is a tap-to-call or tap-to-text link`);
    } else {
      assert.ok(words.includes(CRISIS_WORDS), `crisis words on ${this.page.url()}: ${words}`);
      const items = panel.getByRole('listitem');
      for (let i = 0; i < (await items.count()); i += 1) {
        const href = await items.nth(i).getByRole('link').getAttribute('href');
        assert.match(String(href), /^(tel|sms):/, `every helpline on ${this.page.url()} is a tap-to-call or tap-to-text link`);
      }
    }
    assert.match(words, /Samaritans/);
    assert.equal(await panel.getByRole('link', { name: 'call 999' }).getAttribute('href'), 'tel:999');
    assert.equal(await this.quickExit().count(), 1, `one quick exit on ${this.page.url()}`);
    assert.equal(await this.quickExit().getAttribute('href'), QUICK_EXIT_PATH);
    assert.equal(await this.getHelpNow().getAttribute('href'), '#get-help');
    const html = await this.page.content();
    const beforeMain = html.indexOf('href="#get-help"') >= 0 && html.indexOf('href="#get-help"') < html.indexOf('<main');
    assert.ok(beforeMain, `"Get help now" comes before the main content on ${this.page.url()}`);
  }
}

export class SignInPage {
  readonly page: Page;
  constructor(page: Page) {
    this.page = page;
  }

  email(): Locator {
    return this.page.getByRole('textbox', { name: 'Email address' });
  }

  password(): Locator {
    return this.page.getByLabel('Password', { exact: true });
  }

  submit(): Locator {
    return this.page.getByRole('button', { name: 'Sign in', exact: true });
  }

  errorSummary(): Locator {
    return this.page.getByRole('alert').filter({ hasText: 'There is a problem' });
  }

  /** From the home page through the sign-in form by keyboard alone: Tab to each control, type, Enter. Returns the form's HTTP status. */
  async signInByKeyboard(email: string, password: string): Promise<number> {
    const page = this.page;
    await page.goto('/');
    await tabTo(page, new Layout(page).accountLink('Sign in'));
    await Promise.all([page.waitForURL('**/sign-in**'), page.keyboard.press('Enter')]);
    await tabTo(page, this.email());
    await page.keyboard.type(email);
    await tabTo(page, this.password());
    await page.keyboard.type(password);
    await tabTo(page, this.submit());
    const [response] = await Promise.all([
      page.waitForResponse((r) => new URL(r.url()).pathname === '/sign-in' && r.request().method() === 'POST'),
      page.waitForEvent('load'),
      page.keyboard.press('Enter'),
    ]);
    return response.status();
  }

  /** Signs in by filling the form (for tests about something else). */
  async signIn(email: string, password: string): Promise<void> {
    await this.page.goto('/sign-in');
    await this.email().fill(email);
    await this.password().fill(password);
    await Promise.all([this.page.waitForURL((url) => !url.pathname.startsWith('/sign-in')), this.submit().click()]);
  }
}

export function demoAccount(role: DemoRole): { email: string; displayName: string } {
  return DEMO_ACCOUNTS[role];
}
