import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Agent, forEachDialect, signedInAs } from '../../../test/helpers.ts';
import * as repo from './repository/index.ts';
import { BALLOT_REFUSALS, CLOSE_REFUSALS } from './forms/decisions.ts';
import { OPTION_REFUSALS } from './forms/proposals.ts';
import { castBallot, closeDecision, openDecision, settleObjection } from './service/decisions.ts';
import { staffResponseRate } from './service/figures.ts';
import { decisionLevels } from './service/levels.ts';
import { draftOption } from './service/proposals.ts';
import { aGroup, anActor, aProposal, refusedSaying } from './test-builders.ts';
import { loadActor } from '../accounts/index.ts';

/** Ids used more than once in a page: a label's `for` then names the wrong element (a heading), and the field has no name. */
/** A moment after any decision opened in these tests has reached its closing time. */
const AFTER_CLOSING = new Date(Date.now() + 100 * 86_400_000).toISOString();

const repeatedIds = (html: string): string[] => {
  const ids = [...html.matchAll(/\sid="([^"]+)"/g)].map((m) => m[1]!);
  return [...new Set(ids.filter((id, i) => ids.indexOf(id) !== i))];
};

const idFrom = (location: unknown, pattern: RegExp): string => {
  const match = pattern.exec(String(location));
  assert.ok(match, `expected a redirect matching ${pattern}, got ${String(location)}`);
  return match[1]!;
};

forEachDialect('coproduction: proposal to publication', (ctx) => {
  test('a group member raises a proposal, people deliberate, options are drafted, and a consent decision with the quorum publishes the exact version', async () => {
    const { agent: member, account: memberAccount } = await signedInAs(ctx, ['group'], { displayName: 'Jordan Ellis' });
    const { agent: staff } = await signedInAs(ctx, ['practitioner'], { displayName: 'Priya Shah' });

    // Raise
    await member.get('/coproduction/proposals/new');
    const raised = await member.post('/coproduction/proposals', { title: 'Clinic letters leaflet', problem: 'The leaflet assumes two genders.', affects: 'Everyone coming to clinic', idea: 'Rewrite it with the group.', area: 'document' });
    assert.equal(raised.statusCode, 303);
    const proposalId = idFrom(raised.headers.location, /\/coproduction\/proposals\/([0-9a-f-]{36})$/);
    const proposal = await repo.getProposal(ctx.db, proposalId);
    assert.equal(proposal?.origin, 'lived-experience');
    assert.equal(proposal?.author_id, memberAccount.id);

    // Deliberate: the group member's comment waits for a staff response until staff reply to it
    await member.get(`/coproduction/proposals/${proposalId}`);
    assert.equal((await member.post(`/coproduction/proposals/${proposalId}/comments`, { body: 'Can we start from the words people use?' })).statusCode, 303);
    let page = await staff.get(`/coproduction/proposals/${proposalId}`);
    assert.match(page.body, /Waiting for a staff response/);
    assert.match(page.body, /<summary class="nhsuk-details__summary">\s*<span class="nhsuk-details__summary-text">\s*Reply to Jordan Ellis/);
    assert.match(page.body, /<label class="nhsuk-label" for="reply-[0-9a-f-]{36}">\s*Your reply to Jordan Ellis/);
    const [groupComment] = await repo.listComments(ctx.db, proposalId);
    assert.equal(groupComment?.awaits_response, 1);
    assert.equal((await staff.post(`/coproduction/proposals/${proposalId}/comments`, { body: 'Yes — we will draft it together.', parentId: groupComment.id })).statusCode, 303);
    const responded = await repo.getComment(ctx.db, groupComment.id);
    assert.ok(responded?.responded_at, 'the response is recorded with a time');
    page = await staff.get(`/coproduction/proposals/${proposalId}`);
    assert.doesNotMatch(page.body, /Waiting for a staff response/);
    assert.match(page.body, /staff responded \(Priya Shah/);
    assert.deepEqual(await staffResponseRate(ctx.db), { awaiting: 1, responded: 1, rate: 1 });

    // Co-design: the member drafts an option; the proposal moves to co-design
    assert.equal((await member.post(`/coproduction/proposals/${proposalId}/stage`, { stage: 'co-design' })).statusCode, 303);
    assert.equal((await member.post(`/coproduction/proposals/${proposalId}/options`, { title: 'Rewrite from scratch', description: 'Start again with the group.' })).statusCode, 303);
    const [option] = await repo.listOptions(ctx.db, proposalId);
    assert.equal(option?.drafted_by, memberAccount.id);
    assert.equal(option?.drafter_origin, 'lived-experience');

    // A document version, written by the member
    await member.get('/coproduction/documents/new');
    const created = await member.post('/coproduction/documents', { kind: 'web-page', title: 'Coming to clinic', slug: 'coming-to-clinic', summary: 'What to expect at your first appointment.', body: 'We will use the name you use.\n\nTell us your pronouns if you want to.' });
    assert.equal(created.statusCode, 303);
    const documentId = idFrom(created.headers.location, /\/coproduction\/documents\/([0-9a-f-]{36})$/);
    const [version] = await repo.listVersions(ctx.db, documentId);
    assert.ok(version);

    // Publishing before any decision is refused, clearly, and nothing is published
    await staff.get(`/coproduction/documents/${documentId}`);
    const refused = await staff.post(`/coproduction/documents/${documentId}/versions/${version.id}/publish`);
    assert.equal(refused.statusCode, 409);
    assert.match(refused.body, /Version 1 cannot be published yet: no Coproduction Group decision has approved this exact version/);
    assert.equal((await staff.get('/pages/coming-to-clinic')).statusCode, 404);

    // Consent decision on that version, with three group members and one staff member (quorum 3 and 50%)
    await member.get(`/coproduction/proposals/${proposalId}`);
    const opened = await member.post(`/coproduction/proposals/${proposalId}/decisions`, { method: 'consent', question: 'Do we publish the new clinic page?', documentVersionId: version.id, public: 'yes' });
    assert.equal(opened.statusCode, 303);
    const decisionId = idFrom(opened.headers.location, /decisions\/([0-9a-f-]{36})$/);
    const others = await Promise.all([signedInAs(ctx, ['group']), signedInAs(ctx, ['group'])]);
    for (const agent of [member, others[0].agent, others[1].agent, staff]) {
      await agent.get(`/coproduction/proposals/${proposalId}/decisions/${decisionId}`);
      assert.equal((await agent.post(`/coproduction/proposals/${proposalId}/decisions/${decisionId}/ballot`, { position: 'agree' })).statusCode, 303);
    }
    const again = await member.post(`/coproduction/proposals/${proposalId}/decisions/${decisionId}/ballot`, { position: 'object', reason: 'changed my mind' });
    assert.equal(again.statusCode, 400);
    assert.match(again.body, /You have already taken part in this decision/);
    // Only the facilitator (the member who opened it) closes it early, once the quorum is met
    const notTheirs = await staff.post(`/coproduction/proposals/${proposalId}/decisions/${decisionId}/close`, { summary: 'Staff close it.' });
    assert.equal(notTheirs.statusCode, 400);
    assert.match(notTheirs.body, /Only the facilitator closes a decision before its closing time/);
    const closed = await member.post(`/coproduction/proposals/${proposalId}/decisions/${decisionId}/close`, { summary: 'The group approved the new clinic page.' });
    assert.equal(closed.statusCode, 303);
    const decision = await repo.getDecision(ctx.db, decisionId);
    assert.equal(decision?.outcome, 'adopted');
    assert.equal(decision?.quorum_met, 1);
    assert.equal(decision?.computed_level, 'co-production');

    // Now the same version publishes, and the public page says it was coproduced
    const published = await staff.post(`/coproduction/documents/${documentId}/versions/${version.id}/publish`);
    assert.equal(published.statusCode, 303);
    const publicPage = await new Agent(ctx.app).get('/pages/coming-to-clinic');
    assert.equal(publicPage.statusCode, 200);
    assert.match(publicPage.body, /Coproduced with our Coproduction Group/);
    assert.match(publicPage.body, new RegExp(`href="/coproduction/decisions/${decisionId}"`));
    assert.match(publicPage.body, /We will use the name you use\./);
    assert.equal((await repo.getProposal(ctx.db, proposalId))?.stage, 'done');

    // The public decision shows its summary and the level from the evidence
    const publicDecisions = await new Agent(ctx.app).get('/coproduction/decisions');
    assert.match(publicDecisions.body, /The group approved the new clinic page\./);
    assert.match(publicDecisions.body, /Participation level: <strong>Co-production<\/strong>/);
    const summary = await new Agent(ctx.app).get(`/coproduction/decisions/${decisionId}`);
    assert.equal(summary.statusCode, 200);
    assert.match(summary.body, /Co-production/);
  });

  test('a new version is not approved by a decision on an earlier one', async () => {
    const lead = await anActor(ctx.db, ['lead']);
    const members = await aGroup(ctx.db, 3);
    const proposalId = await aProposal(ctx.db, members[0]!);
    const { createDocument, saveVersion, publishVersion } = await import('./service/documents.ts');
    const doc = await createDocument(ctx.db, members[0]!, { kind: 'leaflet', title: 'Leaflet', slug: 'leaflet-versions', summary: 'A leaflet.', body: 'First text.' });
    const decisionId = await openDecision(ctx.db, lead, proposalId, { method: 'vote', question: 'Approve v1?', anonymous: false, public: true, documentVersionId: doc.version!.id });
    for (const m of members) await castBallot(ctx.db, m, decisionId, { position: 'for' });
    assert.equal((await closeDecision(ctx.db, lead, decisionId, { summary: 'Approved.' })).outcome, 'adopted');
    const v2 = await saveVersion(ctx.db, lead, doc.id!, { title: 'Leaflet', summary: 'A leaflet.', body: 'Second text, changed after the decision.' });
    await assert.rejects(publishVersion(ctx.db, lead, v2.version!.id), { name: 'Refusal', code: 'not-approved' });
    await publishVersion(ctx.db, lead, doc.version!.id);
  });

  test('an invalid proposal re-renders with the error summary and keeps what was typed', async () => {
    const { agent } = await signedInAs(ctx, ['person']);
    await agent.get('/coproduction/proposals/new');
    const response = await agent.post('/coproduction/proposals', { title: 'Kept title', problem: '', affects: '', idea: '', area: 'nonsense' });
    assert.equal(response.statusCode, 400);
    assert.match(response.body, /There is a problem/);
    assert.match(response.body, /href="#problem">\s*Describe the problem/);
    assert.match(response.body, /href="#area">\s*Choose the area it is about/);
    assert.match(response.body, /value="Kept title"/);
  });

  test('a person using the service may raise a proposal but not reach the documents or meetings', async () => {
    const { agent } = await signedInAs(ctx, ['person']);
    assert.equal((await agent.get('/coproduction/proposals')).statusCode, 200);
    assert.equal((await agent.get('/coproduction/documents')).statusCode, 404);
    assert.equal((await agent.get('/coproduction/meetings')).statusCode, 404);
    const anonymous = await new Agent(ctx.app).get('/coproduction/proposals');
    assert.equal(anonymous.statusCode, 303);
  });

  test('a stage change to "not adopted" needs reasons', async () => {
    const { agent, account } = await signedInAs(ctx, ['group']);
    const actor = (await loadActor(ctx.db, account.id))!;
    const proposalId = await aProposal(ctx.db, actor);
    await agent.get(`/coproduction/proposals/${proposalId}`);
    const missing = await agent.post(`/coproduction/proposals/${proposalId}/stage`, { stage: 'not-adopted', reason: '' });
    assert.equal(missing.statusCode, 400);
    assert.match(missing.body, /Give the reasons it was not adopted/);
    assert.equal((await agent.post(`/coproduction/proposals/${proposalId}/stage`, { stage: 'not-adopted', reason: 'The service cannot fund it this year.' })).statusCode, 303);
    const proposal = await repo.getProposal(ctx.db, proposalId);
    assert.equal(proposal?.stage, 'not-adopted');
    assert.equal(proposal?.not_adopted_reason, 'The service cannot fund it this year.');
  });

  test('every id on the proposal, document and decision pages is used once, so each label names its own field', async () => {
    const { agent: member, account } = await signedInAs(ctx, ['group']);
    const { agent: adviser, account: adviserAccount } = await signedInAs(ctx, ['practitioner']);
    const memberActor = (await loadActor(ctx.db, account.id))!;
    const proposalId = await aProposal(ctx.db, memberActor);
    const proposalPage = await member.get(`/coproduction/proposals/${proposalId}`);
    assert.match(proposalPage.body, /<input class="nhsuk-radios__input" id="stage" name="stage"/);
    assert.deepEqual(repeatedIds(proposalPage.body), [], 'the proposal page');

    const { createDocument } = await import('./service/documents.ts');
    const doc = await createDocument(ctx.db, memberActor, { kind: 'web-page', title: 'Unique ids', slug: 'unique-ids', summary: 'A page.', body: 'Some text.' });
    const documentPage = await member.get(`/coproduction/documents/${doc.id}`);
    assert.doesNotMatch(documentPage.body, /id="publish"/, 'no publish button for a version no decision approved');
    assert.match(documentPage.body, /Publishing version 1 is not possible yet/);
    assert.deepEqual(repeatedIds(documentPage.body), [], 'the document page');

    const opened = await member.post(`/coproduction/proposals/${proposalId}/decisions`, { method: 'advice', question: 'Publish it?', advisers: [adviserAccount.id] });
    assert.equal(opened.statusCode, 303);
    const decisionPage = await adviser.get(String(opened.headers.location));
    assert.match(decisionPage.body, /<textarea class="nhsuk-textarea" id="advice" name="advice"/);
    assert.deepEqual(repeatedIds(decisionPage.body), [], "the decision page, with the adviser's form");
  });
});

forEachDialect('coproduction: decision methods', (ctx) => {
  test('anonymous results stay hidden until the decision closes, then small counts read "fewer than 5"', async () => {
    const { agent: staff, account } = await signedInAs(ctx, ['practitioner']);
    const staffActor = (await loadActor(ctx.db, account.id))!;
    const members = await aGroup(ctx.db, 7);
    const proposalId = await aProposal(ctx.db, members[0]!);
    const decisionId = await openDecision(ctx.db, staffActor, proposalId, { method: 'vote', question: 'Move the group meeting to evenings?', anonymous: true, public: true, documentVersionId: null });
    for (const [i, m] of members.entries()) await castBallot(ctx.db, m, decisionId, { position: i < 5 ? 'for' : 'against' });

    const ballots = await repo.listBallots(ctx.db, decisionId);
    assert.ok(ballots.every((b) => b.voter_id === null), 'anonymous ballots carry no account');
    const url = `/coproduction/proposals/${proposalId}/decisions/${decisionId}`;
    let page = await staff.get(url);
    assert.match(page.body, /Results are hidden until the decision closes/);
    assert.doesNotMatch(page.body, /<td class="nhsuk-table__cell">For<\/td>/);

    await staff.post(`${url}/close`, { summary: 'Meetings move to evenings.' });
    page = await staff.get(url);
    assert.match(page.body, /<td class="nhsuk-table__cell">For<\/td><td class="nhsuk-table__cell nhsuk-table__cell--numeric">5<\/td>/);
    assert.match(page.body, /<td class="nhsuk-table__cell">Against<\/td><td class="nhsuk-table__cell nhsuk-table__cell--numeric">fewer than 5<\/td>/);
    assert.doesNotMatch(page.body, />7</, 'the total would give away the hidden count');
    const publicPage = await new Agent(ctx.app).get(`/coproduction/decisions/${decisionId}`);
    assert.match(publicPage.body, /fewer than 5/);
  });

  test('a consent decision cannot close while an objection is unsettled; a standing objection means not adopted', async () => {
    const lead = await anActor(ctx.db, ['lead']);
    const members = await aGroup(ctx.db, 3);
    const proposalId = await aProposal(ctx.db, members[0]!);
    const decisionId = await openDecision(ctx.db, lead, proposalId, { method: 'consent', question: 'Adopt?', anonymous: false, public: true, documentVersionId: null });
    await castBallot(ctx.db, members[0]!, decisionId, { position: 'agree' });
    await castBallot(ctx.db, members[1]!, decisionId, { position: 'concern', reason: 'Timing' });
    await assert.rejects(castBallot(ctx.db, members[2]!, decisionId, { position: 'object' }), refusedSaying(BALLOT_REFUSALS, /Say why you object/));
    await castBallot(ctx.db, members[2]!, decisionId, { position: 'object', reason: 'It leaves out people who cannot travel.' });
    await assert.rejects(closeDecision(ctx.db, lead, decisionId, { summary: 'Done' }), refusedSaying(CLOSE_REFUSALS, /Resolve each objection/));
    const objection = (await repo.listBallots(ctx.db, decisionId)).find((b) => b.position === 'object')!;
    await settleObjection(ctx.db, lead, decisionId, objection.id, { resolution: 'We could not find a way to meet it.', resolved: false });
    const result = await closeDecision(ctx.db, lead, decisionId, { summary: 'Not adopted: an objection stands.' });
    assert.equal(result.outcome, 'not-adopted');
    assert.equal((await repo.getProposal(ctx.db, proposalId))?.stage, 'not-adopted');
  });

  test('without the lived-experience quorum a vote is not adopted, however it went', async () => {
    const lead = await anActor(ctx.db, ['lead']);
    const staff = await Promise.all([anActor(ctx.db, ['practitioner']), anActor(ctx.db, ['practitioner'])]);
    const members = await aGroup(ctx.db, 3);
    const proposalId = await aProposal(ctx.db, lead);
    const decisionId = await openDecision(ctx.db, lead, proposalId, { method: 'vote', question: 'Adopt?', anonymous: false, public: false, documentVersionId: null });
    for (const s of [lead, ...staff]) await castBallot(ctx.db, s, decisionId, { position: 'for' });
    for (const m of members.slice(0, 2)) await castBallot(ctx.db, m, decisionId, { position: 'for' });
    // 2 group members of 5 deciding: fewer than 3, and under half. So it cannot close early…
    await assert.rejects(closeDecision(ctx.db, lead, decisionId, { summary: 'No quorum.' }), refusedSaying(CLOSE_REFUSALS, /quorum is not met yet/));
    // …and at its closing time it is not adopted.
    const result = await closeDecision(ctx.db, lead, decisionId, { summary: 'No quorum.' }, AFTER_CLOSING);
    assert.equal(result.outcome, 'not-adopted');
    assert.equal((await repo.getDecision(ctx.db, decisionId))?.quorum_met, 0);
  });

  test('ranked choice through the form: ranks become ballots and the instant-runoff winner is chosen', async () => {
    const { agent: staffAgent, account } = await signedInAs(ctx, ['practitioner']);
    const staffActor = (await loadActor(ctx.db, account.id))!;
    const members = await aGroup(ctx.db, 3);
    const proposalId = await aProposal(ctx.db, members[0]!);
    const a = await draftOption(ctx.db, members[0]!, proposalId, { title: 'Tuesdays', description: 'Tuesday evenings' });
    const b = await draftOption(ctx.db, members[1]!, proposalId, { title: 'Saturdays', description: 'Saturday mornings' });
    const c = await draftOption(ctx.db, staffActor, proposalId, { title: 'Online only', description: 'Video calls' });
    const decisionId = await openDecision(ctx.db, staffActor, proposalId, { method: 'ranked-choice', question: 'When should we meet?', anonymous: false, public: true, documentVersionId: null });
    await assert.rejects(draftOption(ctx.db, members[0]!, proposalId, { title: 'Late', description: 'Too late' }), refusedSaying(OPTION_REFUSALS, /options are set/));
    // Round 1: Tuesdays 2, Saturdays 1, Online 1 of 4 — no majority; Saturdays and Online tie with
    // nothing earlier to look back on, so the recorded draw eliminates one. Either way Tuesdays wins:
    // if Saturdays goes, Tuesdays has 3 of 4; if Online goes, its ballot moves to Saturdays (2–2),
    // and Saturdays, behind in round 1, goes next.
    await castBallot(ctx.db, members[0]!, decisionId, { ranking: [a, b] });
    await castBallot(ctx.db, members[1]!, decisionId, { ranking: [a] });
    await castBallot(ctx.db, members[2]!, decisionId, { ranking: [b, a] });
    const url = `/coproduction/proposals/${proposalId}/decisions/${decisionId}`;
    await staffAgent.get(url);
    const bad = await staffAgent.post(`${url}/ballot`, { [`rank-${a}`]: '1', [`rank-${b}`]: '1' });
    assert.equal(bad.statusCode, 400);
    assert.match(bad.body, /Give each option a different rank/);
    assert.equal((await staffAgent.post(`${url}/ballot`, { [`rank-${c}`]: '1', [`rank-${b}`]: '2' })).statusCode, 303);
    await staffAgent.post(`${url}/close`, { summary: 'Tuesdays it is.' });
    const decision = await repo.getDecision(ctx.db, decisionId);
    assert.equal(decision?.chosen_option_id, a);
    const page = await staffAgent.get(url);
    assert.match(page.body, /Round 2/);
    // Round 1's tie had nothing earlier to look back on: the draw decided it, and the page says so with the seed recorded when it opened.
    const seed = decision.tie_break_seed;
    assert.match(seed, /^[0-9a-f]{16}$/);
    assert.match(page.body, new RegExp(`tied for the fewest votes in the first round, so the recorded random draw \\(seed <code>${seed}</code>\\) decided`));
    assert.match(page.body, new RegExp(`Seed of the random draw, recorded when the decision opened: <code>${seed}</code>`));
    assert.doesNotMatch(page.body, /listed last/);
  });

  test('advice process: the decider records whose advice was sought and given, then decides', async () => {
    const { agent: decider, account } = await signedInAs(ctx, ['practitioner']);
    const { agent: adviserAgent, account: adviserAccount } = await signedInAs(ctx, ['group']);
    const deciderActor = (await loadActor(ctx.db, account.id))!;
    const proposalId = await aProposal(ctx.db, deciderActor, { area: 'website' });
    await decider.get(`/coproduction/proposals/${proposalId}`);
    const opened = await decider.post(`/coproduction/proposals/${proposalId}/decisions`, { method: 'advice', question: 'Change the website colours?', advisers: [adviserAccount.id] });
    assert.equal(opened.statusCode, 303);
    const decisionId = idFrom(opened.headers.location, /decisions\/([0-9a-f-]{36})$/);
    const url = `/coproduction/proposals/${proposalId}/decisions/${decisionId}`;
    const early = await decider.post(`${url}/close`, { summary: 'Changed.', adopt: 'yes' });
    assert.equal(early.statusCode, 400);
    assert.match(early.body, /Record the advice given before deciding/);
    await adviserAgent.get(url);
    assert.equal((await adviserAgent.post(`${url}/advice`, { advice: 'Check the contrast with people who have low vision.' })).statusCode, 303);
    assert.equal((await decider.post(`${url}/close`, { summary: 'Changed, with contrast checked.', adopt: 'yes' })).statusCode, 303);
    const page = await decider.get(url);
    assert.match(page.body, /Check the contrast with people who have low vision\./);
    assert.equal((await repo.getDecision(ctx.db, decisionId))?.outcome, 'adopted');
  });

  test('the level staff claim is shown beside the computed level', async () => {
    const { agent, account } = await signedInAs(ctx, ['lead']);
    const lead = (await loadActor(ctx.db, account.id))!;
    const proposalId = await aProposal(ctx.db, lead);
    const decisionId = await openDecision(ctx.db, lead, proposalId, { method: 'vote', question: 'Staff only?', anonymous: false, public: true, documentVersionId: null });
    await castBallot(ctx.db, lead, decisionId, { position: 'for' });
    await closeDecision(ctx.db, lead, decisionId, { summary: 'Decided by staff.' }, AFTER_CLOSING);
    const url = `/coproduction/proposals/${proposalId}/decisions/${decisionId}`;
    await agent.get(url);
    assert.equal((await agent.post(`${url}/claim`, { claimedLevel: 'co-production' })).statusCode, 303);
    const page = await new Agent(ctx.app).get(`/coproduction/decisions/${decisionId}`);
    assert.match(page.body, /<strong class="nhsuk-tag nhsuk-tag--blue">Informing<\/strong>/);
    assert.match(page.body, /Co-production <strong class="nhsuk-tag nhsuk-tag--orange">Differs from the evidence<\/strong>/);
    const levels = await decisionLevels(ctx.db);
    assert.deepEqual(levels.filter((l) => l.decisionId === decisionId).map((l) => [l.level, l.claimedLevel]), [['informing', 'co-production']]);
  });
});
