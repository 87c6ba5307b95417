// The lead's account pages by keyboard alone (issue 11): refused a record role for themself,
// suspending an account with a reason (its open session ends at once), and restoring it; each
// page in each state passes axe. The crawler reaches none of these states.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { createAccountWithPassword } from '../src/features/accounts/index.ts';
import { axeViolations } from './support/axe.ts';
import { JOURNEY_TIMEOUT, newContext, skipReason } from './support/browser.ts';
import { useBrowserServer } from './support/harness.ts';
import { demoAccount, SignInPage, setCheckboxByKeyboard, submitByKeyboard, typeInto } from './support/pages.ts';

void describe('The lead’s account pages', { skip: skipReason() }, () => {
  const suite = useBrowserServer();

  void test('the lead is refused a record role for themself, suspends an account with a reason and restores it, by keyboard', { timeout: JOURNEY_TIMEOUT }, async () => {
    const email = 'kit.suspended@example.org';
    const id = await createAccountWithPassword(suite.server.app.db, { email, displayName: 'Kit Suspended', password: suite.server.password, roles: ['group'] });
    const leadContext = await newContext(suite.browser, suite.server.url);
    const kitContext = await newContext(suite.browser, suite.server.url);
    try {
      const kit = await kitContext.newPage();
      await new SignInPage(kit).signIn(email, suite.server.password);
      assert.equal((await kit.goto('/coproduction/proposals'))?.status(), 200);

      const page = await leadContext.newPage();
      await new SignInPage(page).signIn(demoAccount('lead').email, suite.server.password);
      const leadId = (await suite.server.app.db.selectFrom('accounts').select('id').where('email', '=', demoAccount('lead').email).executeTakeFirstOrThrow()).id;

      // Their own page: the practitioner role is refused, said beside the checkboxes.
      await page.goto(`/admin/accounts/${leadId}`);
      assert.equal(await page.getByText('You cannot suspend your own account. Another service lead can.').count(), 1);
      await setCheckboxByKeyboard(page, page.getByRole('checkbox', { name: 'Practitioner' }), true);
      assert.equal(await submitByKeyboard(page, page.getByRole('button', { name: 'Save roles' })), 400);
      assert.match(await page.getByRole('alert').innerText(), /You cannot give yourself a role that reads records or disclosures/);
      assert.deepEqual(await axeViolations(page), [], 'the refused roles form');

      // Kit's page: suspend with a reason.
      await page.goto(`/admin/accounts/${id}`);
      assert.deepEqual(await axeViolations(page), [], 'an active account');
      assert.equal(await submitByKeyboard(page, page.getByRole('button', { name: 'Suspend this account' })), 400);
      assert.match(await page.getByRole('alert').innerText(), /Give the reason for suspending this account/);
      await typeInto(page, page.getByRole('textbox', { name: 'Why are you suspending this account?' }), 'Asked for a break from the group.');
      assert.equal(await submitByKeyboard(page, page.getByRole('button', { name: 'Suspend this account' })), 303);
      assert.equal(await page.getByRole('heading', { name: 'This account is suspended' }).count(), 1);
      assert.ok((await page.getByRole('main').innerText()).includes('Asked for a break from the group.'));
      assert.deepEqual(await axeViolations(page), [], 'a suspended account');
      await page.goto('/admin/accounts');
      assert.equal(await page.getByRole('table', { name: 'Suspended accounts' }).getByRole('cell', { name: 'Kit Suspended', exact: true }).count(), 1);
      assert.deepEqual(await axeViolations(page), [], 'the accounts list with a suspended account');

      // Kit's open session ended at once.
      await kit.goto('/coproduction/proposals');
      assert.equal(new URL(kit.url()).pathname, '/sign-in');

      await page.goto(`/admin/accounts/${id}`);
      assert.equal(await submitByKeyboard(page, page.getByRole('button', { name: 'Restore this account' })), 303);
      assert.equal(await page.getByRole('button', { name: 'Suspend this account' }).count(), 1);
      await new SignInPage(kit).signIn(email, suite.server.password);
      assert.equal((await kit.goto('/coproduction/proposals'))?.status(), 200);
    } finally {
      await leadContext.close();
      await kitContext.close();
    }
  });
});
