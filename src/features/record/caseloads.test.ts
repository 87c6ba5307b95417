// Separation of duties for caseloads (issue 11): a caseload change that involves the lead's own
// account (as the practitioner, or as the person) is another lead's to make. A lead who is
// already a practitioner cannot put anyone on their own caseload, whatever the form sends.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Refusal } from '../../platform/refusal.ts';
import { NotFoundError } from '../../platform/policy.ts';
import { forEachDialect } from '../../../test/helpers.ts';
import { loadActor } from '../accounts/index.ts';
import { assignToCaseload, unassignFromCaseload } from './service/caseloads.ts';
import { signedIn } from './test-builders.ts';

forEachDialect('caseloads and the lead’s own account', (ctx) => {
  test('a lead who is a practitioner cannot put themself on a caseload, nor choose who reads their own record; another lead can, recorded as theirs', async () => {
    const first = await signedIn(ctx, ['lead', 'person'], 'First Lead');
    const second = await signedIn(ctx, ['lead'], 'Second Lead');
    const practitioner = await signedIn(ctx, ['practitioner'], 'Priya Shah');
    const sam = await signedIn(ctx, ['person'], 'Sam Rivera');
    // The first lead becomes a practitioner the only way there is: the second lead gives it.
    await second.agent.get(`/admin/accounts/${first.id}`);
    assert.equal((await second.agent.post(`/admin/accounts/${first.id}/roles`, { roles: ['lead', 'person', 'practitioner'] })).statusCode, 303);

    const page = await first.agent.get('/admin/caseloads');
    assert.doesNotMatch(page.body, new RegExp(`<option value="${first.id}"`), 'they are not offered as a practitioner');
    assert.match(page.body, new RegExp(`<option value="${practitioner.id}"`));
    const self = await first.agent.post('/admin/caseloads', { practitionerId: first.id, email: sam.email });
    assert.equal(self.statusCode, 400);
    assert.match(self.body, /This caseload change involves your own account. Another service lead must make it/);
    const ownRecord = await first.agent.post('/admin/caseloads', { practitionerId: practitioner.id, email: first.email.toUpperCase() });
    assert.equal(ownRecord.statusCode, 400);
    assert.match(ownRecord.body, /involves your own account/);
    assert.equal((await ctx.db.selectFrom('caseload').select('person_id').where((eb) => eb.or([eb('practitioner_id', '=', first.id), eb('person_id', '=', first.id)])).execute()).length, 0);
    for (const url of [`/people/${sam.id}`, `/api/v1/fhir/Patient/${sam.id}`]) assert.equal((await first.agent.get(url)).statusCode, 404, url);
    // In the service, whoever calls it.
    const firstActor = (await loadActor(ctx.db, first.id))!;
    await assert.rejects(assignToCaseload(ctx.db, firstActor, first.id, sam.email), (e: unknown) => e instanceof Refusal && e.code === 'own-account');
    const notALead = (await loadActor(ctx.db, practitioner.id))!;
    await assert.rejects(assignToCaseload(ctx.db, notALead, practitioner.id, sam.email), NotFoundError);

    // The second lead does it; the audit names them, and only now does the first lead read Sam's record.
    await second.agent.get('/admin/caseloads');
    assert.equal((await second.agent.post('/admin/caseloads', { practitionerId: first.id, email: sam.email })).statusCode, 303);
    const audit = await ctx.db.selectFrom('audit_log').selectAll().where('action', '=', 'caseload.add').where('subject', '=', sam.id).executeTakeFirstOrThrow();
    assert.equal(audit.actor_id, second.id);
    assert.equal((await first.agent.get(`/people/${sam.id}`)).statusCode, 200);

    // Nor does the first lead take it away again: that is the second lead's too.
    const list = await first.agent.get('/admin/caseloads');
    assert.match(list.body, /Your own account: another service lead changes this/);
    const remove = await first.agent.post('/admin/caseloads/remove', { practitionerId: first.id, personId: sam.id });
    assert.equal(remove.statusCode, 400);
    await assert.rejects(unassignFromCaseload(ctx.db, firstActor, first.id, sam.id), Refusal);
    await second.agent.get('/admin/caseloads');
    assert.equal((await second.agent.post('/admin/caseloads/remove', { practitionerId: first.id, personId: sam.id })).statusCode, 303);
    assert.equal((await first.agent.get(`/people/${sam.id}`)).statusCode, 404);
  });
});
