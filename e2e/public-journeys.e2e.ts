// Public journeys by keyboard alone, with axe on the pages that only a form submission reaches
// (the crawler sees only what links lead to): checking writing against the language guide
// without JavaScript, and giving anonymous feedback that suggests someone is at risk.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { axeViolations } from './support/axe.ts';
import { JOURNEY_TIMEOUT, newContext, skipReason } from './support/browser.ts';
import { useBrowserServer } from './support/harness.ts';
import { chooseRadioByKeyboard, Layout, submitByKeyboard, tabTo } from './support/pages.ts';

void describe('Public journeys by keyboard', { skip: skipReason() }, () => {
  const suite = useBrowserServer();

  void test('anyone checks their writing against the language guide, without JavaScript, and sees the suggestion marked in place', { timeout: JOURNEY_TIMEOUT }, async () => {
    const text = 'Our leaflet says the service supports transgendered people.';
    const noScript = await newContext(suite.browser, suite.server.url, { javaScriptEnabled: false });
    try {
      const page = await noScript.newPage();
      await page.goto('/language-guide/check');

      // Nothing entered: the error summary.
      assert.equal(await submitByKeyboard(page, page.getByRole('button', { name: 'Check' })), 400);
      assert.equal(await page.getByRole('alert').filter({ hasText: 'There is a problem' }).count(), 1);

      await tabTo(page, page.getByRole('textbox'));
      await page.keyboard.type(text);
      assert.equal(await submitByKeyboard(page, page.getByRole('button', { name: 'Check' })), 200);

      assert.equal(await page.getByRole('heading', { name: 'What we found' }).count(), 1);
      const marked = page.locator('mark');
      assert.equal(await marked.count(), 1, 'one word marked');
      assert.match(await marked.innerText(), /^transgendered/);
      const findings = await page.getByRole('main').getByRole('listitem').allInnerTexts();
      assert.ok(findings.some((f) => f.includes('transgender')), findings.join(' | '));
      assert.equal(await page.getByRole('textbox').inputValue(), text, 'the text is kept to edit');
      await new Layout(page).assertSafetyFeatures();
    } finally {
      await noScript.close();
    }

    // axe needs scripts to run: the same two answers, checked with JavaScript on.
    const withScript = await newContext(suite.browser, suite.server.url);
    try {
      const page = await withScript.newPage();
      await page.goto('/language-guide/check');
      assert.equal(await submitByKeyboard(page, page.getByRole('button', { name: 'Check' })), 400);
      assert.deepEqual(await axeViolations(page), [], 'the error page passes axe');
      await page.getByRole('textbox').fill(text);
      assert.equal(await submitByKeyboard(page, page.getByRole('button', { name: 'Check' })), 200);
      assert.equal(await page.locator('mark').count(), 1);
      assert.deepEqual(await axeViolations(page), [], 'the results page passes axe');
    } finally {
      await withScript.close();
    }
  });

  void test('anonymous feedback that suggests risk shows crisis support at once, by keyboard alone', { timeout: JOURNEY_TIMEOUT }, async () => {
    const context = await newContext(suite.browser, suite.server.url);
    try {
      const page = await context.newPage();
      await page.goto('/');
      await tabTo(page, page.getByRole('link', { name: 'Tell us what you think' }).first());
      await Promise.all([page.waitForURL('**/feedback'), page.keyboard.press('Enter')]);

      // Sending nothing: every problem listed, and the page still passes axe.
      assert.equal(await submitByKeyboard(page, page.getByRole('button', { name: 'Send feedback' })), 400);
      assert.equal(await page.getByRole('alert').filter({ hasText: 'There is a problem' }).count(), 1);
      assert.deepEqual(await axeViolations(page), [], 'the form with errors passes axe');

      await tabTo(page, page.getByRole('textbox', { name: /What happened/ }));
      await page.keyboard.type('Waiting this long for an appointment, some days I want to end my life.');
      await chooseRadioByKeyboard(page, 'What is it about?', 'Waiting for an appointment');
      await chooseRadioByKeyboard(page, 'May we publish what you said?', 'No, keep it within the service');
      await chooseRadioByKeyboard(page, 'Would you like us to tell you what we did about it?', 'No, I do not need a reply');
      const status = await submitByKeyboard(page, page.getByRole('button', { name: 'Send feedback' }));
      assert.ok(status === 200 || status === 303, `sent (${status})`);

      const main = (await page.getByRole('main').innerText()).replace(/\s+/g, ' ');
      assert.match(main, /Support is available now/);
      assert.match(main, /If you are in crisis, call 999 or go to A&E if you are safe to do so\. You are not alone\./);
      assert.match(main, /Samaritans/);
      await new Layout(page).assertSafetyFeatures();
      assert.deepEqual(await axeViolations(page), [], 'the confirmation passes axe');
    } finally {
      await context.close();
    }
  });
});
