import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Agent, anAccount, forEachDialect, PASSWORD } from '../../../test/helpers.ts';

forEachDialect('signing in', (ctx) => {
  test('a person signs in with their email and password and lands where they were going', async () => {
    const account = await anAccount(ctx.db, { roles: ['lead'] });
    const agent = new Agent(ctx.app);
    await agent.get('/sign-in?next=/admin/accounts');
    const response = await agent.post('/sign-in', { email: account.email.toUpperCase(), password: PASSWORD, next: '/admin/accounts' });
    assert.equal(response.statusCode, 303);
    assert.equal(response.headers.location, '/admin/accounts');
    const page = await agent.get('/admin/accounts');
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /Accounts/);
    assert.equal(page.headers['cache-control'], 'no-store');
  });

  test('a wrong password and an unknown email get the same answer', async () => {
    const account = await anAccount(ctx.db);
    const agent = new Agent(ctx.app);
    await agent.get('/sign-in');
    const wrongPassword = await agent.post('/sign-in', { email: account.email, password: 'not the password at all' });
    const unknownEmail = await agent.post('/sign-in', { email: 'nobody-here@example.org', password: 'not the password at all' });
    assert.equal(wrongPassword.statusCode, 400);
    assert.equal(unknownEmail.statusCode, 400);
    const message = (body: string) => /nhsuk-error-summary__list[\s\S]*?<a[^>]*>([^<]+)<\/a>/.exec(body)?.[1]?.trim();
    assert.equal(message(wrongPassword.body), 'Enter a correct email address and password');
    assert.equal(message(unknownEmail.body), message(wrongPassword.body));
    // What they typed is kept.
    assert.match(unknownEmail.body, /value="nobody-here@example.org"/);
  });

  test('sign-in only ever sends people to a page on this site', async () => {
    const account = await anAccount(ctx.db);
    for (const next of ['//evil.example', '/\\evil.example', '/\t/evil.example', 'https://evil.example', '/\n/evil.example']) {
      const agent = new Agent(ctx.app);
      await agent.get('/sign-in');
      const response = await agent.post('/sign-in', { email: account.email, password: PASSWORD, next });
      assert.equal(response.statusCode, 303);
      assert.equal(response.headers.location, '/', `next=${JSON.stringify(next)} goes home`);
    }
  });

  test('resetting a password signs out every other session of that account', async () => {
    const account = await anAccount(ctx.db);
    const elsewhere = new Agent(ctx.app);
    await elsewhere.signIn(account.email);
    assert.match((await elsewhere.get('/')).body, /You are signed in/);
    const visitor = new Agent(ctx.app);
    await visitor.get('/forgot-password');
    await visitor.post('/forgot-password', { email: account.email });
    const mail = await ctx.db.selectFrom('outbox').selectAll().where('to_address', '=', account.email).where('purpose', '=', 'password-reset').executeTakeFirstOrThrow();
    assert.equal(mail.subject, 'Your sign-in link', 'nothing in the subject says what the service is');
    assert.doesNotMatch(mail.body_text, /withme|gender/i);
    const path = /\/reset-password\/[A-Za-z0-9_-]+/.exec(mail.body_text)![0];
    await new Promise((r) => setTimeout(r, 5));
    await visitor.get(path);
    assert.equal((await visitor.post(path, { password: 'another long passphrase', confirm: 'another long passphrase' })).statusCode, 303);
    assert.doesNotMatch((await elsewhere.get('/')).body, /You are signed in/);
    assert.match((await visitor.get('/')).body, /You are signed in/);
  });

  test('the lead never sees a reset link in the outbox', async () => {
    const account = await anAccount(ctx.db);
    const visitor = new Agent(ctx.app);
    await visitor.get('/forgot-password');
    await visitor.post('/forgot-password', { email: account.email });
    const lead = await anAccount(ctx.db, { roles: ['lead'] });
    const agent = new Agent(ctx.app);
    await agent.signIn(lead.email);
    const outbox = await agent.get('/admin/outbox');
    assert.equal(outbox.statusCode, 200);
    assert.doesNotMatch(outbox.body, /reset-password\//);
    assert.match(outbox.body, /not shown here/);
  });

  test('a form posted without its CSRF token is refused and nothing happens', async () => {
    const account = await anAccount(ctx.db);
    const agent = new Agent(ctx.app);
    const response = await agent.post('/sign-in', { email: account.email, password: PASSWORD, _csrf: 'forged' });
    assert.equal(response.statusCode, 403);
    assert.match(response.body, /This form has expired/);
    assert.match(response.body, /If you are in crisis, <a href="tel:999">call 999<\/a>/);
  });
});
