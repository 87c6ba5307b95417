// Listening to acting, by keyboard alone: a practitioner starts an action answering one of the
// demo service's feedback themes, closes it with "You said … We did …", and anyone then reads
// it on the public "You said, we did" board and in its Atom feed. axe on every page on the way.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { axeViolations } from './support/axe.ts';
import { JOURNEY_TIMEOUT, newContext, skipReason } from './support/browser.ts';
import { useBrowserServer } from './support/harness.ts';
import { chooseRadioByKeyboard, demoAccount, isFocused, setCheckboxByKeyboard, SignInPage, submitByKeyboard, tabTo, typeInto } from './support/pages.ts';

const YOU_SAID = 'Waiting rooms felt unwelcoming, with forms that only had two gender options.';
const WE_DID = 'We rewrote every form with the Coproduction Group; they now ask for the name and pronouns you use.';

async function assertAccessible(page: Page, where: string): Promise<void> {
  assert.deepEqual(await axeViolations(page), [], `axe on ${where} (${page.url()})`);
}

void describe('Feedback to "You said, we did"', { skip: skipReason() }, () => {
  const suite = useBrowserServer();

  void test('a practitioner closes an action on a theme by keyboard and the public board and feed show it', { timeout: JOURNEY_TIMEOUT }, async () => {
    const staffContext = await newContext(suite.browser, suite.server.url);
    const publicContext = await newContext(suite.browser, suite.server.url);
    try {
      const page = await staffContext.newPage();
      assert.equal(await new SignInPage(page).signInByKeyboard(demoAccount('practitioner').email, suite.server.password), 303);
      await page.goto('/feedback/actions/new');
      await assertAccessible(page, 'the new action form');

      await typeInto(page, page.getByRole('textbox', { name: 'What will be done?' }), 'Rewrite our forms with the group');
      const owner = page.getByRole('combobox', { name: 'Who owns it?' });
      await tabTo(page, owner);
      await page.keyboard.press('ArrowDown');
      assert.notEqual(await owner.inputValue(), '', 'an owner chosen with the arrow keys');
      const themes = page.getByRole('group', { name: 'Which themes does it answer?' }).getByRole('checkbox');
      assert.ok((await themes.count()) > 0, 'the demo has themes to answer');
      await setCheckboxByKeyboard(page, themes.first(), true);
      assert.equal(await submitByKeyboard(page, page.getByRole('button', { name: 'Start action' })), 303);
      assert.match(new URL(page.url()).pathname, /^\/feedback\/actions\/[^/]+$/);
      await assertAccessible(page, 'the action');

      await typeInto(page, page.getByRole('textbox', { name: 'You said' }), YOU_SAID);
      await chooseRadioByKeyboard(page, 'Did you do it?', 'Yes: we did it');
      const weDid = page.getByRole('textbox', { name: 'We did' });
      await page.keyboard.press('Tab');
      assert.ok(await isFocused(weDid), 'the revealed "We did" box comes next');
      await page.keyboard.type(WE_DID);
      const status = await submitByKeyboard(page, page.getByRole('button', { name: 'Close and publish' }));
      assert.equal(status, 303, `closed (${status}): ${(await page.getByRole('main').innerText()).slice(0, 300)}`);
      await assertAccessible(page, 'the closed action');

      const visitor = await publicContext.newPage();
      await visitor.goto('/you-said-we-did');
      const board = (await visitor.getByRole('main').innerText()).replace(/\s+/g, ' ');
      assert.ok(board.includes(YOU_SAID) && board.includes(WE_DID), 'the statement is on the public board');
      await assertAccessible(visitor, 'the public board');
      const feed = await visitor.request.get('/you-said-we-did/feed.xml');
      assert.equal(feed.status(), 200);
      assert.match(feed.headers()['content-type'] ?? '', /atom\+xml/);
      assert.ok((await feed.text()).includes('We rewrote every form with the Coproduction Group'), 'and in the Atom feed');
    } finally {
      await staffContext.close();
      await publicContext.close();
    }
  });
});
