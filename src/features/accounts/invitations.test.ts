import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Agent, anAccount, forEachDialect, signedInAs } from '../../../test/helpers.ts';

function linkIn(body: string, path: string): string {
  const match = new RegExp(`https?://[^\\s]+(${path}/[A-Za-z0-9_-]+)`).exec(body);
  assert.ok(match, `the email has a ${path} link`);
  return match[1]!;
}

forEachDialect('invitations and password resets', (ctx) => {
  test('the lead invites someone; the link sets a password once, then signs them in with their roles', async () => {
    const { agent: lead } = await signedInAs(ctx, ['lead']);
    await lead.get('/admin/invitations/new');
    const sent = await lead.post('/admin/invitations', { displayName: 'Alex Morgan', email: 'Alex.Morgan@example.org', roles: ['group', 'person'] });
    assert.equal(sent.statusCode, 303);
    assert.match((await lead.get('/admin/accounts')).body, /Invitation sent/);

    const mail = await ctx.db.selectFrom('outbox').selectAll().where('to_address', '=', 'alex.morgan@example.org').executeTakeFirstOrThrow();
    assert.equal(mail.purpose, 'invitation');
    // It may land in an inbox someone else reads, before they could choose a discreet sender:
    // nothing in it names the service or says what it is for.
    for (const words of [mail.subject, mail.body_text, mail.sender_name ?? '']) {
      assert.ok(!words.includes(ctx.config.serviceName), `the invitation does not name the service: ${words}`);
      assert.ok(!/gender|clinic|trans\b|health/i.test(words), `nothing in it says what the service is: ${words}`);
    }
    assert.equal(mail.sender_name, 'Account team');
    const path = linkIn(mail.body_text, '/invitations');
    const token = path.split('/').pop()!;
    const stored = await ctx.db.selectFrom('invitations').select('token_hash').execute();
    assert.ok(stored.every((row) => row.token_hash !== token), 'only a hash of the token is stored');

    const invitee = new Agent(ctx.app);
    assert.match((await invitee.get(path)).body, /Welcome, Alex Morgan/);
    const short = await invitee.post(path, { password: 'too short', confirm: 'too short' });
    assert.equal(short.statusCode, 400);
    assert.match(short.body, /Password must be 12 characters or more/);
    const common = await invitee.post(path, { password: 'password1234', confirm: 'password1234' });
    assert.match(common.body, /too easy to guess/);
    const mismatch = await invitee.post(path, { password: 'a long enough passphrase', confirm: 'a different passphrase' });
    assert.match(mismatch.body, /The passwords do not match/);

    const accepted = await invitee.post(path, { password: 'émoji 🦋 and spaces ok', confirm: 'émoji 🦋 and spaces ok' });
    assert.equal(accepted.statusCode, 303);
    const home = await invitee.get('/');
    assert.match(home.body, /signed in as Alex Morgan/);
    assert.match(home.body, /href="\/coproduction\/proposals"/);

    const again = await new Agent(ctx.app).get(path);
    assert.equal(again.statusCode, 404);
    assert.match(again.body, /This link has expired/);

    const signIn = new Agent(ctx.app);
    await signIn.get('/sign-in');
    assert.equal((await signIn.post('/sign-in', { email: 'alex.morgan@example.org', password: 'émoji 🦋 and spaces ok' })).statusCode, 303);
  });

  test('an invitation link expires after 7 days', async () => {
    const { agent: lead } = await signedInAs(ctx, ['lead']);
    await lead.get('/admin/invitations/new');
    await lead.post('/admin/invitations', { displayName: 'Late Person', email: 'late@example.org', roles: 'person' });
    const mail = await ctx.db.selectFrom('outbox').selectAll().where('to_address', '=', 'late@example.org').executeTakeFirstOrThrow();
    const path = linkIn(mail.body_text, '/invitations');
    const invitation = await ctx.db.selectFrom('invitations').select(['created_at', 'expires_at']).where('email', '=', 'late@example.org').executeTakeFirstOrThrow();
    assert.equal(Date.parse(invitation.expires_at) - Date.parse(invitation.created_at) > 6.99 * 86_400_000, true);
    await ctx.db.updateTable('invitations').set({ expires_at: new Date(Date.now() - 1000).toISOString() }).where('email', '=', 'late@example.org').execute();
    assert.equal((await new Agent(ctx.app).get(path)).statusCode, 404);
  });

  test('inviting an address that has an account gives the lead the same answer', async () => {
    const existing = await anAccount(ctx.db, { roles: ['person'] });
    const { agent: lead } = await signedInAs(ctx, ['lead']);
    await lead.get('/admin/invitations/new');
    const response = await lead.post('/admin/invitations', { displayName: 'Someone', email: existing.email, roles: 'group' });
    assert.equal(response.statusCode, 303);
    assert.match((await lead.get('/admin/accounts')).body, /Invitation sent/);
  });

  test('the invitation form keeps what the lead typed and says what is wrong', async () => {
    const { agent: lead } = await signedInAs(ctx, ['lead']);
    await lead.get('/admin/invitations/new');
    const response = await lead.post('/admin/invitations', { displayName: 'Kit', email: 'not-an-email' });
    assert.equal(response.statusCode, 400);
    assert.match(response.body, /There is a problem/);
    assert.match(response.body, /href="#email"/);
    assert.match(response.body, /Select at least one role/);
    assert.match(response.body, /value="Kit"/);
    assert.match(response.body, /value="not-an-email"/);
  });

  test('a password reset answers the same for any address and its link works once', async () => {
    const account = await anAccount(ctx.db);
    const visitor = new Agent(ctx.app);
    await visitor.get('/forgot-password');
    const known = await visitor.post('/forgot-password', { email: account.email });
    const unknown = await visitor.post('/forgot-password', { email: 'no-account-here@example.org' });
    assert.equal(known.statusCode, 200);
    assert.equal(unknown.statusCode, 200);
    const strip = (body: string) => body.replace(/name="_csrf" value="[^"]+"/g, '').replace(/nonce="[^"]+"/g, '');
    assert.equal(strip(known.body), strip(unknown.body));
    assert.equal(await ctx.db.selectFrom('outbox').select('id').where('to_address', '=', 'no-account-here@example.org').executeTakeFirst(), undefined);

    const mail = await ctx.db.selectFrom('outbox').selectAll().where('to_address', '=', account.email).where('purpose', '=', 'password-reset').executeTakeFirstOrThrow();
    const path = linkIn(mail.body_text, '/reset-password');
    await visitor.get(path);
    const reset = await visitor.post(path, { password: 'a brand new passphrase', confirm: 'a brand new passphrase' });
    assert.equal(reset.statusCode, 303);
    assert.equal((await new Agent(ctx.app).get(path)).statusCode, 404);
    const again = new Agent(ctx.app);
    await again.get('/sign-in');
    assert.equal((await again.post('/sign-in', { email: account.email, password: 'a brand new passphrase' })).statusCode, 303);
  });

  test('a lead cannot remove their own lead role', async () => {
    const { agent: lead, account } = await signedInAs(ctx, ['lead']);
    await lead.get(`/admin/accounts/${account.id}`);
    const response = await lead.post(`/admin/accounts/${account.id}/roles`, { roles: 'person' });
    assert.equal(response.statusCode, 400);
    assert.match(response.body, /cannot remove your own lead role/);
  });
});
