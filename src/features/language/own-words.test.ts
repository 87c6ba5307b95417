// The person's own words, guarded: whatever a person writes (a correction request, a view on
// their record, a letter's review, a data request, a proposal, a comment, feedback), a name they
// asked us to protect in it is never stored readable and never reaches anyone else. They are told
// gently and offered "[my previous name]" in its place.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { forEachDialect, type TestContext } from '../../../test/helpers.ts';
import { aPersonOnACaseload, aboutMeForm, signedIn } from '../record/test-builders.ts';

const PREVIOUS = 'Ignatius Featherstonehaugh';
const NAME = /Ignatius|Featherstonehaugh/i;

/** Every text column of every table, as the database holds it: a name must be in none of them. */
async function databaseHolds(ctx: TestContext, pattern: RegExp): Promise<string[]> {
  const tables = await ctx.db.introspection.getTables();
  const found: string[] = [];
  for (const t of tables) {
    const rows = await ctx.db.selectFrom(t.name as never).selectAll().execute();
    for (const row of rows as Array<Record<string, unknown>>) {
      for (const [column, value] of Object.entries(row)) if (typeof value === 'string' && pattern.test(value)) found.push(`${t.name}.${column}`);
    }
  }
  return found;
}

forEachDialect('The person’s own words', (ctx) => {
  async function setUp() {
    const pair = await aPersonOnACaseload(ctx);
    assert.equal((await pair.person.agent.post('/me/about', aboutMeForm({ nameToUse: 'Sam Rivera', pronouns: ['they/them'] }))).statusCode, 303);
    assert.equal((await pair.person.agent.post('/me/previous-names', { previousName: PREVIOUS })).statusCode, 303);
    // A real letter about several people: Sam, their mother, their GP.
    const letter = await pair.practitioner.agent.post(`/people/${pair.person.id}/record?kind=letter`, {
      title: 'Letter to your GP',
      recipient: 'Dr A Patel, Riverside Surgery',
      body: 'Dear Dr Patel,\n\nRe: Sam Rivera\n\nI saw Sam in clinic today with their mother. She told me she has been driving Sam to every appointment. Sam said they would like the GP to start the blood tests.\n\nYours sincerely,\nPriya Shah',
    });
    assert.equal(letter.statusCode, 303, letter.body.slice(0, 400));
    const letterId = letter.headers.location!.split('/').pop()!;
    const note = await pair.practitioner.agent.post(`/people/${pair.person.id}/record?kind=note`, {
      title: 'Clinic visit',
      body: 'Sam came to clinic with their mother and their partner, Alex. Alex said he has been reading about voice therapy; Sam said they would like to try it. We will ask the GP about the referral.',
    });
    assert.equal(note.statusCode, 303, note.body.slice(0, 400));
    return { ...pair, letterId, entryId: note.headers.location!.split('/').pop()! };
  }

  const gentle = (body: string) => {
    assert.match(body, /has a name in it that you asked us to protect, so we have not saved it and nobody else has seen it/);
    assert.match(body, /\[my previous name\]/);
    assert.doesNotMatch(body, NAME);
  };

  void test('a correction request, a view and a letter review: refused gently, offered back with [my previous name], nothing stored', async () => {
    const { person, practitioner, entryId, letterId } = await setUp();
    const before = await ctx.db.selectFrom('record_responses').selectAll().execute();
    const correction = await person.agent.post(`/me/record/${entryId}/respond`, {
      kind: 'correction',
      body: 'My mother drove me, yes. But the letter should not say "Ignatius" anywhere: my GP still has Ignatius Featherstonehaugh on file and I want that changed.',
    });
    assert.equal(correction.statusCode, 400);
    gentle(correction.body);
    assert.match(correction.body, /my GP still has \[my previous name\] on file/, 'the rest of their words are kept');
    // Spelt out letter by letter, in look-alike letters, or reversed: still theirs, still kept out.
    for (const disguised of ['I g n a t i u s was my name at school', 'Іgnatіus was my name at school', 'My name was \u202Esuitangi\u202C then']) {
      const res = await person.agent.post(`/me/record/${entryId}/respond`, { kind: 'view', body: disguised });
      assert.equal(res.statusCode, 400, disguised);
      gentle(res.body);
    }
    const review = await person.agent.post(`/me/record/${letterId}/review`, { decision: 'correct', correction: 'Please add that Ignatius is not my name.' });
    assert.equal(review.statusCode, 400);
    gentle(review.body);
    assert.deepEqual(await ctx.db.selectFrom('record_responses').selectAll().execute(), before, 'nothing stored');
    // The practitioner sees no response and nothing waiting.
    assert.doesNotMatch((await practitioner.agent.get(`/people/${person.id}/record/${entryId}`)).body, NAME);

    // Sent back as offered, it is saved, and the practitioner reads the placeholder only.
    const offered = 'My mother drove me, yes. But the letter should not say "[my previous name]" anywhere: my GP still has [my previous name] on file and I want that changed.';
    assert.equal((await person.agent.post(`/me/record/${entryId}/respond`, { kind: 'correction', body: offered })).statusCode, 303);
    assert.match((await practitioner.agent.get(`/people/${person.id}/record/${entryId}`)).body, /still has \[my previous name\] on file/);
    assert.deepEqual(await databaseHolds(ctx, NAME), []);
  });

  void test('a data request holding the name is not stored, and the lead never reads it', async () => {
    const { person } = await setUp();
    const lead = await signedIn(ctx, ['lead'], 'Lee Lead');
    const res = await person.agent.post('/me/requests', { kind: 'erasure', detail: 'Please erase every mention of Ignatius from my old referral.' });
    assert.equal(res.statusCode, 400);
    gentle(res.body);
    assert.match(res.body, /every mention of \[my previous name\] from my old referral/);
    assert.equal((await ctx.db.selectFrom('data_requests').selectAll().execute()).length, 0);
    assert.doesNotMatch((await lead.agent.get('/admin/data-requests')).body, NAME);
    assert.deepEqual(await databaseHolds(ctx, NAME), []);
  });

  void test('a proposal, a comment, a paragraph comment and feedback: refused before anything is stored or shown to anyone', async () => {
    const { person } = await setUp();
    const reader = await signedIn(ctx, ['group'], 'Gale Group');
    const proposal = await person.agent.post('/coproduction/proposals', {
      title: 'Old names on letters',
      problem: 'Letters still went out as Ignatius after I changed my name.',
      affects: 'Anyone who has changed their name',
      idea: 'Check every letter template.',
      area: 'policy',
    });
    assert.equal(proposal.statusCode, 400);
    gentle(proposal.body);
    assert.match(proposal.body, /Letters still went out as \[my previous name\] after I changed my name\./);
    assert.equal((await ctx.db.selectFrom('coproduction_proposals').selectAll().execute()).length, 0);

    // Raised without it, then a comment with it.
    const raised = await person.agent.post('/coproduction/proposals', { title: 'Old names on letters', problem: 'Letters used my old name.', affects: 'Anyone who has changed their name', idea: 'Check every letter template.', area: 'policy' });
    assert.equal(raised.statusCode, 303);
    const proposalUrl = raised.headers.location!;
    const comment = await person.agent.post(`${proposalUrl}/comments`, { body: 'For example, one said Dear Mr Featherstonehaugh.' });
    assert.equal(comment.statusCode, 400);
    gentle(comment.body);
    assert.doesNotMatch((await reader.agent.get(proposalUrl)).body, NAME, 'every signed-in account reads proposals: nothing of it reached them');

    // A group member who is also a person, commenting on a document's paragraph.
    const member = await signedIn(ctx, ['person', 'group'], 'Morgan Lee');
    assert.equal((await member.agent.post('/me/previous-names', { previousName: 'Bartholomew' })).statusCode, 303);
    const { createDocument } = await import('../coproduction/test-builders.ts');
    const { loadActor } = await import('../accounts/index.ts');
    const doc = await createDocument(ctx.db, (await loadActor(ctx.db, reader.id))!, { kind: 'leaflet', title: 'Leaflet', slug: 'own-words-leaflet', summary: 'A leaflet.', body: 'First paragraph.' });
    assert.ok(doc.id && doc.version);
    const paragraphComment = await member.agent.post(`/coproduction/documents/${doc.id}/versions/${doc.version.id}/comments`, { paragraph: '0', body: 'Bartholomew is how I was listed here before.' });
    assert.equal(paragraphComment.statusCode, 400);
    gentle(paragraphComment.body);
    assert.doesNotMatch(paragraphComment.body, /Bartholomew/);

    // Feedback from a signed-in person, whether or not they attach their account.
    const beforeFeedback = (await ctx.db.selectFrom('feedback_items').selectAll().execute()).length;
    for (const attach of ['no', 'yes']) {
      const feedback = await person.agent.post('/feedback', { body: 'Reception called me Ignatius in front of everyone.', area: 'appointments', consent: 'yes', reply: 'none', attach });
      assert.equal(feedback.statusCode, 400, attach);
      gentle(feedback.body);
    }
    assert.equal((await ctx.db.selectFrom('feedback_items').selectAll().execute()).length, beforeFeedback);
    assert.deepEqual(await databaseHolds(ctx, /Ignatius|Featherstonehaugh|Bartholomew/i), []);
  });

  void test('About me (goals, what helps, words to avoid) and what matters most: refused gently, offered back, nothing stored, the practitioner reads none of it', async () => {
    const { person, practitioner } = await setUp();
    const goals = 'Start hormones this year. Most of all, never be called Ignatius again: not on letters, not at reception, not on the phone.';
    const about = await person.agent.post('/me/about', aboutMeForm({
      nameToUse: 'Sam Rivera',
      goals,
      communicationNeeds: ['other'],
      communicationOther: 'Please check my notes do not say Featherstonehaugh before you call my name out.',
      avoid: 'lady = person\nIgnatius = Sam',
    }));
    assert.equal(about.statusCode, 400);
    gentle(about.body);
    assert.match(about.body, /never be called \[my previous name\] again: not on letters/, 'the rest of their goals are kept');
    assert.match(about.body, /do not say \[my previous name\] before you call my name out/);
    assert.match(about.body, /\[my previous name\] = Sam/);
    // Spelt with a look-alike letter, or its letters spaced out: still theirs, still kept out.
    for (const disguised of ['I was Іgnatius at school.', 'I was I-g-n-a-t-i-u-s at school.']) {
      const res = await person.agent.post('/me/about', aboutMeForm({ nameToUse: 'Sam Rivera', goals: disguised }));
      assert.equal(res.statusCode, 400, disguised);
      gentle(res.body);
    }
    const profile = await practitioner.agent.get(`/people/${person.id}`);
    assert.doesNotMatch(profile.body, NAME);
    assert.doesNotMatch(profile.body, /Start hormones this year\. Most of all/, 'the refused goals were not saved');

    // Sent back as offered, it is saved and the practitioner reads the placeholder.
    const offered = goals.replace('Ignatius', '[my previous name]');
    assert.equal((await person.agent.post('/me/about', aboutMeForm({ nameToUse: 'Sam Rivera', goals: offered }))).statusCode, 303);
    assert.match((await practitioner.agent.get(`/people/${person.id}`)).body, /never be called \[my previous name\] again/);

    // What matters most, in their own words.
    const form = await person.agent.get('/me/priorities');
    const ids = [...form.body.matchAll(/name="rank_([^"]+)"/g)].map((m) => m[1]!);
    assert.ok(ids.length >= 2, 'the catalogue has priorities');
    const priorities = await person.agent.post('/me/priorities', { [`rank_${ids[0]}`]: '1', [`words_${ids[0]}`]: 'Letters that say Sam, never Ignatius Featherstonehaugh.', [`rank_${ids[1]}`]: '2', [`words_${ids[1]}`]: 'Short appointments.' });
    assert.equal(priorities.statusCode, 400);
    gentle(priorities.body);
    assert.match(priorities.body, /Letters that say Sam, never \[my previous name\]\./);
    assert.match(priorities.body, /Short appointments\./, 'their other words are kept');
    assert.deepEqual(await databaseHolds(ctx, NAME), []);
  });

  void test('everyday words that share letters with the name, and other people’s names, are not stopped', async () => {
    const { person, entryId } = await setUp();
    const res = await person.agent.post(`/me/record/${entryId}/respond`, { kind: 'view', body: 'My mother, Hope, drove me. Will you send the letter to Dr Patel? Ignition of the car failed on the way, so we were late.' });
    assert.equal(res.statusCode, 303);
  });
});
