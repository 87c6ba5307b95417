// Fixes from review: staff notes the person reads are guarded for previous names; long entries
// get a friendly error with the text kept; a stale edit is caught; stored JSON that is not valid
// does not break the caseload.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { forEachDialect } from '../../../test/helpers.ts';
import * as repo from './repository.ts';
import { aPersonOnACaseload, aboutMeForm, signedIn, type Pair } from './test-builders.ts';

const PREVIOUS = 'Ignatius Featherstonehaugh';

forEachDialect('Staff notes and entry limits', (ctx) => {
  async function setUp(): Promise<Pair> {
    const pair = await aPersonOnACaseload(ctx);
    assert.equal((await pair.person.agent.post('/me/about', aboutMeForm({ nameToUse: 'Sam Rivera', pronouns: ['they/them'] }))).statusCode, 303);
    assert.equal((await pair.person.agent.post('/me/previous-names', { previousName: PREVIOUS })).statusCode, 303);
    return pair;
  }
  const newNote = async (pair: Pair, body = 'Sam came to clinic.') => {
    const saved = await pair.practitioner.agent.post(`/people/${pair.person.id}/record?kind=note`, { title: 'Clinic visit', body });
    assert.equal(saved.statusCode, 303);
    return saved.headers.location!.split('/').pop()!;
  };
  const noName = (body: string) => assert.doesNotMatch(body, /Ignatius|Featherstonehaugh/i);

  void test('a previous name in a change reason is refused, shown back taken out, and nothing is saved', async () => {
    const pair = await setUp();
    const entryId = await newNote(pair);
    const res = await pair.practitioner.agent.post(`/people/${pair.person.id}/record/${entryId}`, { title: 'Clinic visit', body: 'Sam came to clinic with their partner.', changeReason: 'Ignatius asked me to add the partner' });
    assert.equal(res.statusCode, 400);
    assert.match(res.body, /This cannot be saved: it uses a name Sam Rivera no longer uses/);
    assert.match(res.body, /\[name removed\] asked me to add the partner/);
    noName(res.body);
    const revisions = await ctx.db.selectFrom('record_revisions').select('revision').where('entry_id', '=', entryId).execute();
    assert.equal(revisions.length, 1);
  });

  void test('a previous name in a decline reason, a correction answer, a sent-without-review reason or an access reason is refused', async () => {
    const pair = await setUp();
    const entryId = await newNote(pair);
    assert.equal((await pair.person.agent.post(`/me/record/${entryId}/respond`, { kind: 'correction', body: 'Please say partner.' })).statusCode, 303);
    const page = await pair.practitioner.agent.get(`/people/${pair.person.id}/record/${entryId}`);
    const answerLink = /href="(\/people\/[^"]+\/corrections\/[^"]+)"/.exec(page.body)![1]!;

    const declined = await pair.practitioner.agent.post(answerLink, { outcome: 'declined', answer: 'Featherstonehaugh is what the referral says.', title: 'x', body: 'x' });
    assert.equal(declined.statusCode, 400);
    assert.match(declined.body, /This cannot be saved: it uses a name Sam Rivera no longer uses/);
    noName(declined.body);
    const corrected = await pair.practitioner.agent.post(answerLink, { outcome: 'corrected', answer: 'Done, Ignatius.', title: 'Clinic visit', body: 'Sam came to clinic with their partner.' });
    assert.equal(corrected.statusCode, 400);
    noName(corrected.body);
    const open = await ctx.db.selectFrom('record_responses').select('status').where('entry_id', '=', entryId).where('kind', '=', 'correction').executeTakeFirstOrThrow();
    assert.equal(open.status, 'open', 'the correction is still waiting for an answer');

    const letter = await pair.practitioner.agent.post(`/people/${pair.person.id}/record?kind=letter`, { title: 'Letter', body: 'Dear Dr Patel.', recipient: 'Dr Patel' });
    const letterId = letter.headers.location!.split('/').pop()!;
    const sent = await pair.practitioner.agent.post(`/people/${pair.person.id}/record/${letterId}/send`, { reason: 'Ignatius needs it before the review.' });
    assert.equal(sent.statusCode, 400);
    noName(sent.body);
    assert.equal((await ctx.db.selectFrom('record_entries').select('letter_status').where('id', '=', letterId).executeTakeFirstOrThrow()).letter_status, 'awaiting-review');

    const covering = await signedIn(ctx, ['practitioner']);
    const access = await covering.agent.post('/people/access', { email: pair.person.email, reason: 'Covering clinic for Ignatius today', hours: '1' });
    assert.equal(access.statusCode, 400);
    assert.match(access.body, /the reason used a name the person no longer uses, so we have cleared it/);
    noName(access.body);
    assert.doesNotMatch(access.body, /Covering clinic for|\[name removed\]/, 'nothing shows which word was the name');
    assert.equal((await ctx.db.selectFrom('access_grants').select('id').where('person_id', '=', pair.person.id).execute()).length, 0);
  });

  void test('a 30,000-character note saves; a 55,000-character one gets a friendly error and the text is kept', async () => {
    const pair = await setUp();
    const long = 'Sam talked about work. '.repeat(1305).trim();
    assert.ok(long.length > 30_000 && long.length < 31_000);
    const saved = await pair.practitioner.agent.post(`/people/${pair.person.id}/record?kind=note`, { title: 'Long', body: long });
    assert.equal(saved.statusCode, 303);
    const tooLong = 'Sam talked about home. '.repeat(2400).trim();
    assert.ok(tooLong.length > 55_000 && tooLong.length < 60_000);
    const refused = await pair.practitioner.agent.post(`/people/${pair.person.id}/record?kind=note`, { title: 'Too long', body: tooLong });
    assert.equal(refused.statusCode, 400);
    assert.match(refused.body, /The entry must be 50,000 characters or fewer/);
    assert.ok(refused.body.includes(tooLong), 'the text is kept in the form');
  });

  void test('two people change the same entry: the second is told, keeps their text, and saves after checking; never a 500', async () => {
    const pair = await setUp();
    const entryId = await newNote(pair);
    const colleague = await signedIn(ctx, ['practitioner'], 'Alex Green');
    await repo.addToCaseload(ctx.db, colleague.id, pair.person.id, null);
    const url = `/people/${pair.person.id}/record/${entryId}`;
    const editor = await pair.practitioner.agent.get(`${url}/edit`);
    assert.match(editor.body, /<input type="hidden" name="revision" value="1">/);

    assert.equal((await colleague.agent.post(url, { title: 'Clinic visit', body: 'Sam came to clinic on time.', changeReason: 'Added that Sam was on time', revision: '1' })).statusCode, 303);
    const stale = await pair.practitioner.agent.post(url, { title: 'Clinic visit', body: 'Sam came to clinic with their partner.', changeReason: 'Added the partner', revision: '1' });
    assert.equal(stale.statusCode, 400);
    assert.match(stale.body, /Someone else changed this entry while you were editing: check their version, then save again/);
    assert.match(stale.body, /Sam came to clinic with their partner\./, 'their text is kept');
    assert.match(stale.body, /<input type="hidden" name="revision" value="2">/);
    let revisions = await ctx.db.selectFrom('record_revisions').select(['revision', 'body']).where('entry_id', '=', entryId).orderBy('revision').execute();
    assert.deepEqual(revisions.map((r) => r.revision), [1, 2]);
    assert.equal(revisions[1]!.body, 'Sam came to clinic on time.', 'the colleague’s version is not lost');

    // After checking, saving again from the re-shown form makes version 3.
    assert.equal((await pair.practitioner.agent.post(url, { title: 'Clinic visit', body: 'Sam came to clinic on time with their partner.', changeReason: 'Added the partner', revision: '2' })).statusCode, 303);

    // At the same moment, from the same version: one saves, the other is told; no 500.
    const both = await Promise.all([
      pair.practitioner.agent.post(url, { title: 'Clinic visit', body: 'Version from Priya.', changeReason: 'Priya', revision: '3' }),
      colleague.agent.post(url, { title: 'Clinic visit', body: 'Version from Alex.', changeReason: 'Alex', revision: '3' }),
    ]);
    assert.deepEqual(both.map((r) => r.statusCode).sort(), [303, 400]);
    revisions = await ctx.db.selectFrom('record_revisions').select(['revision', 'body']).where('entry_id', '=', entryId).orderBy('revision').execute();
    assert.deepEqual(revisions.map((r) => r.revision), [1, 2, 3, 4]);
  });

  void test('a correction answered by someone else meanwhile is not answered twice', async () => {
    const pair = await setUp();
    const entryId = await newNote(pair);
    const colleague = await signedIn(ctx, ['practitioner'], 'Alex Green');
    await repo.addToCaseload(ctx.db, colleague.id, pair.person.id, null);
    assert.equal((await pair.person.agent.post(`/me/record/${entryId}/respond`, { kind: 'correction', body: 'Please say partner.' })).statusCode, 303);
    const page = await pair.practitioner.agent.get(`/people/${pair.person.id}/record/${entryId}`);
    const answerLink = /href="(\/people\/[^"]+\/corrections\/[^"]+)"/.exec(page.body)![1]!;
    const form = { outcome: 'corrected', title: 'Clinic visit', body: 'Sam came to clinic with their partner.', revision: '1' };
    // Both answer at the same moment: one correction answer, one new version, and no 500.
    const both = await Promise.all([
      colleague.agent.post(answerLink, { ...form, answer: 'Changed to partner.' }),
      pair.practitioner.agent.post(answerLink, { ...form, body: 'Sam came with their partner.', answer: 'Done.' }),
    ]);
    for (const r of both) assert.ok([303, 404].includes(r.statusCode), `no error page (${r.statusCode})`);
    assert.equal(both.filter((r) => r.statusCode === 303 && /\/record\/[0-9a-f-]{36}$/.test(String(r.headers.location))).length >= 1, true);
    const answers = await ctx.db.selectFrom('record_responses').select(['status', 'answer']).where('entry_id', '=', entryId).where('kind', '=', 'correction').execute();
    assert.equal(answers.length, 1);
    assert.equal(answers[0]!.status, 'corrected');
    assert.equal((await ctx.db.selectFrom('record_revisions').select('id').where('entry_id', '=', entryId).execute()).length, 2);

    // A late answer to a correction already answered, based on the old version, is not saved.
    const late = await pair.practitioner.agent.post(answerLink, { ...form, body: 'Sam came, with their partner.', answer: 'Done again.' });
    assert.equal(late.statusCode, 404);
    assert.equal((await ctx.db.selectFrom('record_revisions').select('id').where('entry_id', '=', entryId).execute()).length, 2);
  });

  void test('pronouns stored as something other than JSON do not break the caseload page', async () => {
    const pair = await setUp();
    await ctx.db.updateTable('about_me').set({ pronouns: 'they/them' }).where('account_id', '=', pair.person.id).execute();
    const page = await pair.practitioner.agent.get('/people');
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /Sam Rivera/);
  });
});
