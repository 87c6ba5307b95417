// A disclosure of risk, tried as the people involved would: someone sends feedback saying they
// cannot go on and sees help first; the practitioner on the duty rota finds it in the duty
// queue at once, takes it and closes it with what they did, releasing a de-identified version;
// a Coproduction Group member never sees the words, only that something was withheld, and then
// the released words. By keyboard, with axe on every page, and the queue checked on a phone.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { axeViolations } from './support/axe.ts';
import { JOURNEY_TIMEOUT, newContext, skipReason } from './support/browser.ts';
import { useBrowserServer } from './support/harness.ts';
import { chooseRadioByKeyboard, demoAccount, SignInPage, submitByKeyboard, typeInto } from './support/pages.ts';

const WORDS = 'I cannot go on like this. Some nights I think about ending my life while I wait for a date.';
const RELEASED = 'Waiting without a date is very hard, and I needed someone to call me.';

async function assertAccessible(page: Page, where: string): Promise<void> {
  assert.deepEqual(await axeViolations(page), [], `axe on ${where} (${page.url()})`);
}

void describe('A disclosure of risk reaches the duty team, and nobody else', { skip: skipReason() }, () => {
  const suite = useBrowserServer();

  void test('sent as feedback, it is in the duty queue at once; a group member sees only that it was withheld, then the words the duty team released', { timeout: JOURNEY_TIMEOUT }, async () => {
    const visitorContext = await newContext(suite.browser, suite.server.url, { viewport: { width: 375, height: 740 } });
    const dutyContext = await newContext(suite.browser, suite.server.url, { viewport: { width: 375, height: 740 } });
    const groupContext = await newContext(suite.browser, suite.server.url);
    try {
      const visitor = await visitorContext.newPage();
      await visitor.goto('/feedback');
      assert.match(await visitor.getByRole('main').innerText(), /only our duty team reads it/, 'the form says beforehand who reads what');
      await typeInto(visitor, visitor.getByRole('textbox', { name: 'What happened, or what do you want to tell us?' }), WORDS);
      await chooseRadioByKeyboard(visitor, 'What is it about?', 'Waiting for an appointment');
      await chooseRadioByKeyboard(visitor, 'May we publish what you said?', 'Yes, with anything identifying removed');
      await chooseRadioByKeyboard(visitor, 'Would you like us to tell you what we did about it?', 'No, I do not need a reply');
      assert.equal(await submitByKeyboard(visitor, visitor.getByRole('button', { name: 'Send feedback' })), 200);
      const thanks = await visitor.getByRole('main').innerText();
      assert.ok(thanks.indexOf('Support is available now') < thanks.indexOf('We have received your feedback'), 'help comes first');
      assert.equal(await visitor.getByRole('link', { name: 'call 999' }).first().getAttribute('href'), 'tel:999');
      await assertAccessible(visitor, 'the thanks page after a disclosure');

      const duty = await dutyContext.newPage();
      assert.equal(await new SignInPage(duty).signInByKeyboard(demoAccount('practitioner').email, suite.server.password), 303);
      await duty.goto('/duty');
      await assertAccessible(duty, 'the duty queue on a phone');
      assert.ok(await duty.evaluate('document.documentElement.scrollWidth <= window.innerWidth'), 'the queue fits a phone');
      const newest = duty.getByRole('table', { name: /Open disclosures/ }).getByRole('link').last();
      await newest.click();
      assert.ok((await duty.getByRole('main').innerText()).includes('I cannot go on like this.'), 'the duty role reads the words at once');
      assert.equal(await submitByKeyboard(duty, duty.getByRole('button', { name: 'Take this' })), 303);
      await assertAccessible(duty, 'a disclosure, taken');
      await typeInto(duty, duty.getByRole('textbox', { name: 'What did you do?' }), 'Called them at 10:05. They are safe tonight; a review is booked for Thursday.');
      await chooseRadioByKeyboard(duty, 'May a de-identified version go back to where it came from?', 'Yes, release a de-identified version');
      const released = duty.getByRole('textbox', { name: 'The de-identified words that may go back' });
      await released.fill(RELEASED);

      const member = await groupContext.newPage();
      assert.equal(await new SignInPage(member).signInByKeyboard(demoAccount('group').email, suite.server.password), 303);
      await member.goto('/feedback/manage?show=risk');
      const list = await member.getByRole('main').innerText();
      assert.ok(!list.includes('cannot go on') && !list.includes('ending my life'), 'not in the list');
      assert.match(list, /Withheld for safety/);
      for (const url of ['/feedback/manage', '/feedback/moderation', '/feedback/themes']) {
        await member.goto(url);
        const text = await member.getByRole('main').innerText();
        assert.ok(!text.includes('cannot go on') && !text.includes('ending my life'), `a group member never sees the words on ${url}`);
      }
      assert.equal((await member.goto('/duty'))?.status(), 404, 'nor the duty queue');

      assert.equal(await submitByKeyboard(duty, duty.getByRole('button', { name: 'Close it' })), 303);
      await member.goto('/feedback/moderation');
      const moderation = await member.getByRole('main').innerText();
      assert.ok(moderation.includes(RELEASED), 'once released, the de-identified words can be checked for publishing');
      assert.ok(!moderation.includes('ending my life'));
      await assertAccessible(member, 'moderation');
    } finally {
      await Promise.all([visitorContext.close(), dutyContext.close(), groupContext.close()]);
    }
  });
});
