import assert from 'node:assert/strict';
import { test } from 'node:test';
import { forEachDialect, signedInAs, type TestContext } from '../../../test/helpers.ts';
import { loadActor, raiseNotice, sendNoticeDigests } from '../accounts/index.ts';
import * as repo from './repository/index.ts';
import { digestFor, sendDigests } from './service/digests.ts';
import { addComment, anActor, aProposal, castBallot, openDecision } from './test-builders.ts';

/** What the member's digest of notices (accounts) sent them, once it has run at `at`. */
const digestMail = async (ctx: TestContext, email: string, at: string) => {
  await sendNoticeDigests(ctx.db, ctx.config, new Date(at));
  return ctx.db.selectFrom('outbox').select('to_address').where('purpose', '=', 'updates-digest').where('to_address', '=', email).execute();
};

forEachDialect('coproduction: digests people can bear', (ctx) => {
  test('nothing is sent for a period empty for the member: their own doings and a muted proposal do not count; a reply to them does', async () => {
    const { agent, account } = await signedInAs(ctx, ['group']);
    const member = (await loadActor(ctx.db, account.id))!;
    await repo.setMailPreference(ctx.db, { account_id: member.id, digest: 'daily', immediate_replies: 0, immediate_decisions: 0, updated_at: '2026-11-20T00:00:00.000Z' });
    const staff = await anActor(ctx.db, ['practitioner']);
    const noisy = await aProposal(ctx.db, staff, { title: 'Car park signs' }, '2026-11-24T09:00:00.000Z');

    // The member mutes the noisy proposal, through the page
    const page = await agent.get(`/coproduction/proposals/${noisy}`);
    assert.match(page.body, /Mute this proposal in my digests/);
    const muted = await agent.post(`/coproduction/proposals/${noisy}/mute`, { muted: 'yes', back: 'https://elsewhere.example/' });
    assert.equal(muted.statusCode, 303);
    assert.equal(muted.headers.location, '/coproduction/digest', 'never sent anywhere outside the workspace');
    assert.match((await agent.get(`/coproduction/proposals/${noisy}`)).body, /Unmute this proposal/);
    assert.match((await agent.get('/coproduction/settings')).body, /Proposals you have muted[\s\S]*Car park signs/);

    // Yesterday: the member's own proposal and comment, and staff comments on the muted proposal
    await aProposal(ctx.db, member, { title: 'Quiet room' }, '2026-11-25T09:00:00.000Z');
    const mine = await addComment(ctx.db, member, noisy, 'Could the signs say “all genders”?', null, '2026-11-25T10:00:00.000Z');
    await addComment(ctx.db, staff, noisy, 'We will look at it.', null, '2026-11-25T11:00:00.000Z');
    await addComment(ctx.db, staff, noisy, 'Another note.', null, '2026-11-25T12:00:00.000Z');
    assert.deepEqual(await sendDigests(ctx.db, ctx.config, 'daily', new Date('2026-11-26T08:00:00.000Z')), { sent: 0, skipped: 1 });
    assert.deepEqual(await digestMail(ctx, account.email, '2026-11-26T08:10:00.000Z'), []);

    // The next day: a staff reply to the member's comment, on the muted proposal: addressed to them, so it counts
    await addComment(ctx.db, staff, noisy, 'Yes, they can.', mine, '2026-11-26T10:00:00.000Z');
    assert.deepEqual(await sendDigests(ctx.db, ctx.config, 'daily', new Date('2026-11-27T08:00:00.000Z')), { sent: 1, skipped: 0 });
    assert.deepEqual(await digestMail(ctx, account.email, '2026-11-27T08:10:00.000Z'), [{ to_address: account.email }]);

    // Unmuted, the proposal's news is back in the digest
    await agent.get('/coproduction/settings');
    assert.equal((await agent.post(`/coproduction/proposals/${noisy}/mute`, { muted: 'no', back: '/coproduction/settings' })).headers.location, '/coproduction/settings');
    const digest = await digestFor(ctx.db, member.id, '2026-11-25T00:00:00.000Z', '2026-11-27T00:00:00.000Z');
    assert.deepEqual(digest.happened.map((h) => [h.title, h.count]), [['Car park signs', 4]], 'three staff comments and the response event; the member’s own doings and own proposal do not count');
  });

  test('a member who also uses the service gets one message for the group’s digest and an update to their record, not two', async () => {
    const { agent, account } = await signedInAs(ctx, ['person', 'group']);
    await repo.setMailPreference(ctx.db, { account_id: account.id, digest: 'daily', immediate_replies: 0, immediate_decisions: 0, updated_at: '2026-11-20T00:00:00.000Z' });
    const staff = await anActor(ctx.db, ['practitioner']);
    await aProposal(ctx.db, staff, { title: 'Evening clinics on Thursdays' }, '2026-10-05T09:00:00.000Z');
    await raiseNotice(ctx.db, account.id, { purpose: 'record-entry', text: 'There is a new entry in your record', href: '/me/record' }, new Date('2026-10-06T07:58:00.000Z'));
    await sendDigests(ctx.db, ctx.config, 'daily', new Date('2026-10-06T08:00:00.000Z'));
    const raised = await ctx.db.selectFrom('notices').select('purpose').where('account_id', '=', account.id).orderBy('created_at').execute();
    assert.deepEqual(raised.map((n) => n.purpose), ['record-entry', 'coproduction-digest-daily']);
    assert.deepEqual(await ctx.db.selectFrom('outbox').select('id').where('to_address', '=', account.email).execute(), [], 'the group digest is not mailed on its own');
    assert.deepEqual(await digestMail(ctx, account.email, '2026-10-06T08:10:00.000Z'), [{ to_address: account.email }]);
    const all = await ctx.db.selectFrom('outbox').select('purpose').where('to_address', '=', account.email).execute();
    assert.deepEqual(all.map((m) => m.purpose), ['updates-digest'], 'one message in all');
    const home = (await agent.get('/')).body;
    assert.match(home, /Your daily group digest is ready/);
    assert.match(home, /There is a new entry in your record/);
  });

  test('a digest starts with what needs the member: decisions waiting for them and replies to them, then what happened', async () => {
    const { agent, account } = await signedInAs(ctx, ['group']);
    const member = (await loadActor(ctx.db, account.id))!;
    const staff = await anActor(ctx.db, ['practitioner']);
    const proposal = await aProposal(ctx.db, staff, { title: 'Evening clinics' });
    const mine = await addComment(ctx.db, member, proposal, 'Fridays, please.', null);
    await addComment(ctx.db, staff, proposal, 'Friday works.', mine);
    const decisionId = await openDecision(ctx.db, staff, proposal, { method: 'vote', question: 'Start evening clinics in January?', anonymous: false, public: false, documentVersionId: null });
    await aProposal(ctx.db, staff, { title: 'New leaflets' });

    let page = await agent.get('/coproduction/digest');
    assert.equal(page.statusCode, 200);
    const needs = page.body.indexOf('What needs you');
    const happened = page.body.indexOf('What happened');
    assert.ok(needs > 0 && happened > needs, 'what needs them comes first');
    const top = page.body.slice(needs, happened);
    assert.match(top, /Start evening clinics in January\?/);
    assert.match(top, new RegExp(`href="/coproduction/proposals/${proposal}#comment-`));
    assert.match(page.body.slice(happened), /New leaflets/);

    // Once they have taken part, the decision no longer waits for them
    await castBallot(ctx.db, member, decisionId, { position: 'for' });
    page = await agent.get('/coproduction/digest');
    assert.doesNotMatch(page.body, /Start evening clinics in January\?/);

    // Someone without a workspace role cannot mute (nor see a digest)
    const { agent: person } = await signedInAs(ctx, ['person']);
    assert.equal((await person.get('/coproduction/digest')).statusCode, 404);
  });

  test('decisions waiting for the member come soonest to close first, whenever they opened', async () => {
    const { agent, account } = await signedInAs(ctx, ['group']);
    const staff = await anActor(ctx.db, ['practitioner']);
    // Opened one after another; each closes at a time its facilitator chose, the first opened last to close.
    const open = async (title: string, question: string, openedAt: string, closesAt: string) =>
      openDecision(ctx.db, staff, await aProposal(ctx.db, staff, { title }, openedAt), { method: 'consent', question, anonymous: false, public: false, documentVersionId: null, closesAt }, openedAt);
    await open('Waiting room music', 'Turn the music off on Mondays?', '2026-11-20T09:00:00.000Z', '2026-12-20T09:00:00.000Z');
    await open('Name badges', 'Add pronouns to staff name badges?', '2026-11-21T09:00:00.000Z', '2026-11-28T09:00:00.000Z');
    await open('Reminder texts', 'Send a text the day before every appointment?', '2026-11-22T09:00:00.000Z', '2026-12-05T09:00:00.000Z');

    const soonestFirst = ['Add pronouns to staff name badges?', 'Send a text the day before every appointment?', 'Turn the music off on Mondays?'];
    // (Other tests' decisions on this database wait for the member too.)
    const decisions = (await digestFor(ctx.db, account.id, '2026-11-19T00:00:00.000Z', '2026-11-23T00:00:00.000Z')).decisions.filter((d) => soonestFirst.includes(d.question));
    assert.deepEqual(decisions.map((d) => d.question), soonestFirst);
    assert.deepEqual(decisions.map((d) => d.closesAt), ['2026-11-28T09:00:00.000Z', '2026-12-05T09:00:00.000Z', '2026-12-20T09:00:00.000Z']);

    // The page leads with them in that order, each with when it closes
    const page = await agent.get('/coproduction/digest');
    const top = page.body.slice(page.body.indexOf('What needs you'), page.body.indexOf('What happened'));
    const at = soonestFirst.map((q) => top.indexOf(q.replace('?', '')));
    assert.ok(at.every((i) => i > 0), top);
    assert.deepEqual([...at].sort((a, b) => a - b), at, `soonest to close first: ${top}`);
    assert.match(top, /Add pronouns to staff name badges\?<\/a> \(Name badges\), closes /);
  });
});
