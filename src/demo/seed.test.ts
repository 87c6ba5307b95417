// The demo shows a living service: every figure on /insights rests on at least 5 people or
// decisions and shows a number, except the few cells meant to be small (a member who joined on
// their own one month); a decision of each method is open; a correction waits for an answer.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Agent, forEachDialect } from '../../test/helpers.ts';
import { DEMO_ACCOUNTS, seedDemo } from './seed.ts';

const PASSWORD = 'demo test password, not secret';
/** What a cell says when it is hidden (k = 5). */
const HIDDEN = /fewer than 5|not shown/;

forEachDialect('the demo service', (ctx) => {
  test('every insight figure shows a number, except the cells meant to be small', async () => {
    await seedDemo(ctx.db, ctx.config, PASSWORD);
    const insights = (await new Agent(ctx.app).get('/api/v1/insights')).json<{ figures: Array<{ id: string; headline?: string; rows: unknown[][] }> }>();
    const hidden: string[] = [];
    for (const figure of insights.figures) {
      for (const row of figure.rows) {
        row.slice(1).forEach((cell, i) => {
          if (HIDDEN.test(String(cell))) hidden.push(`${figure.id}: ${String(row[0])}, column ${i + 2}`);
          else assert.match(String(cell), /^\d+(\.\d+)?(%| days?)?$/, `${figure.id}: ${String(row[0])} shows a number, not “${String(cell)}”`);
        });
      }
    }
    // The small cells: the month one newcomer joined (1 new member, so returning is hidden too).
    assert.equal(hidden.length, 2, `hidden cells: ${hidden.join('; ')}`);
    assert.ok(hidden.every((h) => h.startsWith('group-members: ')), `only the newcomer's month is small: ${hidden.join('; ')}`);
    const ids = insights.figures.map((f) => f.id);
    for (const id of ['participation', 'lived-experience-first', 'feedback-response', 'staff-responses', 'priorities']) {
      assert.ok(insights.figures.find((f) => f.id === id)?.headline, `${id} has a headline (there is enough to say one): ${ids.join(', ')}`);
    }
    const participation = insights.figures.find((f) => f.id === 'participation')!;
    for (const row of participation.rows) assert.ok(Number(row[1]) === 0 || Number(row[1]) >= 5, `each level has none or at least 5 decisions: ${JSON.stringify(row)}`);

    // The page says the same: a number in every cell but the two small ones.
    const page = (await new Agent(ctx.app).get('/insights')).body;
    assert.equal(page.match(/>\s*(<span[^>]*>[^<]*<\/span>)?\s*(fewer than 5|not shown)\s*</g)?.length, 2, 'two hidden cells on /insights');
  });

  test('a decision of each method is open, a correction waits for an answer and a letter for review', async () => {
    const open = await ctx.db.selectFrom('coproduction_decisions').select('method').distinct().where('status', '=', 'open').execute();
    assert.deepEqual(open.map((d) => d.method).sort(), ['advice', 'consent', 'ranked-choice', 'vote']);
    const person = await ctx.db.selectFrom('accounts').select('id').where('email', '=', DEMO_ACCOUNTS.person.email).executeTakeFirstOrThrow();
    const corrections = await ctx.db.selectFrom('record_responses').select('id').where('kind', '=', 'correction').where('person_id', '=', person.id).where('answered_at', 'is', null).execute();
    assert.ok(corrections.length >= 1, 'the demo person’s correction waits for an answer');

    const sam = new Agent(ctx.app);
    await sam.signIn(DEMO_ACCOUNTS.person.email, PASSWORD);
    assert.match((await sam.get('/me')).body, /waiting for you to review/);
  });
});
