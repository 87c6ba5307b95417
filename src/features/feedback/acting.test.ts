// Learning and acting: themes, suggested themes, actions, closing the loop in public and with
// the people who asked for a reply.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Agent, forEachDialect, signedInAs } from '../../../test/helpers.ts';
import { sendNoticeDigests } from '../accounts/index.ts';
import type { Db } from '../../platform/db/database.ts';
import { giveFeedback } from './test-builders.ts';

const errorSummary = (body: string) => [...body.matchAll(/nhsuk-error-summary__list[\s\S]*?<\/ul>/g)].map((m) => m[0]).join('');

async function feedbackId(ctx: { db: Db }, body: string): Promise<string> {
  return (await ctx.db.selectFrom('feedback_items').select('id').where('body', '=', body).executeTakeFirstOrThrow()).id;
}

forEachDialect('learning from feedback', (ctx) => {
  test('a group member themes feedback; similar new feedback is suggested that theme, and accepting it is recorded', async () => {
    const { agent: member } = await signedInAs(ctx, ['group']);
    const first = 'The waiting list is so long, two years waiting for a first appointment.';
    const second = 'Waiting times are far too long, still on the waiting list.';
    await giveFeedback(new Agent(ctx.app), { body: first, area: 'waiting' });
    await giveFeedback(new Agent(ctx.app), { body: second, area: 'waiting' });
    const created = await member.post('/feedback/themes', { name: 'Waiting times', description: 'How long people wait' });
    assert.equal(created.statusCode, 303);
    const themeId = (created.headers.location as string).split('/').pop() ?? '';
    for (const body of [first, second]) {
      const id = await feedbackId(ctx, body);
      await member.get(`/feedback/manage/${id}`);
      assert.equal((await member.post(`/feedback/manage/${id}/themes`, { themeId })).statusCode, 303);
    }

    const third = 'Three years on the waiting list and no appointment yet.';
    await giveFeedback(new Agent(ctx.app), { body: third, area: 'waiting' });
    const id = await feedbackId(ctx, third);
    const page = await member.get(`/feedback/manage/${id}`);
    assert.match(page.body, /Suggested themes/);
    assert.match(page.body, /<strong>Waiting times<\/strong> \(\d+% similar\)/);
    const accepted = await member.post(`/feedback/manage/${id}/suggestions`, { themeId, decision: 'accept' });
    assert.equal(accepted.statusCode, 303);
    const decision = await ctx.db.selectFrom('feedback_theme_suggestions').selectAll().where('feedback_id', '=', id).executeTakeFirstOrThrow();
    assert.equal(decision.decision, 'accepted');
    assert.ok(decision.score > 0);
    const applied = await ctx.db.selectFrom('feedback_item_themes').selectAll().where('feedback_id', '=', id).executeTakeFirstOrThrow();
    assert.equal(applied.via_suggestion, 1);

    const theme = await member.get(`/feedback/themes/${themeId}`);
    assert.match(theme.body, /3 pieces of feedback/);
    assert.match(theme.body, /<svg class="app-chart"[^>]*role="img"/);
    const month = new Intl.DateTimeFormat('en-GB', { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(new Date());
    assert.match(theme.body, new RegExp(`<th scope="row" class="nhsuk-table__header">${month}</th><td class="nhsuk-table__cell nhsuk-table__cell--numeric">3</td>`));
  });

  test('a theme must be chosen from the list or named: anything else makes no nameless theme', async () => {
    const { agent: member } = await signedInAs(ctx, ['group']);
    const body = 'The car park was full again.';
    await giveFeedback(new Agent(ctx.app), { body });
    const id = await feedbackId(ctx, body);
    await member.get(`/feedback/manage/${id}`);
    const refused = await member.post(`/feedback/manage/${id}/themes`, { themeId: 'not-a-theme', newTheme: '' });
    assert.equal(refused.statusCode, 400);
    assert.match(errorSummary(refused.body), /Choose a theme, or give a new theme a name/);
    assert.equal((await ctx.db.selectFrom('feedback_themes').select('id').where('name', '=', '').execute()).length, 0);
  });

  test('a rejected suggestion is recorded and not offered again', async () => {
    const { agent: staff } = await signedInAs(ctx, ['practitioner']);
    const body = 'Waiting list for years, the waiting is hard.';
    await giveFeedback(new Agent(ctx.app), { body });
    const id = await feedbackId(ctx, body);
    const theme = await ctx.db.selectFrom('feedback_themes').select('id').where('name', '=', 'Waiting times').executeTakeFirstOrThrow();
    await staff.get(`/feedback/manage/${id}`);
    assert.equal((await staff.post(`/feedback/manage/${id}/suggestions`, { themeId: theme.id, decision: 'reject' })).statusCode, 303);
    const row = await ctx.db.selectFrom('feedback_theme_suggestions').select('decision').where('feedback_id', '=', id).executeTakeFirstOrThrow();
    assert.equal(row.decision, 'rejected');
    assert.doesNotMatch((await staff.get(`/feedback/manage/${id}`)).body, /Suggested themes/);
  });
});

forEachDialect('acting on feedback and closing the loop', (ctx) => {
  test('an action closed from a theme appears on the public board and in the feed, and the people who asked are told', async () => {
    const { agent: lead, account: leadAccount } = await signedInAs(ctx, ['lead', 'group']);
    const { agent: person, account: personAccount } = await signedInAs(ctx, ['person']);
    const byEmail = 'Letters use my old name <again> & it hurts.';
    const byPhone = 'The letter about my appointment had the wrong title.';
    const byAccount = 'My letter had the wrong pronouns.';
    await giveFeedback(new Agent(ctx.app), { body: byEmail, area: 'letters', reply: 'email', replyEmail: 'reply-me@example.org' });
    await giveFeedback(new Agent(ctx.app), { body: byPhone, area: 'letters', reply: 'phone', replyPhone: '07700 900982' });
    await giveFeedback(person, { body: byAccount, area: 'letters', reply: 'account' });
    assert.equal((await ctx.db.selectFrom('feedback_items').select('account_id').where('body', '=', byAccount).executeTakeFirstOrThrow()).account_id, personAccount.id);

    await lead.get('/feedback/themes');
    const created = await lead.post('/feedback/themes', { name: 'Letters & names' });
    const themeId = (created.headers.location as string).split('/').pop() ?? '';
    const ids = [await feedbackId(ctx, byEmail), await feedbackId(ctx, byPhone), await feedbackId(ctx, byAccount)];
    for (const id of ids) {
      await lead.get(`/feedback/manage/${id}`);
      await lead.post(`/feedback/manage/${id}/themes`, { themeId });
    }

    // Start an action from the theme page, linked to the feedback.
    const form = await lead.get(`/feedback/actions/new?theme=${themeId}`);
    assert.match(form.body, new RegExp(`value="${themeId}" checked`));
    const invalid = await lead.post('/feedback/actions', { title: '', ownerId: '', themeIds: themeId, 'due-day': '31', 'due-month': '2', 'due-year': '2027' });
    assert.equal(invalid.statusCode, 400);
    assert.match(invalid.body, /Enter what will be done/);
    assert.match(invalid.body, /The due date must be a real date/);
    // Linked to one piece of feedback directly; the other two reach it through the theme.
    const made = await lead.post('/feedback/actions', { title: 'Check every letter template for names and titles', ownerId: leadAccount.id, themeIds: themeId, feedbackIds: ids[0] ?? '', 'due-day': '31', 'due-month': '3', 'due-year': '2027' });
    assert.equal(made.statusCode, 303);
    const actionId = (made.headers.location as string).split('/').pop() ?? '';
    const actionPage = await lead.get(`/feedback/actions/${actionId}`);
    assert.match(actionPage.body, /31 March 2027/);
    assert.match(actionPage.body, /1 linked; 1 waiting for a reply/);

    // Nothing is public until it is closed.
    assert.equal((await new Agent(ctx.app).get(`/you-said-we-did/${actionId}`)).statusCode, 404);

    const closed = await lead.post(`/feedback/actions/${actionId}/close`, {
      outcome: 'done',
      youSaid: 'Letters used old names & wrong titles <sometimes>.',
      weDid: 'We checked every letter template with the Coproduction Group and now use the name and title you choose.',
    });
    assert.equal(closed.statusCode, 303);
    assert.match((await lead.get(`/feedback/actions/${actionId}`)).body, /3 linked; 1 waiting for a reply/, "only the phone call is still to make");

    // The public board, filterable by theme.
    const board = await new Agent(ctx.app).get(`/you-said-we-did?theme=${themeId}`);
    assert.equal(board.statusCode, 200);
    assert.match(board.body, /Check every letter template for names and titles/);
    assert.match(board.body, /Letters used old names &amp; wrong titles &lt;sometimes&gt;\./);
    assert.match(board.body, /We did:<\/strong> We checked every letter template/);
    const other = await new Agent(ctx.app).get('/you-said-we-did?theme=00000000-0000-4000-8000-000000000000');
    assert.doesNotMatch(other.body, /Check every letter template/);

    // The Atom feed: well-formed enough to parse, escaped, with the entry.
    const feed = await new Agent(ctx.app).get('/you-said-we-did/feed.xml');
    assert.equal(feed.statusCode, 200);
    assert.match(String(feed.headers['content-type']), /application\/atom\+xml/);
    assert.match(feed.body, /^<\?xml version="1.0" encoding="utf-8"\?>\n<feed xmlns="http:\/\/www.w3.org\/2005\/Atom">/);
    const entries = [...feed.body.matchAll(/<entry>([\s\S]*?)<\/entry>/g)].map((m) => m[1] ?? '');
    assert.equal(entries.length, 1);
    assert.match(entries[0] ?? '', new RegExp(`<id>${ctx.config.publicUrl}/you-said-we-did/${actionId}</id>`));
    assert.match(entries[0] ?? '', /You said: Letters used old names &amp; wrong titles &lt;sometimes&gt;\./);
    assert.doesNotMatch(feed.body.replace(/<\/?[a-z?][^>]*>/gi, ''), /<|&(?!amp;|lt;|gt;|quot;|apos;)/);

    // Email: a discreet message, then the address is forgotten.
    const mail = await ctx.db.selectFrom('outbox').selectAll().where('to_address', '=', 'reply-me@example.org').execute();
    assert.equal(mail.length, 1);
    assert.equal(mail[0]?.subject, 'An update you asked for');
    assert.doesNotMatch(mail[0]?.body_text ?? '', /old name <again>/);
    const emailed = await ctx.db.selectFrom('feedback_items').select(['reply_email', 'replied_at', 'closed_at']).where('id', '=', ids[0] ?? '').executeTakeFirstOrThrow();
    assert.equal(emailed.reply_email, null);
    assert.ok(emailed.replied_at);
    assert.ok(emailed.closed_at);

    // Account: a discreet notice to the person's own address, in their next digest.
    await sendNoticeDigests(ctx.db, ctx.config, new Date(Date.now() + 10 * 60_000));
    const notice = await ctx.db.selectFrom('outbox').selectAll().where('to_address', '=', personAccount.email).execute();
    assert.equal(notice.length, 1);
    assert.match(notice[0]?.body_text ?? '', /You have a new update — sign in to read it/);

    // Phone: a call for staff to make, listed in the app; recording it deletes the number.
    const calls = await lead.get('/feedback/replies');
    assert.match(calls.body, /07700 900982/);
    const task = await ctx.db.selectFrom('feedback_reply_tasks').select('id').executeTakeFirstOrThrow();
    assert.equal((await lead.post(`/feedback/replies/${task.id}/done`)).statusCode, 303);
    assert.doesNotMatch((await lead.get('/feedback/replies')).body, /07700 900982/);
    assert.equal((await ctx.db.selectFrom('feedback_items').select('reply_phone').where('id', '=', ids[1] ?? '').executeTakeFirstOrThrow()).reply_phone, null);

    // A closed action cannot be closed twice.
    assert.equal((await lead.post(`/feedback/actions/${actionId}/close`, { outcome: 'done', youSaid: 'x', weDid: 'y' })).statusCode, 404);
  });

  test("an action that could not be done says \"We couldn't … because …\", and a public statement may not carry contact details", async () => {
    const { agent: staff, account } = await signedInAs(ctx, ['practitioner']);
    await staff.get('/feedback/themes');
    const created = await staff.post('/feedback/themes', { name: 'Parking' });
    const themeId = (created.headers.location as string).split('/').pop() ?? '';
    await staff.get('/feedback/actions/new');
    const made = await staff.post('/feedback/actions', { title: 'More parking spaces', ownerId: account.id, themeIds: themeId });
    const actionId = (made.headers.location as string).split('/').pop() ?? '';
    await staff.get(`/feedback/actions/${actionId}`);
    const leaky = await staff.post(`/feedback/actions/${actionId}/close`, { outcome: 'not-done', youSaid: 'Parking is hard', weCouldnt: 'add spaces', because: 'call 0113 496 0000' });
    assert.equal(leaky.statusCode, 400);
    assert.match(leaky.body, /This is published: remove phone numbers/);
    const missing = await staff.post(`/feedback/actions/${actionId}/close`, { outcome: 'not-done', youSaid: 'Parking is hard', weCouldnt: 'add spaces' });
    assert.match(missing.body, /Enter why you could not do it/);
    await staff.post(`/feedback/actions/${actionId}/close`, { outcome: 'not-done', youSaid: 'Parking is hard to find.', weCouldnt: 'add more spaces', because: 'the car park belongs to the hospital trust; we have asked them and put bus routes on our letters.' });
    const entry = await new Agent(ctx.app).get(`/you-said-we-did/${actionId}`);
    assert.match(entry.body, /We couldn't:<\/strong> add more spaces/);
    assert.match(entry.body, /Because:<\/strong> the car park belongs to the hospital trust/);
  });

  test('a group member raises a proposal from a theme, linked back to it through an action', async () => {
    const { agent: member, account } = await signedInAs(ctx, ['group']);
    await member.get('/feedback/themes');
    const created = await member.post('/feedback/themes', { name: 'Peer support' });
    const themeId = (created.headers.location as string).split('/').pop() ?? '';
    await member.get(`/feedback/themes/${themeId}`);
    const refused = await member.post(`/feedback/themes/${themeId}/proposal`, { title: 'Peer support group', problem: '' });
    assert.equal(refused.statusCode, 400);
    assert.match(refused.body, /Describe the problem people told us about/);
    const raised = await member.post(`/feedback/themes/${themeId}/proposal`, { title: 'Peer support group', problem: 'People waiting feel alone.', idea: 'A monthly group run by members.' });
    assert.equal(raised.statusCode, 303);
    const proposalId = (raised.headers.location as string).split('/').pop() ?? '';
    const proposal = await ctx.db.selectFrom('coproduction_proposals').selectAll().where('id', '=', proposalId).executeTakeFirstOrThrow();
    assert.equal(proposal.author_id, account.id);
    assert.equal(proposal.origin, 'lived-experience');
    const action = await ctx.db.selectFrom('feedback_actions').innerJoin('feedback_action_themes', 'feedback_action_themes.action_id', 'feedback_actions.id').select(['feedback_actions.proposal_id']).where('feedback_action_themes.theme_id', '=', themeId).executeTakeFirstOrThrow();
    assert.equal(action.proposal_id, proposalId);
  });

  test('the public statement is checked against the language guide, and each check is logged', async () => {
    const { agent: staff, account } = await signedInAs(ctx, ['practitioner']);
    await staff.get('/feedback/themes');
    const created = await staff.post('/feedback/themes', { name: 'Inclusive events' });
    const themeId = (created.headers.location as string).split('/').pop() ?? '';
    await staff.get('/feedback/actions/new');
    const made = await staff.post('/feedback/actions', { title: 'Events for everyone', ownerId: account.id, themeIds: themeId });
    const actionId = (made.headers.location as string).split('/').pop() ?? '';
    await staff.get(`/feedback/actions/${actionId}`);
    const warned = await staff.post(`/feedback/actions/${actionId}/close`, { outcome: 'done', youSaid: 'Events felt unwelcoming.', weDid: 'We held an evening for the transgenders who use the service.' });
    assert.equal(warned.statusCode, 400);
    assert.match(warned.body, /Our language guide suggests a change/);
    assert.match(warned.body, /Publish it as written/);
    const logged = await ctx.db.selectFrom('language_check_log').select(['words', 'findings']).where('source', '=', 'you-said-we-did').execute();
    assert.ok(logged.some((l) => l.findings > 0), 'the check with a finding is logged (counts only)');
    const fixed = await staff.post(`/feedback/actions/${actionId}/close`, { outcome: 'done', youSaid: 'Events felt unwelcoming.', weDid: 'We held an evening for the trans people who use the service.' });
    assert.equal(fixed.statusCode, 303);
  });
});
