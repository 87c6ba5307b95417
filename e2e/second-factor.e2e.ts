// A second factor for staff (issue 16), in Chromium with WITHME_REQUIRE_STAFF_MFA=true: a
// practitioner who signed in with only a password asks for a record and is taken to set up a
// second factor instead; they add a passkey (Chromium's virtual authenticator, through the
// DevTools WebAuthn domain), keep the recovery codes shown once, and the record opens; the
// next sign-in asks for the passkey. On another server, an authenticator app (codes from
// otplib) does the same, and a recovery code signs in once and is then used up. A passkey then
// signs in on its own from /sign-in (no email, no password): for the practitioner it is the
// password and the second factor at once, a person signs in with theirs too, and a passkey whose
// user verification fails, or one no longer on the account, signs nobody in. axe on each page.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { generate } from 'otplib';
import type { BrowserContext, Page } from 'playwright-core';
import { axeViolations } from './support/axe.ts';
import { JOURNEY_TIMEOUT, newContext, skipReason } from './support/browser.ts';
import { useBrowserServer, type BrowserServer } from './support/harness.ts';
import { demoAccount, SignInPage } from './support/pages.ts';

const OPTIONS = { env: { WITHME_REQUIRE_STAFF_MFA: 'true' }, localhost: true };

async function assertAccessible(page: Page, where: string): Promise<void> {
  assert.deepEqual(await axeViolations(page), [], `axe on ${where} (${page.url()})`);
}

async function personId(suite: BrowserServer): Promise<string> {
  const row = await suite.server.app.db.selectFrom('accounts').select('id').where('email', '=', demoAccount('person').email).executeTakeFirstOrThrow();
  return row.id;
}

async function signInWithPassword(context: BrowserContext, suite: BrowserServer): Promise<Page> {
  const page = await context.newPage();
  await new SignInPage(page).signIn(demoAccount('practitioner').email, suite.server.password);
  return page;
}

/** The person's record, headed with the name they use and their pronouns. */
async function recordOpens(page: Page, why: string): Promise<void> {
  const heading = await page.getByRole('heading', { level: 1 }).innerText();
  assert.match(heading, /^Sam Rivera\s+\(they\/them\)/, why);
}

async function recoveryCodes(page: Page): Promise<string[]> {
  await page.getByRole('heading', { name: 'Your recovery codes' }).waitFor();
  return (await page.getByRole('list', { name: 'Recovery codes' }).getByRole('listitem').allInnerTexts()).map((t) => t.trim());
}

void describe('A practitioner sets up a passkey before opening a record', { skip: skipReason() }, () => {
  const suite = useBrowserServer(OPTIONS);

  void test('password only: no record; a passkey from the virtual authenticator opens it, and is asked for at the next sign-in', { timeout: JOURNEY_TIMEOUT }, async () => {
    const context = await newContext(suite.browser, suite.server.url);
    try {
      const id = await personId(suite);
      const page = await signInWithPassword(context, suite);
      const cdp = await context.newCDPSession(page);
      await cdp.send('WebAuthn.enable');
      const { authenticatorId } = await cdp.send('WebAuthn.addVirtualAuthenticator', {
        options: { protocol: 'ctap2', transport: 'internal', hasResidentKey: true, hasUserVerification: true, isUserVerified: true, automaticPresenceSimulation: true },
      });

      const response = await page.goto(`/people/${id}`);
      assert.equal(new URL(page.url()).pathname, '/account/second-factor', 'the record sends them to set up a second factor');
      assert.equal(response?.status(), 200);
      assert.ok(!(await page.getByRole('main').innerText()).includes('Sam Rivera'), 'nothing of the record shows');
      const api = await page.request.get(`/api/v1/fhir/Patient/${id}`);
      assert.equal(api.status(), 401, 'nor the FHIR API');
      await page.getByRole('heading', { name: 'Set up a second way to sign in' }).waitFor();
      await assertAccessible(page, 'setting up a second factor');

      await page.getByRole('textbox', { name: 'A name for this passkey (optional)' }).fill('Work laptop');
      await Promise.all([page.waitForURL('**/account/second-factor/recovery-codes'), page.getByRole('button', { name: 'Add a passkey' }).click()]);
      const codes = await recoveryCodes(page);
      assert.equal(codes.length, 10);
      await assertAccessible(page, 'the recovery codes');
      const { credentials } = await cdp.send('WebAuthn.getCredentials', { authenticatorId });
      assert.equal(credentials.length, 1, 'the passkey lives in the authenticator');

      await page.getByRole('link', { name: 'I have kept my codes, continue' }).click();
      await page.waitForURL(`**/people/${id}`);
      await recordOpens(page, 'now the record opens');

      await page.goto('/sign-out');
      await page.getByRole('main').getByRole('button', { name: 'Sign out' }).click();
      await new SignInPage(page).signIn(demoAccount('practitioner').email, suite.server.password);
      await page.goto(`/people/${id}`);
      await page.getByRole('heading', { name: 'Confirm it is you' }).waitFor();
      await assertAccessible(page, 'asking for the second factor');
      await Promise.all([page.waitForURL(`**/people/${id}`), page.getByRole('button', { name: 'Use your passkey' }).click()]);
      await recordOpens(page, 'the passkey opens it again');
    } finally {
      await context.close();
    }
  });
});

void describe('A practitioner sets up an authenticator app; a recovery code works once', { skip: skipReason() }, () => {
  const suite = useBrowserServer(OPTIONS);

  void test('a code from otplib sets the app up; a recovery code signs in once and is then refused', { timeout: JOURNEY_TIMEOUT }, async () => {
    const first = await newContext(suite.browser, suite.server.url, { javaScriptEnabled: false });
    const second = await newContext(suite.browser, suite.server.url);
    const third = await newContext(suite.browser, suite.server.url);
    try {
      const id = await personId(suite);
      const page = await signInWithPassword(first, suite);
      await page.goto(`/people/${id}`);
      await page.getByRole('link', { name: 'Set up an authenticator app' }).click();
      await assertAccessible(page, 'setting up an authenticator app');
      const secret = (await page.locator('[data-setup-key]').innerText()).trim();
      await page.getByRole('textbox', { name: 'Code from the app' }).fill('000000');
      await page.getByRole('button', { name: 'Continue' }).click();
      await page.getByRole('alert').filter({ hasText: 'There is a problem' }).waitFor();
      await assertAccessible(page, 'a wrong code');
      await page.getByRole('textbox', { name: 'Code from the app' }).fill(await generate({ secret }));
      await page.getByRole('button', { name: 'Continue' }).click();
      const codes = await recoveryCodes(page);
      assert.equal(codes.length, 10);
      await page.getByRole('link', { name: 'I have kept my codes, continue' }).click();
      await recordOpens(page, 'without JavaScript too, the app opens the record');

      const code = codes[0] as string;
      const again = await signInWithPassword(second, suite);
      await again.goto(`/people/${id}`);
      await again.getByRole('textbox', { name: 'Code from your authenticator app, or a recovery code' }).fill(code);
      await again.getByRole('button', { name: 'Continue' }).click();
      await again.waitForURL(`**/people/${id}`);
      await recordOpens(again, 'the recovery code signs in');

      const later = await signInWithPassword(third, suite);
      await later.goto(`/people/${id}`);
      await later.getByRole('textbox', { name: 'Code from your authenticator app, or a recovery code' }).fill(code);
      await later.getByRole('button', { name: 'Continue' }).click();
      await later.getByRole('alert').filter({ hasText: 'There is a problem' }).waitFor();
      assert.equal(new URL(later.url()).pathname, '/account/second-factor', 'used up: refused');
      // The app's next code: the one that set it up works only once, and that was at setup.
      await later.getByRole('textbox', { name: 'Code from your authenticator app, or a recovery code' }).fill(await generate({ secret, epoch: Math.floor(Date.now() / 1000) + 30 }));
      await later.getByRole('button', { name: 'Continue' }).click();
      await later.waitForURL(`**/people/${id}`);
    } finally {
      await Promise.all([first.close(), second.close(), third.close()]);
    }
  });
});

/** A virtual authenticator that keeps discoverable passkeys and verifies its user (a fingerprint, say). */
async function virtualAuthenticator(context: BrowserContext, page: Page) {
  const cdp = await context.newCDPSession(page);
  await cdp.send('WebAuthn.enable');
  const { authenticatorId } = await cdp.send('WebAuthn.addVirtualAuthenticator', {
    options: { protocol: 'ctap2', transport: 'internal', hasResidentKey: true, hasUserVerification: true, isUserVerified: true, automaticPresenceSimulation: true },
  });
  return { cdp, authenticatorId };
}

async function addPasskeyAndSignOut(page: Page, label: string): Promise<void> {
  await page.getByRole('textbox', { name: 'A name for this passkey (optional)' }).fill(label);
  await Promise.all([page.waitForURL('**/account/second-factor/recovery-codes'), page.getByRole('button', { name: 'Add a passkey' }).click()]);
  assert.equal((await recoveryCodes(page)).length, 10);
  await page.goto('/sign-out');
  await page.getByRole('main').getByRole('button', { name: 'Sign out' }).click();
}

async function signInWithPasskey(page: Page): Promise<void> {
  await page.goto('/sign-in');
  await Promise.all([page.waitForURL((url) => !url.pathname.startsWith('/sign-in')), page.getByRole('button', { name: 'Sign in with a passkey' }).click()]);
}

void describe('A passkey signs in on its own', { skip: skipReason() }, () => {
  const suite = useBrowserServer(OPTIONS);

  void test('a practitioner’s passkey is their password and second factor at once; without user verification it signs nobody in', { timeout: JOURNEY_TIMEOUT }, async () => {
    const context = await newContext(suite.browser, suite.server.url);
    try {
      const id = await personId(suite);
      const page = await signInWithPassword(context, suite);
      const { cdp, authenticatorId } = await virtualAuthenticator(context, page);
      await page.goto('/account/second-factor?next=/account');
      await addPasskeyAndSignOut(page, 'Work laptop');

      await page.goto('/sign-in');
      await page.getByRole('button', { name: 'Sign in with a passkey' }).waitFor();
      await assertAccessible(page, 'the sign-in page with passkeys');
      await signInWithPasskey(page);
      assert.notEqual(new URL(page.url()).pathname, '/account/second-factor', 'no second factor is asked for');
      await page.goto(`/people/${id}`);
      await recordOpens(page, 'the passkey alone opens the record');

      await page.goto('/sign-out');
      await page.getByRole('main').getByRole('button', { name: 'Sign out' }).click();
      // The authenticator no longer verifies its user, and the page is tampered with so the
      // browser does not ask it to: the server itself must refuse an answer without verification.
      await cdp.send('WebAuthn.setUserVerified', { authenticatorId, isUserVerified: false });
      await page.route('**/sign-in/passkey/options', async (route) => {
        const response = await route.fetch();
        await route.fulfill({ response, json: { ...((await response.json()) as Record<string, unknown>), userVerification: 'discouraged' } });
      });
      await page.goto('/sign-in');
      await page.getByRole('button', { name: 'Sign in with a passkey' }).click();
      await page.getByRole('alert').filter({ hasText: 'That passkey did not sign you in' }).waitFor();
      assert.equal(new URL(page.url()).pathname, '/sign-in');
      assert.equal((await page.request.get(`/api/v1/fhir/Patient/${id}`)).status(), 401, 'not signed in');
      await assertAccessible(page, 'a passkey that did not sign in');
    } finally {
      await context.close();
    }
  });

  void test('a person signs in with the passkey they added; once removed from their account it signs nobody in', { timeout: JOURNEY_TIMEOUT }, async () => {
    const context = await newContext(suite.browser, suite.server.url);
    const withoutScript = await newContext(suite.browser, suite.server.url, { javaScriptEnabled: false });
    try {
      const person = demoAccount('person');
      const page = await context.newPage();
      await new SignInPage(page).signIn(person.email, suite.server.password);
      await virtualAuthenticator(context, page);
      await page.goto('/account/second-factor?next=/account');
      await addPasskeyAndSignOut(page, 'My phone');

      await signInWithPasskey(page);
      assert.ok((await page.locator('header').innerText()).includes(person.displayName), 'signed in as themself');

      await page.goto('/account');
      await page.getByRole('link', { name: 'Remove My phone' }).click();
      await page.getByLabel('Your password').fill(suite.server.password);
      await page.getByRole('button', { name: 'Remove My phone' }).click();
      await page.waitForURL('**/account');
      await page.goto('/sign-out');
      await page.getByRole('main').getByRole('button', { name: 'Sign out' }).click();
      await page.goto('/sign-in');
      await page.getByRole('button', { name: 'Sign in with a passkey' }).click();
      await page.getByRole('alert').filter({ hasText: 'That passkey did not sign you in' }).waitFor();

      const plain = await withoutScript.newPage();
      await plain.goto('/sign-in');
      assert.equal(await plain.getByRole('button', { name: 'Sign in with a passkey' }).count(), 0, 'without JavaScript there is no passkey button');
      await plain.getByRole('button', { name: 'Sign in', exact: true }).waitFor();
    } finally {
      await Promise.all([context.close(), withoutScript.close()]);
    }
  });
});
