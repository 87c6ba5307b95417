// Notifications that respect people (issue 14): what waits for a person is one discreet message,
// no more often than they chose, never inside their unsafe times, never empty, with their own
// sender and subject; each person's notices are theirs alone; a duty alert still goes at once.
// The digest job runs on a clock the test moves (`sendNoticeDigests(db, config, at)`).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { URGENT } from '../../platform/mail/outbox.ts';
import { aPersonOnACaseload, signedIn } from '../record/test-builders.ts';
import { forEachDialect, type TestContext } from '../../../test/helpers.ts';
import { raiseNotice, sendNoticeDigests } from './index.ts';

const MINUTE = 60_000;
const mailTo = (ctx: TestContext, email: string) => ctx.db.selectFrom('outbox').selectAll().where('to_address', '=', email).orderBy('created_at').execute();
const contactForm = (overrides: Record<string, string | string[]> = {}) => ({ channels: ['email'], senderName: '', subject: '', envelopeName: '', voicemail: 'no', safeTimes: '', mobileNumber: '', postalAddress: '', frequency: 'immediately', ...overrides });
const aNotice = { purpose: 'record-entry', text: 'There is a new entry in your record', href: '/me/record' };

forEachDialect('notifications that respect people', (ctx) => {
  test('three things written within a minute are one email, a few minutes later, with the sender and subject the person chose', async () => {
    const { person, practitioner } = await aPersonOnACaseload(ctx, 'Sam Rivera');
    await person.agent.get('/me/contact');
    assert.equal((await person.agent.post('/me/contact', contactForm({ senderName: 'Garden club', subject: 'Club news' }))).statusCode, 303);
    const start = Date.now();
    const notes = [
      { title: 'Voice therapy referral', body: 'Sam would like voice therapy. I have referred them to the speech and language team.' },
      { title: 'Hormone review', body: 'We talked about the hormone review in March and what bloods are needed first.' },
      { title: 'Letter to the GP', body: 'I will write to the GP to ask for the blood test before the clinic appointment.' },
    ];
    for (const note of notes) assert.equal((await practitioner.agent.post(`/people/${person.id}/record?kind=note`, note)).statusCode, 303);
    assert.deepEqual(await mailTo(ctx, person.email), [], 'nothing is sent as each is written');

    await sendNoticeDigests(ctx.db, ctx.config, new Date(start + MINUTE));
    assert.equal((await mailTo(ctx, person.email)).length, 0, 'a minute on, it still waits for anything else that comes');
    await sendNoticeDigests(ctx.db, ctx.config, new Date(start + 6 * MINUTE));
    await sendNoticeDigests(ctx.db, ctx.config, new Date(start + 7 * MINUTE));
    const mail = await mailTo(ctx, person.email);
    assert.equal(mail.length, 1, 'one email for the three');
    const [email] = mail;
    assert.equal(email?.subject, 'Club news', 'their own subject');
    assert.equal(email?.sender_name, 'Garden club', 'their own sender name');
    assert.match(email?.body_text ?? '', new RegExp(`^You have a new update — sign in to read it:\\n\\n${ctx.config.publicUrl}/sign-in\\n`), 'it says only that there is something, with a sign-in link');
    const words = `${email?.subject} ${email?.sender_name} ${email?.body_text}`.toLowerCase();
    for (const forbidden of [ctx.config.serviceName, 'withme', 'sam', 'rivera', 'priya', 'gender', 'clinic', 'hormone', 'voice', 'record', 'letter', 'gp', 'blood', 'referr', 'three']) {
      assert.ok(!words.includes(forbidden.toLowerCase()), `the email does not say "${forbidden}"`);
    }
    // The three are on their home page, unread, and the email took them all.
    const home = await person.agent.get('/');
    assert.equal((home.body.match(/There is a new entry in your record/g) ?? []).length, 3);
    const rows = await ctx.db.selectFrom('notices').select(['mailed_at', 'digest_id']).where('account_id', '=', person.id).execute();
    assert.equal(rows.length, 3);
    assert.equal(new Set(rows.map((r) => r.digest_id)).size, 1, 'all three in the one digest');
    const lead = await signedIn(ctx, ['lead']);
    const outbox = (await lead.agent.get('/admin/outbox')).body;
    assert.match(outbox, /Notice: something new \(one message for all that waited\)/, 'the lead sees what it was for');
    assert.doesNotMatch(outbox, /Club news/, 'never its subject');
  });

  test('daily: at most one message in any 24 hours, whatever comes in between', async () => {
    const person = await signedIn(ctx, ['person']);
    await person.agent.get('/me/contact');
    assert.equal((await person.agent.post('/me/contact', contactForm({ frequency: 'daily' }))).statusCode, 303);
    assert.match((await person.agent.get('/me')).body, /At most once a day/, 'their choice is shown in About me');
    const day = (d: number, time: string) => new Date(`2026-12-${String(d).padStart(2, '0')}T${time}:00Z`);
    await raiseNotice(ctx.db, person.id, aNotice, day(14, '09:00'));
    await sendNoticeDigests(ctx.db, ctx.config, day(14, '09:10'));
    assert.equal((await mailTo(ctx, person.email)).length, 1, 'the first of the day goes');
    for (const time of ['11:00', '15:00', '22:00']) {
      await raiseNotice(ctx.db, person.id, aNotice, day(14, time));
      await sendNoticeDigests(ctx.db, ctx.config, new Date(day(14, time).getTime() + 10 * MINUTE));
    }
    await sendNoticeDigests(ctx.db, ctx.config, day(15, '09:09'));
    assert.equal((await mailTo(ctx, person.email)).length, 1, 'nothing more within 24 hours');
    await sendNoticeDigests(ctx.db, ctx.config, day(15, '09:11'));
    await sendNoticeDigests(ctx.db, ctx.config, day(15, '18:00'));
    assert.equal((await mailTo(ctx, person.email)).length, 2, 'the next day, one message for the three that waited');
    await sendNoticeDigests(ctx.db, ctx.config, day(17, '09:00'));
    assert.equal((await mailTo(ctx, person.email)).length, 2, 'nothing for a day with nothing new');
  });

  test('weekly: at most one message in any seven days', async () => {
    const person = await signedIn(ctx, ['person']);
    await person.agent.get('/me/contact');
    assert.equal((await person.agent.post('/me/contact', contactForm({ frequency: 'weekly' }))).statusCode, 303);
    await raiseNotice(ctx.db, person.id, aNotice, new Date('2026-12-07T09:00:00Z'));
    await sendNoticeDigests(ctx.db, ctx.config, new Date('2026-12-07T09:10:00Z'));
    await raiseNotice(ctx.db, person.id, aNotice, new Date('2026-12-08T09:00:00Z'));
    await sendNoticeDigests(ctx.db, ctx.config, new Date('2026-12-13T09:00:00Z'));
    assert.equal((await mailTo(ctx, person.email)).length, 1);
    await sendNoticeDigests(ctx.db, ctx.config, new Date('2026-12-14T09:10:00Z'));
    assert.equal((await mailTo(ctx, person.email)).length, 2);
  });

  test('inside their unsafe times nothing goes: it is held until their safe times come', async () => {
    const person = await signedIn(ctx, ['person']);
    await person.agent.get('/me/contact');
    assert.equal((await person.agent.post('/me/contact', contactForm({ safeTimes: 'Weekdays, 10am to 3pm' }))).statusCode, 303);
    await raiseNotice(ctx.db, person.id, aNotice, new Date('2026-12-19T11:00:00Z')); // a Saturday
    for (const at of ['2026-12-19T11:10:00Z', '2026-12-20T12:00:00Z', '2026-12-21T09:59:00Z']) {
      await sendNoticeDigests(ctx.db, ctx.config, new Date(at));
      assert.equal((await mailTo(ctx, person.email)).length, 0, `nothing at ${at}`);
    }
    await sendNoticeDigests(ctx.db, ctx.config, new Date('2026-12-21T10:00:00Z'));
    const mail = await mailTo(ctx, person.email);
    assert.equal(mail.length, 1, 'sent on Monday at 10am');
    assert.equal(mail[0]?.send_window, 'Mon-Fri 10:00-15:00', 'the outbox holds it to their safe times too');
  });

  test('never empty: nothing pending, or everything already read in the app, sends nothing', async () => {
    const person = await signedIn(ctx, ['person']);
    const later = new Date(Date.now() + 10 * MINUTE);
    await sendNoticeDigests(ctx.db, ctx.config, later);
    assert.equal((await mailTo(ctx, person.email)).length, 0, 'nothing to say, nothing sent');

    await raiseNotice(ctx.db, person.id, { purpose: 'data-request-answer', text: 'There is an answer to your request about your data', href: '/me/requests' });
    const home = await person.agent.get('/');
    const open = /href="(\/notifications\/[^"]+)"/.exec(home.body)?.[1];
    assert.ok(open, 'the notice is on their home page');
    const opened = await person.agent.get(open);
    assert.equal(opened.statusCode, 303);
    assert.equal(opened.headers.location, '/me/requests');
    await sendNoticeDigests(ctx.db, ctx.config, new Date(Date.now() + 10 * MINUTE));
    assert.equal((await mailTo(ctx, person.email)).length, 0, 'they read it already: no message about it');
  });

  test('an entry read in the app is not mailed about: its notice is read too', async () => {
    const { person, practitioner } = await aPersonOnACaseload(ctx, 'Kit Lowe');
    const saved = await practitioner.agent.post(`/people/${person.id}/record?kind=note`, { title: 'Peer support group', body: 'Kit asked about the Tuesday peer support group. I gave them the details.' });
    const entryId = saved.headers.location!.split('/').pop()!;
    assert.match((await person.agent.get('/')).body, /New<\/strong> <a href="\/notifications\/[^"]+">There is a new entry in your record/);
    assert.equal((await person.agent.get(`/me/record/${entryId}`)).statusCode, 200);
    const home = (await person.agent.get('/')).body;
    assert.doesNotMatch(home, /app-notices__tag/, 'no longer marked New');
    assert.match(home, /No unread notifications\./);
    await sendNoticeDigests(ctx.db, ctx.config, new Date(Date.now() + 10 * MINUTE));
    assert.deepEqual(await mailTo(ctx, person.email), [], 'they have seen it: nothing to tell them');
  });

  test('“Mark all as read” clears the New markers, without JavaScript, and nothing is then mailed', async () => {
    const person = await signedIn(ctx, ['person']);
    await raiseNotice(ctx.db, person.id, aNotice);
    await raiseNotice(ctx.db, person.id, { purpose: 'record-letter-sent', text: 'A letter about you was sent', href: '/me/record' });
    const home = (await person.agent.get('/')).body;
    assert.match(home, /2 unread notifications\./);
    assert.equal((home.match(/app-notices__tag/g) ?? []).length, 2);
    assert.match(home, /<form method="post" action="\/notifications\/read"/);
    const done = await person.agent.post('/notifications/read');
    assert.equal(done.statusCode, 303);
    const after = (await person.agent.get('/')).body;
    assert.match(after, /Your notifications are marked as read\./);
    assert.match(after, /No unread notifications\./);
    assert.doesNotMatch(after, /app-notices__tag/);
    assert.match(after, /A letter about you was sent/, 'still listed, as read');
    await sendNoticeDigests(ctx.db, ctx.config, new Date(Date.now() + 10 * MINUTE));
    assert.deepEqual(await mailTo(ctx, person.email), []);
  });

  test('a person’s notices are never in another person’s digest, nor on their pages', async () => {
    const alex = await signedIn(ctx, ['person'], 'Alex Moreno');
    const jo = await signedIn(ctx, ['person'], 'Jo Okafor');
    const early = new Date(Date.now() - 20 * MINUTE);
    await raiseNotice(ctx.db, alex.id, { purpose: 'record-access', text: 'Someone new was given time-limited access to your record', href: '/me/access-log' }, early);
    await raiseNotice(ctx.db, jo.id, aNotice); // just now: still gathering
    await sendNoticeDigests(ctx.db, ctx.config, new Date());
    assert.equal((await mailTo(ctx, alex.email)).length, 1);
    assert.equal((await mailTo(ctx, jo.email)).length, 0, 'Jo’s notice did not go in Alex’s digest, and Jo’s own waits');
    const joRows = await ctx.db.selectFrom('notices').select(['mailed_at']).where('account_id', '=', jo.id).execute();
    assert.deepEqual(joRows, [{ mailed_at: null }]);

    const alexNotice = await ctx.db.selectFrom('notices').select('id').where('account_id', '=', alex.id).executeTakeFirstOrThrow();
    const joHome = await jo.agent.get('/');
    assert.doesNotMatch(joHome.body, /time-limited access/);
    assert.doesNotMatch(joHome.body, new RegExp(alexNotice.id));
    assert.equal((await jo.agent.get(`/notifications/${alexNotice.id}`)).statusCode, 404, 'Jo cannot open Alex’s notice');
    assert.equal((await jo.agent.post('/notifications/read')).statusCode, 303);
    const alexRow = await ctx.db.selectFrom('notices').select('read_at').where('id', '=', alexNotice.id).executeTakeFirstOrThrow();
    assert.equal(alexRow.read_at, null, 'nor mark it read');
  });

  test('the batching window is the service’s to set (WITHME_NOTICE_BATCH_MINUTES)', async () => {
    const person = await signedIn(ctx, ['person']);
    const at = new Date(Date.now() - 90_000);
    await raiseNotice(ctx.db, person.id, aNotice, at);
    await sendNoticeDigests(ctx.db, { ...ctx.config, noticeBatchMinutes: 2 }, new Date());
    assert.equal((await mailTo(ctx, person.email)).length, 0, 'a minute and a half is inside a two-minute window');
    await sendNoticeDigests(ctx.db, { ...ctx.config, noticeBatchMinutes: 1 }, new Date());
    assert.equal((await mailTo(ctx, person.email)).length, 1, 'and past a one-minute window');
    assert.equal(ctx.config.noticeBatchMinutes, 5, 'five minutes unless set');
  });

  test('two instances running at once send one message', async () => {
    const person = await signedIn(ctx, ['person']);
    await raiseNotice(ctx.db, person.id, aNotice, new Date(Date.now() - 10 * MINUTE));
    await Promise.all([sendNoticeDigests(ctx.db, ctx.config), sendNoticeDigests(ctx.db, ctx.config), sendNoticeDigests(ctx.db, ctx.config)]);
    assert.equal((await mailTo(ctx, person.email)).length, 1);
  });

  test('a duty alert is never batched: it is queued at once, ahead of everything', async () => {
    const { person, practitioner } = await aPersonOnACaseload(ctx, 'Robin Hale');
    const saved = await practitioner.agent.post(`/people/${person.id}/record?kind=note`, { title: 'Check-in call', body: 'Robin called to say the wait has been hard. We agreed to talk again next week.' });
    const entryId = saved.headers.location!.split('/').pop()!;
    const before = await ctx.db.selectFrom('outbox').select('id').where('purpose', '=', 'duty-alert').execute();
    const answered = await person.agent.post(`/me/record/${entryId}/respond`, { kind: 'view', body: 'Honestly some days I want to end it all, the wait is so long.' });
    assert.equal(answered.statusCode, 303);
    const alerts = await ctx.db.selectFrom('outbox').selectAll().where('purpose', '=', 'duty-alert').execute();
    assert.equal(alerts.length, before.length + 1, 'queued in the same moment, with no digest run');
    assert.equal(alerts.at(-1)?.priority, URGENT);
    assert.equal(alerts.at(-1)?.send_window, null, 'never held to anyone’s times');
    const queued = await ctx.db.selectFrom('notices').select('purpose').where('purpose', 'like', 'duty%').execute();
    assert.deepEqual(queued, [], 'nothing about it waits in the notices');
  });

  test('a frequency the form never offers is refused, keeping what was typed', async () => {
    const person = await signedIn(ctx, ['person']);
    await person.agent.get('/me/contact');
    const bad = await person.agent.post('/me/contact', contactForm({ frequency: 'hourly', senderName: 'Book group' }));
    assert.equal(bad.statusCode, 400);
    assert.match(bad.body, /Select how often we may tell you about updates/);
    assert.match(bad.body, /value="Book group"/);
    const page = await person.agent.get('/me/contact');
    assert.match(page.body, /<input class="nhsuk-radios__input" id="frequency" name="frequency" type="radio" value="immediately" checked>/);
  });
}, { dutyContactEmail: 'duty@example.org' });
