// A one-click fix, with JavaScript off and by keyboard alone: the practitioner writes a whole
// letter about Robin (they/them) that mentions their father and the GP; the guard stops the save
// at "her", offers "Change ‘her’ to ‘their’", and the button makes the change on the server,
// keeps everything typed and checks again; the father's "he" is left alone. Then the letter
// saves. With JavaScript the live check offers the same fix beside the text. axe and a phone's
// width on every page on the way; set FIX_SCREENSHOTS to a folder to keep screenshots at 1280
// and 375 px.
import assert from 'node:assert/strict';
import path from 'node:path';
import { describe, test } from 'node:test';
import type { BrowserContext, Page } from 'playwright-core';
import { axeViolations } from './support/axe.ts';
import { JOURNEY_TIMEOUT, PHONE, newContext, skipReason } from './support/browser.ts';
import { useBrowserServer } from './support/harness.ts';
import { demoAccount, followLinkByKeyboard, SignInPage, submitByKeyboard, tabTo, typeInto } from './support/pages.ts';
import type { DemoRole } from './support/server.ts';

const squash = (s: string) => s.replace(/\s+/g, ' ').trim();

const LETTER = [
  'Dear Dr Patel,',
  '',
  'Re: Robin Hale',
  '',
  'I saw Robin in clinic today with their father. Robin is a thoughtful young person and we talked about her plans for college. Their father said he has been driving Robin to every appointment, and he would like to come to the next one too.',
  '',
  'Robin would like the GP to start the blood tests we discussed, and to share the care with us. Please let us know if the GP needs anything else from us.',
  '',
  'Yours sincerely,',
  'Priya Shah',
].join('\n');

async function signedIn(context: BrowserContext, role: DemoRole, password: string): Promise<Page> {
  const page = await context.newPage();
  assert.equal(await new SignInPage(page).signInByKeyboard(demoAccount(role).email, password), 303, `${role} signs in`);
  return page;
}

/** axe finds nothing, nothing is wider than a phone, and (with FIX_SCREENSHOTS) screenshots at 1280 and 375 px. */
async function check(page: Page, where: string): Promise<void> {
  assert.deepEqual(await axeViolations(page), [], `axe on ${where}`);
  const dir = process.env.FIX_SCREENSHOTS;
  if (dir) await page.screenshot({ path: path.join(dir, `${where.replace(/\W+/g, '-')}-1280.png`), fullPage: true });
  const wide = page.viewportSize();
  await page.setViewportSize(PHONE);
  // The header's script lays its menu out again when the window resizes: let it run.
  await page.waitForFunction('document.documentElement.scrollWidth <= 375', undefined, { timeout: 3000 }).catch(() => undefined);
  const wideBits = await page.evaluate<string>(`[...document.querySelectorAll('body *')].filter((e) => e.getBoundingClientRect().right > 376).slice(-3).map((e) => e.tagName + '.' + e.className).join(', ')`);
  assert.ok(await page.evaluate<boolean>('document.documentElement.scrollWidth <= 375'), `${where} fits a 375 px phone: ${wideBits}`);
  if (dir) await page.screenshot({ path: path.join(dir, `${where.replace(/\W+/g, '-')}-375.png`), fullPage: true });
  if (wide) await page.setViewportSize(wide);
}

void describe('One-click fix in the record editor', { skip: skipReason() }, () => {
  const suite = useBrowserServer();

  void test('without JavaScript, “Change ‘her’ to ‘their’” corrects the letter in place, keeps what was typed, and the letter saves', { timeout: JOURNEY_TIMEOUT }, async () => {
    const personContext = await newContext(suite.browser, suite.server.url, { javaScriptEnabled: false });
    const staffContext = await newContext(suite.browser, suite.server.url, { javaScriptEnabled: false, viewport: { width: 1280, height: 900 } });
    try {
      // The demo person is Robin Hale now (they/them).
      const person = await signedIn(personContext, 'person', suite.server.password);
      await person.goto('/me/about');
      await typeInto(person, person.getByRole('textbox', { name: 'Name you want us to use' }), 'Robin Hale');
      assert.equal(await submitByKeyboard(person, person.getByRole('button', { name: 'Save', exact: true })), 303);
      assert.ok(squash(await person.getByRole('main').innerText()).includes('Robin Hale'));

      const staff = await signedIn(staffContext, 'practitioner', suite.server.password);
      await followLinkByKeyboard(staff, staff.getByRole('navigation', { name: 'Menu' }).getByRole('link', { name: /^People\b/ }).first());
      await followLinkByKeyboard(staff, staff.getByRole('link', { name: 'Robin Hale', exact: true }));
      await followLinkByKeyboard(staff, staff.getByRole('link', { name: 'Write a letter' }));
      assert.doesNotMatch((await staff.locator('body').getAttribute('class')) ?? '', /js-enabled/, 'no script has run on the page');

      const title = 'Letter to Robin’s GP after clinic';
      const recipient = 'Dr A Patel, Riverside Surgery';
      await typeInto(staff, staff.getByRole('textbox', { name: 'Title', exact: true }), title);
      await typeInto(staff, staff.getByRole('textbox', { name: 'Who the letter is to' }), recipient);
      const body = staff.getByRole('textbox', { name: 'Letter', exact: true });
      await typeInto(staff, body, LETTER);
      assert.equal(await submitByKeyboard(staff, staff.getByRole('button', { name: 'Save', exact: true })), 400, 'stopped at “her”');

      const findings = staff.getByRole('region', { name: 'The language guard found 1 thing to look at' });
      const found = squash(await findings.innerText());
      assert.ok(found.includes('Check “her”, line 5'), found);
      const fix = findings.getByRole('button', { name: 'Change ‘her’ to ‘their’ (line 5)' });
      assert.equal(await fix.count(), 1, 'one button, for the one safe fix');
      assert.equal(await findings.getByRole('button', { name: /Change ‘he’/ }).count(), 0, 'the father’s “he” is not Robin’s');
      await check(staff, 'editor stopped at her');

      // Enter in a field still means Save (the fix buttons come first in the form, but are not its default).
      const titleField = staff.getByRole('textbox', { name: 'Title', exact: true });
      await titleField.focus();
      const [enter] = await Promise.all([
        staff.waitForResponse((r) => r.request().method() === 'POST' && r.request().resourceType() === 'document'),
        staff.waitForEvent('load'),
        staff.keyboard.press('Enter'),
      ]);
      assert.equal(enter.status(), 400, 'saved, and stopped again');
      assert.equal(new URLSearchParams(enter.request().postData() ?? '').has('fix'), false, 'no fix was sent');
      assert.equal(await staff.getByRole('main').locator('.nhsuk-notification-banner').count(), 0, 'nothing was changed');
      assert.match(await body.inputValue(), /about her plans/);

      // The button, by keyboard: the server makes the change and checks again. Nothing is saved.
      assert.equal(await submitByKeyboard(staff, fix), 200);
      const banner = squash(await staff.getByRole('main').locator('.nhsuk-notification-banner').innerText());
      assert.ok(banner.includes('Changed ‘her’ to ‘their’ (line 5). Nothing is saved until you press Save'), banner);
      assert.equal(await body.inputValue(), LETTER.replace('about her plans', 'about their plans'), 'the letter is corrected, the rest as typed');
      assert.equal(await staff.getByRole('textbox', { name: 'Title', exact: true }).inputValue(), title);
      assert.equal(await staff.getByRole('textbox', { name: 'Who the letter is to' }).inputValue(), recipient);
      assert.equal(await staff.getByRole('region', { name: /The language guard found/ }).count(), 0, 'the finding is gone');
      await check(staff, 'editor after the fix');

      const saved = await submitByKeyboard(staff, staff.getByRole('button', { name: 'Save', exact: true }));
      assert.equal(saved, 303);
      assert.ok(squash(await staff.getByRole('main').innerText()).includes('Letter saved. It goes to the person to review before it can be sent'));
      assert.ok(squash(await staff.getByRole('main').innerText()).includes('we talked about their plans for college'));
      await check(staff, 'saved letter');
    } finally {
      await personContext.close();
      await staffContext.close();
    }
  });

  void test('with JavaScript, the live check offers the same fix as a button beside the text', { timeout: JOURNEY_TIMEOUT }, async () => {
    const staffContext = await newContext(suite.browser, suite.server.url);
    try {
      const staff = await signedIn(staffContext, 'practitioner', suite.server.password);
      await followLinkByKeyboard(staff, staff.getByRole('navigation', { name: 'Menu' }).getByRole('link', { name: /^People\b/ }).first());
      await followLinkByKeyboard(staff, staff.getByRole('link', { name: /^(Robin Hale|Sam Rivera)$/ }).first());
      await followLinkByKeyboard(staff, staff.getByRole('link', { name: 'Write a note' }));
      const note = staff.getByRole('textbox', { name: 'Note', exact: true });
      await typeInto(staff, note, 'The person came with their father. We talked about her plans for college and her week; he said he would drive.');
      // The same words twice on the line: each button says which it changes.
      const second = staff.getByRole('button', { name: /^Change the second ‘her’ to ‘their’ \(line 1\)$/ });
      await second.waitFor();
      assert.equal(await staff.getByRole('button', { name: /^Change the first ‘her’ to ‘their’ \(line 1\)$/ }).count(), 1);
      await check(staff, 'editor with the live fix');
      await tabTo(staff, second);
      await staff.keyboard.press('Enter');
      assert.equal(await note.inputValue(), 'The person came with their father. We talked about her plans for college and their week; he said he would drive.');
      const live = staff.getByRole('button', { name: /^Change ‘her’ to ‘their’ \(line 1\)$/ });
      await live.waitFor();
      await tabTo(staff, live);
      await staff.keyboard.press('Enter');
      assert.equal(await note.inputValue(), 'The person came with their father. We talked about their plans for college and their week; he said he would drive.');
      await staff.getByRole('button', { name: /^Change ‘her’/ }).waitFor({ state: 'detached' });
      assert.equal(await staff.getByRole('button', { name: /^Change ‘he’/ }).count(), 0, 'the father’s “he” is left alone');
    } finally {
      await staffContext.close();
    }
  });
});
