// Separation of duties (issue 11): whoever administers accounts cannot give themself access to a
// record. A role that reads records or disclosures (practitioner, duty) given to one's own
// account is another lead's to give ("the other lead does it"), recorded as theirs; with one
// lead it is refused. Every way round it is tried here, as the lead would.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Refusal } from '../../platform/refusal.ts';
import { anAccount, forEachDialect, signedInAs, type TestContext } from '../../../test/helpers.ts';
import { aPersonOnACaseload } from '../record/test-builders.ts';
import { createAdmin } from './index.ts';
import { changeRoles, invite } from './service.ts';

const rolesOf = async (ctx: TestContext, id: string) =>
  (await ctx.db.selectFrom('account_roles').select('role').where('account_id', '=', id).execute()).map((r) => r.role).sort();

forEachDialect('separation of duties: the only lead', (ctx) => {
  test('a lead alone cannot grant themself practitioner or duty, by any form or body, and still reaches no record or FHIR Patient', async () => {
    const { person } = await aPersonOnACaseload(ctx);
    const { agent: lead, account } = await signedInAs(ctx, ['lead']);
    await lead.get(`/admin/accounts/${account.id}`);
    for (const roles of [['lead', 'practitioner'], ['lead', 'duty'], ['lead', 'practitioner', 'duty', 'group'], ['lead', 'practitioner', 'practitioner']]) {
      const res = await lead.post(`/admin/accounts/${account.id}/roles`, { roles });
      assert.equal(res.statusCode, 400, roles.join('+'));
      assert.match(res.body, /You cannot give yourself a role that reads records or disclosures \(practitioner or duty rota\), and you are the only service lead/);
    }
    // Dropping the lead role in the same body is refused too (and first).
    assert.equal((await lead.post(`/admin/accounts/${account.id}/roles`, { roles: 'practitioner' })).statusCode, 400);
    // Another spelling of the same id is no account at all.
    assert.equal((await lead.post(`/admin/accounts/${account.id.toUpperCase()}/roles`, { roles: ['lead', 'practitioner'] })).statusCode, 404);
    assert.deepEqual(await rolesOf(ctx, account.id), ['lead']);
    // The rule is the service's, not the form's.
    await assert.rejects(changeRoles(ctx.db, account.id, ['lead', 'practitioner'], account.id), (e: unknown) => e instanceof Refusal && e.code === 'own-record-role-sole-lead');

    // An invitation to their own address, however written, gives them nothing.
    await lead.get('/admin/invitations/new');
    for (const email of [account.email, account.email.toUpperCase(), ` ${account.email} `]) {
      const res = await lead.post('/admin/invitations', { displayName: 'Me again', email, roles: ['practitioner'] });
      assert.equal(res.statusCode, 400, email);
      assert.match(res.body, /This is your own email address/);
    }
    await assert.rejects(invite(ctx.db, ctx.config, { email: account.email, displayName: 'Me', roles: ['practitioner'], invitedBy: account.id }), Refusal);
    assert.equal(await ctx.db.selectFrom('invitations').select('id').where('invited_by', '=', account.id).executeTakeFirst(), undefined);
    // Nor does the command line that makes a lead: it adds nothing to an existing account.
    assert.deepEqual(await createAdmin(ctx.db, ctx.config, { email: account.email, displayName: 'Me' }), { created: false });
    assert.deepEqual(await rolesOf(ctx, account.id), ['lead']);

    // Not on a caseload of their own, and no record.
    await lead.get('/admin/caseloads');
    const caseload = await lead.post('/admin/caseloads', { practitionerId: account.id, email: person.email });
    assert.equal(caseload.statusCode, 400);
    assert.match(caseload.body, /This caseload change involves your own account. Another service lead must make it/);
    assert.equal((await ctx.db.selectFrom('caseload').select('person_id').where('practitioner_id', '=', account.id).execute()).length, 0);
    for (const url of [`/people/${person.id}`, `/api/v1/fhir/Patient/${person.id}`, '/people', '/duty']) {
      const res = await lead.get(url);
      assert.equal(res.statusCode, 404, url);
      assert.doesNotMatch(res.body, /Sam Rivera/);
    }
  });

  test('a lead may still give up a role of their own, and give others any role', async () => {
    const { agent: lead, account } = await signedInAs(ctx, ['lead', 'group', 'duty']);
    await lead.get(`/admin/accounts/${account.id}`);
    assert.equal((await lead.post(`/admin/accounts/${account.id}/roles`, { roles: ['lead', 'group'] })).statusCode, 303);
    assert.deepEqual(await rolesOf(ctx, account.id), ['group', 'lead']);
    const other = await anAccount(ctx.db, { roles: ['group'] });
    await lead.get(`/admin/accounts/${other.id}`);
    assert.equal((await lead.post(`/admin/accounts/${other.id}/roles`, { roles: ['group', 'practitioner', 'duty'] })).statusCode, 303);
    assert.deepEqual(await rolesOf(ctx, other.id), ['duty', 'group', 'practitioner']);
  });
});

forEachDialect('separation of duties: two leads', (ctx) => {
  test('with two leads, only the other lead gives a lead a record role, and it is recorded as theirs', async () => {
    const { agent: first, account: firstLead } = await signedInAs(ctx, ['lead'], { displayName: 'First Lead' });
    const { agent: second, account: secondLead } = await signedInAs(ctx, ['lead'], { displayName: 'Second Lead' });
    await first.get(`/admin/accounts/${firstLead.id}`);
    const own = await first.post(`/admin/accounts/${firstLead.id}/roles`, { roles: ['lead', 'practitioner'] });
    assert.equal(own.statusCode, 400);
    assert.match(own.body, /Ask another service lead to do it: it is then recorded in their name/);
    assert.deepEqual(await rolesOf(ctx, firstLead.id), ['lead']);

    await second.get(`/admin/accounts/${firstLead.id}`);
    assert.equal((await second.post(`/admin/accounts/${firstLead.id}/roles`, { roles: ['lead', 'practitioner'] })).statusCode, 303);
    assert.deepEqual(await rolesOf(ctx, firstLead.id), ['lead', 'practitioner']);
    const granted = await ctx.db.selectFrom('account_roles').selectAll().where('account_id', '=', firstLead.id).where('role', '=', 'practitioner').executeTakeFirstOrThrow();
    assert.equal(granted.granted_by, secondLead.id);
    const audit = await ctx.db.selectFrom('audit_log').selectAll().where('action', '=', 'roles-changed').where('subject', '=', firstLead.id).executeTakeFirstOrThrow();
    assert.equal(audit.actor_id, secondLead.id);
    assert.deepEqual(JSON.parse(audit.detail), { added: 'practitioner', removed: '', grantedToLeadBy: 'another lead' });
    // A refused attempt changed nothing and left nothing in the audit as if it had.
    assert.equal((await ctx.db.selectFrom('audit_log').select('seq').where('action', '=', 'roles-changed').where('actor_id', '=', firstLead.id).execute()).length, 0);
  });
});
