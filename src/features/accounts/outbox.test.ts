// Links stay with their owners (issue 11): invitation and reset links sign in as the person they
// were sent to, so no page the lead reaches ever shows one. The lead sees that a message was
// sent, to whom, what for and when, and whether it failed; never its words.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Agent, anAccount, forEachDialect, signedInAs } from '../../../test/helpers.ts';

const LINK = /\/(?:invitations|reset-password)\/[A-Za-z0-9_-]{20,}/;

forEachDialect('the outbox as the lead sees it', (ctx) => {
  test('the lead sees no invitation or reset link on any page it reaches, and cannot accept an invitation meant for someone else', async () => {
    const { agent: lead, account: leadAccount } = await signedInAs(ctx, ['lead']);
    await lead.get('/admin/invitations/new');
    assert.equal((await lead.post('/admin/invitations', { displayName: 'Robin New', email: 'robin.new@example.org', roles: ['practitioner'] })).statusCode, 303);
    const person = await anAccount(ctx.db, { roles: ['person'] });
    const visitor = new Agent(ctx.app);
    await visitor.get('/forgot-password');
    await visitor.post('/forgot-password', { email: person.email });
    // The lead asks for a reset of their own: that link is theirs, but their pages show it nowhere either.
    await visitor.post('/forgot-password', { email: leadAccount.email });
    const mail = await ctx.db.selectFrom('outbox').select(['id', 'body_text', 'to_address', 'purpose']).execute();
    const tokens = mail.flatMap((m) => [...m.body_text.matchAll(/\/(?:invitations|reset-password)\/([A-Za-z0-9_-]+)/g)].map((t) => t[1]!));
    assert.equal(tokens.length, 3);
    // A mail server that quotes the link back in its refusal.
    const invitation = mail.find((m) => m.purpose === 'invitation')!;
    const link = /https?:\/\/\S+\/invitations\/[A-Za-z0-9_-]+/.exec(invitation.body_text)![0];
    await ctx.db.updateTable('outbox').set({ status: 'failed', attempts: 8, last_error: `550 5.7.1 URL is blocklisted: ${link}` }).where('id', '=', invitation.id).execute();

    const accounts = await ctx.db.selectFrom('accounts').select('id').execute();
    const pages = [
      ...ctx.app.registeredRoutes
        .filter((r) => r.method === 'GET' && !r.url.includes(':') && !r.url.includes('*'))
        .filter((r) => ['public', 'signed-in', 'own-account', 'lead', 'staff', 'group-or-staff'].includes(String(r.config?.policy)))
        .map((r) => r.url),
      ...accounts.map((a) => `/admin/accounts/${a.id}`),
    ];
    assert.ok(pages.includes('/admin/outbox') && pages.includes('/me/download.json'));
    for (const url of pages) {
      if (url === '/exit') continue;
      const res = await lead.get(url);
      assert.ok(res.statusCode < 500, `GET ${url}: ${res.statusCode}`);
      for (const token of tokens) assert.ok(!res.body.includes(token), `GET ${url} shows no token`);
      assert.doesNotMatch(res.body, LINK, `GET ${url} shows no link that signs in`);
    }

    // What the lead does see: to whom, what for, when, and whether it went.
    const outbox = await lead.get('/admin/outbox');
    assert.match(outbox.body, /robin\.new@example\.org<\/td>\s*<td class="nhsuk-table__cell" role="cell"><span class="nhsuk-table-responsive__heading" aria-hidden="true">What it is for <\/span>Invitation to create an account/);
    assert.ok(outbox.body.includes(person.email));
    assert.match(outbox.body, /Link to choose a new password/);
    assert.match(outbox.body, /Failed.*Last error: 550 5.7.1 URL is blocklisted: \S+\/invitations\/\[link removed\]/s);
    assert.doesNotMatch(outbox.body, /To accept, choose your password|Your sign-in link|use this link within 1 hour/, 'no words and no subject');
    assert.match(outbox.body, /not shown here/);

    // With nothing to follow, the lead cannot accept it; the person it was meant for still can.
    assert.equal((await lead.get('/invitations/not-a-real-token-at-all')).statusCode, 404);
    const path = /\/invitations\/[A-Za-z0-9_-]+/.exec(invitation.body_text)![0];
    const invitee = new Agent(ctx.app);
    await invitee.get(path);
    assert.equal((await invitee.post(path, { password: 'robin chose this passphrase', confirm: 'robin chose this passphrase' })).statusCode, 303);
  });
});
