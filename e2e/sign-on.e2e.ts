// Signing in through another's word, against a real OpenID Connect provider (oidc-provider): a
// practitioner with their organisation account (client_secret_basic), a person with "NHS login"
// (a second client, private_key_jwt signed RS512, asking for P9), each landing on their own home
// page. An address the service does not know gets the same answer as a wrong password; a forged
// state and an id token for another audience are refused, and nobody is signed in by them.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { axeViolations } from './support/axe.ts';
import { JOURNEY_TIMEOUT, launchBrowser, newContext, skipReason } from './support/browser.ts';
import { freePort, startIdentityProvider, type RunningProvider } from './support/identity-provider.ts';
import { demoAccount, Layout, SignInPage } from './support/pages.ts';
import { startServer, type RunningServer } from './support/server.ts';

const VTR = '["P9.Cp.Cd","P9.Cp.Ck","P9.Cm"]';
const NHS_NUMBER = '9000000009';
const SIGN_IN_REFUSED = 'Enter a correct email address and password';

void describe('Signing in with an organisation account and with NHS login', { skip: skipReason() }, () => {
  let provider: RunningProvider;
  let server: RunningServer;
  let browser: Browser;

  before(async () => {
    const port = await freePort();
    const withmeUrl = `http://127.0.0.1:${port}`;
    provider = await startIdentityProvider({
      withmeUrl,
      accounts: {
        'staff-priya': { email: demoAccount('practitioner').email.toUpperCase(), email_verified: true },
        'staff-unverified': { email: demoAccount('practitioner').email, email_verified: false },
        'staff-stranger': { email: 'nobody-here@example.org', email_verified: true },
        'nhs-sam': { email: demoAccount('person').email, email_verified: true, nhs_number: NHS_NUMBER, identity_proofing_level: 'P9' },
        'nhs-practitioner': { email: demoAccount('practitioner').email, email_verified: true, nhs_number: '9434765919', identity_proofing_level: 'P9' },
      },
    });
    server = await startServer({
      port,
      env: {
        WITHME_PUBLIC_URL: withmeUrl,
        WITHME_OIDC_ISSUER: provider.issuer,
        WITHME_OIDC_CLIENT_ID: provider.staffClient.id,
        WITHME_OIDC_CLIENT_SECRET: provider.staffClient.secret,
        WITHME_NHS_LOGIN_ISSUER: provider.issuer,
        WITHME_NHS_LOGIN_CLIENT_ID: provider.nhsClient.id,
        WITHME_NHS_LOGIN_PRIVATE_KEY_FILE: provider.nhsClient.privateKeyFile,
        WITHME_NHS_LOGIN_VTR: VTR,
      },
    });
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await server?.close();
    await provider?.close();
  });

  async function withContext(run: (page: Page, context: BrowserContext) => Promise<void>): Promise<void> {
    const context = await newContext(browser, server.url, {}, [provider.issuer]);
    try {
      await run(await context.newPage(), context);
    } finally {
      await context.close();
    }
  }

  /** From withme's sign-in page through the provider's own login and consent pages, back to withme. */
  async function signOnAs(page: Page, button: 'Sign in with your organisation account' | 'Continue with NHS login', login: string): Promise<void> {
    await page.goto('/sign-in');
    await page.getByRole('button', { name: button }).or(page.getByRole('link', { name: button })).click();
    await page.waitForURL(`${provider.issuer}/**`);
    await page.locator('input[name="login"]').fill(login);
    await page.locator('input[name="password"]').fill('any password: the development login page takes any');
    await page.getByRole('button', { name: 'Sign-in' }).click();
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.waitForURL(`${server.url}/**`);
  }

  async function assertSignedInAs(page: Page, role: 'practitioner' | 'person', navigation: string): Promise<void> {
    assert.equal(new URL(page.url()).pathname, '/', `the ${role} lands on the home page`);
    assert.equal(await new Layout(page).signOut().count(), 1, 'signed in');
    assert.ok((await page.locator('header').innerText()).includes(demoAccount(role).displayName), `the header names the ${role}`);
    // The link may carry a count of what waits ("People 1 waiting").
    const links = await page.getByRole('navigation').getByRole('link').allInnerTexts();
    assert.ok(links.some((text) => text.trim() === navigation || text.trim().startsWith(`${navigation} `) || text.trim().startsWith(`${navigation}\n`)), `the ${role}'s own navigation (${navigation}): ${links.join(' | ')}`);
  }

  async function assertRefused(page: Page, message: string): Promise<void> {
    assert.equal(new URL(page.url()).pathname.startsWith('/sign-in'), true, 'still signing in');
    const summary = new SignInPage(page).errorSummary();
    assert.equal(await summary.count(), 1, 'an error summary');
    assert.ok((await summary.innerText()).includes(message), await summary.innerText());
    assert.equal(await new Layout(page).signOut().count(), 0, 'nobody is signed in');
    assert.equal((await page.request.get('/me', { maxRedirects: 0 })).status(), 303, 'and no page needing an account opens');
  }

  void test('the sign-in page offers both, and is accessible', { timeout: JOURNEY_TIMEOUT }, async () => {
    await withContext(async (page) => {
      await page.goto('/sign-in');
      assert.equal(await page.getByRole('button', { name: 'Sign in with your organisation account' }).or(page.getByRole('link', { name: 'Sign in with your organisation account' })).count(), 1);
      assert.equal(await page.getByRole('button', { name: 'Continue with NHS login' }).or(page.getByRole('link', { name: 'Continue with NHS login' })).count(), 1);
      assert.deepEqual(await axeViolations(page), []);
    });
  });

  void test('a practitioner signs in with their organisation account and lands on their own home page', { timeout: JOURNEY_TIMEOUT }, async () => {
    await withContext(async (page) => {
      await signOnAs(page, 'Sign in with your organisation account', 'staff-priya');
      await assertSignedInAs(page, 'practitioner', 'People');
      const signIns = await server.app.db.selectFrom('audit_log').select('detail').where('action', '=', 'sign-in').execute();
      assert.ok(signIns.some((row) => String(row.detail).includes('organisation')), 'the audit says how they signed in');
    });
  });

  void test('a person signs in with NHS login (private_key_jwt), asked for P9, and lands on their own home page', { timeout: JOURNEY_TIMEOUT }, async () => {
    await withContext(async (page) => {
      const asked = provider.vectorsOfTrustAsked.length;
      await signOnAs(page, 'Continue with NHS login', 'nhs-sam');
      await assertSignedInAs(page, 'person', 'About me');
      assert.equal(provider.vectorsOfTrustAsked[asked], VTR, 'withme asked NHS login for the configured vectors of trust');
      const link = await server.app.db.selectFrom('nhs_login_links').selectAll().where('subject', '=', 'nhs-sam').executeTakeFirstOrThrow();
      assert.equal(link.identity_level, 'P9', 'the level NHS login vouched for is recorded');
      assert.ok(link.nhs_number_encrypted && !link.nhs_number_encrypted.includes(NHS_NUMBER), 'the NHS number is kept, encrypted');
    });
    // Linked now: the next sign-in goes by the NHS login identity.
    await withContext(async (page) => {
      await signOnAs(page, 'Continue with NHS login', 'nhs-sam');
      await assertSignedInAs(page, 'person', 'About me');
    });
  });

  void test('an address the service does not know gets the same answer as a wrong password, and nothing is created', { timeout: JOURNEY_TIMEOUT }, async () => {
    const before = await server.app.db.selectFrom('accounts').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    let fromSignOn = '';
    await withContext(async (page) => {
      await signOnAs(page, 'Sign in with your organisation account', 'staff-stranger');
      await assertRefused(page, SIGN_IN_REFUSED);
      fromSignOn = (await new SignInPage(page).errorSummary().innerText()).trim();
    });
    await withContext(async (page) => {
      await signOnAs(page, 'Sign in with your organisation account', 'staff-unverified');
      await assertRefused(page, SIGN_IN_REFUSED);
    });
    // NHS login does not reach a staff account, even with its address.
    await withContext(async (page) => {
      await signOnAs(page, 'Continue with NHS login', 'nhs-practitioner');
      await assertRefused(page, SIGN_IN_REFUSED);
    });
    await withContext(async (page) => {
      const signIn = new SignInPage(page);
      await page.goto('/sign-in');
      await signIn.email().fill(demoAccount('practitioner').email);
      await signIn.password().fill('not the password at all');
      await signIn.submit().click();
      assert.equal((await signIn.errorSummary().innerText()).trim(), fromSignOn, 'word for word the answer to a wrong password');
    });
    const afterCount = await server.app.db.selectFrom('accounts').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    assert.equal(Number(afterCount.n), Number(before.n), 'sign-on created no account');
  });

  void test('a forged state is refused, and the real answer cannot be replayed after it', { timeout: JOURNEY_TIMEOUT }, async () => {
    await withContext(async (page) => {
      provider.forgeState = true;
      try {
        await signOnAs(page, 'Sign in with your organisation account', 'staff-priya');
      } finally {
        provider.forgeState = false;
      }
      assert.ok(provider.genuineCallback, 'the provider answered with a code');
      assert.notEqual(page.url(), provider.genuineCallback, 'and withme was sent another state');
      await assertRefused(page, 'Signing in did not work');
      // The sign-on under way ended with the refusal: the genuine answer does not work now either.
      const replay = await page.goto(provider.genuineCallback);
      assert.equal(replay?.status(), 400);
      await assertRefused(page, 'Signing in did not work');
    });
  });

  void test('an id token for another audience is refused', { timeout: JOURNEY_TIMEOUT }, async () => {
    await withContext(async (page) => {
      provider.forgeAudience = true;
      try {
        await signOnAs(page, 'Sign in with your organisation account', 'staff-priya');
      } finally {
        provider.forgeAudience = false;
      }
      await assertRefused(page, 'Signing in did not work');
    });
  });
});
