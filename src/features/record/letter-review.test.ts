// Letter review as one decision (it can be sent / please don't send it yet / ask for a
// correction), what each role's home page shows of it, and the "new" markers on the record.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { forEachDialect } from '../../../test/helpers.ts';
import { aPersonOnACaseload, aboutMeForm, signedIn, type Pair } from './test-builders.ts';

forEachDialect('Letter review', (ctx) => {
  async function aLetter(pair: Pair, title = 'Letter to GP'): Promise<string> {
    const saved = await pair.practitioner.agent.post(`/people/${pair.person.id}/record?kind=letter`, { title, body: 'Sam would like to start hormones, with shared care.', recipient: 'Dr A Patel, Riverside Surgery, 1 High Street' });
    assert.equal(saved.statusCode, 303);
    return saved.headers.location!.split('/').pop()!;
  }
  const statusOf = async (id: string) => (await ctx.db.selectFrom('record_entries').select(['letter_status', 'objection_discussed', 'sent_at']).where('id', '=', id).executeTakeFirstOrThrow());

  void test('the person sees the letter waiting on their home page, set out as a letter, with one decision to make', async () => {
    const pair = await aPersonOnACaseload(ctx);
    const id = await aLetter(pair);
    const home = await pair.person.agent.get('/');
    assert.equal(home.statusCode, 200);
    assert.match(home.body, /A letter is waiting for you to review: “Letter to GP”/);
    assert.match(home.body, new RegExp(`href="/me/record/${id}"`));
    // The header counts it beside "My record".
    assert.match(home.body, /My record <span class="app-nav-count" aria-hidden="true">1</);
    const page = await pair.person.agent.get(`/me/record/${id}`);
    assert.match(page.body, /<article class="app-letter"/);
    assert.match(page.body, /Dr A Patel<br>Riverside Surgery<br>1 High Street/);
    assert.match(page.body, /<p>Dear Dr A Patel,<\/p>/);
    assert.match(page.body, /Yours sincerely,<br>Priya Shah/);
    assert.match(page.body, /Can this letter be sent\?/);
    assert.match(page.body, /Please don’t send it yet/);
    assert.doesNotMatch(page.body, /Respond to this entry/);
    // Read now: the letter still waits, but it is no longer new.
    const record = await pair.person.agent.get('/me/record');
    assert.doesNotMatch(record.body, /app-new">New/);
    assert.match(record.body, /Written by/);
    assert.match(record.body, /Waiting for review/);
  });

  void test('"please don’t send it yet" needs a reason, and then the letter cannot be sent without a record of discussing it', async () => {
    const pair = await aPersonOnACaseload(ctx);
    const id = await aLetter(pair);
    const empty = await pair.person.agent.post(`/me/record/${id}/review`, { decision: 'hold', holdReason: '' });
    assert.equal(empty.statusCode, 400);
    assert.match(empty.body, /Tell us why it should not be sent yet/);
    const none = await pair.person.agent.post(`/me/record/${id}/review`, {});
    assert.equal(none.statusCode, 400);
    assert.match(none.body, /Choose whether the letter can be sent/);
    assert.equal((await pair.person.agent.post(`/me/record/${id}/review`, { decision: 'hold', holdReason: 'My GP does not know my name yet.' })).statusCode, 303);
    assert.equal((await statusOf(id)).letter_status, 'objected');

    // The practitioner's home page says so.
    const home = await pair.practitioner.agent.get('/');
    assert.match(home.body, /Sam Rivera asked you not to send it yet: “Letter to GP”/);

    // Posting mark-sent directly, with no record of the discussion, is refused.
    const sendUrl = `/people/${pair.person.id}/record/${id}/send`;
    const refused = await pair.practitioner.agent.post(sendUrl, { reason: '' });
    assert.equal(refused.statusCode, 400);
    assert.match(refused.body, /asked for this letter not to be sent yet/);
    assert.equal((await statusOf(id)).letter_status, 'objected');
    // Another practitioner, without the person on their caseload, cannot send it either.
    const other = await signedIn(ctx, ['practitioner'], 'Other Practitioner');
    assert.equal((await other.agent.post(sendUrl, { reason: 'We talked.' })).statusCode, 404);
    // A group member, nor the person, may post it.
    const member = await signedIn(ctx, ['group'], 'Group Member');
    assert.notEqual((await member.agent.post(sendUrl, { reason: 'We talked.' })).statusCode, 303);
    assert.notEqual((await pair.person.agent.post(sendUrl, { reason: 'We talked.' })).statusCode, 303);
    assert.equal((await statusOf(id)).letter_status, 'objected');

    assert.equal((await pair.practitioner.agent.post(sendUrl, { reason: 'We talked on the phone; Sam told their GP their name first.' })).statusCode, 303);
    const sent = await statusOf(id);
    assert.equal(sent.letter_status, 'sent');
    assert.equal(sent.objection_discussed, 'We talked on the phone; Sam told their GP their name first.');
    const mine = await pair.person.agent.get(`/me/record/${id}`);
    assert.match(mine.body, /What was discussed before it was sent: “We talked on the phone; Sam told their GP their name first\.”/);
  });

  void test('"it can be sent" lets the practitioner send it, and a changed letter goes back for review', async () => {
    const pair = await aPersonOnACaseload(ctx);
    const id = await aLetter(pair);
    assert.equal((await pair.person.agent.post(`/me/record/${id}/review`, { decision: 'send' })).statusCode, 303);
    assert.equal((await statusOf(id)).letter_status, 'reviewed');
    assert.match((await pair.practitioner.agent.get('/')).body, /Sam Rivera says it can be sent: “Letter to GP”/);
    // Someone else's letter cannot be decided on.
    const stranger = await signedIn(ctx, ['person'], 'Alex Stranger');
    assert.equal((await stranger.agent.post(`/me/record/${id}/review`, { decision: 'hold', holdReason: 'No' })).statusCode, 404);
    // The practitioner changes it: it waits for the person again.
    assert.equal((await pair.practitioner.agent.post(`/people/${pair.person.id}/record/${id}`, { title: 'Letter to GP', body: 'Sam would like to start hormones this spring.', recipient: 'Dr A Patel', revision: '1', changeReason: 'Added when' })).statusCode, 303);
    assert.equal((await statusOf(id)).letter_status, 'awaiting-review');
    const record = await pair.person.agent.get('/me/record');
    assert.match(record.body, /app-new">New/);
  });

  void test('"ask for a correction" leaves the letter waiting and puts the correction on the practitioner’s home page; its answer on the person’s', async () => {
    const pair = await aPersonOnACaseload(ctx);
    const id = await aLetter(pair);
    const missing = await pair.person.agent.post(`/me/record/${id}/review`, { decision: 'correct', correction: '' });
    assert.equal(missing.statusCode, 400);
    assert.equal((await pair.person.agent.post(`/me/record/${id}/review`, { decision: 'correct', correction: 'My GP is Dr Lee now.' })).statusCode, 303);
    assert.equal((await statusOf(id)).letter_status, 'awaiting-review');
    const home = await pair.practitioner.agent.get('/');
    assert.match(home.body, /Sam Rivera asked for a correction to answer/);
    assert.match(home.body, /People <span class="app-nav-count" aria-hidden="true">1</);
    const correction = await ctx.db.selectFrom('record_responses').select('id').where('entry_id', '=', id).where('kind', '=', 'correction').executeTakeFirstOrThrow();
    assert.equal((await pair.practitioner.agent.post(`/people/${pair.person.id}/record/${id}/corrections/${correction.id}`, { outcome: 'declined', answer: 'Dr Patel is still named as your GP at the surgery.' })).statusCode, 303);
    const personHome = await pair.person.agent.get('/');
    assert.match(personHome.body, /Your correction request about “Letter to GP” has been answered/);
    await pair.person.agent.get(`/me/record/${id}`);
    assert.doesNotMatch((await pair.person.agent.get('/')).body, /has been answered/);
  });

  void test('each role’s home page: nothing waiting says so, and a signed-out visitor gets the service’s home page', async () => {
    const member = await signedIn(ctx, ['group'], 'Group Member');
    const home = await member.agent.get('/');
    assert.match(home.body, /<h1>Your home page<\/h1>/);
    assert.match(home.body, /Nothing is waiting for you to do\./);
    assert.match(home.body, /Proposals and decisions/);
    const lead = await signedIn(ctx, ['lead'], 'The Lead');
    assert.match((await lead.agent.get('/')).body, /Accounts and invitations/);
    const duty = await signedIn(ctx, ['duty'], 'On Duty');
    assert.match((await duty.agent.get('/')).body, /The duty queue/);
    const visitor = await ctx.app.inject({ method: 'GET', url: '/' });
    assert.doesNotMatch(visitor.body, /Your home page/);
  });

  void test('a person who chose large print sees every page in larger text until they change About me', async () => {
    const pair = await aPersonOnACaseload(ctx);
    assert.doesNotMatch((await pair.person.agent.get('/me/record')).body, /<html lang="en" class="app-large-print">/);
    assert.equal((await pair.person.agent.post('/me/about', aboutMeForm({ communicationNeeds: ['large-print'] }))).statusCode, 303);
    for (const url of ['/', '/me/record', '/me/download', '/feedback']) assert.match((await pair.person.agent.get(url)).body, /<html lang="en" class="app-large-print">/, url);
    assert.match((await pair.person.agent.get('/')).body, /Pages are shown in large print, as you asked/);
    assert.equal((await pair.person.agent.post('/me/about', aboutMeForm({ communicationNeeds: [] }))).statusCode, 303);
    assert.doesNotMatch((await pair.person.agent.get('/me/record')).body, /app-large-print"/);
    // Staff pages are not changed by a person's choice.
    assert.doesNotMatch((await pair.practitioner.agent.get('/people')).body, /app-large-print"/);
  });
});
