// The lead searches accounts (/admin/accounts?q=) by the name someone uses and their email address,
// with the database's own full-text search; never by a previous name; and only the lead may.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { forEachDialect, signedInAs } from '../../../test/helpers.ts';

/** The names in the accounts tables of the page, in order. */
const names = (body: string) => [...body.matchAll(/<span class="nhsuk-table-responsive__heading" aria-hidden="true">Name <\/span>([^<]+)<\/td>/g)].map((m) => m[1]);

forEachDialect('Searching accounts', (ctx) => {
  void test('the lead finds accounts by name or email, active and suspended, never by a previous name', async () => {
    const lead = await signedInAs(ctx, ['lead'], { displayName: 'Morgan Lead', email: 'morgan.lead@example.org' });
    const sam = await signedInAs(ctx, ['person'], { displayName: 'Sam Rivera', email: 'sam.rivera@example.org' });
    await signedInAs(ctx, ['practitioner'], { displayName: 'Priya Shah', email: 'p.shah@clinic.example.net' });
    const jo = await signedInAs(ctx, ['group'], { displayName: 'Jo Riverside', email: 'jo@example.org' });
    const kit = await signedInAs(ctx, ['person'], { displayName: 'Kit Marsh', email: 'kit.marsh@example.org' });
    // Sam tells us a name we must never use; the lead must not find Sam by it.
    assert.equal((await sam.agent.post('/me/previous-names', { previousName: 'Wilhelmina Brackenbury' })).statusCode, 303);

    const search = async (q: string) => {
      const res = await lead.agent.get(`/admin/accounts?q=${encodeURIComponent(q)}`);
      assert.equal(res.statusCode, 200, `search “${q}”`);
      return res.body;
    };
    assert.deepEqual(names(await search('sam')), ['Sam Rivera']);
    assert.deepEqual(new Set(names(await search('riv'))), new Set(['Sam Rivera', 'Jo Riverside']), 'the start of a name');
    assert.deepEqual(names(await search('shah')), ['Priya Shah']);
    assert.deepEqual(names(await search('clinic.example.net')), ['Priya Shah'], 'by an email address’s domain');
    assert.deepEqual(names(await search('sam.rivera@example.org')), ['Sam Rivera'], 'by the whole email address');
    assert.deepEqual(names(await search('SAM   Rivera')), ['Sam Rivera'], 'case and spaces do not matter');
    const found = await search('sam');
    assert.match(found, /1 account matches “sam”\./);
    assert.match(found, /value="sam"/, 'what was typed stays in the box');
    assert.doesNotMatch(found, /<h2>Invitations<\/h2>/, 'a search shows accounts only');
    assert.match(found, /<a href="\/admin\/accounts">Show every account and invitation<\/a>/);

    // Someone who knows the old name learns nothing: no account, not even a count.
    for (const q of ['Wilhelmina', 'Brackenbury', 'Wilhelmina Brackenbury', 'wilhelm']) {
      const body = await search(q);
      assert.deepEqual(names(body), [], `the previous name “${q}” finds nothing`);
      assert.match(body, /No account matches/);
      assert.doesNotMatch(body, /Sam Rivera/);
    }

    // Query syntax is not passed through: quotes, operators and column filters are words or nothing.
    for (const q of ['"sam', 'sam OR kit', 'body:sam', 'sam*', 'NEAR(sam kit)', "'; drop table accounts; --", '(', '*']) {
      const res = await lead.agent.get(`/admin/accounts?q=${encodeURIComponent(q)}`);
      assert.equal(res.statusCode, 200, `“${q}” is searched safely`);
    }
    assert.deepEqual(names(await search('sam OR kit')), [], 'OR is a word to find, not an operator');

    // A suspended account is found too, in its own table; a change of name follows at once.
    assert.equal((await lead.agent.post(`/admin/accounts/${kit.account.id}/suspend`, { reason: 'They asked us to close their account for now.' })).statusCode, 303);
    const suspended = await search('marsh');
    assert.match(suspended, /Suspended accounts/);
    assert.deepEqual(names(suspended), ['Kit Marsh']);
    await ctx.db.updateTable('accounts').set({ display_name: 'Jo Brook' }).where('id', '=', jo.account.id).execute();
    assert.deepEqual(names(await search('brook')), ['Jo Brook']);
    assert.deepEqual(names(await search('riverside')), [], 'not by the name they stopped using');

    // Nothing typed: the whole list, with the invitations.
    const all = await lead.agent.get('/admin/accounts?q=%20%20');
    assert.match(all.body, /<h2>Invitations<\/h2>/);
    assert.ok(names(all.body).includes('Morgan Lead'));
  });

  void test('only the lead searches accounts: a practitioner, a group member, a person and a visitor are refused', async () => {
    await signedInAs(ctx, ['person'], { displayName: 'Ash Turner', email: 'ash.turner@example.org' });
    for (const roles of [['practitioner'], ['group'], ['person'], ['duty']] as const) {
      const { agent } = await signedInAs(ctx, [...roles]);
      const res = await agent.get('/admin/accounts?q=ash');
      assert.ok([403, 404].includes(res.statusCode), `${roles[0]} is refused (${res.statusCode})`);
      assert.doesNotMatch(res.body, /Ash Turner|ash\.turner/);
    }
    const visitor = await ctx.app.inject({ method: 'GET', url: '/admin/accounts?q=ash' });
    assert.notEqual(visitor.statusCode, 200);
    assert.doesNotMatch(visitor.body, /Ash Turner/);
  });
});
