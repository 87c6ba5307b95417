// Least privilege by relationship: only the practitioners a person is with see their pages;
// everyone else gets 404. Every view by someone else is in the person's access log.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { forEachDialect } from '../../../test/helpers.ts';
import { sendNoticeDigests } from '../accounts/index.ts';
import { aPersonOnACaseload, signedIn } from './test-builders.ts';

forEachDialect('Who may see a person', (ctx) => {
  void test('other practitioners, group members and the lead get 404 for every person page and the API', async () => {
    const { person, practitioner } = await aPersonOnACaseload(ctx);
    const saved = await practitioner.agent.post(`/people/${person.id}/record?kind=note`, { title: 'Note', body: 'Sam attended.' });
    const entryId = saved.headers.location!.split('/').pop()!;
    const urls = [
      `/people/${person.id}`,
      `/people/${person.id}/record/new?kind=note`,
      `/people/${person.id}/record/${entryId}`,
      `/people/${person.id}/record/${entryId}/edit`,
      `/api/v1/fhir/Patient/${person.id}`,
    ];
    for (const roles of [['practitioner'], ['group'], ['lead'], ['person'], ['group', 'lead']] as const) {
      const other = await signedIn(ctx, [...roles]);
      for (const url of urls) {
        const res = await other.agent.get(url);
        assert.equal(res.statusCode, 404, `${roles.join('+')} GET ${url}`);
        assert.doesNotMatch(res.body, /Sam attended/);
      }
      const post = await other.agent.post(`/people/${person.id}/record?kind=note`, { title: 'Sneaky', body: 'Should not be saved.' });
      assert.equal(post.statusCode, 404, `${roles.join('+')} POST`);
    }
    const entries = await ctx.db.selectFrom('record_entries').select('title').where('person_id', '=', person.id).execute();
    assert.deepEqual(entries.map((e) => e.title), ['Note']);
    // Another person cannot open this person's entry through their own record pages either.
    const stranger = await signedIn(ctx, ['person']);
    assert.equal((await stranger.agent.get(`/me/record/${entryId}`)).statusCode, 404);
    assert.equal((await stranger.agent.post(`/me/record/${entryId}/respond`, { kind: 'agree', body: '' })).statusCode, 404);
    // An unknown id looks the same as someone else's.
    assert.equal((await practitioner.agent.get('/people/00000000-0000-4000-8000-000000000000')).statusCode, 404);
    // Signed out, the API asks to sign in.
    assert.equal((await ctx.app.inject({ method: 'GET', url: `/api/v1/fhir/Patient/${person.id}` })).statusCode, 401);
  });

  void test('the access log shows the practitioner’s views: who, role, what, when and why', async () => {
    const { person, practitioner } = await aPersonOnACaseload(ctx);
    assert.equal((await practitioner.agent.get(`/people/${person.id}`)).statusCode, 200);
    const saved = await practitioner.agent.post(`/people/${person.id}/record?kind=note`, { title: 'Check-in call', body: 'Sam is doing well.' });
    await practitioner.agent.get(saved.headers.location!);
    await practitioner.agent.get(`/api/v1/fhir/Patient/${person.id}`);
    // The person's own views are not "someone else looking".
    await person.agent.get('/me/record');

    const log = await person.agent.get('/me/access-log');
    assert.equal(log.statusCode, 200);
    // Each cell of the stacking table: its column's heading for a phone, then the value.
    const cell = '<td class="nhsuk-table__cell" role="cell"><span class="nhsuk-table__heading" aria-hidden="true">[^<]*</span><span>([^<]+)</span></td>';
    const rows = [...log.body.matchAll(new RegExp(`<tr class="nhsuk-table__row" role="row">${cell.repeat(5)}</tr>`, 'g'))];
    const whats = rows.map((r) => r[4]);
    assert.ok(whats.includes('About me and record'));
    assert.ok(whats.includes('Note: Check-in call'));
    assert.ok(whats.includes('About me (FHIR Patient, through the API)'));
    assert.ok(rows.every((r) => r[2] === 'Priya Shah' && r[3] === 'Practitioner' && r[5] === 'On their caseload'));
    assert.ok(rows.every((r) => /\d{4}/.test(r[1]!)), 'each has a date and time');

    const audit = await ctx.db.selectFrom('audit_log').select(['action', 'detail']).where('subject', '=', person.id).where('action', '=', 'record.view').execute();
    assert.ok(audit.length >= 3);
  });

  void test('time-limited access with a reason: recorded, the person is told, and it ends', async () => {
    const { person } = await aPersonOnACaseload(ctx);
    const covering = await signedIn(ctx, ['practitioner'], 'Alex Cover');
    assert.equal((await covering.agent.get(`/people/${person.id}`)).statusCode, 404);

    const short = await covering.agent.post('/people/access', { email: person.email, reason: 'cover', hours: '4' });
    assert.equal(short.statusCode, 400);
    assert.match(short.body, /Give the reason you need access/);
    assert.match(short.body, />cover<\/textarea>/);
    const unknown = await covering.agent.post('/people/access', { email: 'nobody@example.org', reason: 'Covering the duty clinic today', hours: '4' });
    assert.equal(unknown.statusCode, 400);
    const mailBefore = await ctx.db.selectFrom('outbox').selectAll().where('to_address', '=', person.email).execute();

    const granted = await covering.agent.post('/people/access', { email: person.email, reason: 'Covering the duty clinic today', hours: '4' });
    assert.equal(granted.statusCode, 303);
    assert.equal(granted.headers.location, `/people/${person.id}`);
    const page = await covering.agent.get(`/people/${person.id}`);
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /Time-limited access: Covering the duty clinic today/);

    await sendNoticeDigests(ctx.db, ctx.config, new Date(Date.now() + 10 * 60_000));
    const mailAfter = await ctx.db.selectFrom('outbox').selectAll().where('to_address', '=', person.email).execute();
    assert.equal(mailAfter.length, mailBefore.length + 1, 'the person is told');
    assert.match((await person.agent.get('/')).body, /Someone new was given time-limited access to your record/, 'on their home page too');
    const log = await person.agent.get('/me/access-log');
    assert.match(log.body, /Alex Cover<\/span><\/td><td class="nhsuk-table__cell" role="cell"><span class="nhsuk-table__heading" aria-hidden="true">Reason they gave <\/span><span>Covering the duty clinic today/);
    assert.match(log.body, /Time-limited access: Covering the duty clinic today/);

    // When it has ended, the pages are gone again.
    await ctx.db.updateTable('access_grants').set({ expires_at: new Date(Date.now() - 1000).toISOString() }).where('practitioner_id', '=', covering.id).execute();
    assert.equal((await covering.agent.get(`/people/${person.id}`)).statusCode, 404);
    assert.match((await person.agent.get('/me/access-log')).body, /\(ended\)/);
  });

  void test('access requests are limited per account: ten an hour', async () => {
    const eager = await signedIn(ctx, ['practitioner']);
    for (let i = 0; i < 10; i++) {
      assert.equal((await eager.agent.post('/people/access', { email: 'nobody@example.org', reason: 'Covering the duty clinic', hours: '1' })).statusCode, 400);
    }
    assert.equal((await eager.agent.post('/people/access', { email: 'nobody@example.org', reason: 'Covering the duty clinic', hours: '1' })).statusCode, 429);
    // Someone else on the same network is not held back.
    const colleague = await signedIn(ctx, ['practitioner']);
    assert.equal((await colleague.agent.post('/people/access', { email: 'nobody@example.org', reason: 'Covering the duty clinic', hours: '1' })).statusCode, 400);
    // Trying addresses that are nobody's leaves a trace, without the address.
    const traces = await ctx.db.selectFrom('audit_log').select(['subject', 'detail']).where('actor_id', '=', colleague.id).where('action', '=', 'record.access-no-such-person').execute();
    assert.equal(traces.length, 1);
    assert.doesNotMatch(JSON.stringify(traces), /nobody@example\.org/);
  });

  void test('the lead assigns people to caseloads (and still cannot read their records)', async () => {
    const lead = await signedIn(ctx, ['lead']);
    const person = await signedIn(ctx, ['person'], 'Casey Morgan');
    const practitioner = await signedIn(ctx, ['practitioner'], 'Dana Fox');
    assert.equal((await practitioner.agent.get(`/people/${person.id}`)).statusCode, 404);

    const page = await lead.agent.get('/admin/caseloads');
    assert.equal(page.statusCode, 200);
    assert.match(page.body, new RegExp(`<option value="${practitioner.id}">Dana Fox</option>`));
    const bad = await lead.agent.post('/admin/caseloads', { practitionerId: '', email: 'not an email' });
    assert.equal(bad.statusCode, 400);
    assert.match(bad.body, /Choose a practitioner/);
    assert.match(bad.body, /value="not an email"/);
    const notAPerson = await lead.agent.post('/admin/caseloads', { practitionerId: practitioner.id, email: lead.email });
    assert.equal(notAPerson.statusCode, 400);
    assert.match(notAPerson.body, /No one using the service has that email address/);
    assert.equal((await lead.agent.post('/admin/caseloads', { practitionerId: practitioner.id, email: person.email })).statusCode, 303);

    assert.equal((await practitioner.agent.get(`/people/${person.id}`)).statusCode, 200);
    assert.match((await practitioner.agent.get('/people')).body, /Casey Morgan/);
    assert.equal((await lead.agent.get(`/people/${person.id}`)).statusCode, 404);

    assert.equal((await lead.agent.post('/admin/caseloads/remove', { practitionerId: practitioner.id, personId: person.id })).statusCode, 303);
    assert.equal((await practitioner.agent.get(`/people/${person.id}`)).statusCode, 404);
    const actions = await ctx.db.selectFrom('audit_log').select('action').where('subject', '=', person.id).where('action', 'like', 'caseload.%').orderBy('seq').execute();
    assert.deepEqual(actions.map((a) => a.action), ['caseload.add', 'caseload.remove']);
    assert.equal((await practitioner.agent.get('/admin/caseloads')).statusCode, 404);
  });
});
