// Listening: the public feedback form, its protections, risk, de-identification and moderation.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Agent, anAccount, forEachDialect, signedInAs } from '../../../test/helpers.ts';
import { giveFeedback } from './test-builders.ts';

const errorSummary = (body: string) => [...body.matchAll(/nhsuk-error-summary__list[\s\S]*?<\/ul>/g)].map((m) => m[0]).join('');

forEachDialect('giving feedback', (ctx) => {
  test('anonymous feedback is stored without an account and thanked', async () => {
    const agent = new Agent(ctx.app);
    const response = await giveFeedback(agent, { body: 'Letters arrive with the right name now.', rating: 'very-good', area: 'letters' });
    assert.equal(response.statusCode, 200);
    assert.match(response.body, /Thank you for your feedback/);
    assert.doesNotMatch(response.body, /Support is available now/);
    const row = await ctx.db.selectFrom('feedback_items').selectAll().where('body', '=', 'Letters arrive with the right name now.').executeTakeFirstOrThrow();
    assert.equal(row.account_id, null);
    assert.equal(row.rating, 'very-good');
    assert.equal(row.moderation, 'not-consented');
    assert.equal(row.risk, 0);
  });

  test('a signed-in person stays anonymous unless they choose to attach their account', async () => {
    const { agent, account } = await signedInAs(ctx, ['person']);
    const form = await agent.get('/feedback');
    assert.match(form.body, /Attach my account to this feedback/);
    await giveFeedback(agent, { body: 'Not attached, please.' });
    await giveFeedback(agent, { body: 'Attached, please.', attach: 'yes' });
    const rows = await ctx.db.selectFrom('feedback_items').select(['body', 'account_id']).where('body', 'in', ['Not attached, please.', 'Attached, please.']).execute();
    assert.equal(rows.find((r) => r.body === 'Not attached, please.')?.account_id, null);
    assert.equal(rows.find((r) => r.body === 'Attached, please.')?.account_id, account.id);
  });

  test('a filled honeypot is thanked but nothing is stored', async () => {
    const before = await ctx.db.selectFrom('feedback_items').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    const response = await giveFeedback(new Agent(ctx.app), { body: 'Buy cheap watches', website: 'http://spam.example' });
    assert.equal(response.statusCode, 200);
    assert.match(response.body, /Thank you for your feedback/);
    const after = await ctx.db.selectFrom('feedback_items').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    assert.equal(Number(after.n), Number(before.n));
  });

  test('the honeypot is labelled "leave this blank", hidden and not autofilled', async () => {
    const page = await new Agent(ctx.app).get('/feedback');
    assert.match(page.body, /<label for="website">Leave this blank<\/label>/);
    assert.match(page.body, /<input id="website" name="website" type="text" tabindex="-1" autocomplete="off"/);
    assert.match(page.body, /nhsuk-u-visually-hidden" aria-hidden="true">\s*<label for="website"/);
  });

  test('an incomplete form comes back with an error summary and what was typed kept', async () => {
    const agent = new Agent(ctx.app);
    await agent.get('/feedback');
    const response = await agent.post('/feedback', { body: 'Half a thought about hormones', reply: 'email', replyEmail: 'not-an-email' });
    assert.equal(response.statusCode, 400);
    const summary = errorSummary(response.body);
    assert.match(summary, /href="#area"/);
    assert.match(summary, /href="#consent"/);
    assert.match(summary, /href="#replyEmail"/);
    assert.match(response.body, /Half a thought about hormones<\/textarea>/);
    assert.match(response.body, /value="not-an-email"/);
  });

  test('a phone reply needs a UK phone number', async () => {
    const response = await giveFeedback(new Agent(ctx.app), { reply: 'phone', replyPhone: '12' });
    assert.equal(response.statusCode, 400);
    assert.match(errorSummary(response.body), /Enter a UK phone number/);
  });

  test('nonsense values never cause a server error', async () => {
    const response = await giveFeedback(new Agent(ctx.app), { rating: 'amazing', area: '<script>', reply: 'pigeon' });
    assert.equal(response.statusCode, 400);
    assert.doesNotMatch(response.body, /<script>/);
  });
});

forEachDialect('feedback that suggests risk', (ctx) => {
  test('anonymous feedback with a risk phrase shows crisis support at once and queues the duty alert without the text', async () => {
    const body = 'Honestly some days I want to end it all, the wait is so long.';
    const response = await giveFeedback(new Agent(ctx.app), { body, area: 'waiting' });
    assert.equal(response.statusCode, 200);
    assert.match(response.body, /id="crisis-support"/);
    assert.match(response.body, /Support is available now/);
    const callout = /id="crisis-support"[\s\S]*?<\/div>/.exec(response.body)?.[0] ?? '';
    for (const line of ctx.config.helplines) assert.ok(callout.includes(line.contact.replace(/&/g, '&amp;')), `${line.name} is shown`);

    const item = await ctx.db.selectFrom('feedback_items').select(['id', 'risk']).where('body', '=', body).executeTakeFirstOrThrow();
    assert.equal(item.risk, 1);
    const alerts = await ctx.db.selectFrom('outbox').selectAll().where('purpose', '=', 'duty-alert').execute();
    assert.equal(alerts.length, 1);
    assert.equal(alerts[0]?.to_address, 'duty@example.org');
    const alert = await ctx.db.selectFrom('duty_alerts').selectAll().where('source_id', '=', item.id).executeTakeFirstOrThrow();
    assert.match(alerts[0]?.body_text ?? '', new RegExp(`/duty/${alert.id}`), 'the alert links to the duty queue');
    assert.doesNotMatch(alerts[0]?.body_text ?? '', /end it all|wait is so long/);
    assert.doesNotMatch(alerts[0]?.subject ?? '', /end it all/);
    assert.ok((alerts[0]?.priority ?? 0) > 0, 'it goes ahead of every other message');
  });

  test('the words reach the duty role at once and nobody else: not the group, not other staff, not moderation, until the duty team releases a de-identified version', async () => {
    const body = 'I have been thinking about suicide since my appointment was cancelled. Call me, Robin, on 07700 900123.';
    await giveFeedback(new Agent(ctx.app), { body, consent: 'yes', area: 'waiting' });
    const item = await ctx.db.selectFrom('feedback_items').select('id').where('body', '=', body).executeTakeFirstOrThrow();
    const alertId = (await ctx.db.selectFrom('duty_alerts').select('id').where('source_id', '=', item.id).executeTakeFirstOrThrow()).id;
    const { agent: duty } = await signedInAs(ctx, ['practitioner', 'duty']);
    assert.ok((await duty.get(`/duty/${alertId}`)).body.includes('thinking about suicide'), 'the duty role reads it at once');

    const words = /thinking about suicide|appointment was cancelled|07700|Robin/;
    const { agent: member } = await signedInAs(ctx, ['group']);
    const { agent: staff } = await signedInAs(ctx, ['practitioner']);
    for (const [who, agent] of [['a group member', member], ['a practitioner not on duty', staff]] as const) {
      for (const url of ['/feedback/manage', '/feedback/manage?show=risk', `/feedback/manage/${item.id}`, '/feedback/moderation']) {
        const page = await agent.get(url);
        assert.ok(page.statusCode === 200 || page.statusCode === 404, `${who}: ${url} answers`);
        assert.doesNotMatch(page.body, words, `${who} never sees the words on ${url}`);
      }
      assert.match((await agent.get(`/feedback/manage/${item.id}`)).body, /Withheld for safety/);
      assert.equal((await agent.get('/duty')).statusCode, 404, `${who} cannot reach the duty queue`);
    }
    assert.equal((await member.get(`/feedback/moderation/${item.id}`)).statusCode, 404, 'it is not in moderation while withheld');
    assert.equal((await member.post(`/feedback/moderation/${item.id}`, { decision: 'approve', publicText: 'Anything at all.' })).statusCode, 404, 'nor can it be approved by a crafted form');

    await duty.post(`/duty/${alertId}/take`, {});
    await duty.post(`/duty/${alertId}/close`, { actionTaken: 'Called them; they are safe and we booked a review.', release: 'released', releasedText: 'My appointment was cancelled and nobody called me back.' });
    const released = await member.get(`/feedback/manage/${item.id}`);
    assert.match(released.body, /My appointment was cancelled and nobody called me back\./);
    assert.doesNotMatch(released.body, /thinking about suicide|07700/);
    const queue = await member.get('/feedback/moderation');
    assert.match(queue.body, new RegExp(`/feedback/moderation/${item.id}`), 'once released it can be checked for publishing');
    assert.doesNotMatch(queue.body, /thinking about suicide|07700|Robin/);
  });

  test('over-matching is the safe side: a listed variant alerts, calm feedback does not', async () => {
    const before = await ctx.db.selectFrom('duty_alerts').select('id').execute();
    const response = await giveFeedback(new Agent(ctx.app), { body: 'The suicidal-ideation leaflet wording could be kinder? No — I mean the self-care leaflet.' });
    // "suicidal" is a listed variant: over-matching is the safe side, so this one does alert.
    assert.match(response.body, /Support is available now/);
    const calm = await giveFeedback(new Agent(ctx.app), { body: 'Reception was friendly and the wait was short.' });
    assert.doesNotMatch(calm.body, /Support is available now/);
    const after = await ctx.db.selectFrom('duty_alerts').select('id').execute();
    assert.equal(after.length, before.length + 1, 'one disclosure raised in the duty queue');
  });
}, { dutyContactEmail: 'duty@example.org' });

forEachDialect('risk alerts without a duty contact', (ctx) => {
  test('go to every lead', async () => {
    const leadA = await anAccount(ctx.db, { roles: ['lead'] });
    const leadB = await anAccount(ctx.db, { roles: ['lead', 'practitioner'] });
    await anAccount(ctx.db, { roles: ['practitioner'] });
    await giveFeedback(new Agent(ctx.app), { body: "I've been self-harming again since the appointment was cancelled." });
    const alerts = await ctx.db.selectFrom('outbox').select('to_address').where('purpose', '=', 'duty-alert').execute();
    assert.deepEqual(alerts.map((a) => a.to_address).sort(), [leadA.email, leadB.email].sort());
  });
}, { dutyContactEmail: undefined });

forEachDialect('de-identification and moderation', (ctx) => {
  test('feedback with a name and phone number is published only de-identified, after a group member approves it', async () => {
    const body = 'My name is Alex Morgan and Dr Okafor was brilliant. Please ring me on 07700 900123, NHS number 943 476 5919, I live at LS1 4AP.';
    await giveFeedback(new Agent(ctx.app), { body, consent: 'yes', area: 'appointments' });
    const item = await ctx.db.selectFrom('feedback_items').selectAll().where('body', '=', body).executeTakeFirstOrThrow();
    assert.equal(item.moderation, 'pending');
    for (const secret of ['Alex', 'Morgan', 'Okafor', '07700', '943 476 5919', 'LS1']) assert.ok(!item.deidentified_text.includes(secret), `${secret} removed`);
    assert.match(item.deidentified_text, /\[name removed\]/);
    assert.match(item.deidentified_text, /\[phone number removed\]/);

    // A group member sees only the de-identified text, even before moderating.
    const { agent: member } = await signedInAs(ctx, ['group']);
    const view = await member.get(`/feedback/manage/${item.id}`);
    assert.equal(view.statusCode, 200);
    assert.doesNotMatch(view.body, /07700|Okafor/);
    // Staff read the original; the view is audited.
    const { agent: staff, account: staffAccount } = await signedInAs(ctx, ['practitioner']);
    const staffView = await staff.get(`/feedback/manage/${item.id}`);
    assert.match(staffView.body, /Okafor/);
    const audited = await ctx.db.selectFrom('audit_log').select('detail').where('action', '=', 'feedback.viewed').where('actor_id', '=', staffAccount.id).where('subject', '=', item.id).execute();
    assert.equal(audited.length, 1);
    // Staff cannot moderate: it is the group's call.
    assert.equal((await staff.get(`/feedback/moderation/${item.id}`)).statusCode, 404);

    const queue = await member.get('/feedback/moderation');
    assert.match(queue.body, new RegExp(`/feedback/moderation/${item.id}`));
    const form = await member.get(`/feedback/moderation/${item.id}`);
    assert.match(form.body, /We removed 1 NHS number, 1 phone number, 1 postcode and 2 names/);

    // An edit that puts a phone number back is refused, keeping the edit.
    const leaky = await member.post(`/feedback/moderation/${item.id}`, { publicText: 'Ring 0113 496 0000 for more.', decision: 'approve' });
    assert.equal(leaky.statusCode, 400);
    assert.match(errorSummary(leaky.body), /still seems to contain phone numbers/);
    assert.match(leaky.body, /Ring 0113 496 0000 for more.<\/textarea>/);
    assert.equal((await ctx.db.selectFrom('feedback_items').select('moderation').where('id', '=', item.id).executeTakeFirstOrThrow()).moderation, 'pending');

    const approved = await member.post(`/feedback/moderation/${item.id}`, { publicText: 'The doctor was brilliant.', decision: 'approve' });
    assert.equal(approved.statusCode, 303);
    const after = await ctx.db.selectFrom('feedback_items').selectAll().where('id', '=', item.id).executeTakeFirstOrThrow();
    assert.equal(after.moderation, 'approved');
    assert.equal(after.public_text, 'The doctor was brilliant.');
    assert.ok(after.first_response_at, 'moderating counts as a first response');
  });

  test("the names of the service's staff are removed, a former colleague's too", async () => {
    await anAccount(ctx.db, { roles: ['practitioner'], displayName: 'Ottoline Quillfeather' });
    const former = await anAccount(ctx.db, { roles: ['group'], displayName: 'Thaddeus Wrenwick' });
    await ctx.db.updateTable('accounts').set({ disabled_at: new Date().toISOString() }).where('id', '=', former.id).execute();
    const body = 'Quillfeather listened, and so did Wrenwick before they left.';
    await giveFeedback(new Agent(ctx.app), { body });
    const item = await ctx.db.selectFrom('feedback_items').select('deidentified_text').where('body', '=', body).executeTakeFirstOrThrow();
    assert.equal(item.deidentified_text, '[name removed] listened, and so did [name removed] before they left.');
  });

  test('feedback without consent never reaches the moderation queue', async () => {
    const body = 'Private: please keep this within the service.';
    await giveFeedback(new Agent(ctx.app), { body, consent: 'no' });
    const item = await ctx.db.selectFrom('feedback_items').select(['id', 'moderation']).where('body', '=', body).executeTakeFirstOrThrow();
    assert.equal(item.moderation, 'not-consented');
    const { agent: member } = await signedInAs(ctx, ['group']);
    assert.doesNotMatch((await member.get('/feedback/moderation')).body, new RegExp(item.id));
    assert.equal((await member.get(`/feedback/moderation/${item.id}`)).statusCode, 404);
  });

  test('opening feedback that is not waiting to be checked shows nothing and records no view', async () => {
    const body = 'Not for publishing, and nobody opened it.';
    await giveFeedback(new Agent(ctx.app), { body, consent: 'no' });
    const item = await ctx.db.selectFrom('feedback_items').select('id').where('body', '=', body).executeTakeFirstOrThrow();
    const { agent: member, account } = await signedInAs(ctx, ['group']);
    assert.equal((await member.get(`/feedback/moderation/${item.id}`)).statusCode, 404);
    const views = await ctx.db.selectFrom('audit_log').select('seq').where('action', '=', 'feedback.viewed').where('actor_id', '=', account.id).execute();
    assert.equal(views.length, 0);
  });

  test('people who are not group or staff cannot see feedback', async () => {
    const { agent: person } = await signedInAs(ctx, ['person']);
    assert.equal((await person.get('/feedback/manage')).statusCode, 404);
    const anonymous = await new Agent(ctx.app).get('/feedback/manage');
    assert.equal(anonymous.statusCode, 303);
  });
});

forEachDialect('feedback rate limit', (ctx) => {
  test('one address sending a flood of feedback is slowed down, with a friendly page', async () => {
    const agent = new Agent(ctx.app);
    await agent.get('/feedback');
    const form = { body: 'Again', area: 'other', consent: 'no', reply: 'none' };
    for (let i = 0; i < 20; i += 1) assert.equal((await agent.post('/feedback', form)).statusCode, 200);
    const limited = await agent.post('/feedback', form);
    assert.equal(limited.statusCode, 429);
    assert.match(limited.body, /Too many attempts/);
    assert.match(limited.body, /If you are in crisis, <a href="tel:999">call 999<\/a>/);
    const stored = await ctx.db.selectFrom('feedback_items').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    assert.equal(Number(stored.n), 20);
  });
});
