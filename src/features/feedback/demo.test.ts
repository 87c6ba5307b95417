// The demo content gives every feedback and insight page something real to show.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Agent, anAccount, forEachDialect } from '../../../test/helpers.ts';
import { seedFeedback } from './demo.ts';

forEachDialect('feedback demo content', (ctx) => {
  test('fills the board, the moderation queue, actions, calls and insight', async () => {
    const lead = await anAccount(ctx.db, { roles: ['lead'] });
    const practitioner = await anAccount(ctx.db, { roles: ['practitioner'] });
    const group = await anAccount(ctx.db, { roles: ['group'] });
    const person = await anAccount(ctx.db, { roles: ['person'] });
    await seedFeedback({ db: ctx.db, config: ctx.config, accounts: { lead: lead.id, practitioner: practitioner.id, group: group.id, person: person.id } });

    const board = await new Agent(ctx.app).get('/you-said-we-did');
    assert.match(board.body, /3 changes/);
    assert.match(board.body, /We couldn't:<\/strong> give everyone a shorter wait/);

    const insights = (await new Agent(ctx.app).get('/api/v1/insights')).json<{ figures: Array<{ id: string; rows: unknown[][] }> }>();
    const feedback = insights.figures.find((f) => f.id === 'feedback-response');
    assert.match(String(feedback?.rows[0]?.[1]), /^\d+(\.\d)? days?$/);
    assert.match(String(feedback?.rows[1]?.[1]), /^\d+(\.\d)? days?$/);

    const member = new Agent(ctx.app);
    await member.signIn(group.email);
    const queue = await member.get('/feedback/moderation');
    assert.match(queue.body, /\[name removed\]/);
    assert.doesNotMatch(queue.body, /Robin Hale|07700 900127/);
    const staff = new Agent(ctx.app);
    await staff.signIn(lead.email);
    assert.match((await staff.get('/feedback/replies')).body, /07700 900461/);
    assert.match((await staff.get('/feedback/actions')).body, /Pilot an online peer support group/);
  });
});
