// Issue 11, the coproduction half: the security review's reproductions, each tried again by the role
// the rule protects against, over HTTP where a page does it, on both databases.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { forEachDialect, signedInAs, type TestContext } from '../../../test/helpers.ts';
import { getGuideEntryRow, languageGuide, seedGuideIfEmpty } from '../language/index.ts';
import { loadActor } from '../accounts/index.ts';
import * as repo from './repository/index.ts';
import { applyGuideChange } from './service/catalogue.ts';
import { castBallot, closeDecision, openDecision, recordAdvice, seekAdvice, settleObjection } from './service/decisions.ts';
import { createDocument, publishVersion } from './service/documents.ts';
import { addComment } from './service/proposals.ts';
import { aGroup, anActor, aProposal } from './test-builders.ts';

/** A moment after any decision opened in these tests has reached its closing time (without the quorum, only then can it close). */
const AFTER_CLOSING = new Date(Date.now() + 100 * 86_400_000).toISOString();

const idFrom = (location: unknown, pattern: RegExp): string => {
  const match = pattern.exec(String(location));
  assert.ok(match, `expected a redirect matching ${pattern}, got ${String(location)}`);
  return match[1]!;
};

async function aDocument(ctx: TestContext, slug: string) {
  const author = await anActor(ctx.db, ['practitioner']);
  const created = await createDocument(ctx.db, author, { kind: 'web-page', title: 'Coming to clinic', slug, summary: 'What to expect.', body: 'We will use the name you use.' });
  assert.ok(created.id && created.version);
  return { documentId: created.id, versionId: created.version.id };
}

forEachDialect('coproduction gate (issue 11): the publish gate is the group’s', (ctx) => {
  test('reproduction 2: a practitioner alone cannot publish through an advice process with themself as adviser', async () => {
    const { agent, account } = await signedInAs(ctx, ['practitioner']);
    const colleague = await anActor(ctx.db, ['practitioner']);
    const { documentId, versionId } = await aDocument(ctx, 'solo-page');
    await agent.get('/coproduction/proposals/new');
    const raised = await agent.post('/coproduction/proposals', { title: 'A page', problem: 'None yet.', affects: 'Everyone', idea: 'Publish it.', area: 'document' });
    const proposalId = idFrom(raised.headers.location, /\/coproduction\/proposals\/([0-9a-f-]{36})$/);
    await agent.get(`/coproduction/proposals/${proposalId}`);

    // Naming themself as the only adviser is refused, keeping what was typed
    const self = await agent.post(`/coproduction/proposals/${proposalId}/decisions`, { method: 'advice', question: 'Publish the page?', documentVersionId: versionId, public: 'yes', advisers: [account.id] });
    assert.equal(self.statusCode, 400);
    assert.match(self.body, /you cannot also be its adviser/);
    assert.match(self.body, /Publish the page\?/);
    assert.equal((await repo.listDecisions(ctx.db, { proposalId })).length, 0);

    // With a staff colleague as the only adviser it opens, but adopting it is refused: no group advice
    const opened = await agent.post(`/coproduction/proposals/${proposalId}/decisions`, { method: 'advice', question: 'Publish the page?', documentVersionId: versionId, public: 'yes', advisers: [colleague.id] });
    assert.equal(opened.statusCode, 303);
    const decisionId = idFrom(opened.headers.location, /decisions\/([0-9a-f-]{36})$/);
    const page = `/coproduction/proposals/${proposalId}/decisions/${decisionId}`;
    await agent.get(page);
    assert.equal((await agent.post(`${page}/advisers`, { adviserId: account.id })).statusCode, 400, 'nor can they add themself later');
    await recordAdvice(ctx.db, colleague, decisionId, 'Fine by me.');
    const closing = await agent.post(`${page}/close`, { summary: 'Adopted.', adopt: 'yes' });
    assert.equal(closing.statusCode, 400);
    assert.match(closing.body, /enough group members/);
    assert.equal((await repo.getDecision(ctx.db, decisionId))?.status, 'open');
    await agent.get(`/coproduction/documents/${documentId}`);
    assert.equal((await agent.post(`/coproduction/documents/${documentId}/versions/${versionId}/publish`)).statusCode, 409);
    assert.equal((await agent.get('/pages/solo-page')).statusCode, 404);

    // Once enough group members have given advice (the quorum's minimum, 3), the decider may adopt it and publish
    const members = await aGroup(ctx.db, 3);
    const decider = (await loadActor(ctx.db, account.id))!;
    for (const m of members.slice(0, 2)) {
      await seekAdvice(ctx.db, decider, decisionId, m.id);
      await recordAdvice(ctx.db, m, decisionId, 'Yes, publish it.');
    }
    assert.equal((await agent.post(`${page}/close`, { summary: 'Adopted.', adopt: 'yes' })).statusCode, 400, 'two group members are not the quorum’s three');
    await seekAdvice(ctx.db, decider, decisionId, members[2]!.id);
    await recordAdvice(ctx.db, members[2]!, decisionId, 'Yes.');
    assert.equal((await agent.post(`${page}/close`, { summary: 'Adopted with the group’s advice.', adopt: 'yes' })).statusCode, 303);
    await agent.get(`/coproduction/documents/${documentId}`);
    assert.equal((await agent.post(`/coproduction/documents/${documentId}/versions/${versionId}/publish`)).statusCode, 303);
    assert.equal((await repo.getVersion(ctx.db, versionId))?.approved_by_decision_id, decisionId, 'publishing cites the decision that approved that exact version');
    assert.equal((await agent.get('/pages/solo-page')).statusCode, 200);
  });

  test('consent and vote approve a version only with the lived-experience quorum; staff alone cannot', async () => {
    const lead = await anActor(ctx.db, ['lead']);
    const staff = await Promise.all([anActor(ctx.db, ['practitioner']), anActor(ctx.db, ['practitioner']), anActor(ctx.db, ['practitioner'])]);
    for (const method of ['consent', 'vote'] as const) {
      const { versionId } = await aDocument(ctx, `staff-only-${method}`);
      const proposalId = await aProposal(ctx.db, lead);
      const decisionId = await openDecision(ctx.db, lead, proposalId, { method, question: 'Publish?', anonymous: false, public: true, documentVersionId: versionId });
      for (const s of staff) await castBallot(ctx.db, s, decisionId, { position: method === 'consent' ? 'agree' : 'for' });
      // Without the quorum it cannot close early; at its closing time it is not adopted.
      assert.equal((await closeDecision(ctx.db, lead, decisionId, { summary: 'Staff agreed.' }, AFTER_CLOSING)).outcome, 'not-adopted');
      await assert.rejects(publishVersion(ctx.db, lead, versionId), { name: 'Refusal', code: 'not-approved' });
    }
  });

  test('an advice process on the language guide needs group advice even when a group member decides', async () => {
    const [decider, ...others] = await aGroup(ctx.db, 3);
    const staff = await anActor(ctx.db, ['practitioner']);
    const proposalId = await aProposal(ctx.db, decider!, { area: 'language-guide' });
    const decisionId = await openDecision(ctx.db, decider!, proposalId, {
      method: 'advice', question: 'Add an entry?', anonymous: false, public: true, documentVersionId: null, adviserIds: [staff.id, others[0]!.id],
      catalogueChange: { entryId: 'solo-entry', change: 'add', terms: ['solo term'], reason: 'Because.' },
    });
    await recordAdvice(ctx.db, staff, decisionId, 'Yes.');
    await recordAdvice(ctx.db, others[0]!, decisionId, 'Yes.');
    await assert.rejects(closeDecision(ctx.db, decider!, decisionId, { summary: 'Adopted.', adopt: true }), { name: 'Refusal', code: 'group-advice-needed' });
  });
});

forEachDialect('coproduction gate (issue 11): guide changes are tied to what was decided', (ctx) => {
  test('reproduction 3: retiring the slur entry by citing an unrelated adopted decision is refused; only the decided change applies, once', async () => {
    await seedGuideIfEmpty(ctx.db, languageGuide);
    const members = await aGroup(ctx.db, 3);
    const { agent, account } = await signedInAs(ctx, ['lead']);
    const lead = (await loadActor(ctx.db, account.id))!;
    const proposalId = await aProposal(ctx.db, members[0]!, { area: 'language-guide' });

    // The unrelated decision is opened over HTTP with the change it approves
    await agent.get(`/coproduction/proposals/${proposalId}`);
    const opened = await agent.post(`/coproduction/proposals/${proposalId}/decisions`, {
      method: 'vote', question: 'Add “service users” to the guide?', public: 'yes', change: 'add', entryId: 'service-users-entry', terms: 'service users', suggestions: 'people who use the service', reason: 'The group asked.',
    });
    assert.equal(opened.statusCode, 303);
    const decisionId = idFrom(opened.headers.location, /decisions\/([0-9a-f-]{36})$/);
    for (const m of members) await castBallot(ctx.db, m, decisionId, { position: 'for' });
    await closeDecision(ctx.db, lead, decisionId, { summary: 'Adopted.' });
    const page = `/coproduction/proposals/${proposalId}/decisions/${decisionId}`;

    const sneaky = await agent.post(`${page}/guide-changes`, { entryId: 'tranny', change: 'retire' });
    assert.equal(sneaky.statusCode, 400);
    assert.match(sneaky.body, /not the change this decision approved/);
    assert.equal((await getGuideEntryRow(ctx.db, 'tranny'))?.active, 1);

    // The decided change applies (the button sends nothing else), and only once
    const page1 = await agent.get(page);
    assert.match(page1.body, /The change this decision approves/);
    assert.equal((await agent.post(`${page}/guide-changes`, {})).statusCode, 303);
    assert.equal((await getGuideEntryRow(ctx.db, 'service-users-entry'))?.changed_by_decision_id, decisionId);
    assert.equal((await agent.post(`${page}/guide-changes`, {})).statusCode, 400);
    await assert.rejects(applyGuideChange(ctx.db, lead, decisionId), { name: 'Refusal', code: 'already-applied' });
    assert.equal((await repo.listCatalogueChanges(ctx.db, { decisionId })).length, 1);
  });

  test('a guide decision that named no change, or one not adopted with the quorum, applies nothing', async () => {
    await seedGuideIfEmpty(ctx.db, languageGuide);
    const lead = await anActor(ctx.db, ['lead']);
    const members = await aGroup(ctx.db, 3);
    const general = await openDecision(ctx.db, lead, await aProposal(ctx.db, members[0]!, { area: 'language-guide' }), { method: 'vote', question: 'Review the guide yearly?', anonymous: false, public: true, documentVersionId: null });
    for (const m of members) await castBallot(ctx.db, m, general, { position: 'for' });
    await closeDecision(ctx.db, lead, general, { summary: 'Adopted.' });
    await assert.rejects(applyGuideChange(ctx.db, lead, general, { entryId: 'tranny', change: 'retire' }), { name: 'Refusal', code: 'not-what-was-decided' });
    await assert.rejects(applyGuideChange(ctx.db, lead, general), { name: 'Refusal', code: 'not-what-was-decided' });

    const staffOnly = await openDecision(ctx.db, lead, await aProposal(ctx.db, lead, { area: 'language-guide' }), { method: 'vote', question: 'Retire it?', anonymous: false, public: true, documentVersionId: null, catalogueChange: { entryId: 'tranny', change: 'retire' } });
    await castBallot(ctx.db, await anActor(ctx.db, ['practitioner']), staffOnly, { position: 'for' });
    await closeDecision(ctx.db, lead, staffOnly, { summary: 'Closed.' }, AFTER_CLOSING);
    await assert.rejects(applyGuideChange(ctx.db, lead, staffOnly), { name: 'Refusal', code: 'guide-needs-adopted-decision' });
    assert.equal((await getGuideEntryRow(ctx.db, 'tranny'))?.active, 1);

    // A change can only be named on a proposal in the guide's or the priorities' area
    await assert.rejects(
      openDecision(ctx.db, lead, await aProposal(ctx.db, lead, { area: 'website' }), { method: 'vote', question: 'x', anonymous: false, public: true, documentVersionId: null, catalogueChange: { entryId: 'tranny', change: 'retire' } }),
      { name: 'Refusal', code: 'change-not-in-area' },
    );
  });
});

forEachDialect('coproduction gate (issue 11): objections', (ctx) => {
  async function consentWithObjection(opener: Awaited<ReturnType<typeof anActor>>) {
    const members = await aGroup(ctx.db, 3);
    const proposalId = await aProposal(ctx.db, members[0]!);
    const decisionId = await openDecision(ctx.db, opener, proposalId, { method: 'consent', question: 'Adopt?', anonymous: false, public: true, documentVersionId: null });
    await castBallot(ctx.db, members[0]!, decisionId, { position: 'agree' });
    await castBallot(ctx.db, members[1]!, decisionId, { position: 'agree' });
    await castBallot(ctx.db, members[2]!, decisionId, { position: 'object', reason: 'It leaves people out.' });
    const objection = (await repo.listBallots(ctx.db, decisionId)).find((b) => b.position === 'object')!;
    return { members, proposalId, decisionId, objection, objector: members[2]! };
  }

  test('reproduction 5: the lead resolving another decision’s objection through this decision’s URL is refused, and so is anyone but the objector or the facilitator', async () => {
    const opener = await anActor(ctx.db, ['practitioner']);
    const a = await consentWithObjection(opener);
    const b = await consentWithObjection(opener);
    const { agent: leadAgent } = await signedInAs(ctx, ['lead']);
    await leadAgent.get(`/coproduction/proposals/${a.proposalId}/decisions/${a.decisionId}`);
    // B's objection through A's URL: not found
    const crossed = await leadAgent.post(`/coproduction/proposals/${a.proposalId}/decisions/${a.decisionId}/objections/${b.objection.id}`, { resolution: 'Sorted.', resolved: 'yes' });
    assert.equal(crossed.statusCode, 400);
    assert.match(crossed.body, /Only the person who objected|does not exist/);
    assert.equal((await repo.getBallot(ctx.db, b.objection.id))?.resolved, null);
    // B's objection through B's URL, by the lead who is not its facilitator: refused
    const notFacilitator = await leadAgent.post(`/coproduction/proposals/${b.proposalId}/decisions/${b.decisionId}/objections/${b.objection.id}`, { resolution: 'Sorted.', resolved: 'yes' });
    assert.equal(notFacilitator.statusCode, 400);
    assert.match(notFacilitator.body, /Only the person who objected \(withdrawing it\) or the decision’s facilitator/);
    // Another group member of the same decision: refused
    await assert.rejects(settleObjection(ctx.db, b.members[0]!, b.decisionId, b.objection.id, { resolution: 'Sorted.', resolved: true }), { name: 'Refusal', code: 'only-objector-or-facilitator' });
    await assert.rejects(settleObjection(ctx.db, opener, a.decisionId, b.objection.id, { resolution: 'Sorted.', resolved: true }), { name: 'Refusal', code: 'no-such-objection' });
    assert.equal((await repo.getBallot(ctx.db, b.objection.id))?.resolved, null);
    // So B cannot close as adopted
    await assert.rejects(closeDecision(ctx.db, opener, b.decisionId, { summary: 'Adopted.' }), { name: 'Refusal', code: 'objections-unsettled' });
  });

  test('the objector withdraws; the facilitator settles with a reason the objector is told of', async () => {
    const { agent: facilitatorAgent, account } = await signedInAs(ctx, ['practitioner']);
    const facilitator = (await loadActor(ctx.db, account.id))!;
    const a = await consentWithObjection(facilitator);
    const url = `/coproduction/proposals/${a.proposalId}/decisions/${a.decisionId}`;
    const before = await ctx.db.selectFrom('outbox').select('id').where('purpose', '=', 'coproduction-objection').execute();
    await facilitatorAgent.get(url);
    assert.equal((await facilitatorAgent.post(`${url}/objections/${a.objection.id}`, { resolution: 'We could not meet it.', resolved: 'no' })).statusCode, 303);
    const settled = await repo.getBallot(ctx.db, a.objection.id);
    assert.equal(settled?.resolved, 0);
    assert.equal(settled?.resolved_by, facilitator.id);
    const after = await ctx.db.selectFrom('outbox').select(['id', 'body_text']).where('purpose', '=', 'coproduction-objection').execute();
    assert.equal(after.length, before.length + 1, 'the objector is told');
    assert.doesNotMatch(after.at(-1)!.body_text, /could not meet/, 'the mail says only to sign in');

    const b = await consentWithObjection(facilitator);
    await settleObjection(ctx.db, b.objector, b.decisionId, b.objection.id, { resolution: 'The proposal changed to meet it.', resolved: false });
    assert.equal((await repo.getBallot(ctx.db, b.objection.id))?.resolved, 1, 'withdrawing resolves it');
    assert.equal((await closeDecision(ctx.db, facilitator, b.decisionId, { summary: 'Adopted.' })).outcome, 'adopted');
  });
});

forEachDialect('coproduction gate (issue 11): anonymous means anonymous', (ctx) => {
  test('reproduction 4: watching an anonymous consent decision reveals no names, positions, objection count or order until it closes', async () => {
    const { agent: watcher, account } = await signedInAs(ctx, ['lead']);
    const lead = (await loadActor(ctx.db, account.id))!;
    const members = await Promise.all([anActor(ctx.db, ['group'], 'Robin Watched'), anActor(ctx.db, ['group'], 'Sam Watched'), anActor(ctx.db, ['group'], 'Kit Watched')]);
    const proposalId = await aProposal(ctx.db, lead);
    const decisionId = await openDecision(ctx.db, lead, proposalId, { method: 'consent', question: 'Adopt quietly?', anonymous: true, public: true, documentVersionId: null });
    const decisionPage = `/coproduction/proposals/${proposalId}/decisions/${decisionId}`;
    const seen: string[] = [];
    for (const [i, m] of members.entries()) {
      await castBallot(ctx.db, m, decisionId, i === 1 ? { position: 'object', reason: 'A secret worry.' } : { position: 'agree' });
      seen.push((await watcher.get(decisionPage)).body, (await watcher.get(`/coproduction/proposals/${proposalId}`)).body);
    }
    for (const body of seen) {
      assert.doesNotMatch(body, /Watched/, 'no participant is named');
      assert.doesNotMatch(body, /took part in a decision/);
      assert.doesNotMatch(body, /id="objections"|A secret worry|An anonymous objection/, 'not even how many objections there are');
      assert.doesNotMatch(body, /nhsuk-table__cell--numeric">[0-9]/, 'no counts by position');
    }
    assert.match(seen.at(-1)!, /fewer than 5 people took part in this decision\./);
    assert.doesNotMatch(seen.at(-1)!, /\)raised the proposal/, 'the timeline reads “(staff) raised”, not run together');

    // The anonymous objection cannot be settled by the facilitator (nobody knows whose it is); it stands at close
    const objection = (await repo.listBallots(ctx.db, decisionId)).find((b) => b.position === 'object')!;
    assert.equal(objection.voter_id, null);
    await assert.rejects(settleObjection(ctx.db, lead, decisionId, objection.id, { resolution: 'Met.', resolved: true }), { name: 'Refusal', code: 'only-objector-or-facilitator' });
    assert.equal((await closeDecision(ctx.db, lead, decisionId, { summary: 'An objection stands.' })).outcome, 'not-adopted');
    const after = (await watcher.get(decisionPage)).body;
    assert.match(after, /fewer than 5/);
    assert.doesNotMatch(after, /Watched/);
  });
});

forEachDialect('coproduction gate (issue 11): people are not outed to each other', (ctx) => {
  test('reproduction 7: a person who uses the service appears by the name they chose, marked only if they chose it', async () => {
    const { agent: jo } = await signedInAs(ctx, ['person'], { displayName: 'Jo Second' });
    await jo.get('/coproduction/proposals/new');
    const raised = await jo.post('/coproduction/proposals', { title: 'Quieter waiting room', problem: 'It is loud.', affects: 'Everyone waiting', idea: 'Quiet hours.', area: 'other' });
    const proposalId = idFrom(raised.headers.location, /\/coproduction\/proposals\/([0-9a-f-]{36})$/);
    const staff = await anActor(ctx.db, ['practitioner'], 'Priya Staffname');
    await addComment(ctx.db, staff, proposalId, 'Thank you for raising it.', null);
    const watchers = await Promise.all([signedInAs(ctx, ['person']), signedInAs(ctx, ['group']), signedInAs(ctx, ['practitioner'])]);
    const pages = async () => {
      const bodies: string[] = [];
      for (const { agent } of watchers) bodies.push((await agent.get('/coproduction/proposals')).body, (await agent.get(`/coproduction/proposals/${proposalId}`)).body);
      return bodies;
    };
    for (const body of await pages()) {
      assert.doesNotMatch(body, /Jo Second/, 'never the name on the account');
      assert.doesNotMatch(body, /lived experience\)/, 'never marked unless they chose it');
      assert.match(body, /A member/);
    }
    const proposalBody = (await pages())[1]!;
    assert.match(proposalBody, /Priya Staffname \(staff\)/);
    assert.match(proposalBody, /A member\s+raised the proposal/, 'the timeline reads with a space');

    // Jo chooses a pseudonym, and later to show lived experience
    await jo.get('/coproduction/profile');
    assert.equal((await jo.post('/coproduction/profile', { groupName: 'Sparrow' })).statusCode, 303);
    for (const body of await pages()) {
      assert.match(body, /Sparrow/);
      assert.doesNotMatch(body, /Jo Second|lived experience\)/);
    }
    assert.equal((await jo.post('/coproduction/profile', { groupName: 'Sparrow', showLivedExperience: 'yes' })).statusCode, 303);
    assert.match((await pages())[0]!, /Sparrow \(lived experience\)/);
    const tooLong = await jo.post('/coproduction/profile', { groupName: 'x'.repeat(61) });
    assert.equal(tooLong.statusCode, 400);
    assert.match(tooLong.body, /60 characters or fewer/);
    assert.match(tooLong.body, new RegExp('x'.repeat(61)), 'what was typed is kept');
  });
});

forEachDialect('coproduction gate (issue 11): a member sees their own anonymous ballot, and nobody else’s', (ctx) => {
  test('the ballot row names no one; its member sees it and can withdraw their own objection; another member sees neither', async () => {
    const lead = await anActor(ctx.db, ['lead']);
    const proposalId = await aProposal(ctx.db, lead);
    const decisionId = await openDecision(ctx.db, lead, proposalId, { method: 'consent', question: 'Adopt in private?', anonymous: true, public: true, documentVersionId: null });
    const url = `/coproduction/proposals/${proposalId}/decisions/${decisionId}`;
    const { agent: objector } = await signedInAs(ctx, ['group']);
    const { agent: other } = await signedInAs(ctx, ['group']);
    await objector.get(url);
    assert.equal((await objector.post(`${url}/ballot`, { position: 'object', reason: 'My private worry.' })).statusCode, 303);
    await other.get(url);
    assert.equal((await other.post(`${url}/ballot`, { position: 'agree' })).statusCode, 303);
    const ballots = await repo.listBallots(ctx.db, decisionId);
    assert.ok(ballots.every((b) => b.voter_id === null), 'no account id on an anonymous ballot');
    const mine = (await objector.get(url)).body;
    assert.match(mine, /Your answer \(only you can see it\): Object – “My private worry\.”/);
    assert.match(mine, /Withdraw my objection/);
    const theirs = (await other.get(url)).body;
    assert.doesNotMatch(theirs, /My private worry|Withdraw my objection|id="objections"/);
    assert.match(theirs, /Your answer \(only you can see it\): Agree\./);
    // The other member cannot withdraw it, even knowing the id
    const objection = ballots.find((b) => b.position === 'object')!;
    assert.equal((await other.post(`${url}/objections/${objection.id}`, { resolution: 'Gone.', resolved: 'yes' })).statusCode, 400);
    assert.equal((await objector.post(`${url}/objections/${objection.id}`, { resolution: 'My worry was met.', resolved: 'yes' })).statusCode, 303);
    assert.equal((await repo.getBallot(ctx.db, objection.id))?.resolved, 1);
  });
});
