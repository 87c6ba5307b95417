// About me: the person says who they are and what matters; practitioners see it at once.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { forEachDialect } from '../../../test/helpers.ts';
import { aPersonOnACaseload, aboutMeForm, signedIn } from './test-builders.ts';

function prioritiesForm(ranks: Record<string, string>, words: Record<string, string> = {}): Record<string, string> {
  const ids = ['hormones', 'voice', 'surgery', 'mental-health', 'peer-support', 'sexual-health', 'fertility', 'hair-removal', 'social-legal', 'waiting-time'];
  const form: Record<string, string> = {};
  for (const id of ids) {
    form[`rank_${id}`] = ranks[id] ?? '';
    form[`words_${id}`] = words[id] ?? '';
  }
  return form;
}

forEachDialect('About me', (ctx) => {
  void test('a person sets their name, pronouns, a previous name and priorities, and the practitioner sees them at once', async () => {
    const { person, practitioner } = await aPersonOnACaseload(ctx, 'Samuel Account-Name');
    let res = await person.agent.post('/me/about', aboutMeForm({ nameToUse: 'Sam Rivera', pronouns: ['they/them', 'xe/xem'], customPronouns: 'fae/faer' }));
    assert.equal(res.statusCode, 303);
    res = await person.agent.post('/me/previous-names', { previousName: 'Quentin Marlowe' });
    assert.equal(res.statusCode, 303);
    res = await person.agent.post('/me/priorities', prioritiesForm({ 'waiting-time': '1', hormones: '2', 'peer-support': '3' }, { hormones: 'I want to start soon', 'waiting-time': 'Tell me where I am on the list' }));
    assert.equal(res.statusCode, 303);

    const mine = await person.agent.get('/me');
    assert.match(mine.body, /they\/them, xe\/xem, fae\/faer/);
    assert.match(mine.body, /1 name protected/);
    assert.doesNotMatch(mine.body, /Quentin|Marlowe/);

    const page = await practitioner.agent.get(`/people/${person.id}`);
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /<h1>Sam Rivera <span class="nhsuk-caption-l">\(they\/them, xe\/xem, fae\/faer\)<\/span><\/h1>/);
    // Priorities come first, in the person's order, with their words.
    const order = ['Waiting-time support', 'Hormones', 'Peer support'].map((label) => page.body.indexOf(label));
    assert.ok(order.every((i) => i > 0) && order[0]! < order[1]! && order[1]! < order[2]!, 'priorities in the person’s order');
    assert.ok(page.body.indexOf('What matters most') < page.body.indexOf('Name, pronouns and words'), 'priorities before the rest of About me');
    assert.match(page.body, /I want to start soon/);
    assert.match(page.body, /Not “lady”: say “person”/);
    assert.match(page.body, /1 name is protected/);
    assert.doesNotMatch(page.body, /Quentin|Marlowe/);
  });

  void test('an invalid About me is shown again with what was typed and an error summary', async () => {
    const person = await signedIn(ctx, ['person']);
    const res = await person.agent.post('/me/about', aboutMeForm({ nameToUse: '', pronouns: ['he/him', 'name-only'], customPronouns: 'not a pronoun set', goals: 'Keep my goals' }));
    assert.equal(res.statusCode, 400);
    assert.match(res.body, /There is a problem/);
    assert.match(res.body, /href="#nameToUse">\s*Enter the name you want us to use/);
    assert.match(res.body, /Choose pronouns or &quot;name only, no pronouns&quot;, not both/);
    assert.match(res.body, /Write each set of pronouns as subject\/object/);
    assert.match(res.body, /Keep my goals/);
    assert.match(res.body, /value="not a pronoun set"/);
  });

  void test('"name only" is saved and shown instead of pronouns', async () => {
    const person = await signedIn(ctx, ['person']);
    assert.equal((await person.agent.post('/me/about', aboutMeForm({ pronouns: ['name-only'] }))).statusCode, 303);
    assert.match((await person.agent.get('/me')).body, /Name only, no pronouns/);
    const form = await person.agent.get('/me/about');
    assert.match(form.body, /value="name-only" checked/);
  });

  void test('two priorities cannot share a place; the form keeps the words', async () => {
    const person = await signedIn(ctx, ['person']);
    const res = await person.agent.post('/me/priorities', prioritiesForm({ hormones: '1', voice: '1' }, { voice: 'Speech therapy please' }));
    assert.equal(res.statusCode, 400);
    assert.match(res.body, /Voice and communication and Hormones are both number 1/);
    assert.match(res.body, /Speech therapy please/);
  });

  void test('places are closed up in order: 2, 5 become 1, 2', async () => {
    const person = await signedIn(ctx, ['person']);
    assert.equal((await person.agent.post('/me/priorities', prioritiesForm({ fertility: '5', voice: '2' }))).statusCode, 303);
    const rows = await ctx.db.selectFrom('person_priorities').select(['priority_id', 'rank']).where('account_id', '=', person.id).orderBy('rank').execute();
    assert.deepEqual(rows, [{ priority_id: 'voice', rank: 1 }, { priority_id: 'fertility', rank: 2 }]);
  });

  void test('previous names: shown only as a count with dates, never re-rendered on error, and removable', async () => {
    const person = await signedIn(ctx, ['person'], 'Robin Ash');
    assert.equal((await person.agent.post('/me/previous-names', { previousName: 'Bartholomew Ingersoll' })).statusCode, 303);
    assert.equal((await person.agent.post('/me/previous-names', { previousName: 'Thaddeus' })).statusCode, 303);
    const page = await person.agent.get('/me/previous-names');
    assert.match(page.body, /2 names protected/);
    assert.doesNotMatch(page.body, /Bartholomew|Ingersoll|Thaddeus/i);
    const rows = await ctx.db.selectFrom('previous_names').selectAll().where('account_id', '=', person.id).execute();
    assert.equal(rows.length, 2);
    assert.ok(rows.every((r) => /^\["[0-9a-f]{64}"/.test(r.sequence_hashes)), 'stored as hex HMACs');
    assert.doesNotMatch(JSON.stringify(rows), /bartholomew|ingersoll|thaddeus/i);

    // A name that is all the current name is refused, and what was typed is not shown again.
    const refused = await person.agent.post('/me/previous-names', { previousName: 'Robin' });
    assert.equal(refused.statusCode, 400);
    assert.match(refused.body, /part of the name you use now/);
    assert.doesNotMatch(refused.body, /value="Robin"/);

    const id = rows[0]!.id;
    assert.equal((await person.agent.post(`/me/previous-names/${id}/remove`)).statusCode, 303);
    assert.match((await person.agent.get('/me/previous-names')).body, /1 name protected/);
    // Nobody else can remove a person's protected name.
    const other = await signedIn(ctx, ['person']);
    assert.equal((await other.agent.post(`/me/previous-names/${rows[1]!.id}/remove`)).statusCode, 404);
  });

  void test('contact safety is saved, and with email turned off no email is queued for a new note', async () => {
    const { person, practitioner } = await aPersonOnACaseload(ctx);
    const bad = await person.agent.post('/me/contact', { channels: ['letter'], senderName: 'x'.repeat(61), subject: '', envelopeName: '', safeTimes: '' });
    assert.equal(bad.statusCode, 400);
    assert.match(bad.body, /Select whether we may leave a voicemail/);
    assert.match(bad.body, /Sender name must be 60 characters or fewer/);
    const ok = await person.agent.post('/me/contact', { channels: ['letter', 'phone'], senderName: 'Garden club', subject: 'Club news', envelopeName: 'S. Rivera', voicemail: 'no', safeTimes: 'Weekdays 10 to 3' });
    assert.equal(ok.statusCode, 303);
    const me = await person.agent.get('/me');
    assert.match(me.body, /Letter, Phone call/);
    assert.match(me.body, /Garden club/);
    assert.match(me.body, /Do not leave a voicemail/);

    const saved = await practitioner.agent.post(`/people/${person.id}/record?kind=note`, { title: 'Clinic visit', body: 'Sam came to clinic and we talked about next steps.' });
    assert.equal(saved.statusCode, 303);
    const mail = await ctx.db.selectFrom('outbox').selectAll().where('to_address', '=', person.email).execute();
    assert.equal(mail.length, 0);
    // The update is still there when they sign in.
    assert.match((await person.agent.get('/me/record')).body, /Clinic visit/);
  });

  void test('people without the person role cannot open About me pages', async () => {
    const practitioner = await signedIn(ctx, ['practitioner']);
    assert.equal((await practitioner.agent.get('/me')).statusCode, 404);
    assert.equal((await practitioner.agent.get('/me/record')).statusCode, 404);
  });
});
