import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Agent, anAccount, forEachDialect } from '../../../test/helpers.ts';
import { seedCoproduction } from './demo.ts';
import * as repo from './repository/index.ts';
import { STAGES } from './model.ts';

forEachDialect('coproduction: demo content', (ctx) => {
  test('the demo has proposals at every stage, a decision of each method, published pages, a meeting whose time awaits approval, and every page renders', async () => {
    const accounts = {
      lead: (await anAccount(ctx.db, { roles: ['lead'] })).id,
      practitioner: (await anAccount(ctx.db, { roles: ['practitioner'] })).id,
      group: (await anAccount(ctx.db, { roles: ['group'] })).id,
      person: (await anAccount(ctx.db, { roles: ['person'] })).id,
    };
    await seedCoproduction({ db: ctx.db, config: ctx.config, accounts });

    const proposals = await repo.listProposals(ctx.db);
    assert.deepEqual([...new Set(proposals.map((p) => p.stage))].sort(), Object.keys(STAGES).sort());
    const decisions = await repo.listDecisions(ctx.db);
    assert.deepEqual([...new Set(decisions.map((d) => d.method))].sort(), ['advice', 'consent', 'ranked-choice', 'vote']);
    assert.ok(decisions.some((d) => d.anonymous === 1 && d.status === 'closed'));
    const meetings = await repo.listMeetings(ctx.db);
    assert.equal(meetings.length, 2);
    // The latest meeting's time awaits approval, by its facilitator or the lead
    const awaiting = await repo.involvementForMeeting(ctx.db, meetings[0]!.id);
    assert.ok(awaiting.length >= 3 && awaiting.every((e) => e.status === 'awaiting'), 'the newest meeting has time awaiting approval');
    assert.ok((await repo.involvementForMeeting(ctx.db, meetings[1]!.id)).every((e) => e.status === 'approved'));

    const visitor = new Agent(ctx.app);
    for (const url of ['/pages/coming-to-clinic', '/news', '/news/what-coproduction-has-taught-me', '/news/feed.xml', '/coproduction/decisions', '/coproduction/history']) {
      assert.equal((await visitor.get(url)).statusCode, 200, url);
    }
    for (const d of decisions.filter((x) => x.status === 'closed')) assert.equal((await visitor.get(`/coproduction/decisions/${d.id}`)).statusCode, 200);

    for (const roles of [['group'], ['practitioner'], ['lead']] as const) {
      const account = await anAccount(ctx.db, { roles: [...roles] });
      const agent = new Agent(ctx.app);
      await agent.signIn(account.email);
      const urls = ['/coproduction/proposals', '/coproduction/proposals/new', '/coproduction/documents', '/coproduction/documents/new', '/coproduction/meetings', '/coproduction/meetings/new', '/coproduction/responses', '/coproduction/settings', '/coproduction/involvement', '/coproduction/digest'];
      urls.push(...proposals.map((p) => `/coproduction/proposals/${p.id}`));
      urls.push(...decisions.map((d) => `/coproduction/proposals/${d.proposal_id}/decisions/${d.id}`));
      urls.push(...(await repo.listDocuments(ctx.db)).map((d) => `/coproduction/documents/${d.id}`));
      urls.push(...(await repo.listMeetings(ctx.db)).map((m) => `/coproduction/meetings/${m.id}`));
      for (const url of urls) {
        const response = await agent.get(url);
        assert.equal(response.statusCode, 200, `${roles.join()} ${url}`);
        assert.match(response.body, /aria-label="Coproduction"/, `sub-navigation on ${url}`);
      }
    }
  });
});
