// "Nothing about me, without me" by keyboard alone: the demo person says the name they use,
// their pronouns and a name never to be used; their practitioner sees the first two at once,
// and the previous name appears on no page either of them sees. axe on every page on the way.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { axeViolations } from './support/axe.ts';
import { JOURNEY_TIMEOUT, newContext, skipReason } from './support/browser.ts';
import { useBrowserServer } from './support/harness.ts';
import { chooseOptionByKeyboard, demoAccount, followLinkByKeyboard, setCheckboxByKeyboard, SignInPage, submitByKeyboard, typeInto } from './support/pages.ts';

const NEW_NAME = 'Sam Quill';
const PLANTED_PREVIOUS_NAME = 'Zebulon Farquharsonne';
const PRIORITY_WORDS = 'Laser before my surgery, at a clinic near work.';

async function assertAccessible(page: Page, where: string): Promise<void> {
  assert.deepEqual(await axeViolations(page), [], `axe on ${where} (${page.url()})`);
  assert.ok(!(await page.content()).toLowerCase().includes('farquharsonne'), `the previous name is not on ${where}`);
}

void describe('About me, seen by the practitioner', { skip: skipReason() }, () => {
  const suite = useBrowserServer();

  void test('the person sets their name, pronouns and a protected name by keyboard, and the practitioner sees them at once', { timeout: JOURNEY_TIMEOUT }, async () => {
    const personContext = await newContext(suite.browser, suite.server.url);
    const practitionerContext = await newContext(suite.browser, suite.server.url);
    try {
      const page = await personContext.newPage();
      assert.equal(await new SignInPage(page).signInByKeyboard(demoAccount('person').email, suite.server.password), 303);
      await followLinkByKeyboard(page, page.getByRole('link', { name: 'About me', exact: true }).first());
      assert.equal(new URL(page.url()).pathname, '/me');
      await assertAccessible(page, 'About me');

      // A name never to be used.
      await followLinkByKeyboard(page, page.getByRole('link', { name: 'Manage protected names' }));
      const countText = async () => (await page.getByRole('heading', { name: /protected$/ }).innerText()).trim();
      const before = Number.parseInt(await countText(), 10);
      await typeInto(page, page.getByRole('textbox', { name: 'A name you never want to see' }), PLANTED_PREVIOUS_NAME);
      assert.equal(await submitByKeyboard(page, page.getByRole('button', { name: 'Protect this name' })), 303);
      assert.equal(Number.parseInt(await countText(), 10), before + 1, 'one more name protected');
      await assertAccessible(page, 'the protected names page');

      // Name and pronouns.
      await page.goto('/me');
      await followLinkByKeyboard(page, page.getByRole('link', { name: 'Change your name, pronouns and words' }));
      await typeInto(page, page.getByRole('textbox', { name: 'Name you want us to use' }), NEW_NAME);
      const pronouns = page.getByRole('group', { name: 'Your pronouns' });
      for (const set of ['he/him', 'she/her', 'they/them', 'ze/hir', 'ey/em', 'fae/faer']) await setCheckboxByKeyboard(page, pronouns.getByRole('checkbox', { name: set, exact: true }), false);
      await setCheckboxByKeyboard(page, pronouns.getByRole('checkbox', { name: 'xe/xem', exact: true }), true);
      await typeInto(page, page.getByRole('textbox', { name: 'Other pronouns (optional)' }), '');
      assert.equal(await submitByKeyboard(page, page.getByRole('button', { name: 'Save' })), 303);
      assert.equal(new URL(page.url()).pathname, '/me');
      const mine = (await page.getByRole('main').innerText()).replace(/\s+/g, ' ');
      assert.ok(mine.includes(NEW_NAME) && mine.includes('xe/xem'), mine);
      await assertAccessible(page, 'About me after saving');

      // What matters most: hair removal first, in their own words. Two things at one place is
      // refused with a clear message, keeping what was typed.
      await followLinkByKeyboard(page, page.getByRole('link', { name: 'Change what matters most to you' }));
      await assertAccessible(page, 'What matters most');
      await chooseOptionByKeyboard(page, page.getByRole('combobox', { name: 'Place for Hair removal' }), 'Number 1');
      await typeInto(page, page.getByRole('textbox', { name: 'In your words, what you want from Hair removal (optional)' }), PRIORITY_WORDS);
      assert.equal(await submitByKeyboard(page, page.getByRole('button', { name: 'Save' })), 400);
      const problem = page.getByRole('alert').filter({ hasText: 'There is a problem' });
      assert.match((await problem.innerText()).replace(/\s+/g, ' '), /Hair removal and Waiting-time support are both number 1|Waiting-time support and Hair removal are both number 1/);
      assert.equal(await page.getByRole('textbox', { name: 'In your words, what you want from Hair removal (optional)' }).inputValue(), PRIORITY_WORDS, 'what was typed is kept');
      await assertAccessible(page, 'What matters most, with the problem');
      await chooseOptionByKeyboard(page, page.getByRole('combobox', { name: 'Place for Waiting-time support' }), 'Not ranked');
      await typeInto(page, page.getByRole('textbox', { name: 'In your words, what you want from Waiting-time support (optional)' }), '');
      assert.equal(await submitByKeyboard(page, page.getByRole('button', { name: 'Save' })), 303);
      const firstPriority = async (p: typeof page) => (await p.getByRole('list', { name: /^What matters most/ }).getByRole('listitem').first().innerText()).replace(/\s+/g, ' ');
      assert.equal(await firstPriority(page), `Hair removal In your words: “${PRIORITY_WORDS}”`);
      await assertAccessible(page, 'About me with priorities');

      // The practitioner, by keyboard too.
      const staff = await practitionerContext.newPage();
      assert.equal(await new SignInPage(staff).signInByKeyboard(demoAccount('practitioner').email, suite.server.password), 303);
      await followLinkByKeyboard(staff, staff.getByRole('link', { name: 'People', exact: true }).first());
      await assertAccessible(staff, 'the caseload');
      await followLinkByKeyboard(staff, staff.getByRole('link', { name: NEW_NAME, exact: true }));
      const heading = (await staff.getByRole('heading', { level: 1 }).innerText()).replace(/\s+/g, ' ');
      assert.ok(heading.includes(NEW_NAME) && heading.includes('xe/xem'), `the practitioner sees the name and pronouns first: ${heading}`);
      assert.equal(await firstPriority(staff), `Hair removal In their words: “${PRIORITY_WORDS}”`, 'and what matters most to them, first');
      assert.ok(!(await staff.getByRole('main').innerText()).includes('Waiting-time support'), 'no longer ranked, so not listed');
      await assertAccessible(staff, "the person's page");
    } finally {
      await personContext.close();
      await practitionerContext.close();
    }
  });
});
