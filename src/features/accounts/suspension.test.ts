// Suspending an account (issue 11): from its admin page, with a reason, audited. A suspended
// account cannot sign in, every session of it ends at its next request, it reads nothing and is
// sent nothing; a lead cannot suspend themself. Restored, it signs in again; old sessions stay ended.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Agent, anAccount, forEachDialect, PASSWORD, signedInAs } from '../../../test/helpers.ts';
import { aPersonOnACaseload } from '../record/test-builders.ts';
import { createAdmin, notifyAccount } from './index.ts';

forEachDialect('suspending an account', (ctx) => {
  const isSignedIn = async (agent: Agent) => /You are signed in/.test((await agent.get('/')).body);

  async function suspend(lead: Agent, id: string, reason: string) {
    await lead.get(`/admin/accounts/${id}`);
    return lead.post(`/admin/accounts/${id}/suspend`, { reason });
  }

  test('a suspended account cannot sign in, every open session ends at once, and it is sent no mail', async () => {
    const person = await anAccount(ctx.db, { roles: ['person'], displayName: 'Ash Suspended' });
    const phone = new Agent(ctx.app);
    const laptop = new Agent(ctx.app);
    await phone.signIn(person.email);
    await laptop.signIn(person.email);
    assert.equal((await phone.get('/me')).statusCode, 200);
    // A reset link is waiting in the outbox when the lead acts.
    const visitor = new Agent(ctx.app);
    await visitor.get('/forgot-password');
    await visitor.post('/forgot-password', { email: person.email });
    const waiting = await ctx.db.selectFrom('outbox').selectAll().where('to_address', '=', person.email).executeTakeFirstOrThrow();
    const resetPath = /\/reset-password\/[A-Za-z0-9_-]+/.exec(waiting.body_text)![0];

    const { agent: lead, account: leadAccount } = await signedInAs(ctx, ['lead'], { displayName: 'Lee Lead' });
    const done = await suspend(lead, person.id, 'Asked us to close their account while they are away.');
    assert.equal(done.statusCode, 303);
    const page = await lead.get(`/admin/accounts/${person.id}`);
    assert.match(page.body, /Account suspended/);
    assert.match(page.body, /This account is suspended/);
    assert.match(page.body, /Asked us to close their account while they are away\./);
    assert.match(page.body, /by Lee Lead/);
    assert.match((await lead.get('/admin/accounts')).body, /Suspended accounts[\s\S]*Ash Suspended/);

    // Both sessions end at their next request: nothing readable.
    for (const agent of [phone, laptop]) {
      const res = await agent.get('/me');
      assert.equal(res.statusCode, 303);
      assert.match(String(res.headers.location), /^\/sign-in/);
      assert.equal(await isSignedIn(agent), false);
      assert.equal((await agent.get('/me/download')).statusCode, 303);
    }
    // No sign-in: the same answer as a wrong password.
    const again = new Agent(ctx.app);
    await again.get('/sign-in');
    const refused = await again.post('/sign-in', { email: person.email, password: PASSWORD });
    assert.equal(refused.statusCode, 400);
    assert.match(refused.body, /Enter a correct email address and password/);
    // No mail: what was waiting is withdrawn, its link no longer works, nothing new is queued.
    const withdrawn = await ctx.db.selectFrom('outbox').select('status').where('id', '=', waiting.id).executeTakeFirstOrThrow();
    assert.equal(withdrawn.status, 'withdrawn');
    assert.equal((await new Agent(ctx.app).get(resetPath)).statusCode, 404);
    await visitor.post('/forgot-password', { email: person.email });
    assert.equal(await notifyAccount(ctx.db, ctx.config, person.id, { purpose: 'record-entry' }), false);
    const mail = await ctx.db.selectFrom('outbox').select('id').where('to_address', '=', person.email).execute();
    assert.equal(mail.length, 1, 'nothing more was queued for them');
    assert.match((await lead.get('/admin/outbox')).body, /Withdrawn \(the account was suspended\)/);

    // Recorded: who, when and why (the reason with the suspension, ids only in the audit).
    const row = await ctx.db.selectFrom('account_suspensions').selectAll().where('account_id', '=', person.id).executeTakeFirstOrThrow();
    assert.equal(row.suspended_by, leadAccount.id);
    assert.equal(row.reason, 'Asked us to close their account while they are away.');
    const audited = await ctx.db.selectFrom('audit_log').selectAll().where('action', '=', 'account-suspended').where('subject', '=', person.id).executeTakeFirstOrThrow();
    assert.equal(audited.actor_id, leadAccount.id);
    assert.doesNotMatch(audited.detail, /away/);

    // Restored: they sign in again; the sessions from before stay ended.
    assert.equal((await lead.post(`/admin/accounts/${person.id}/restore`)).statusCode, 303);
    assert.match((await lead.get(`/admin/accounts/${person.id}`)).body, /Account restored/);
    assert.equal(await isSignedIn(phone), false);
    const back = new Agent(ctx.app);
    await back.signIn(person.email);
    assert.equal((await back.get('/me')).statusCode, 200);
    const restored = await ctx.db.selectFrom('account_suspensions').selectAll().where('id', '=', row.id).executeTakeFirstOrThrow();
    assert.equal(restored.restored_by, leadAccount.id);
    assert.ok(await ctx.db.selectFrom('audit_log').select('seq').where('action', '=', 'account-restored').where('subject', '=', person.id).executeTakeFirst());
    // The person reads why, in what we hold about them.
    assert.match((await back.get('/me/download')).body, /Asked us to close their account while they are away\./);
  });

  test('a suspended practitioner reads no record, and the API answers as to a stranger', async () => {
    const { person, practitioner } = await aPersonOnACaseload(ctx);
    assert.equal((await practitioner.agent.get(`/people/${person.id}`)).statusCode, 200);
    const { agent: lead } = await signedInAs(ctx, ['lead']);
    assert.equal((await suspend(lead, practitioner.id, 'Left the service.')).statusCode, 303);
    const page = await practitioner.agent.get(`/people/${person.id}`);
    assert.equal(page.statusCode, 303);
    assert.doesNotMatch(page.body, /Sam/);
    assert.equal((await practitioner.agent.get(`/api/v1/fhir/Patient/${person.id}`)).statusCode, 401);
    // Off every list that gives work: they are no longer offered as a practitioner for a caseload.
    assert.doesNotMatch((await lead.get('/admin/caseloads')).body, new RegExp(`<option value="${practitioner.id}"`));
  });

  test('a lead cannot suspend themself, a suspension needs a reason, and another lead can suspend a lead', async () => {
    const { agent: lead, account } = await signedInAs(ctx, ['lead']);
    const own = await lead.get(`/admin/accounts/${account.id}`);
    assert.match(own.body, /You cannot suspend your own account/);
    assert.doesNotMatch(own.body, /action="\/admin\/accounts\/[^"]+\/suspend"/);
    const crafted = await lead.post(`/admin/accounts/${account.id}/suspend`, { reason: 'Trying anyway' });
    assert.equal(crafted.statusCode, 400);
    assert.match(crafted.body, /You cannot suspend your own account. Another service lead can/);
    assert.equal(await isSignedIn(lead), true);

    const other = await anAccount(ctx.db, { roles: ['group'] });
    const empty = await suspend(lead, other.id, '   ');
    assert.equal(empty.statusCode, 400);
    assert.match(empty.body, /Give the reason for suspending this account/);
    assert.equal((await lead.post('/admin/accounts/00000000-0000-4000-8000-000000000000/suspend', { reason: 'Nobody' })).statusCode, 404);

    const { agent: second } = await signedInAs(ctx, ['lead']);
    assert.equal((await suspend(second, account.id, 'Under investigation.')).statusCode, 303);
    assert.equal(await isSignedIn(lead), false);
    // Suspending it twice, or restoring an active account, finds nothing to do.
    assert.equal((await second.post(`/admin/accounts/${account.id}/suspend`, { reason: 'Again' })).statusCode, 404);
    assert.equal((await second.post(`/admin/accounts/${other.id}/restore`)).statusCode, 404);
  });

  test('a suspended address is not invited again, nor made a lead from the command line', async () => {
    const member = await anAccount(ctx.db, { roles: ['group'] });
    const { agent: lead } = await signedInAs(ctx, ['lead']);
    await suspend(lead, member.id, 'Asked for a break.');
    await lead.get('/admin/invitations/new');
    const invited = await lead.post('/admin/invitations', { displayName: 'Again', email: member.email, roles: ['practitioner'] });
    assert.equal(invited.statusCode, 303, 'the lead gets the answer any existing address gets');
    assert.equal(await ctx.db.selectFrom('invitations').select('id').where('email', '=', member.email).executeTakeFirst(), undefined);
    assert.equal(await ctx.db.selectFrom('outbox').select('id').where('to_address', '=', member.email).executeTakeFirst(), undefined);
    assert.deepEqual(await createAdmin(ctx.db, ctx.config, { email: member.email, displayName: 'Again' }), { created: false });
    const stillSuspended = await ctx.db.selectFrom('accounts').select('disabled_at').where('id', '=', member.id).executeTakeFirstOrThrow();
    assert.ok(stillSuspended.disabled_at);
    const roles = await ctx.db.selectFrom('account_roles').select('role').where('account_id', '=', member.id).execute();
    assert.deepEqual(roles.map((r) => r.role), ['group']);
  });
});
