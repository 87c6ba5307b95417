// Data rights: the download holds every row of every table that holds the person's data, and
// requests to correct or erase are tracked to an answer from the lead.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { test } from 'node:test';
import { sql } from 'kysely';
import { dialectOf } from '../../platform/db/database.ts';
import { Agent, forEachDialect } from '../../../test/helpers.ts';
import { loadActor } from '../accounts/index.ts';
import * as coproduction from '../coproduction/test-builders.ts';
import { AUTHORED, NOT_EXPORTED, SIGN_IN_LINK, personTables, type DataExport } from './data-rights.ts';
import * as repo from './repository.ts';
import { aPersonOnACaseload, aboutMeForm, signedIn } from './test-builders.ts';

forEachDialect('Data rights', (ctx) => {
  /** A person who has used every part of withme that holds data about them. */
  async function aBusyPerson() {
    const { person, practitioner } = await aPersonOnACaseload(ctx);
    await person.agent.post('/me/about', aboutMeForm());
    await person.agent.post('/me/contact', { channels: ['email'], senderName: 'Garden club', subject: '', envelopeName: '', voicemail: 'no', safeTimes: '' });
    await person.agent.post('/me/priorities', { rank_hormones: '1', words_hormones: 'Soon please' });
    await person.agent.post('/me/previous-names', { previousName: 'Wilhelmina Brackenbury' });
    const note = await practitioner.agent.post(`/people/${person.id}/record?kind=note`, { title: 'Note', body: 'Sam attended.' });
    const noteId = note.headers.location!.split('/').pop()!;
    const letter = await practitioner.agent.post(`/people/${person.id}/record?kind=letter`, { title: 'Letter', body: 'Dear Dr Patel.', recipient: 'Dr Patel' });
    const letterId = letter.headers.location!.split('/').pop()!;
    await person.agent.post(`/me/record/${noteId}/respond`, { kind: 'correction', body: 'Please add that I was on time.' });
    await person.agent.post(`/me/record/${letterId}/review`, { body: 'Fine' });
    const covering = await signedIn(ctx, ['practitioner']);
    await covering.agent.post('/people/access', { email: person.email, reason: 'Covering clinic today', hours: '1' });
    await covering.agent.get(`/people/${person.id}`);
    await person.agent.post('/me/requests', { kind: 'erasure', detail: 'Please erase my old phone number.' });
    await person.agent.post('/forgot-password', { email: person.email });
    return { person, practitioner };
  }

  /**
   * Independently of how the download finds tables: scans every row of every table for the
   * account's id or email, and requires each such row in the download. Returns the tables seen.
   */
  async function assertEveryRowDownloaded(who: { id: string; email: string }, data: DataExport): Promise<Set<string>> {
    const tables = await ctx.db.introspection.getTables();
    const covered = new Set<string>();
    for (const table of tables) {
      const rows = (await sql<Record<string, unknown>>`select * from ${sql.table(table.name)}`.execute(ctx.db)).rows;
      const theirs = rows.filter((row) =>
        Object.values(row).some((v) => typeof v === 'string' && (v.includes(who.id) || v.toLowerCase() === who.email.toLowerCase())),
      );
      if (!theirs.length) continue;
      if (table.name in NOT_EXPORTED) continue;
      const section = data.sections.find((s) => s.table === table.name);
      assert.ok(section, `the download has a section for ${table.name}`);
      for (const row of theirs) {
        // As stored, but for the links that sign in, which the download leaves out.
        const match = section.rows.some((exported) => Object.entries(exported).every(([k, v]) => String(row[k]).replace(SIGN_IN_LINK, '/$1/[link removed]') === String(v)));
        assert.ok(match, `a row of ${table.name} is in the download`);
      }
      assert.equal(section.rows.length >= theirs.length, true);
      covered.add(table.name);
    }
    return covered;
  }

  void test('the download covers every row, in every table, that refers to the person', async () => {
    const { person } = await aBusyPerson();
    const res = await person.agent.get('/me/download.json');
    assert.equal(res.statusCode, 200);
    assert.match(String(res.headers['content-disposition']), /attachment/);
    const data = res.json<DataExport>();
    assert.equal(data.person.id, person.id);

    const covered = await assertEveryRowDownloaded(person, data);
    for (const t of ['accounts', 'account_roles', 'password_resets', 'audit_log', 'outbox', 'contact_preferences', 'about_me', 'previous_names', 'person_priorities', 'caseload', 'record_entries', 'record_revisions', 'record_responses', 'access_grants', 'access_log', 'data_requests']) {
      assert.ok(covered.has(t), `the journey put data in ${t}, and it was checked`);
    }

    // Secrets are not data: no password hash, reset token hash or keyed name hash.
    assert.doesNotMatch(res.body, /password_hash|token_hash|sequence_hashes|word_hashes|argon2/);
    // Nor a link that would sign in: the reset message is listed, its link taken out.
    assert.match(res.body, /\/reset-password\/\[link removed\]/);
    assert.doesNotMatch(res.body, /\/reset-password\/[A-Za-z0-9_-]{20,}/);
    assert.doesNotMatch(res.body, /Wilhelmina|Brackenbury/i);
    const names = data.sections.find((s) => s.table === 'previous_names')!;
    assert.deepEqual(Object.keys(names.rows[0]!).sort(), ['account_id', 'created_at', 'id', 'max_words']);
  });

  void test('staff download their own data, never other people’s: notes they wrote, people they saw, requests they answered, feedback they moderated', async () => {
    // A practitioner who also uses the service (two roles), with Sam on their caseload.
    const both = await signedIn(ctx, ['practitioner', 'person'], 'Robin Vale');
    const sam = await signedIn(ctx, ['person'], 'Sam Rivera');
    await repo.addToCaseload(ctx.db, both.id, sam.id, null);
    await sam.agent.post('/me/about', aboutMeForm({ nameToUse: 'Sam Rivera', goals: 'Sam-only goal text' }));
    const note = await both.agent.post(`/people/${sam.id}/record?kind=note`, { title: 'Sam clinic note', body: 'Sam-only clinical detail about bloods.' });
    assert.equal(note.statusCode, 303);
    const noteId = note.headers.location!.split('/').pop()!;
    await both.agent.post(`/people/${sam.id}/record/${noteId}`, { title: 'Sam clinic note', body: 'Sam-only clinical detail, revised.', changeReason: 'Sam-only change reason', revision: '1' });
    await both.agent.get(`/people/${sam.id}/record/${noteId}`);
    await sam.agent.post(`/me/record/${noteId}/respond`, { kind: 'correction', body: 'Sam-only correction request' });
    const page = await both.agent.get(`/people/${sam.id}/record/${noteId}`);
    const answerLink = /href="(\/people\/[^"]+\/corrections\/[^"]+)"/.exec(page.body)![1]!;
    assert.equal((await both.agent.post(answerLink, { outcome: 'declined', answer: 'Sam-only decline answer', title: 'x', body: 'x' })).statusCode, 303);
    // Someone else writes about Robin as a person: that is Robin's, in full.
    const robinsPractitioner = await signedIn(ctx, ['practitioner']);
    await repo.addToCaseload(ctx.db, robinsPractitioner.id, both.id, null);
    assert.equal((await robinsPractitioner.agent.post(`/people/${both.id}/record?kind=note`, { title: 'Robin note', body: 'Robin-own note text.' })).statusCode, 303);

    // A lead answers Sam's erasure request; a group member moderates Sam's feedback.
    await sam.agent.post('/me/requests', { kind: 'erasure', detail: 'Sam-only erasure detail' });
    // Staff who also use the service (the download is on the person's pages).
    const lead = await signedIn(ctx, ['lead', 'person']);
    const list = await lead.agent.get('/admin/data-requests');
    const requestId = /action="\/admin\/data-requests\/([0-9a-f-]{36})"/.exec(list.body)![1]!;
    assert.equal((await lead.agent.post(`/admin/data-requests/${requestId}`, { outcome: 'done', answer: 'Sam-only lead answer' })).statusCode, 303);
    const member = await signedIn(ctx, ['group', 'person']);
    const at = new Date().toISOString();
    await sql`insert into feedback_items (id, created_at, body, rating, area, consent_publish, account_id, reply_channel, reply_email, reply_phone, replied_at, risk, deidentified_text, moderation, public_text, moderated_by, moderated_at, first_response_at, days_to_first_response, closed_at, days_to_closure)
      values (${randomUUID()}, ${at}, ${'Sam-only original feedback'}, ${null}, ${'clinic'}, ${1}, ${sam.id}, ${'email'}, ${sam.email}, ${'07700 900123'}, ${null}, ${0}, ${'Sam-only deidentified'}, ${'approved'}, ${'Public words'}, ${member.id}, ${at}, ${null}, ${null}, ${null}, ${null})`.execute(ctx.db);

    const forbidden = [/Sam-only/, /Sam Rivera/, new RegExp(sam.email.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')), new RegExp(sam.id), /07700 900123/];
    for (const who of [both, lead, member]) {
      const res = await who.agent.get('/me/download.json');
      assert.equal(res.statusCode, 200);
      for (const pattern of forbidden) assert.doesNotMatch(res.body, pattern, `${pattern} is not in a staff member’s download`);
    }
    // What is theirs is still there: Robin's own note in full; that Robin wrote and answered, with when.
    const robin = (await both.agent.get('/me/download.json')).json<DataExport>();
    assert.match(JSON.stringify(robin), /Robin-own note text\./);
    const entries = robin.sections.find((s) => s.table === 'record_entries')!;
    const written = entries.rows.find((r) => r.id === noteId)!;
    for (const k of Object.keys(written)) assert.match(k, /^(id|author_id|[a-z_]+_at)$/, `only who and when, not ${k}`);
    assert.equal(written.title, undefined);
    assert.equal(written.author_id, both.id);
    const memberData = (await member.agent.get('/me/download.json')).json<DataExport>();
    const moderated = memberData.sections.find((s) => s.table === 'feedback_items')!;
    assert.equal(moderated.rows.length, 1);
    assert.equal(moderated.rows[0]!.moderated_by, member.id);
    assert.equal(moderated.rows[0]!.body, undefined);
  });

  void test('everything a member did in the coproduction workspace is in their download, and what they wrote is there in full', async () => {
    const member = await signedIn(ctx, ['group']);
    const staff = await signedIn(ctx, ['practitioner']);
    const me = (await loadActor(ctx.db, member.id))!;
    const them = (await loadActor(ctx.db, staff.id))!;
    // A proposal, a comment and a reply to it by staff, an option.
    const proposal = await coproduction.raiseProposal(ctx.db, me, { title: 'Member-own proposal title', problem: 'Member-own problem words.', affects: 'Everyone', idea: 'Member-own idea words.', area: 'document' });
    const comment = await coproduction.addComment(ctx.db, me, proposal, 'Member-own comment words.', null);
    await coproduction.addComment(ctx.db, them, proposal, 'Staff-only reply words.', comment);
    await coproduction.draftOption(ctx.db, me, proposal, { title: 'Member-own option', description: 'Member-own option words.' });
    // A page and a comment on a paragraph of it.
    const doc = await coproduction.createDocument(ctx.db, me, { kind: 'web-page', slug: 'member-own-page', title: 'Member-own page title', summary: 'Member-own summary.', body: 'Member-own page body words.' });
    await coproduction.commentOnParagraph(ctx.db, me, doc.version!.id, 0, 'Member-own paragraph comment.');
    // A named vote with a reason, then advice sought from them by staff.
    const vote = await coproduction.openDecision(ctx.db, them, proposal, { method: 'vote', question: 'Staff-opened question?', anonymous: false, public: false, documentVersionId: null });
    await coproduction.castBallot(ctx.db, me, vote, { position: 'against', reason: 'Member-own vote reason.' });
    await coproduction.closeDecision(ctx.db, them, vote, { summary: 'Closed for the test.' }, '2099-01-01T00:00:00.000Z'); // at its closing time: quorum is not needed then
    const second = await coproduction.raiseProposal(ctx.db, them, { title: 'Staff proposal', problem: 'Staff problem.', affects: 'Everyone', idea: 'Staff idea.', area: 'website' });
    const advice = await coproduction.openDecision(ctx.db, them, second, { method: 'advice', question: 'Staff advice question?', anonymous: false, public: false, documentVersionId: null });
    await coproduction.seekAdvice(ctx.db, them, advice, member.id);
    await coproduction.recordAdvice(ctx.db, me, advice, 'Member-own advice words.');
    // An advice process the member decides, opened by staff.
    const third = await coproduction.raiseProposal(ctx.db, them, { title: 'Another staff proposal', problem: 'Problem.', affects: 'Everyone', idea: 'Idea.', area: 'website' });
    await coproduction.openDecision(ctx.db, them, third, { method: 'advice', question: 'Member-decided question?', anonymous: false, public: false, documentVersionId: null, deciderId: member.id });

    const res = await member.agent.get('/me/download.json');
    assert.equal(res.statusCode, 200);
    const covered = await assertEveryRowDownloaded(member, res.json<DataExport>());
    for (const t of ['coproduction_proposals', 'coproduction_comments', 'coproduction_options', 'coproduction_documents', 'coproduction_document_versions', 'coproduction_document_comments', 'coproduction_ballots', 'coproduction_participants', 'coproduction_advice', 'coproduction_events']) {
      assert.ok(covered.has(t), `the member's activity put data in ${t}, and it was checked`);
    }
    assert.ok(covered.has('coproduction_decisions'), 'the decision they decide is theirs');
    assert.match(res.body, /Member-decided question\?/);
    for (const words of ['Member-own proposal title', 'Member-own problem words.', 'Member-own idea words.', 'Member-own comment words.', 'Member-own option words.', 'Member-own page body words.', 'Member-own paragraph comment.', 'Member-own vote reason.', 'Member-own advice words.']) {
      assert.ok(res.body.includes(words), `${words} is in the member's download`);
    }
    assert.doesNotMatch(res.body, /Staff-only reply words/);
    // The staff member's download has their reply and their questions in full, not the member's words.
    const theirs = await staff.agent.get('/me/download.json');
    assert.match(theirs.body, /Staff-only reply words/);
    assert.match(theirs.body, /Staff advice question\?/);
    assert.doesNotMatch(theirs.body, /Member-own/);
  });

  void test('authorship is exported in full only from the workspace tables listed by hand: each is about no one, and each listed column is searched', async () => {
    const plan = new Map((await personTables(ctx.db)).map((t) => [t.table, t]));
    for (const [table, columns] of Object.entries(AUTHORED)) {
      const t = plan.get(table);
      assert.ok(t, `${table} exists and is searched`);
      assert.deepEqual(t.aboutColumns, [], `${table} says whom its rows are about, so its authors must not get them in full`);
      for (const c of columns) {
        assert.ok(t.idColumns.includes(c), `${table}.${c} is searched for the person`);
        assert.ok(t.authorColumns.includes(c), `${table}.${c} exports the author's rows in full`);
      }
    }
  });

  void test('staff without a record are data subjects too: a lead downloads their data and asks for a correction', async () => {
    const lead = await signedIn(ctx, ['lead'], 'Morgan Lee');
    const page = await lead.agent.get('/');
    assert.match(page.body, /href="\/me\/download"[^>]*>\s*Your data/, 'every signed-in page links to Your data');
    const download = await lead.agent.get('/me/download');
    assert.equal(download.statusCode, 200);
    assert.match(download.body, /Morgan Lee/);
    assert.match(download.body, /href="\/me\/requests"/);
    assert.equal((await lead.agent.post('/me/requests', { kind: 'correction', detail: 'My job title is wrong.' })).statusCode, 303);
    assert.match((await lead.agent.get('/me/requests')).body, /My job title is wrong\./);
    assert.equal((await new Agent(ctx.app).get('/me/download')).statusCode, 303, 'signed out, the download asks you to sign in');
  });

  void test('a lead’s own request is answered by another lead; the only lead answers their own', async () => {
    const lead = await signedIn(ctx, ['lead'], 'Morgan Lee');
    // Earlier tests' leads have left the service.
    const leads = ctx.db.selectFrom('account_roles').select('account_id').where('role', '=', 'lead').where('account_id', '!=', lead.id);
    await ctx.db.updateTable('accounts').set({ disabled_at: new Date().toISOString() }).where('id', 'in', leads).execute();
    assert.equal((await lead.agent.post('/me/requests', { kind: 'correction', detail: 'Morgan-own correction.' })).statusCode, 303);
    const id = (await ctx.db.selectFrom('data_requests').select('id').where('person_id', '=', lead.id).executeTakeFirstOrThrow()).id;
    // Alone, Morgan answers it, and is told it is their own.
    const alone = await lead.agent.get('/admin/data-requests');
    assert.match(alone.body, /You are the only service lead, so you answer it\./);
    assert.match(alone.body, new RegExp(`action="/admin/data-requests/${id}"`));

    const other = await signedIn(ctx, ['lead'], 'Kit Lane');
    const mine = await lead.agent.get('/admin/data-requests');
    assert.match(mine.body, /Another service lead answers it\./);
    assert.doesNotMatch(mine.body, new RegExp(`action="/admin/data-requests/${id}"`), 'no form for their own request');
    const refused = await lead.agent.post(`/admin/data-requests/${id}`, { outcome: 'done', answer: 'Done by me.' });
    assert.equal(refused.statusCode, 400);
    assert.match(refused.body, /This is your own request: another service lead answers it/);
    assert.doesNotMatch(refused.body, /only service lead/);
    assert.doesNotMatch(refused.body, new RegExp(`action="/admin/data-requests/${id}"`), 'still no form for it');
    assert.match(refused.body, new RegExp(`href="#answer-${id}"`));
    assert.match(refused.body, new RegExp(`id="answer-${id}"`), 'the error summary links to something on the page');
    const blank = await lead.agent.post(`/admin/data-requests/${id}`, { outcome: '', answer: '' });
    assert.match(blank.body, /This is your own request/);
    assert.doesNotMatch(blank.body, /href="#outcome-/, 'no error points at a form that is not there');
    assert.equal((await other.agent.post(`/admin/data-requests/${id}`, { outcome: 'done', answer: 'Corrected by Kit.' })).statusCode, 303);
    assert.match((await lead.agent.get('/me/requests')).body, /Corrected by Kit\./);
  });

  void test('downloads are limited per account, with a clear answer', async () => {
    const person = await signedIn(ctx, ['person']);
    for (let n = 0; n < 20; n += 1) assert.equal((await person.agent.get('/me/download')).statusCode, 200);
    const limited = await person.agent.get('/me/download');
    assert.equal(limited.statusCode, 429);
    assert.match(limited.body, /try again/i);
    const other = await signedIn(ctx, ['person']);
    assert.equal((await other.agent.get('/me/download')).statusCode, 200, 'someone else still can');
  });

  void test('every column with a foreign key to accounts, in any feature, is searched by the download', async () => {
    const plan = await personTables(ctx.db);
    const searched = new Set(plan.flatMap((t) => t.idColumns.map((c) => `${t.table}.${c}`)));
    const fks: string[] = [];
    if (dialectOf(ctx.db) === 'sqlite') {
      const tables = await sql<{ name: string }>`select name from sqlite_master where type = 'table'`.execute(ctx.db);
      for (const { name } of tables.rows) {
        const list = await sql<{ table: string; from: string }>`select "table", "from" from pragma_foreign_key_list(${name})`.execute(ctx.db);
        for (const fk of list.rows) if (fk.table === 'accounts') fks.push(`${name}.${fk.from}`);
      }
    } else {
      const list = await sql<{ t: string; c: string }>`
        select kcu.table_name as t, kcu.column_name as c from information_schema.referential_constraints rc
        join information_schema.key_column_usage kcu on kcu.constraint_name = rc.constraint_name and kcu.constraint_schema = rc.constraint_schema
        join information_schema.key_column_usage pk on pk.constraint_name = rc.unique_constraint_name and pk.constraint_schema = rc.unique_constraint_schema
        where pk.table_name = 'accounts' and kcu.constraint_schema = current_schema()`.execute(ctx.db);
      for (const fk of list.rows) fks.push(`${fk.t}.${fk.c}`);
    }
    assert.ok(fks.length >= 15, `found the foreign keys (${fks.length})`);
    for (const fk of fks) {
      const [table] = fk.split('.');
      if (table! in NOT_EXPORTED) continue;
      assert.ok(searched.has(fk), `${fk} refers to an account and is searched`);
    }
  });

  void test('the readable page is written for a person: sections and sentences, names, dates in words; no ids, raw times, JSON or column names', async () => {
    const { person, practitioner } = await aPersonOnACaseload(ctx);
    await person.agent.post('/me/about', aboutMeForm({ goals: 'Live well' }));
    const saved = await practitioner.agent.post(`/people/${person.id}/record?kind=note`, { title: 'First appointment', body: 'Sam came to clinic.' });
    const entryId = saved.headers.location!.split('/').pop()!;
    await practitioner.agent.get(`/people/${person.id}/record/${entryId}`);
    await person.agent.post(`/me/record/${entryId}/respond`, { kind: 'view', body: 'I was nervous.' });
    const page = await person.agent.get('/me/download');
    assert.equal(page.statusCode, 200);
    const main = /<main[\s\S]*<\/main>/.exec(page.body)![0];
    for (const heading of ['What we hold about you', 'Your record', 'Who looked at your record, and why', 'What you wrote', 'Messages we sent you']) assert.match(main, new RegExp(`<h2 class="nhsuk-heading-m">${heading}</h2>`));
    assert.match(main, /Live well/);
    assert.match(main, /they\/them/);
    assert.match(main, /Priya Shah \(practitioner\) looked at/);
    assert.match(main, /<strong>First appointment<\/strong>: note by Priya Shah/);
    assert.match(main, /You added your view: “First appointment”/);
    assert.match(main, /We may leave a voicemail|How we may contact you|Name/);
    // One link to the complete copy.
    assert.equal(main.match(/href="\/me\/download.json"/g)?.length, 1);
    // Nothing a database would say, in what the page reads out.
    const words = main.replace(/<[^>]+>/g, ' ');
    assert.doesNotMatch(words, /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/, 'no ids');
    assert.doesNotMatch(words, /\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/, 'no raw timestamps');
    assert.doesNotMatch(words, /\["|\[\{|":/, 'no JSON');
    assert.doesNotMatch(words, /\b[a-z]+_[a-z_]+\b/, 'no column names');
    assert.doesNotMatch(main, /<dd[^>]*>\s*[01]\s*<\/dd>/, 'no 0 or 1 for no or yes');
  });

  void test('a request to erase is tracked and answered by the lead; the person sees the answer', async () => {
    const person = await signedIn(ctx, ['person']);
    const bad = await person.agent.post('/me/requests', { kind: '', detail: '' });
    assert.equal(bad.statusCode, 400);
    assert.match(bad.body, /Choose whether you want something corrected or erased/);
    assert.equal((await person.agent.post('/me/requests', { kind: 'erasure', detail: 'Erase my old address please.' })).statusCode, 303);
    assert.match((await person.agent.get('/me/requests')).body, /Waiting for an answer/);

    const lead = await signedIn(ctx, ['lead']);
    const list = await lead.agent.get('/admin/data-requests');
    assert.match(list.body, /Erase my old address please\./);
    const id = /action="\/admin\/data-requests\/([0-9a-f-]{36})"/.exec(list.body)![1]!;
    const missing = await lead.agent.post(`/admin/data-requests/${id}`, { outcome: 'done', answer: '' });
    assert.equal(missing.statusCode, 400);
    assert.match(missing.body, /Write your answer to the person/);
    assert.equal((await lead.agent.post(`/admin/data-requests/${id}`, { outcome: 'done', answer: 'Done: the old address is erased.' })).statusCode, 303);
    // Answered once only.
    assert.equal((await lead.agent.post(`/admin/data-requests/${id}`, { outcome: 'refused', answer: 'Changed my mind' })).statusCode, 404);

    const mine = await person.agent.get('/me/requests');
    assert.match(mine.body, /Done: the old address is erased\./);
    const practitioner = await signedIn(ctx, ['practitioner']);
    assert.equal((await practitioner.agent.get('/admin/data-requests')).statusCode, 404);
  });
});
