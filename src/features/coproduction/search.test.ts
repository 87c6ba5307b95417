// Searching the workspace (/coproduction/search?q=): each searcher finds exactly what they may read:
// a visitor the published pages and news; any signed-in account proposals too; group members and
// staff documents being written too. A draft is never found by anyone else, not even as a count.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Agent, forEachDialect, signedInAs } from '../../../test/helpers.ts';
import { aGroup, anActor, aProposal, castBallot, closeDecision, createDocument, openDecision } from './test-builders.ts';
import { publishVersion, saveVersion } from './service/documents.ts';

/** The links in the results, by title. */
const results = (body: string) => [...body.matchAll(/<ul class="nhsuk-list nhsuk-list--border app-search-results">([\s\S]*?)<\/ul>/g)].flatMap((m) => [...m[1]!.matchAll(/<a href="([^"]+)">([^<]+)<\/a>/g)].map((a) => a[2]!));

forEachDialect('Searching the workspace', (ctx) => {
  /** A published leaflet, a draft web page, a proposal, all about waiting times. */
  let workspace: ReturnType<typeof build> | undefined;
  /** Made once, for every test of the suite (they only read it). */
  const aWorkspace = () => (workspace ??= build());
  async function build() {
    const lead = await anActor(ctx.db, ['lead']);
    const members = await aGroup(ctx.db, 3);
    const proposalId = await aProposal(ctx.db, members[0]!, { title: 'Shorter waiting times for a first appointment', problem: 'People wait many months for their first appointment, with no word from us.', affects: 'Everyone referred to the clinic', idea: 'Send a letter every month saying where they are on the waiting list.', area: 'document' });
    const leaflet = await createDocument(ctx.db, members[0]!, { kind: 'leaflet', title: 'While you are waiting', slug: 'while-you-are-waiting', summary: 'Support while you wait for your first appointment.', body: 'Waiting is hard. Here is support you can get while you wait: peer groups, helplines and your GP.' });
    const decisionId = await openDecision(ctx.db, lead, proposalId, { method: 'vote', question: 'Publish the waiting leaflet?', anonymous: false, public: true, documentVersionId: leaflet.version!.id });
    for (const m of members) await castBallot(ctx.db, m, decisionId, { position: 'for' });
    assert.equal((await closeDecision(ctx.db, lead, decisionId, { summary: 'Approved by the group.' })).outcome, 'adopted');
    await publishVersion(ctx.db, lead, leaflet.version!.id);
    // A newer version of the leaflet, not approved: its new words are a draft.
    await saveVersion(ctx.db, members[0]!, leaflet.id!, { title: 'While you are waiting', summary: 'Support while you wait for your first appointment.', body: 'Waiting is hard. A new drop-in on Thursdays (draft, not agreed yet).' });
    await createDocument(ctx.db, members[1]!, { kind: 'web-page', title: 'Waiting list explained', slug: 'waiting-list-explained', summary: 'How the waiting list works (draft).', body: 'A draft about the waiting list, still being written with the group.' });
    return { proposalId };
  }

  const search = async (agent: Agent, q: string) => {
    const res = await agent.get(`/coproduction/search?q=${encodeURIComponent(q)}`);
    assert.equal(res.statusCode, 200, `search “${q}”`);
    return res.body;
  };

  void test('a group member finds proposals, published pages and documents being written', async () => {
    await aWorkspace();
    const { agent } = await signedInAs(ctx, ['group']);
    const body = await search(agent, 'waiting');
    assert.deepEqual(new Set(results(body)), new Set(['While you are waiting', 'Shorter waiting times for a first appointment', 'Waiting list explained']));
    assert.match(body, /3 results match “waiting”\./);
    assert.match(body, /<h2 class="nhsuk-heading-m">Published pages and news<\/h2>/);
    assert.match(body, /href="\/pages\/while-you-are-waiting"/);
    assert.match(body, /<h2 class="nhsuk-heading-m">Documents being written<\/h2>/);
    assert.match(body, /Web page, a draft \(version 1\)/);
    // The draft's new words find the leaflet's draft for the group, not the published page.
    const drop = await search(agent, 'drop-in thursdays');
    assert.deepEqual(results(drop), ['While you are waiting']);
    assert.match(drop, /Leaflet, a draft \(version 2\)/);
    assert.match(drop, /href="\/coproduction\/documents\/[0-9a-f-]+\?version=2"/);
    // The start of a word, any case; what was typed stays in the box.
    assert.deepEqual(new Set(results(await search(agent, 'APPOINT'))), new Set(['While you are waiting', 'Shorter waiting times for a first appointment']));
    assert.match(await search(agent, 'appoint'), /value="appoint"/);
  });

  void test('a visitor, a person and a practitioner find only what they may read: drafts and proposals stay in the workspace', async () => {
    await aWorkspace();
    // Signed out: the published leaflet only; no proposal, no draft, not even counted.
    const visitor = await search(new Agent(ctx.app), 'waiting');
    assert.deepEqual(results(visitor), ['While you are waiting']);
    assert.match(visitor, /1 result matches “waiting”\./);
    assert.match(visitor, /We searched published pages and news\./);
    assert.doesNotMatch(visitor, /Shorter waiting times|Waiting list explained|coproduction\/documents/);
    for (const q of ['drop-in', 'thursdays', 'months', 'still being written']) {
      const body = await search(new Agent(ctx.app), q);
      assert.deepEqual(results(body), [], `a visitor finds nothing by “${q}”`);
      assert.match(body, /Nothing matches/);
    }
    // A person using the service: proposals (as /coproduction/proposals shows them), never drafts.
    const person = await signedInAs(ctx, ['person']);
    const theirs = await search(person.agent, 'waiting');
    assert.deepEqual(new Set(results(theirs)), new Set(['While you are waiting', 'Shorter waiting times for a first appointment']));
    assert.doesNotMatch(theirs, /Waiting list explained|Documents being written/);
    assert.deepEqual(results(await search(person.agent, 'drop-in thursdays')), []);
    // And a person cannot open a draft by its address either: the search shows what the pages allow.
    assert.notEqual((await person.agent.get('/coproduction/documents')).statusCode, 200);
    // A practitioner is staff: documents are theirs to read (group-or-staff), so they find drafts.
    const practitioner = await signedInAs(ctx, ['practitioner']);
    assert.ok(results(await search(practitioner.agent, 'waiting')).includes('Waiting list explained'));
    assert.equal((await practitioner.agent.get('/coproduction/documents')).statusCode, 200);
  });

  void test('an empty search and one that finds nothing say so in words; query syntax is only words', async () => {
    await aWorkspace();
    const { agent } = await signedInAs(ctx, ['group']);
    const empty = await agent.get('/coproduction/search');
    assert.match(empty.body, /Type a word or a few words, then choose Search\. You can find proposals, documents being written, published pages and news\./);
    assert.match(empty.body, /<form method="get" action="\/coproduction\/search" role="search"/);
    const none = await search(agent, 'zebra crossing');
    assert.match(none, /Nothing matches “zebra crossing”\./);
    assert.match(none, /Check the spelling/);
    for (const q of ['"waiting', 'waiting OR zebra', 'body:waiting', 'NEAR(waiting list)', '*', "'); drop table coproduction_proposals; --"]) assert.equal((await agent.get(`/coproduction/search?q=${encodeURIComponent(q)}`)).statusCode, 200, q);
    assert.deepEqual(results(await search(agent, 'waiting OR zebra')), [], 'OR is a word, not an operator');
    // The workspace links to it.
    const proposals = (await agent.get('/coproduction/proposals')).body;
    assert.match(proposals, /href="\/coproduction\/search"/);
    assert.match(proposals, /<form method="get" action="\/coproduction\/search" role="search"/, 'and searches from the proposals list');
  });
});
