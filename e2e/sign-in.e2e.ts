// Signing in by keyboard alone, for every demo account, and the same answer for a wrong
// password as for an address the service does not know (no way to learn who uses it).
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { createAccountWithPassword } from '../src/features/accounts/index.ts';
import { axeViolations } from './support/axe.ts';
import { JOURNEY_TIMEOUT, newContext, skipReason } from './support/browser.ts';
import { useBrowserServer } from './support/harness.ts';
import { demoAccount, Layout, SignInPage } from './support/pages.ts';
import { DEMO_ROLES } from './support/server.ts';

/** The navigation link each role gets, to show the right account is signed in. */
const ROLE_NAVIGATION = { lead: 'Accounts', practitioner: 'People', group: 'Coproduction', person: 'About me' } as const;

void describe('Signing in with the keyboard alone', { skip: skipReason() }, () => {
  const suite = useBrowserServer();

  for (const role of DEMO_ROLES) {
    void test(`the demo ${role} account signs in using only Tab, typing and Enter`, { timeout: JOURNEY_TIMEOUT }, async () => {
      const context = await newContext(suite.browser, suite.server.url);
      try {
        const page = await context.newPage();
        const account = demoAccount(role);
        const status = await new SignInPage(page).signInByKeyboard(account.email, suite.server.password);
        assert.equal(status, 303, 'the sign-in form is accepted');

        assert.equal(new URL(page.url()).pathname, '/', 'back on the home page after signing in');
        const layout = new Layout(page);
        assert.equal(await layout.signOut().count(), 1, 'a one-step Sign out once signed in');
        assert.ok((await page.locator('header').innerText()).includes(account.displayName), `the header names ${account.displayName}`);
        const nav = page.getByRole('navigation').getByRole('link', { name: ROLE_NAVIGATION[role], exact: true });
        assert.equal(await nav.count(), 1, `the ${role} sees "${ROLE_NAVIGATION[role]}" in the navigation`);
        assert.equal(await layout.accountLink('Sign in').count(), 0, 'no Sign in link once signed in');
      } finally {
        await context.close();
      }
    });
  }

  void test('a wrong password and an unknown email address get exactly the same answer', { timeout: JOURNEY_TIMEOUT }, async () => {
    const context = await newContext(suite.browser, suite.server.url);
    try {
      const page = await context.newPage();
      const signIn = new SignInPage(page);
      const answers: Array<{ status: number; title: string; main: string }> = [];
      for (const [email, password] of [
        ['person@example.org', 'not the password at all'],
        ['nobody-here@example.org', 'not the password at all'],
      ] as const) {
        const status = await signIn.signInByKeyboard(email, password);
        assert.equal(new URL(page.url()).pathname, '/sign-in', `still on sign in for ${email}`);
        assert.equal(await signIn.errorSummary().count(), 1, `an error summary for ${email}`);
        assert.equal(await signIn.email().inputValue(), email, 'the email address typed is kept');
        assert.equal(await signIn.password().inputValue(), '', 'the password is never sent back');
        answers.push({
          status,
          title: await page.title(),
          main: (await page.getByRole('main').innerText()).replace(/\s+/g, ' '),
        });
      }
      assert.equal(answers[0]?.status, 400);
      assert.ok(answers[0]?.main.includes('Enter a correct email address and password'), answers[0]?.main);
      assert.deepEqual(answers[1], answers[0]);
    } finally {
      await context.close();
    }
  });

  void test('an account with no roles signs in and lands, kindly, on how to get help and what it can still do', { timeout: JOURNEY_TIMEOUT }, async () => {
    const email = 'no-roles-now@example.org';
    await createAccountWithPassword(suite.server.app.db, { email, displayName: 'Rowan Left', password: suite.server.password, roles: [] });
    const context = await newContext(suite.browser, suite.server.url);
    try {
      const page = await context.newPage();
      assert.equal(await new SignInPage(page).signInByKeyboard(email, suite.server.password), 303);
      assert.equal(new URL(page.url()).pathname, '/no-access');
      assert.equal(await page.getByRole('heading', { level: 1 }).innerText(), 'Your account has no access at the moment');
      const main = page.getByRole('main');
      assert.equal(await main.getByRole('link', { name: 'See and download the information we hold about you' }).count(), 1);
      assert.equal(await main.getByRole('link', { name: suite.server.config.contact.email! }).count(), 1, 'the service’s email address');
      assert.equal(await page.getByRole('navigation', { name: 'Menu' }).getByRole('link').allInnerTexts().then((t) => t.join('|')), 'Help');
      assert.deepEqual(await axeViolations(page), []);
    } finally {
      await context.close();
    }
  });
});
