import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Agent, forEachDialect, signedInAs } from '../../../test/helpers.ts';
import { PRIORITY_CHANGE_REFUSALS } from './forms/decisions.ts';
import type { Area } from './model.ts';
import * as repo from './repository/index.ts';
import { applyGuideChange, applyPriorityChange, type CatalogueChange } from './service/catalogue.ts';
import { castBallot, closeDecision, openDecision } from './service/decisions.ts';
import { sendDigests } from './service/digests.ts';
import { createDocument, publishVersion } from './service/documents.ts';
import { activeMembers } from './service/figures.ts';
import { decisionLevels, type DecisionLevel } from './service/levels.ts';
import { addComment, draftOption } from './service/proposals.ts';
import { aGroup, anActor, aProposal, refusedSaying } from './test-builders.ts';
import { loadActor, sendNoticeDigests } from '../accounts/index.ts';
import { getCarePriority } from '../record/index.ts';

async function adoptedDecision(db: Parameters<typeof aProposal>[0], area: Area, documentVersionId: string | null = null, catalogueChange: CatalogueChange | null = null) {
  const lead = await anActor(db, ['lead']);
  const members = await aGroup(db, 3);
  const proposalId = await aProposal(db, members[0]!, { area });
  const decisionId = await openDecision(db, lead, proposalId, { method: 'vote', question: `Adopt the ${area} change?`, anonymous: false, public: true, documentVersionId, catalogueChange });
  for (const m of members) await castBallot(db, m, decisionId, { position: 'for' });
  await closeDecision(db, lead, decisionId, { summary: 'Adopted by the group.' });
  return { lead, members, proposalId, decisionId };
}

const levels0 = (levels: DecisionLevel[]) => levels.map((l) => `${l.decisionId}:${l.level}`).sort();

forEachDialect('coproduction: participation level from the real timeline', (ctx) => {
  const day = (n: number) => new Date(Date.UTC(2026, 10, n, 12)).toISOString();

  test('each rung, computed from what happened and when', async () => {
    const staff = await anActor(ctx.db, ['practitioner']);
    const members = await aGroup(ctx.db, 3);
    const decide = async (proposalId: string, voters: typeof members, at: string) => {
      // It closes at its closing time, an hour after it opened (some rungs never meet the quorum, so it could not close early).
      const closesAt = new Date(Date.parse(at) + 3_600_000).toISOString();
      const id = await openDecision(ctx.db, staff, proposalId, { method: 'vote', question: 'Adopt?', anonymous: false, public: true, documentVersionId: null, closesAt }, at);
      for (const v of voters) await castBallot(ctx.db, v, id, { position: 'for' }, at);
      await closeDecision(ctx.db, staff, id, { summary: 'Closed.' }, closesAt);
      return (await repo.getDecision(ctx.db, id))!.computed_level;
    };

    // Informing: staff raise, draft and decide; no one from the group takes part
    let p = await aProposal(ctx.db, staff, {}, day(1));
    const informingProposal = p;
    await draftOption(ctx.db, staff, p, { title: 'A', description: 'a' }, day(2));
    assert.equal(await decide(p, [], day(3)), 'informing');

    // Consultation: a group member's first comment comes after the options are set
    p = await aProposal(ctx.db, staff, {}, day(1));
    await draftOption(ctx.db, staff, p, { title: 'A', description: 'a' }, day(2));
    const opened = await openDecision(ctx.db, staff, p, { method: 'vote', question: 'Adopt?', anonymous: false, public: true, documentVersionId: null, closesAt: day(5) }, day(3));
    await addComment(ctx.db, members[0]!, p, 'Nobody asked us first.', null, day(4));
    await closeDecision(ctx.db, staff, opened, { summary: 'Closed.' }, day(5));
    assert.equal((await repo.getDecision(ctx.db, opened))?.computed_level, 'consultation');

    // Engagement: the group commented before the options were set, but staff drafted them all
    p = await aProposal(ctx.db, staff, {}, day(1));
    await addComment(ctx.db, members[0]!, p, 'Here is what matters to us.', null, day(2));
    await draftOption(ctx.db, staff, p, { title: 'A', description: 'a' }, day(3));
    assert.equal(await decide(p, members, day(4)), 'engagement');

    // Co-design: raised by the group, a group-drafted option, but the quorum was not met
    p = await aProposal(ctx.db, members[0]!, {}, day(1));
    await draftOption(ctx.db, members[1]!, p, { title: 'A', description: 'a' }, day(2));
    assert.equal(await decide(p, members.slice(0, 2), day(3)), 'co-design');

    // Co-production: raised by the group, group-drafted options, decided with the quorum
    p = await aProposal(ctx.db, members[0]!, {}, day(1));
    await draftOption(ctx.db, members[1]!, p, { title: 'A', description: 'a' }, day(2));
    assert.equal(await decide(p, members, day(3)), 'co-production');

    // A group comment after the decision closed does not change how it was made
    const before = levels0(await decisionLevels(ctx.db));
    await addComment(ctx.db, members[2]!, informingProposal, 'Late thought.', null, day(9));
    assert.deepEqual(levels0(await decisionLevels(ctx.db)), before);
    assert.ok(before.some((l) => l.endsWith(':informing')));

    // Active and returning members in the range 2–5 November: all three were active; the
    // first member had first taken part on 1 November (raised), the others only from the 2nd.
    assert.deepEqual(await activeMembers(ctx.db, { from: day(2), to: day(6) }), { active: 3, returning: 1, newcomers: 2 });

    const levels = await decisionLevels(ctx.db);
    assert.deepEqual(levels.map((l) => l.level).sort(), ['co-design', 'co-production', 'consultation', 'engagement', 'informing']);
    assert.equal(levels.filter((l) => l.groupInputBeforeOptions).length, 3);
  });
});

forEachDialect('coproduction: documents, news and the Atom feed', (ctx) => {
  test('news posts list newest first, show recent posts with "See all", and the feed is well-formed Atom', async () => {
    const { lead, members } = await adoptedDecision(ctx.db, 'website');
    const publishPost = async (slug: string, title: string, at: string) => {
      const doc = await createDocument(ctx.db, members[0]!, { kind: 'news-post', title, slug, summary: `Summary of ${title}`, body: 'Body text.' }, at);
      const proposalId = await aProposal(ctx.db, members[0]!, { area: 'document' }, at);
      const decisionId = await openDecision(ctx.db, lead, proposalId, { method: 'consent', question: `Publish ${title}?`, anonymous: false, public: true, documentVersionId: doc.version!.id }, at);
      for (const m of members) await castBallot(ctx.db, m, decisionId, { position: 'agree' }, at);
      await closeDecision(ctx.db, lead, decisionId, { summary: 'Agreed.' }, at);
      await publishVersion(ctx.db, members[0]!, doc.version!.id, at);
    };
    await publishPost('older-post', 'Our first year & what we learned', '2026-10-01T09:00:00.000Z');
    await publishPost('newer-post', 'A practitioner’s reflections on <coproduction>', '2026-11-01T09:00:00.000Z');

    const visitor = new Agent(ctx.app);
    const list = await visitor.get('/news');
    assert.equal(list.statusCode, 200);
    assert.ok(list.body.indexOf('newer-post') < list.body.indexOf('older-post'), 'newest first');
    const post = await visitor.get('/news/older-post');
    assert.match(post.body, /Recent posts/);
    assert.match(post.body, /href="\/news\/newer-post"/);
    assert.match(post.body, /<a href="\/news">See all/);
    assert.match(post.body, /Coproduced with our Coproduction Group/);
    assert.equal((await visitor.get('/pages/older-post')).statusCode, 404, 'a news post is not a page');

    const feed = await visitor.get('/news/feed.xml');
    assert.equal(feed.statusCode, 200);
    assert.match(String(feed.headers['content-type']), /application\/atom\+xml/);
    assert.match(feed.body, /<title type="text">A practitioner’s reflections on &lt;coproduction&gt;<\/title>/);
    assert.match(feed.body, /<title type="text">Our first year &amp; what we learned<\/title>/);
    assert.ok(feed.body.indexOf('newer-post') < feed.body.indexOf('older-post'));
    assert.equal((feed.body.match(/<entry>/g) ?? []).length, 2);
  });

  test('comments attach to a paragraph, and every version is checked by the language guard and logged', async () => {
    const { agent } = await signedInAs(ctx, ['group']);
    await agent.get('/coproduction/documents/new');
    const created = await agent.post('/coproduction/documents', { kind: 'leaflet', title: 'Support groups', slug: '', summary: 'Groups you can join.', body: 'First paragraph.\n\nSecond paragraph.' });
    assert.equal(created.statusCode, 303);
    const documentId = /documents\/([0-9a-f-]{36})$/.exec(String(created.headers.location))![1]!;
    const document = await repo.getDocument(ctx.db, documentId);
    assert.equal(document?.slug, 'support-groups');
    const [version] = await repo.listVersions(ctx.db, documentId);
    await agent.get(`/coproduction/documents/${documentId}`);
    const empty = await agent.post(`/coproduction/documents/${documentId}/versions/${version!.id}/comments`, { paragraph: '1', body: '' });
    assert.equal(empty.statusCode, 400);
    assert.match(empty.body, /Enter your comment/);
    assert.equal((await agent.post(`/coproduction/documents/${documentId}/versions/${version!.id}/comments`, { paragraph: '1', body: 'Say when they meet.' })).statusCode, 303);
    assert.equal((await agent.post(`/coproduction/documents/${documentId}/versions/${version!.id}/comments`, { paragraph: '7', body: 'Nowhere' })).statusCode, 400);
    const comments = await repo.listDocumentComments(ctx.db, version!.id);
    assert.deepEqual(comments.map((c) => [c.paragraph, c.body]), [[1, 'Say when they meet.']]);
    const page = await agent.get(`/coproduction/documents/${documentId}`);
    assert.match(page.body, /id="paragraph-2"[\s\S]*Say when they meet\./);
    assert.match(page.body, /<label class="nhsuk-label" for="comment-1">\s*Your comment on paragraph 2/);

    const logged = await ctx.db.selectFrom('language_check_log').selectAll().where('source', '=', 'document-version').execute();
    // "Support groups" + "Groups you can join." + the two paragraphs: 10 words, counts only
    assert.ok(logged.some((l) => l.words === 10), 'the check on save is logged (counts only)');

    // A term from the group's language guide is shown with its suggestion, and counted on the version
    const flagged = await agent.post(`/coproduction/documents/${documentId}/versions`, { title: 'Support groups', summary: 'Groups you can join.', body: 'Groups for transgendered people.' });
    assert.equal(flagged.statusCode, 303);
    assert.match(String((await agent.get(`/coproduction/documents/${documentId}`)).body), /Language guide[\s\S]*<strong>Check<\/strong>, line \d+: [^<]*transgendered/, 'in the one vocabulary');
    assert.ok(((await repo.listVersions(ctx.db, documentId))[0]?.findings ?? 0) >= 1);

    // A slug already in use is refused with a clear message and the input kept
    await agent.get('/coproduction/documents/new');
    const clash = await agent.post('/coproduction/documents', { kind: 'leaflet', title: 'Another', slug: 'support-groups', summary: 'x', body: 'y' });
    assert.equal(clash.statusCode, 400);
    assert.match(clash.body, /A page with that web address already exists/);
    assert.match(clash.body, /value="Another"/);
  });
});

forEachDialect('coproduction: web addresses and choices', (ctx) => {
  test('two documents created with the same web address: the second is refused with a friendly message and its input kept', async () => {
    const { agent } = await signedInAs(ctx, ['group']);
    await agent.get('/coproduction/documents/new');
    const form = { kind: 'leaflet', title: 'Parking at clinic', slug: 'parking', summary: 'Where to park.', body: 'Park at the back.' };
    // At the same moment: whichever insert comes second must not be a 500.
    const both = await Promise.all([agent.post('/coproduction/documents', form), agent.post('/coproduction/documents', { ...form, title: 'Parking again' })]);
    assert.deepEqual(both.map((r) => r.statusCode).sort(), [303, 400]);
    const refused = both.find((r) => r.statusCode === 400)!;
    assert.match(refused.body, /A page with that web address already exists/);
    assert.match(refused.body, /value="parking"/);

    // The check before the insert can be passed by both requests; the insert itself refuses the second.
    const member = await anActor(ctx.db, ['group']);
    const row = { kind: 'leaflet' as const, title: 'Race', slug: 'race-slug', created_by: member.id, created_at: new Date().toISOString() };
    assert.ok(await repo.insertDocument(ctx.db, row));
    assert.equal(await repo.insertDocument(ctx.db, { ...row, title: 'Race 2' }), undefined);
    assert.equal((await ctx.db.selectFrom('coproduction_documents').select('id').where('slug', '=', 'race-slug').execute()).length, 1);
  });

  test('a document kind, area, stage or method that names a built-in property (constructor, __proto__) is refused, not accepted', async () => {
    const { agent } = await signedInAs(ctx, ['group']);
    await agent.get('/coproduction/documents/new');
    for (const kind of ['constructor', 'toString', '__proto__']) {
      const res = await agent.post('/coproduction/documents', { kind, title: `Odd ${kind}`, slug: '', summary: 'x', body: 'y' });
      assert.equal(res.statusCode, 400, kind);
      assert.match(res.body, /Choose what kind of document it is/);
    }
    assert.equal((await ctx.db.selectFrom('coproduction_documents').select('id').where('title', 'like', 'Odd %').execute()).length, 0);
    await agent.get('/coproduction/proposals/new');
    const proposal = await agent.post('/coproduction/proposals', { title: 'Odd area', problem: 'p', affects: 'a', idea: 'i', area: 'constructor' });
    assert.equal(proposal.statusCode, 400);
    assert.match(proposal.body, /Choose the area it is about/);
  });
});

forEachDialect('coproduction: catalogues change only through adopted decisions', (ctx) => {
  test('the language guide changes through an adopted language-guide decision, which the history cites', async () => {
    const added = { entryId: 'group-added-term', change: 'add', terms: ['service users'], suggestions: ['people who use the service'], reason: 'The group asked for it.' } as const;
    const { lead, decisionId } = await adoptedDecision(ctx.db, 'language-guide', null, { ...added, terms: [...added.terms], suggestions: [...added.suggestions] });
    await applyGuideChange(ctx.db, lead, decisionId, { ...added, terms: [...added.terms], suggestions: [...added.suggestions] });
    const entry = await ctx.db.selectFrom('language_guide_entries').selectAll().where('id', '=', 'group-added-term').executeTakeFirst();
    assert.equal(entry?.changed_by_decision_id, decisionId);
    assert.deepEqual(JSON.parse(entry.terms), ['service users']);
    // Applied once: the same decision cannot apply its change again, nor retire what it added.
    await assert.rejects(applyGuideChange(ctx.db, lead, decisionId), { name: 'Refusal', code: 'already-applied' });
    await assert.rejects(applyGuideChange(ctx.db, lead, decisionId, { entryId: 'group-added-term', change: 'retire' }), { name: 'Refusal', code: 'not-what-was-decided' });
    const retiring = await adoptedDecision(ctx.db, 'language-guide', null, { entryId: 'group-added-term', change: 'retire' });
    await applyGuideChange(ctx.db, lead, retiring.decisionId);
    assert.equal((await ctx.db.selectFrom('language_guide_entries').select('active').where('id', '=', 'group-added-term').executeTakeFirst())?.active, 0);

    const other = await adoptedDecision(ctx.db, 'website');
    await assert.rejects(applyGuideChange(ctx.db, other.lead, other.decisionId, { entryId: 'sneaky', change: 'add', terms: ['x'], reason: 'y' }), { name: 'Refusal', code: 'not-a-guide-decision' });

    const history = await new Agent(ctx.app).get('/coproduction/history');
    assert.match(history.body, /Added “group-added-term”/);
    assert.match(history.body, /Retired “group-added-term”/);
    assert.match(history.body, new RegExp(`href="/coproduction/decisions/${decisionId}"`));
    assert.match(history.body, new RegExp(`href="/coproduction/decisions/${retiring.decisionId}"`));
  });

  test('the priorities of care change only through an adopted priorities decision', async () => {
    const { lead, decisionId } = await adoptedDecision(ctx.db, 'priorities-of-care', null, { entryId: 'peer-support-groups', change: 'add', label: 'Peer support', description: 'Meeting others with lived experience.' });
    await applyPriorityChange(ctx.db, lead, decisionId);
    const row = await getCarePriority(ctx.db, 'peer-support-groups');
    assert.equal(row?.label, 'Peer support');
    const changes = await repo.listCatalogueChanges(ctx.db, { catalogue: 'priorities-of-care' });
    assert.equal(changes[0]?.decision_id, decisionId);
    const guideDecision = await adoptedDecision(ctx.db, 'language-guide');
    await assert.rejects(applyPriorityChange(ctx.db, lead, guideDecision.decisionId, { entryId: 'x', change: 'add', label: 'x', description: 'x' }), refusedSaying(PRIORITY_CHANGE_REFUSALS, /not about the priorities of care/));
  });
  test('an adopted priorities decision shows the form for its changes once, so each label names its own field', async () => {
    const { proposalId, decisionId } = await adoptedDecision(ctx.db, 'priorities-of-care', null, { entryId: 'peer-support', change: 'retire' });
    const { agent } = await signedInAs(ctx, ['group']);
    const page = await agent.get(`/coproduction/proposals/${proposalId}/decisions/${decisionId}`);
    assert.equal(page.statusCode, 200);
    assert.equal((page.body.match(/action="[^"]*\/priority-changes"/g) ?? []).length, 1);
    const ids = [...page.body.matchAll(/\sid="([^"]+)"/g)].map((m) => m[1]);
    assert.deepEqual(ids.filter((id, i) => ids.indexOf(id) !== i), []);
  });
});

forEachDialect('coproduction: meetings and involvement time', (ctx) => {
  test('a meeting draws its agenda from proposals, records involvement, and exports properly escaped CSV', async () => {
    const { agent: staff } = await signedInAs(ctx, ['practitioner']);
    const { account: member } = await signedInAs(ctx, ['group'], { displayName: 'Ellis, "Jo"' });
    const author = await anActor(ctx.db, ['group']);
    const proposalId = await aProposal(ctx.db, author, { title: 'Evening clinics' });
    await staff.get('/coproduction/meetings/new');
    const bad = await staff.post('/coproduction/meetings', { title: 'Group meeting', heldOn: '3 December' });
    assert.equal(bad.statusCode, 400);
    assert.match(bad.body, /Enter the date as year-month-day/);
    const created = await staff.post('/coproduction/meetings', { title: 'Group meeting', heldOn: '2026-12-03', proposals: [proposalId] });
    assert.equal(created.statusCode, 303);
    const meetingId = /meetings\/([0-9a-f-]{36})$/.exec(String(created.headers.location))![1]!;
    let page = await staff.get(`/coproduction/meetings/${meetingId}`);
    assert.match(page.body, /Evening clinics/);
    const wrong = await staff.post(`/coproduction/meetings/${meetingId}/attendance`, { [`minutes-${member.id}`]: 'ninety' });
    assert.equal(wrong.statusCode, 400);
    assert.match(wrong.body, /Enter the minutes as a whole number/);
    assert.equal((await staff.post(`/coproduction/meetings/${meetingId}/attendance`, { [`minutes-${member.id}`]: '90' })).statusCode, 303);
    assert.equal((await staff.post(`/coproduction/meetings/${meetingId}/minutes`, { minutes: 'We agreed to try evening clinics.' })).statusCode, 303);
    page = await staff.get(`/coproduction/meetings/${meetingId}`);
    assert.match(page.body, /We agreed to try evening clinics\./);
    const minutesLog = await ctx.db.selectFrom('language_check_log').selectAll().where('source', '=', 'minutes').execute();
    assert.equal(minutesLog.length, 1);

    const csv = await staff.get('/coproduction/meetings/involvement.csv');
    assert.equal(csv.statusCode, 200);
    assert.match(String(csv.headers['content-type']), /text\/csv/);
    assert.match(String(csv.headers['content-disposition']), /attachment; filename="involvement-/);
    assert.equal(csv.body.split('\r\n')[0], 'Date,Meeting,Activity,Member,Email,Minutes,Hours,Status,Unpaid by choice,Expenses (GBP)');
    assert.ok(csv.body.includes(`2026-12-03,Group meeting,A meeting,"Ellis, ""Jo""",${member.email},90,1.50,approved,no,0.00`), csv.body);

    const memberAgent = new Agent(ctx.app);
    await memberAgent.signIn(member.email);
    assert.match((await memberAgent.get('/coproduction/settings')).body, /You have given 1.5 hours across 1 meeting\./);

    const { agent: groupAgent } = await signedInAs(ctx, ['group']);
    assert.equal((await groupAgent.get('/coproduction/meetings/involvement.csv')).statusCode, 404, 'only staff export everyone’s time');
  });
});

forEachDialect('coproduction: staying informed without floods', (ctx) => {
  test('one digest per member per period, none when nothing happened, and the wording says nothing', async () => {
    const { agent, account } = await signedInAs(ctx, ['group']);
    await agent.get('/coproduction/settings');
    assert.equal((await agent.post('/coproduction/settings', { digest: 'daily', immediate: 'replies' })).statusCode, 303);
    const quiet = await anActor(ctx.db, ['group']);
    await repo.setMailPreference(ctx.db, { account_id: quiet.id, digest: 'none', immediate_replies: 0, immediate_decisions: 0, updated_at: new Date().toISOString() });

    const staff = await anActor(ctx.db, ['practitioner']);
    const now = new Date('2026-11-26T08:00:00.000Z');
    // Nothing happened yesterday: no digest
    assert.deepEqual(await sendDigests(ctx.db, ctx.config, 'daily', now), { sent: 0, skipped: 1 });
    await aProposal(ctx.db, staff, {}, '2026-11-25T10:00:00.000Z');
    await aProposal(ctx.db, staff, {}, '2026-11-25T11:00:00.000Z');
    assert.deepEqual(await sendDigests(ctx.db, ctx.config, 'daily', now), { sent: 1, skipped: 0 });
    // Running again (or on another instance) sends nothing more for the same day
    assert.deepEqual(await sendDigests(ctx.db, ctx.config, 'daily', new Date('2026-11-26T20:00:00.000Z')), { sent: 0, skipped: 1 });
    // The group's digest is a notice to the member, mailed in their one digest of notices.
    await sendNoticeDigests(ctx.db, ctx.config, new Date('2026-11-26T20:10:00.000Z'));
    const mail = await ctx.db.selectFrom('outbox').selectAll().where('purpose', '=', 'updates-digest').execute();
    assert.equal(mail.length, 1);
    assert.equal(mail[0]?.to_address, account.email);
    assert.match(mail[0].body_text, /You have a new update — sign in to read it/);
    assert.doesNotMatch(mail[0].body_text, /proposal|Letters/i);

    // Immediate mail only for what they asked: a reply to their comment, not a decision opening
    const memberActor = (await loadActor(ctx.db, account.id))!;
    const proposalId = await aProposal(ctx.db, memberActor);
    await agent.get(`/coproduction/proposals/${proposalId}`);
    await agent.post(`/coproduction/proposals/${proposalId}/comments`, { body: 'What about evenings?' });
    const comment = (await repo.listComments(ctx.db, proposalId))[0]!;
    const { agent: staffAgent } = await signedInAs(ctx, ['practitioner']);
    await staffAgent.get(`/coproduction/proposals/${proposalId}`);
    await staffAgent.post(`/coproduction/proposals/${proposalId}/comments`, { body: 'Evenings work.', parentId: comment.id });
    await staffAgent.post(`/coproduction/proposals/${proposalId}/decisions`, { method: 'vote', question: 'Evenings?' });
    const immediate = await ctx.db.selectFrom('notices').select(['purpose', 'account_id']).where('purpose', 'in', ['coproduction-reply', 'coproduction-decision']).execute();
    assert.deepEqual(immediate, [{ purpose: 'coproduction-reply', account_id: account.id }]);
  });

  test('the lead sets the lived-experience quorum; bad numbers are refused', async () => {
    const { agent } = await signedInAs(ctx, ['lead']);
    await agent.get('/coproduction/settings');
    const bad = await agent.post('/coproduction/settings/quorum', { minGroup: '0', minSharePercent: '150' });
    assert.equal(bad.statusCode, 400);
    assert.match(bad.body, /Enter a whole number of group members from 1 to 100/);
    assert.equal((await agent.post('/coproduction/settings/quorum', { minGroup: '4', minSharePercent: '60' })).statusCode, 303);
    assert.deepEqual(await repo.getQuorum(ctx.db), { minGroup: 4, minSharePercent: 60 });
    const { agent: member } = await signedInAs(ctx, ['group']);
    await member.get('/coproduction/settings');
    assert.equal((await member.post('/coproduction/settings/quorum', { minGroup: '1', minSharePercent: '0' })).statusCode, 404);
  });
});
