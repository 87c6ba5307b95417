import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Agent, forEachDialect, signedInAs } from '../../../test/helpers.ts';
import { loadActor } from '../accounts/index.ts';
import { loadConfig } from '../../platform/config.ts';
import { DECIDE_REFUSALS, MEETING_TIME_REFUSALS, TIME_CHANGE_REFUSALS } from './forms/involvement.ts';
import { poundsPlain, readPounds, timePence } from './payment.ts';
import * as repo from './repository/index.ts';
import { changeOwnTime, decideTime, setMeetingTime, withdrawOwnTime } from './service/involvement.ts';
import { createMeeting } from './service/meetings.ts';
import { anActor, refusedSaying } from './test-builders.ts';

const RATES = { hourPence: 2500, halfDayPence: 7500, dayPence: 15000 };

test('time is paid hourly up to the half-day rate, and the day rate over four hours; money is read and written in pence', () => {
  assert.equal(timePence(90, RATES), 3750);
  assert.equal(timePence(240, RATES), 7500, 'four hours at £25 would be £100: the half-day rate caps it');
  assert.equal(timePence(241, RATES), 15000);
  assert.equal(timePence(1, RATES), 42);
  assert.equal(poundsPlain(3750), '37.50');
  assert.equal(poundsPlain(5), '0.05');
  assert.equal(readPounds('4.5'), 450);
  assert.equal(readPounds('£12.05'), 1205);
  assert.equal(readPounds('1.005'), null);
  assert.equal(readPounds('-3'), null);
});

test('the rates, the way of paying and the benefits-advice link come from configuration, checked at boot', () => {
  const c = loadConfig({ NODE_ENV: 'test', WITHME_INVOLVEMENT_RATE_HOUR: '20.5', WITHME_INVOLVEMENT_RATE_HALF_DAY: '80', WITHME_INVOLVEMENT_RATE_DAY: '160.00', WITHME_INVOLVEMENT_PAYMENT: 'voucher', WITHME_BENEFITS_ADVICE_URL: 'https://advice.example.org/benefits' });
  assert.deepEqual(c.involvement, { hourPence: 2050, halfDayPence: 8000, dayPence: 16000, method: 'voucher', benefitsAdviceUrl: 'https://advice.example.org/benefits' });
  assert.throws(() => loadConfig({ NODE_ENV: 'test', WITHME_INVOLVEMENT_RATE_HOUR: '£20' }), /WITHME_INVOLVEMENT_RATE_HOUR must be an amount in pounds/);
  assert.throws(() => loadConfig({ NODE_ENV: 'test', WITHME_INVOLVEMENT_PAYMENT: 'cash' }), /WITHME_INVOLVEMENT_PAYMENT must be payroll or voucher/);
  assert.throws(() => loadConfig({ NODE_ENV: 'test', WITHME_BENEFITS_ADVICE_URL: 'javascript:alert(1)' }), /WITHME_BENEFITS_ADVICE_URL must be an https:\/\/ address/);
});

forEachDialect('coproduction: involvement recognised and paid', (ctx) => {
  test('a member cannot change another member’s time; only the facilitator or the lead can, and that is recorded as their approval', async () => {
    const facilitator = await anActor(ctx.db, ['practitioner']);
    const meetingId = await createMeeting(ctx.db, facilitator, { title: 'Group meeting', heldOn: '2026-12-03', proposalIds: [] });
    const { agent: jo, account: joAccount } = await signedInAs(ctx, ['group'], { displayName: 'Jo Ellis' });
    const { agent: sam, account: samAccount } = await signedInAs(ctx, ['group'], { displayName: 'Sam Okafor' });

    // Jo records their own 120 minutes; it awaits approval
    await jo.get(`/coproduction/meetings/${meetingId}`);
    assert.equal((await jo.post('/coproduction/involvement', { kind: 'meeting', meetingId, hours: '2', minutes: '0' })).statusCode, 303);
    const [joTime] = await repo.involvementOf(ctx.db, joAccount.id);
    assert.equal(joTime?.minutes, 120);
    assert.equal(joTime?.status, 'awaiting');

    // Sam, another member, tries to change Jo's minutes to 90 through the meeting's attendance form: refused, nothing changes
    const page = await sam.get(`/coproduction/meetings/${meetingId}`);
    assert.doesNotMatch(page.body, /action="[^"]*\/attendance"/, 'the form is not offered to a member who is not the facilitator');
    const tried = await sam.post(`/coproduction/meetings/${meetingId}/attendance`, { [`minutes-${joAccount.id}`]: '90', [`minutes-${samAccount.id}`]: '300' });
    assert.equal(tried.statusCode, 400);
    assert.match(tried.body, /Only the meeting’s facilitator or the lead can record other people’s time/);
    assert.equal((await repo.getInvolvement(ctx.db, joTime.id))?.minutes, 120);
    assert.deepEqual(await repo.involvementOf(ctx.db, samAccount.id), []);
    // …nor approve it
    await sam.get('/coproduction/involvement');
    assert.equal((await sam.post(`/coproduction/involvement/${joTime.id}/decision`, { decision: 'approve' })).statusCode, 400);
    assert.equal((await repo.getInvolvement(ctx.db, joTime.id))?.status, 'awaiting');
    // Jo cannot approve their own time either
    const samActor = { id: samAccount.id, email: samAccount.email, displayName: 'Sam Okafor', roles: new Set(['group'] as const) };
    const joActor = { id: joAccount.id, email: joAccount.email, displayName: 'Jo Ellis', roles: new Set(['group'] as const) };
    await assert.rejects(decideTime(ctx.db, joActor, joTime.id, 'approve'), refusedSaying(DECIDE_REFUSALS, /cannot approve your own time/));
    await assert.rejects(setMeetingTime(ctx.db, samActor, meetingId, [{ accountId: joAccount.id, minutes: 90 }]), refusedSaying(MEETING_TIME_REFUSALS, /Only the meeting’s facilitator/));

    // The facilitator corrects it to 90: the change carries their approval record, and the audit log the before and after
    await setMeetingTime(ctx.db, facilitator, meetingId, [{ accountId: joAccount.id, minutes: 90 }]);
    const corrected = await repo.getInvolvement(ctx.db, joTime.id);
    assert.equal(corrected?.minutes, 90);
    assert.equal(corrected?.status, 'approved');
    assert.equal(corrected?.decided_by, facilitator.id);
    const changed = await ctx.db.selectFrom('audit_log').selectAll().where('action', '=', 'coproduction.involvement-changed').execute();
    assert.equal(changed.length, 1);
    assert.equal(changed[0]?.actor_id, facilitator.id);
    assert.match(String(changed[0]?.detail), /"from":120.*"to":90/);
  });

  test('a member records time and expenses, the lead approves, makes a payment run whose CSV gives each member’s amount with expenses apart, and marks it paid', async () => {
    const { agent: lead } = await signedInAs(ctx, ['lead'], { displayName: 'Morgan Lead' });
    const { agent: jo, account: joAccount } = await signedInAs(ctx, ['group'], { displayName: 'Jo Ellis' });
    const { agent: sam, account: samAccount } = await signedInAs(ctx, ['group'], { displayName: 'Sam Okafor' });
    const { agent: kit, account: kitAccount } = await signedInAs(ctx, ['group'], { displayName: 'Kit Unpaid' });
    const planner = await anActor(ctx.db, ['practitioner']);
    const meetingId = await createMeeting(ctx.db, planner, { title: 'December meeting', heldOn: '2027-02-03', proposalIds: [] });

    // The member sees the rates, the way of paying and the benefits-advice link
    let page = await jo.get('/coproduction/involvement');
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /£25\.00 an hour/);
    assert.match(page.body, /through payroll/);
    assert.match(page.body, /href="https:\/\/www\.citizensadvice\.org\.uk\/benefits\/"/);

    // Bad input keeps what was typed
    const bad = await jo.post('/coproduction/involvement', { kind: 'reading', workedOn: '2027-02-02', hours: 'two', expenses: '4.50', expensesNote: 'Bus' });
    assert.equal(bad.statusCode, 400);
    assert.match(bad.body, /Enter the hours as a whole number/);
    assert.match(bad.body, /value="4.50"/);

    assert.equal((await jo.post('/coproduction/involvement', { kind: 'meeting', meetingId, hours: '1', minutes: '30', expenses: '4.50', expensesNote: 'Bus fare' })).statusCode, 303);
    assert.equal((await jo.post('/coproduction/involvement', { kind: 'reading', workedOn: '2027-02-02', hours: '5' })).statusCode, 303);
    assert.equal((await jo.post('/coproduction/involvement', { kind: 'meeting', meetingId, hours: '1' })).statusCode, 400, 'the same meeting twice');
    await sam.get('/coproduction/involvement');
    assert.equal((await sam.post('/coproduction/involvement', { kind: 'preparation', workedOn: '2027-02-01', hours: '4' })).statusCode, 303);
    await kit.get('/coproduction/involvement');
    assert.equal((await kit.post('/coproduction/involvement', { kind: 'meeting', meetingId, hours: '2', unpaid: 'yes', expenses: '3', expensesNote: 'Parking' })).statusCode, 303);
    // Out of the period: not in the run
    assert.equal((await sam.post('/coproduction/involvement', { kind: 'reading', workedOn: '2027-03-05', hours: '1' })).statusCode, 303);

    page = await jo.get('/coproduction/involvement');
    assert.match(page.body, /Awaiting approval<\/dt><dd class="nhsuk-summary-list__value">£187\.50 for your time, £4\.50 expenses/);

    // Nothing is paid before approval
    page = await lead.get('/coproduction/involvement');
    const ids = [...page.body.matchAll(/action="\/coproduction\/involvement\/([0-9a-f-]{36})\/decision"/g)].map((m) => m[1]!);
    assert.equal(ids.length, 5);
    const early = await lead.post('/coproduction/involvement/payment-runs', { from: '2027-02-01', to: '2027-02-28' });
    assert.equal(early.statusCode, 400);
    assert.match(early.body, /There is no approved time or expenses to pay in that period/);
    for (const id of ids) assert.equal((await lead.post(`/coproduction/involvement/${id}/decision`, { decision: 'approve' })).statusCode, 303);
    assert.equal((await lead.post(`/coproduction/involvement/${ids[0]}/decision`, { decision: 'approve' })).statusCode, 400, 'approved once only');

    page = await jo.get('/coproduction/involvement');
    assert.match(page.body, /data-testid="owed">£187\.50 for your time, £4\.50 expenses: £192\.00/);

    const made = await lead.post('/coproduction/involvement/payment-runs', { from: '2027-02-01', to: '2027-02-28' });
    assert.equal(made.statusCode, 303);
    const runUrl = String(made.headers.location);
    const runId = /payment-runs\/([0-9a-f-]{36})$/.exec(runUrl)![1]!;
    const csv = await lead.get(`${runUrl}/payments.csv`);
    assert.equal(csv.statusCode, 200);
    assert.match(String(csv.headers['content-disposition']), /attachment; filename="payment-run-2027-02-01-to-2027-02-28.csv"/);
    assert.deepEqual(csv.body.trimEnd().split('\r\n'), [
      'Period from,Period to,Member,Email,Payment method,Hours,Time owed (GBP),Expenses (GBP),Total (GBP)',
      `2027-02-01,2027-02-28,Jo Ellis,${joAccount.email},payroll,6.50,187.50,4.50,192.00`,
      `2027-02-01,2027-02-28,Kit Unpaid,${kitAccount.email},payroll,0.00,0.00,3.00,3.00`,
      `2027-02-01,2027-02-28,Sam Okafor,${samAccount.email},payroll,4.00,75.00,0.00,75.00`,
    ]);
    // Nobody else may see or pay the run
    assert.equal((await jo.get(runUrl)).statusCode, 404);
    assert.equal((await jo.get(`${runUrl}/payments.csv`)).statusCode, 404);
    assert.equal((await jo.post(`${runUrl}/paid`, {})).statusCode, 404);
    // The time in the run is fixed: a second run for the period finds nothing new
    assert.equal((await lead.post('/coproduction/involvement/payment-runs', { from: '2027-02-01', to: '2027-02-28' })).statusCode, 400);

    page = await lead.get(runUrl);
    assert.match(page.body, /£262\.50 for time and £7\.50 expenses, £270\.00/);
    assert.equal((await lead.post(`${runUrl}/paid`, {})).statusCode, 303);
    const again = await lead.post(`${runUrl}/paid`, {});
    assert.equal(again.statusCode, 400);
    assert.match(again.body, /already been marked as paid/);
    assert.ok((await repo.getPaymentRun(ctx.db, runId))?.paid_at);

    page = await jo.get('/coproduction/involvement');
    assert.match(page.body, /data-testid="paid">£187\.50 for your time, £4\.50 expenses: £192\.00/);
    assert.match(page.body, /data-testid="owed">£0\.00 for your time, £0\.00 expenses/);

    const member = new Agent(ctx.app);
    await member.signIn(joAccount.email);
    assert.match((await member.get('/coproduction/settings')).body, /You have given 6.5 hours across 1 meeting\./);
  });

  test('a member changes or withdraws their own time while it awaits approval; never someone else’s, and not once it is approved', async () => {
    const { agent: jo, account: joAccount } = await signedInAs(ctx, ['group'], { displayName: 'Jo Ellis' });
    const { agent: sam, account: samAccount } = await signedInAs(ctx, ['group'], { displayName: 'Sam Okafor' });
    const { agent: lead, account: leadAccount } = await signedInAs(ctx, ['lead'], { displayName: 'Morgan Lead' });
    const actor = async (id: string) => (await loadActor(ctx.db, id))!;
    const [joActor, samActor, leadActor] = [await actor(joAccount.id), await actor(samAccount.id), await actor(leadAccount.id)];

    // Jo records three hours of reading; the page offers to change or withdraw it
    await jo.get('/coproduction/involvement');
    assert.equal((await jo.post('/coproduction/involvement', { kind: 'reading', workedOn: '2027-04-06', hours: '3' })).statusCode, 303);
    const [reading] = await repo.involvementOf(ctx.db, joAccount.id);
    assert.ok(reading);
    let page = await jo.get('/coproduction/involvement');
    assert.match(page.body, new RegExp(`href="/coproduction/involvement/${reading.id}/change">Change or withdraw`));
    const change = `/coproduction/involvement/${reading.id}/change`;

    // Sam, another member, tries it by its id in the URL: not found, and the service refuses him whatever the route does
    await sam.get('/coproduction/involvement');
    assert.doesNotMatch((await sam.get('/coproduction/involvement')).body, new RegExp(reading.id), 'Sam is not offered Jo’s time');
    assert.equal((await sam.get(change)).statusCode, 404);
    assert.equal((await sam.post(change, { workedOn: '2027-04-06', hours: '9' })).statusCode, 404);
    assert.equal((await sam.post(`/coproduction/involvement/${reading.id}/withdraw`, {})).statusCode, 404);
    const asSam = { workedOn: '2027-04-06', minutes: 540, expensesPence: 0, expensesNote: '', unpaid: false };
    await assert.rejects(changeOwnTime(ctx.db, samActor, reading.id, asSam), refusedSaying(TIME_CHANGE_REFUSALS, /only your own time/));
    await assert.rejects(withdrawOwnTime(ctx.db, samActor, reading.id), refusedSaying(TIME_CHANGE_REFUSALS, /only your own time/));
    // Nor the lead by this way: the lead changes a member’s time only through a meeting’s attendance form, as its approval record
    await assert.rejects(changeOwnTime(ctx.db, leadActor, reading.id, asSam), refusedSaying(TIME_CHANGE_REFUSALS, /only your own time/));
    assert.equal((await repo.getInvolvement(ctx.db, reading.id))?.minutes, 180);

    // Jo corrects it: a mistake keeps what was typed, then 2 hours 30 with a bus fare
    page = await jo.get(change);
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /name="hours"[^>]*value="3"/);
    const bad = await jo.post(change, { workedOn: '2027-04-06', hours: 'two and a half', minutes: '', expenses: '3.20', expensesNote: 'Bus fare' });
    assert.equal(bad.statusCode, 400);
    assert.match(bad.body, /Enter the hours as a whole number from 0 to 24/);
    assert.match(bad.body, /value="two and a half"/);
    assert.match(bad.body, /value="3.20"/);
    const saved = await jo.post(change, { workedOn: '2027-04-05', hours: '2', minutes: '30', expenses: '3.20', expensesNote: 'Bus fare', kind: 'meeting' });
    assert.equal(saved.statusCode, 303);
    const changed = await repo.getInvolvement(ctx.db, reading.id);
    assert.deepEqual([changed?.kind, changed?.worked_on, changed?.minutes, changed?.expenses_pence, changed?.expenses_note, changed?.status], ['reading', '2027-04-05', 150, 320, 'Bus fare', 'awaiting'], 'what it was for stays; it still awaits approval');

    // The lead approves it: from then on it is fixed, for Jo too — refused in the service, not only on the page
    await lead.get('/coproduction/involvement');
    assert.equal((await lead.post(`/coproduction/involvement/${reading.id}/decision`, { decision: 'approve' })).statusCode, 303);
    page = await jo.get(change);
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /This time is <strong>Approved, to be paid<\/strong>, so it can no longer be changed or withdrawn/);
    assert.doesNotMatch(page.body, /Save the change|Withdraw this time<\/button>/);
    assert.doesNotMatch((await jo.get('/coproduction/involvement')).body, new RegExp(`${reading.id}/change`));
    const late = await jo.post(change, { workedOn: '2027-04-05', hours: '8' });
    assert.equal(late.statusCode, 400);
    assert.match(late.body, /already been approved or declined, so it can no longer be changed or withdrawn/);
    assert.equal((await jo.post(`/coproduction/involvement/${reading.id}/withdraw`, {})).statusCode, 400);
    await assert.rejects(changeOwnTime(ctx.db, joActor, reading.id, { ...asSam, minutes: 480 }), refusedSaying(TIME_CHANGE_REFUSALS, /no longer be changed/));
    await assert.rejects(withdrawOwnTime(ctx.db, joActor, reading.id), refusedSaying(TIME_CHANGE_REFUSALS, /no longer be changed/));
    assert.equal((await repo.getInvolvement(ctx.db, reading.id))?.minutes, 150);

    // Time recorded by mistake is withdrawn while it waits: gone, and the audit log keeps what it was
    assert.equal((await jo.post('/coproduction/involvement', { kind: 'preparation', workedOn: '2027-04-07', hours: '1' })).statusCode, 303);
    const mistake = (await repo.involvementOf(ctx.db, joAccount.id)).find((e) => e.kind === 'preparation')!;
    assert.equal((await jo.post(`/coproduction/involvement/${mistake.id}/withdraw`, {})).statusCode, 303);
    assert.equal(await repo.getInvolvement(ctx.db, mistake.id), undefined);
    const withdrawn = await ctx.db.selectFrom('audit_log').selectAll().where('action', '=', 'coproduction.involvement-withdrawn').where('subject', '=', mistake.id).execute();
    assert.equal(withdrawn.length, 1);
    assert.equal(withdrawn[0]?.actor_id, joAccount.id);
  });
});
