// The duty procedure, tried by the people it protects against as well as by the duty team: a
// disclosure reaches the duty queue at once and nobody else; the alert mail holds none of the
// words and goes first; taking, closing and releasing happen in order and are recorded; an
// alert nobody takes escalates on time (a fake clock), once.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { forEachDialect, signedInAs, type TestContext } from '../../../test/helpers.ts';
import { drainOutbox, queueMail, type Mailer } from '../../platform/mail/outbox.ts';
import { dutyStates, escalateOverdueAlerts, raiseDutyAlert } from './index.ts';

const WORDS = 'I just want to end it all. Nobody at the clinic has called me back since March.';

async function raise(ctx: TestContext, sourceId: string) {
  return raiseDutyAlert(ctx.db, ctx.config, { source: 'feedback', sourceId, personId: null, body: WORDS, suggestedRelease: 'Nobody at the clinic has called me back since March.' });
}

const outboxFor = (ctx: TestContext, purpose: string) => ctx.db.selectFrom('outbox').selectAll().where('purpose', '=', purpose).execute();

forEachDialect('the duty procedure', (ctx) => {
  test('a disclosure is in the duty queue at once, with its words, and nobody but the duty role can reach it', async () => {
    const { agent: onDuty } = await signedInAs(ctx, ['practitioner', 'duty']);
    const id = await raise(ctx, '00000000-0000-4000-8000-000000000001');
    const queue = await onDuty.get('/duty');
    assert.equal(queue.statusCode, 200);
    assert.match(queue.body, new RegExp(`href="/duty/${id}"`));
    assert.match(queue.body, /New: not taken yet/);
    assert.ok(!queue.body.includes('end it all'), 'the queue lists when and where, not the words');
    const page = await onDuty.get(`/duty/${id}`);
    assert.ok(page.body.includes('I just want to end it all.'), 'the duty role reads the words');
    assert.match(page.body, /<dt class="nhsuk-summary-list__key">\s*Received\s*<\/dt>/, 'when it arrived, where from and how it stands');

    for (const roles of [['group'], ['lead'], ['practitioner'], ['person']] as const) {
      const { agent } = await signedInAs(ctx, [...roles]);
      for (const url of ['/duty', `/duty/${id}`]) {
        const response = await agent.get(url);
        assert.equal(response.statusCode, 404, `${roles.join('+')} gets 404 for ${url}`);
        assert.ok(!response.body.includes('end it all'));
      }
      assert.equal((await agent.post(`/duty/${id}/take`, {})).statusCode, 404, `${roles.join('+')} cannot take it`);
    }
    const views = await ctx.db.selectFrom('audit_log').select('actor_id').where('action', '=', 'duty.alert-viewed').where('subject', '=', id).execute();
    assert.equal(views.length, 1, 'every view of the words is audited');
  });

  test('the alert mail holds none of the words, goes to the duty contact and the rota, and is sent before everything else', async () => {
    const config = { ...ctx.config, dutyContactEmail: 'duty-phone@example.org', dutyContactMobile: '07700 900 111' };
    const { account: rota } = await signedInAs(ctx, ['duty']);
    await queueMail(ctx.db, { to: 'someone@example.org', subject: 'Newsletter', text: 'x', purpose: 'newsletter' });
    const id = await raiseDutyAlert(ctx.db, config, { source: 'feedback', sourceId: '00000000-0000-4000-8000-000000000002', personId: null, body: WORDS });
    const alerts = (await outboxFor(ctx, 'duty-alert')).filter((m) => m.body_text.includes(id));
    const onTheRota = (await ctx.db.selectFrom('account_roles').innerJoin('accounts', 'accounts.id', 'account_roles.account_id').select('accounts.email').where('role', '=', 'duty').execute()).map((r) => r.email);
    assert.ok(onTheRota.includes(rota.email));
    assert.deepEqual(alerts.map((m) => m.to_address).sort(), ['duty-phone@example.org', ...onTheRota].sort(), 'the duty contact and everyone on the rota, once each');
    for (const mail of alerts) {
      assert.ok(!mail.body_text.includes('end it all') && !mail.body_text.includes('March'), 'no words of the disclosure');
      assert.ok(!mail.body_text.includes(ctx.config.serviceName), 'no service name');
    }
    const order: string[] = [];
    const mailer: Mailer = { send: async (m) => void order.push(m.subject), close: () => {} };
    await drainOutbox(ctx.db, mailer, { from: 'withme <no-reply@example.org>', batch: 50 });
    assert.equal(order.indexOf('Newsletter') > order.lastIndexOf('Duty check needed'), true, `duty alerts go first: ${order.join(', ')}`);
  });

  test('taken, then closed with what was done, in that order; a second taker is told; released words go back', async () => {
    const { agent: first, account: firstAccount } = await signedInAs(ctx, ['duty'], { displayName: 'Dana Duty' });
    const { agent: second } = await signedInAs(ctx, ['duty']);
    const sourceId = '00000000-0000-4000-8000-000000000003';
    const id = await raise(ctx, sourceId);
    assert.deepEqual(await dutyStates(ctx.db, 'feedback', [sourceId]), new Map([[sourceId, { state: 'withheld' }]]));

    await first.get(`/duty/${id}`);
    const early = await first.post(`/duty/${id}/close`, { actionTaken: 'Called them.', release: 'withheld' });
    assert.equal(early.statusCode, 400, 'closing before anyone took it is refused');
    assert.match(early.body, /Take this first, so the team knows who is dealing with it/);

    assert.equal((await first.post(`/duty/${id}/take`, {})).statusCode, 303);
    await second.get(`/duty/${id}`);
    const again = await second.post(`/duty/${id}/take`, {});
    assert.equal(again.statusCode, 400, 'the page is shown again, saying why');
    assert.match(again.body, /Someone else on duty has already taken this/);
    assert.match((await second.get('/duty')).body, /Taken by Dana Duty/);

    const empty = await first.post(`/duty/${id}/close`, { actionTaken: '', release: 'released', releasedText: '' });
    assert.equal(empty.statusCode, 400);
    assert.match(empty.body, /Say what you did, following the duty procedure/);
    assert.match(empty.body, /Enter the de-identified words that may go back/);
    const closed = await first.post(`/duty/${id}/close`, { actionTaken: 'Called them at 10:20; they are safe and have an appointment on Thursday.', release: 'released', releasedText: 'Nobody called me back for weeks.' });
    assert.equal(closed.statusCode, 303);
    const row = await ctx.db.selectFrom('duty_alerts').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    assert.equal(row.taken_by, firstAccount.id);
    assert.equal(row.closed_by, firstAccount.id);
    assert.match(String(row.action_taken), /Called them at 10:20/);
    assert.deepEqual(await dutyStates(ctx.db, 'feedback', [sourceId]), new Map([[sourceId, { state: 'released', text: 'Nobody called me back for weeks.' }]]));
    assert.equal((await first.post(`/duty/${id}/take`, {})).statusCode, 400, 'a closed alert cannot be taken again');
  });

  test('an alert nobody takes escalates after 15 minutes of opening time, once, to the duty contact and the leads', async () => {
    const config = { ...ctx.config, dutyContactEmail: 'duty-phone@example.org' };
    const { account: lead } = await signedInAs(ctx, ['lead']);
    const id = await raise(ctx, '00000000-0000-4000-8000-000000000004');
    // It arrived at 16:55 on a Friday (London), a few minutes before closing.
    await ctx.db.updateTable('duty_alerts').set({ raised_at: '2026-12-04T16:55:00.000Z' }).where('id', '=', id).execute();
    const escalationsOf = async () => (await outboxFor(ctx, 'duty-escalation')).filter((m) => m.body_text.includes(id));
    const escalatedAt = async () => (await ctx.db.selectFrom('duty_alerts').select('escalated_at').where('id', '=', id).executeTakeFirstOrThrow()).escalated_at;
    await escalateOverdueAlerts(ctx.db, config, new Date('2026-12-04T23:00:00.000Z'));
    assert.equal(await escalatedAt(), null, 'the evening is not opening time');
    await escalateOverdueAlerts(ctx.db, config, new Date('2026-12-07T09:09:00.000Z'));
    assert.equal(await escalatedAt(), null, '14 minutes of opening time by Monday 09:09');
    await escalateOverdueAlerts(ctx.db, config, new Date('2026-12-07T09:10:00.000Z'));
    assert.equal(await escalatedAt(), '2026-12-07T09:10:00.000Z', '15 minutes at 09:10 on Monday');
    const first = (await escalationsOf()).length;
    await escalateOverdueAlerts(ctx.db, config, new Date('2026-12-07T09:30:00.000Z'));
    assert.equal((await escalationsOf()).length, first, 'escalated once only');
    const mails = await escalationsOf();
    assert.ok(mails.some((m) => m.to_address === 'duty-phone@example.org') && mails.some((m) => m.to_address === lead.email));
    assert.ok(mails.every((m) => m.priority > 0 && !m.body_text.includes('end it all')));
    assert.ok(!(await outboxFor(ctx, 'duty-escalation')).some((m) => m.to_address === '07700 900 111'), 'no text without Notify');

    const taken = await raise(ctx, '00000000-0000-4000-8000-000000000005');
    const { agent } = await signedInAs(ctx, ['duty']);
    await agent.get(`/duty/${taken}`);
    await agent.post(`/duty/${taken}/take`, {});
    await ctx.db.updateTable('duty_alerts').set({ raised_at: '2026-12-04T09:00:00.000Z' }).where('id', '=', taken).execute();
    await escalateOverdueAlerts(ctx.db, config, new Date('2026-12-07T12:00:00.000Z'));
    assert.equal((await ctx.db.selectFrom('duty_alerts').select('escalated_at').where('id', '=', taken).executeTakeFirstOrThrow()).escalated_at, null, 'a taken alert does not escalate');
  });

  test('with GOV.UK Notify, the escalation texts the duty contact too, with none of the words', async () => {
    const notify = { apiKey: 'k', baseUrl: undefined, templates: { email: undefined, sms: 'a91b5f2e-1c0d-4d5e-9f6a-7b8c9d0e1f2a', letter: undefined }, callbackToken: undefined };
    const config = { ...ctx.config, dutyContactMobile: '07700 900 222', notify };
    const id = await raise(ctx, '00000000-0000-4000-8000-000000000006');
    await ctx.db.updateTable('duty_alerts').set({ raised_at: '2026-12-07T09:00:00.000Z' }).where('id', '=', id).execute();
    await escalateOverdueAlerts(ctx.db, config, new Date('2026-12-07T10:00:00.000Z'));
    const texts = (await outboxFor(ctx, 'duty-escalation')).filter((m) => m.to_address === '07700 900 222');
    assert.equal(texts.length, 1);
    assert.equal(texts[0]?.channel, 'sms');
    assert.ok((texts[0]?.priority ?? 0) > 0, 'ahead of everything else');
    assert.match(texts[0]?.body_text ?? '', /^Urgent: a duty check has waited 15 minutes/);
    assert.ok(!/end it all|http/.test(texts[0]?.body_text ?? ''), 'none of the words, no link');
  });

  test('the lead is warned on every page while no duty contact is set', async () => {
    const { agent } = await signedInAs(ctx, ['lead']);
    assert.match((await agent.get('/admin/accounts')).body, /No duty contact is set/);
    const { agent: other } = await signedInAs(ctx, ['practitioner']);
    assert.doesNotMatch((await other.get('/people')).body, /No duty contact is set/);
  });
});
