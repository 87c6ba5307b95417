// The shared record: the language guard on save, the person's view, corrections and letters.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { NOTICE_TEXT, sendNoticeDigests } from '../accounts/index.ts';
import { forEachDialect } from '../../../test/helpers.ts';
import { aPersonOnACaseload, aboutMeForm, signedIn, type Pair } from './test-builders.ts';

const PREVIOUS = 'Ignatius Featherstonehaugh';

forEachDialect('Shared record', (ctx) => {
  async function setUp(): Promise<Pair> {
    const pair = await aPersonOnACaseload(ctx);
    assert.equal((await pair.person.agent.post('/me/about', aboutMeForm({ nameToUse: 'Sam Rivera', pronouns: ['they/them'] }))).statusCode, 303);
    assert.equal((await pair.person.agent.post('/me/previous-names', { previousName: PREVIOUS })).statusCode, 303);
    return pair;
  }

  /** The audit trail of previous names the guard stopped for this person: who, and where from. */
  const stoppedTrail = async (personId: string) =>
    (await ctx.db.selectFrom('audit_log').select(['actor_id', 'detail']).where('subject', '=', personId).where('action', '=', 'language.previous-name-stopped').orderBy('seq').execute()).map((r) => [r.actor_id, r.detail]);

  const entryCount = async (personId: string) =>
    Number((await ctx.db.selectFrom('record_entries').select((eb) => eb.fn.countAll<number>().as('n')).where('person_id', '=', personId).executeTakeFirstOrThrow()).n);

  void test('a practitioner writing the previous name cannot save, and the name is not shown back', async () => {
    const { person, practitioner } = await setUp();
    const checksBefore = await ctx.db.selectFrom('language_check_log').selectAll().execute();
    const res = await practitioner.agent.post(`/people/${person.id}/record?kind=note`, { title: 'Clinic visit', body: `Ignatius came to clinic today. Sam said the waiting is hard.` });
    assert.equal(res.statusCode, 400);
    assert.match(res.body, /This cannot be saved: it uses a name Sam Rivera no longer uses/);
    assert.match(res.body, /\[name removed\] came to clinic today/);
    assert.doesNotMatch(res.body, /Ignatius|Featherstonehaugh/i);
    assert.equal(await entryCount(person.id), 0);
    const checksAfter = await ctx.db.selectFrom('language_check_log').selectAll().execute();
    assert.equal(checksAfter.length, checksBefore.length + 1);
    assert.equal(checksAfter.at(-1)?.blocking, 1);

    // Sending the text back as shown, with the placeholder, is not saved either.
    const placeholder = await practitioner.agent.post(`/people/${person.id}/record?kind=note`, { title: 'Clinic visit', body: '[name removed] came to clinic today.' });
    assert.equal(placeholder.statusCode, 400);
    assert.match(placeholder.body, /Replace \[name removed\] with the name the person uses/);
    assert.equal(await entryCount(person.id), 0);

    // Even a reason to keep it does not help: a block is a block, in a letter's recipient too.
    const letter = await practitioner.agent.post(`/people/${person.id}/record?kind=letter`, { title: 'Referral', body: 'Dear colleague, please see Sam.', recipient: `Dr Lee, re: ${PREVIOUS.toUpperCase()}` });
    assert.equal(letter.statusCode, 400);
    assert.doesNotMatch(letter.body, /Ignatius|Featherstonehaugh/i);
    assert.equal(await entryCount(person.id), 0);

    // Each refused save left a trace of who tried, never the text: the note and the letter (the
    // placeholder holds no name).
    const trail = await stoppedTrail(person.id);
    assert.deepEqual(trail, [[practitioner.id, JSON.stringify({ source: 'record-entry' })], [practitioner.id, JSON.stringify({ source: 'record-entry' })]]);
  });

  void test('a wrong pronoun is warned and marked in place; it saves once fixed or kept with a reason', async () => {
    const { person, practitioner } = await setUp();
    const url = `/people/${person.id}/record?kind=note`;
    const warned = await practitioner.agent.post(url, { title: 'Voice therapy', body: 'Sam came to voice therapy. He said his voice feels better.' });
    assert.equal(warned.statusCode, 400);
    assert.match(warned.body, /“he” is not one of Sam Rivera’s pronouns/);
    assert.match(warned.body, /<mark class="app-finding app-finding--warn">He<span class="nhsuk-u-visually-hidden"> \(Check\)<\/span><\/mark>/);
    // Each finding once, labelled by its words and line, in one vocabulary.
    assert.match(warned.body, /<strong class="nhsuk-tag nhsuk-tag--orange">Check<\/strong> “He”, line 1<\/h3>/);
    assert.equal([...warned.body.matchAll(/is not one of Sam Rivera’s pronouns/g)].length, 2, 'two findings, each listed once');
    assert.doesNotMatch(warned.body, /Finding \d|Change or explain|Cannot be saved|Change or give a reason/);
    assert.match(warned.body, /He said his voice feels better\.<\/textarea>/, 'the text is kept');
    assert.equal(await entryCount(person.id), 0);

    // Kept with a stated reason: the reason is recorded with the revision.
    const keys = [...warned.body.matchAll(/name="(keep_w[0-9a-f]{12})"/g)].map((m) => m[1]!);
    assert.equal(keys.length, 2);
    // "habit" is not a reason, nor is "someone else" without saying who.
    const habit = await practitioner.agent.post(url, {
      title: 'Voice therapy',
      body: 'Sam came to voice therapy. He said his voice feels better.',
      [keys[0]!]: 'habit',
      [`keepwhy_${keys[1]!.slice(5)}`]: 'someone-else',
    });
    assert.equal(habit.statusCode, 400);
    assert.match(habit.body, /Say why “he” on line 1 should stay: choose a reason, say who it refers to, or write the reason out in a sentence/);
    assert.match(habit.body, /Say why “his” on line 1 should stay/);
    assert.equal(await entryCount(person.id), 0);
    const kept = await practitioner.agent.post(url, {
      title: 'Voice therapy',
      body: 'Sam came to voice therapy. He said his voice feels better.',
      [keys[0]!]: 'Quoting the referral letter',
      [keys[1]!]: 'Quoting the referral letter',
    });
    assert.equal(kept.statusCode, 303);
    const revision = await ctx.db.selectFrom('record_revisions').selectAll().where('person_id', '=', person.id).executeTakeFirstOrThrow();
    const reasons = JSON.parse(revision.kept_warnings) as Array<{ reason: string; ruleId: string }>;
    assert.deepEqual(reasons.map((r) => [r.ruleId, r.reason]), [['pronoun', 'Quoting the referral letter'], ['pronoun', 'Quoting the referral letter']]);
    // The person can read the reason in the history.
    const entryId = kept.headers.location!.split('/').pop()!;
    const seen = (await person.agent.get(`/me/record/${entryId}`)).body;
    assert.match(seen, /Reason: “Quoting the referral letter”/);
    // …and beside the text, with the kept words marked where they are.
    assert.match(seen, /<mark class="app-finding app-kept" id="kept-1">He<span class="nhsuk-u-visually-hidden"> \(kept with a reason: Quoting the referral letter\)<\/span><\/mark> said <mark class="app-finding app-kept" id="kept-2">his/);
    assert.match(seen, /<li><strong>“He”<\/strong>, line 1: Quoting the referral letter<\/li>/);

    // A reason from the list: it refers to someone else, and who.
    const other = await practitioner.agent.post(url, {
      title: 'Family session',
      body: 'Sam came to voice therapy. He said his voice feels better.',
      [`keepwhy_${keys[0]!.slice(5)}`]: 'someone-else',
      [keys[0]!]: 'Sam’s brother',
      [`keepwhy_${keys[1]!.slice(5)}`]: 'someone-else',
      [keys[1]!]: 'Sam’s brother',
    });
    assert.equal(other.statusCode, 303, other.body.match(/nhsuk-error-summary__list[\s\S]*?<\/ul>/)?.[0]);
    // The practitioner's caseload counts the entries that kept warned words.
    assert.match((await practitioner.agent.get('/people')).body, /Entries with kept warnings <\/span><span>2<\/span><\/td><\/tr>/);
    const otherSeen = (await person.agent.get(`/me/record/${other.headers.location!.split('/').pop()!}`)).body;
    assert.match(otherSeen, /<li><strong>“He”<\/strong>, line 1: It refers to someone else: Sam’s brother<\/li>/);

    // Fixed: no findings, saved at once.
    const fixed = await practitioner.agent.post(url, { title: 'Voice therapy', body: 'Sam came to voice therapy. They said their voice feels better.' });
    assert.equal(fixed.statusCode, 303);
  });

  void test('the person sees the saved note, adds a view, requests a correction and sees the answer', async () => {
    const { person, practitioner } = await setUp();
    const saved = await practitioner.agent.post(`/people/${person.id}/record?kind=note`, { title: 'First appointment', body: 'Sam came with a friend. We agreed to refer for hormones in March.' });
    assert.equal(saved.statusCode, 303);
    const entryId = saved.headers.location!.split('/').pop()!;

    // A discreet notice, nothing clinical, when the digest job next runs.
    assert.equal((await ctx.db.selectFrom('outbox').selectAll().where('to_address', '=', person.email).execute()).length, 0, 'not at once: it waits for a few minutes');
    await sendNoticeDigests(ctx.db, ctx.config, new Date(Date.now() + 10 * 60_000));
    const mail = await ctx.db.selectFrom('outbox').selectAll().where('to_address', '=', person.email).execute();
    assert.equal(mail.length, 1);
    assert.ok(mail[0]!.body_text.startsWith(NOTICE_TEXT));
    assert.doesNotMatch(mail[0]!.body_text + mail[0]!.subject, /hormone|appointment|March/i);

    const list = await person.agent.get('/me/record');
    assert.match(list.body, /First appointment/);
    const entry = await person.agent.get(`/me/record/${entryId}`);
    assert.match(entry.body, /We agreed to refer for hormones in March\./);

    assert.equal((await person.agent.post(`/me/record/${entryId}/respond`, { kind: 'view', body: 'I came with my partner, not a friend.' })).statusCode, 303);
    const missing = await person.agent.post(`/me/record/${entryId}/respond`, { kind: 'correction', body: '' });
    assert.equal(missing.statusCode, 400);
    assert.match(missing.body, /Tell us what is wrong and what it should say/);
    assert.equal((await person.agent.post(`/me/record/${entryId}/respond`, { kind: 'correction', body: 'Please say partner, not friend.' })).statusCode, 303);

    // The practitioner sees the view and the open correction.
    const staffView = await practitioner.agent.get(`/people/${person.id}/record/${entryId}`);
    assert.match(staffView.body, /I came with my partner, not a friend\./);
    const answerLink = /href="(\/people\/[^"]+\/corrections\/[^"]+)"/.exec(staffView.body)?.[1];
    assert.ok(answerLink, 'a link to answer the correction');
    assert.match((await practitioner.agent.get('/people')).body, /Correction requests waiting <\/span><span>1<\/span><\/td>/);

    // Answer with a new revision.
    const unchanged = await practitioner.agent.post(answerLink, { outcome: 'corrected', answer: 'Changed.', title: 'First appointment', body: 'Sam came with a friend. We agreed to refer for hormones in March.' });
    assert.equal(unchanged.statusCode, 400);
    assert.match(unchanged.body, /Change the entry, or choose to keep it and say why/);
    const corrected = await practitioner.agent.post(answerLink, { outcome: 'corrected', answer: 'Thank you, I have changed it to partner.', title: 'First appointment', body: 'Sam came with their partner. We agreed to refer for hormones in March.' });
    assert.equal(corrected.statusCode, 303);

    const after = await person.agent.get(`/me/record/${entryId}`);
    assert.match(after.body, /Sam came with their partner\./);
    assert.match(after.body, /Corrected in version 2/);
    assert.match(after.body, /Thank you, I have changed it to partner\./);
    assert.match(after.body, /Version 1, by Priya Shah/);
    assert.match(after.body, /Version 2, by Priya Shah/);
    assert.match(after.body, /Sam came with a friend\./, 'the first version is still in the history');

    // A second correction, declined with a reason.
    assert.equal((await person.agent.post(`/me/record/${entryId}/respond`, { kind: 'correction', body: 'Please remove the month.' })).statusCode, 303);
    const again = await practitioner.agent.get(`/people/${person.id}/record/${entryId}`);
    const second = /href="(\/people\/[^"]+\/corrections\/[^"]+)"/.exec(again.body)![1]!;
    assert.equal((await practitioner.agent.post(second, { outcome: 'declined', answer: 'The month is when the referral is due, so it needs to stay.', title: 'x', body: 'x' })).statusCode, 303);
    const final = await person.agent.get(`/me/record/${entryId}`);
    assert.match(final.body, /Not changed/);
    assert.match(final.body, /The month is when the referral is due/);
    const revisions = await ctx.db.selectFrom('record_revisions').select('revision').where('entry_id', '=', entryId).execute();
    assert.equal(revisions.length, 2);
  });

  void test('changing an entry needs a reason and makes a new revision the person sees', async () => {
    const { person, practitioner } = await setUp();
    const saved = await practitioner.agent.post(`/people/${person.id}/record?kind=care-plan`, { title: 'Care plan', body: 'Goal: start hormones.' });
    const entryId = saved.headers.location!.split('/').pop()!;
    const noReason = await practitioner.agent.post(`/people/${person.id}/record/${entryId}`, { title: 'Care plan', body: 'Goal: start hormones. Review in six months.' });
    assert.equal(noReason.statusCode, 400);
    assert.match(noReason.body, /Say what changed and why/);
    assert.equal((await practitioner.agent.post(`/people/${person.id}/record/${entryId}`, { title: 'Care plan', body: 'Goal: start hormones. Review in six months.', changeReason: 'Added the review date we agreed' })).statusCode, 303);
    const page = await person.agent.get(`/me/record/${entryId}`);
    assert.match(page.body, /Care plan, version 2/);
    assert.match(page.body, /What changed and why:<\/strong> Added the review date we agreed/);
  });

  void test('a letter goes to the person for review before it can be marked sent', async () => {
    const { person, practitioner } = await setUp();
    const noRecipient = await practitioner.agent.post(`/people/${person.id}/record?kind=letter`, { title: 'Letter to GP', body: 'Dear Dr Patel, Sam is starting treatment.' });
    assert.equal(noRecipient.statusCode, 400);
    assert.match(noRecipient.body, /Enter who the letter is to/);
    const saved = await practitioner.agent.post(`/people/${person.id}/record?kind=letter`, { title: 'Letter to GP', body: 'Dear Dr Patel, Sam is starting treatment.', recipient: 'Dr A Patel, Riverside Surgery' });
    assert.equal(saved.statusCode, 303);
    const entryId = saved.headers.location!.split('/').pop()!;
    const sendUrl = `/people/${person.id}/record/${entryId}/send`;

    const refused = await practitioner.agent.post(sendUrl, { reason: '' });
    assert.equal(refused.statusCode, 400);
    assert.match(refused.body, /The person has not reviewed this letter yet/);
    assert.match((await person.agent.get('/me')).body, /1 letter is waiting for you to review/);

    const mine = await person.agent.get(`/me/record/${entryId}`);
    assert.match(mine.body, /This letter is waiting for your review/);
    assert.equal((await person.agent.post(`/me/record/${entryId}/review`, { decision: 'send', body: 'Fine by me.' })).statusCode, 303);
    assert.equal((await practitioner.agent.post(sendUrl, { reason: '' })).statusCode, 303);
    const entry = await ctx.db.selectFrom('record_entries').selectAll().where('id', '=', entryId).executeTakeFirstOrThrow();
    assert.equal(entry.letter_status, 'sent');
    assert.equal(entry.sent_without_review_reason, null);
  });

  void test('a letter sent without review carries a recorded reason the person reads', async () => {
    const { person, practitioner } = await setUp();
    const saved = await practitioner.agent.post(`/people/${person.id}/record?kind=letter`, { title: 'Urgent letter', body: 'Dear colleague, Sam needs a blood test this week.', recipient: 'Pathology' });
    const entryId = saved.headers.location!.split('/').pop()!;
    assert.equal((await practitioner.agent.post(`/people/${person.id}/record/${entryId}/send`, { reason: 'The blood test is due before your review could happen.' })).statusCode, 303);
    const page = await person.agent.get(`/me/record/${entryId}`);
    assert.match(page.body, /It was sent before you reviewed it, for this reason: “The blood test is due before your review could happen\.”/);
    // A sent letter cannot be "reviewed" any more.
    assert.equal((await person.agent.post(`/me/record/${entryId}/review`, { decision: 'send', body: '' })).statusCode, 404);
  });

  void test('the editor checks live with JavaScript: the check API uses the person’s profile, only for their practitioners', async () => {
    const { person, practitioner } = await setUp();
    const editor = await practitioner.agent.get(`/people/${person.id}/record/new?kind=note`);
    assert.match(editor.body, new RegExp(`data-language-check="" data-person-id="${person.id}"`));
    const res = await practitioner.agent.json('POST', '/api/v1/language/check', { text: 'Ignatius said he is well.', personId: person.id, documentKind: 'person' });
    assert.equal(res.statusCode, 200);
    const { findings } = res.json<{ findings: Array<{ severity: string; category: string; message: string }> }>();
    assert.deepEqual(findings.map((f) => [f.severity, f.category]), [['block', 'previous-name'], ['warn', 'pronoun']]);
    assert.doesNotMatch(JSON.stringify(findings), /Ignatius|Featherstonehaugh/i);
    assert.deepEqual(await stoppedTrail(person.id), [[practitioner.id, JSON.stringify({ source: 'check-api' })]], 'guessing through the API leaves a trace');
    // Every stop is counted (name-probing.test.ts); a check without the name adds nothing.
    await practitioner.agent.json('POST', '/api/v1/language/check', { text: 'Ignatius said he is well today.', personId: person.id });
    await practitioner.agent.json('POST', '/api/v1/language/check', { text: 'Sam said they are well.', personId: person.id });
    assert.equal((await stoppedTrail(person.id)).length, 2);
    for (const roles of [['practitioner'], ['group']] as const) {
      const other = await signedIn(ctx, [...roles]);
      await other.agent.get('/');
      const refused = await other.agent.json('POST', '/api/v1/language/check', { text: 'Ignatius said he is well.', personId: person.id });
      assert.equal(refused.statusCode, 404, roles.join());
    }
  });

  void test('a long record is shown twenty entries at a time, to the practitioner and to the person', async () => {
    const { person, practitioner } = await aPersonOnACaseload(ctx);
    // A letter for the person to review, first: it ends up on the last page.
    assert.equal((await practitioner.agent.post(`/people/${person.id}/record?kind=letter`, { title: 'Letter to your GP', body: 'Dear Dr Patel.', recipient: 'Dr Patel' })).statusCode, 303);
    for (let n = 1; n <= 45; n += 1) {
      assert.equal((await practitioner.agent.post(`/people/${person.id}/record?kind=note`, { title: `Clinic note ${String(n).padStart(2, '0')}`, body: 'Sam came to clinic.' })).statusCode, 303);
    }
    const titles = (body: string) => [...body.matchAll(/>(Clinic note \d\d)</g)].map((m) => m[1]);
    for (const [agent, base] of [[practitioner.agent, `/people/${person.id}`], [person.agent, '/me/record']] as const) {
      const first = await agent.get(base);
      assert.equal(first.statusCode, 200);
      assert.equal(titles(first.body).length, 20, `${base}: one page`);
      assert.equal(titles(first.body)[0], 'Clinic note 45', 'newest first');
      assert.match(first.body, /Showing 1 to 20 of 46 entries\./);
      assert.match(first.body, /aria-label="Pages of the record"/);
      assert.match(first.body, new RegExp(`href="${base.replace(/\//g, '\\/')}\\?page=2`));

      const last = await agent.get(`${base}?page=3`);
      assert.deepEqual(titles(last.body), ['Clinic note 05', 'Clinic note 04', 'Clinic note 03', 'Clinic note 02', 'Clinic note 01']);
      assert.match(last.body, /Showing 41 to 46 of 46 entries\./);
      assert.match(last.body, />Letter to your GP</);
      assert.match(last.body, /page 3 of 3/);
      assert.deepEqual(titles((await agent.get(`${base}?page=99`)).body), titles(last.body), 'past the end: the last page');

      const bad = await agent.get(`${base}?page=first`);
      assert.equal(bad.statusCode, 400, 'a page that is not a number is a clear error, not a failure');
      assert.doesNotMatch(bad.body, /Clinic note/);
    }
    // The person's summary counts what waits for them across every page.
    assert.match((await person.agent.get('/me')).body, /1 letter is waiting for you to review\./);
  });
});
