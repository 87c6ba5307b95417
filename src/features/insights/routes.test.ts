// /insights, its CSV downloads and /api/v1/insights, computed from data put in through the
// features' own functions.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Agent, anAccount, forEachDialect } from '../../../test/helpers.ts';
import { insertDecision, insertProposal } from '../coproduction/test-builders.ts';
import { logLanguageCheck } from '../language/index.ts';
import { replacePersonPriorities } from '../record/test-builders.ts';
import { giveFeedback } from '../feedback/test-builders.ts';
import { invalidateInsights } from './repository.ts';

interface Json {
  computedAt: string;
  k: number;
  figures: Array<{ id: string; columns: string[]; rows: Array<Array<string | number | null>>; suppressed: boolean; headline?: string }>;
}

forEachDialect('insight', (ctx) => {
  test('every figure is computed from the data, shown as a chart with a table, and small groups are suppressed', async () => {
    // Five closed decisions on proposals raised by group members: engagement, from the evidence.
    const member = await anAccount(ctx.db, { roles: ['group'] });
    for (let i = 0; i < 5; i += 1) {
      const proposalId = await insertProposal(ctx.db, { title: `P${i}`, problem: 'x', affects: 'y', idea: 'z', area: 'other', origin: 'lived-experience', author_id: member.id, stage: 'implementing', not_adopted_reason: null });
      await insertDecision(ctx.db, {
        proposal_id: proposalId, method: 'consent', question: 'Agree?', anonymous: 0, public: 1, document_version_id: null, status: 'closed', opened_by: member.id,
        opened_at: '2026-11-01T10:00:00.000Z', closed_by: member.id, closed_at: '2026-11-02T10:00:00.000Z', outcome: 'adopted', chosen_option_id: null, summary: 'Adopted',
        quorum_min_group: 3, quorum_min_share_percent: 50, quorum_met: 0, decider_id: null, claimed_level: 'co-production', computed_level: null,
      });
    }
    // Six people rank priorities: hormones first for five of them, voice first for one.
    for (let i = 0; i < 6; i += 1) {
      const person = await anAccount(ctx.db, { roles: ['person'] });
      await replacePersonPriorities(ctx.db, person.id, i < 5
        ? [{ priorityId: 'hormones', rank: 1, ownWords: null }, { priorityId: 'voice', rank: 2, ownWords: null }]
        : [{ priorityId: 'voice', rank: 1, ownWords: null }]);
    }
    // Language checks this month: 5 checks, 1,000 words, 4 findings, 1 blocking.
    for (let i = 0; i < 5; i += 1) await logLanguageCheck(ctx.db, { source: 'record-entry', words: 200, findings: i < 4 ? 1 : 0, blocking: i === 0 ? 1 : 0 });
    // Three pieces of feedback: too few for the medians to be shown.
    for (let i = 0; i < 3; i += 1) await giveFeedback(new Agent(ctx.app), { body: `Feedback number ${i}` });
    await invalidateInsights(ctx.db);

    const page = await new Agent(ctx.app).get('/insights');
    assert.equal(page.statusCode, 200);
    for (const id of ['participation', 'lived-experience-first', 'feedback-response', 'staff-responses', 'group-members', 'priorities', 'language']) {
      assert.match(page.body, new RegExp(`<h2 id="${id}">`));
      assert.match(page.body, new RegExp(`href="/insights/${id}.csv"`));
    }
    assert.match(page.body, /<svg class="app-chart"[^>]*role="img"/);
    assert.match(page.body, /<th scope="row" class="nhsuk-table__header">[^<]*<span[^>]*>[^<]*<\/span>Engagement<\/th>\s*<td[^>]*><span[^>]*>[^<]*<\/span>5<\/td>\s*<td[^>]*><span[^>]*>[^<]*<\/span>100%<\/td>/);

    const json = (await new Agent(ctx.app).get('/api/v1/insights')).json<Json>();
    const figure = (id: string) => json.figures.find((f) => f.id === id)!;
    assert.equal(json.k, 5);
    assert.deepEqual(figure('participation').rows.find((r) => r[0] === 'Engagement'), ['Engagement', '5', '100%']);
    assert.deepEqual(figure('lived-experience-first').rows[0], ['Before the options were set', '5', '100%']);
    // 5 people ranked hormones first (shown); 1 ranked voice first (hidden, and so is the next smallest).
    const priorities = figure('priorities');
    assert.deepEqual(priorities.rows.find((r) => r[0] === 'Hormones')?.slice(1, 3), ['not shown', 'not shown']);
    assert.deepEqual(priorities.rows.find((r) => r[0] === 'Voice and communication')?.slice(1, 4), ['fewer than 5', 'not shown', '6']);
    assert.equal(priorities.suppressed, true);
    const feedback = figure('feedback-response');
    // Three pieces of feedback received: fewer than 5, so even the share closed is not shown.
    assert.deepEqual(feedback.rows.map((r) => r[1]), ['none yet', 'none yet', 'not shown']);
    const month = json.figures.find((f) => f.id === 'language')!.rows.at(-1);
    assert.deepEqual(month?.slice(1), [5, 1000, 4, 1]);

    const csv = await new Agent(ctx.app).get('/insights/language.csv');
    assert.equal(csv.statusCode, 200);
    assert.match(String(csv.headers['content-type']), /text\/csv/);
    assert.match(String(csv.headers['content-disposition']), /attachment; filename="withme-language.csv"/);
    assert.ok(csv.body.startsWith('Month,Checks,Words checked,"Findings per 1,000 words","Blocking findings per 1,000 words"\r\n'));
    assert.match(csv.body, /,5,1000,4,1\r\n$/);
    assert.equal((await new Agent(ctx.app).get('/insights/nothing.csv')).statusCode, 404);
    assert.equal((await new Agent(ctx.app).get('/insights/..%2Fetc.csv')).statusCode, 400);
  });

  test('the snapshot is refreshed when feedback changes', async () => {
    const before = (await new Agent(ctx.app).get('/api/v1/insights')).json<Json>();
    await giveFeedback(new Agent(ctx.app), { body: 'One more' });
    await giveFeedback(new Agent(ctx.app), { body: 'And another' });
    const after = (await new Agent(ctx.app).get('/api/v1/insights')).json<Json>();
    assert.notEqual(after.computedAt, before.computedAt);
    assert.deepEqual(after.figures.find((f) => f.id === 'feedback-response')?.rows[2], ['Share of feedback closed', '0%', '5']);
  });
});
