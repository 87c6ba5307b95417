// Involvement recognised and paid, in a real browser: a Coproduction Group member (without
// JavaScript, on a phone-sized screen) reads the benefits-advice note and records three hours of
// reading with a bus fare; the service lead approves the time awaiting approval (the demo's
// latest meeting and this), makes a payment run for the month, downloads its CSV (each member's
// amount owed, expenses apart, at the demo's default rates) and marks it paid; the member then
// sees it as paid. axe on every page on the way.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { JOURNEY_TIMEOUT, PHONE, skipReason } from './support/browser.ts';
import { useBrowserServer } from './support/harness.ts';
import { assertAccessible, assertBanner, assertFitsScreen, mainText, signedInBrowsers, squash } from './support/members.ts';
import { chooseRadioByKeyboard, demoAccount, submitByKeyboard, typeInto } from './support/pages.ts';

const day = (offsetDays: number) => new Date(Date.now() + offsetDays * 86_400_000).toISOString().slice(0, 10);

void describe('Involvement: a member records time, the lead approves it and pays it in a payment run', { skip: skipReason() }, () => {
  const suite = useBrowserServer();

  void test('a member records reading time with expenses, the lead approves and exports the payment run (the CSV’s amounts checked), marks it paid, and the member sees it paid', { timeout: JOURNEY_TIMEOUT }, async () => {
    const people = signedInBrowsers(suite);
    try {
      // The member, on a phone without JavaScript
      const member = await people.as(demoAccount('group').email, { javaScriptEnabled: false, viewport: PHONE });
      await member.goto('/coproduction/involvement');
      await assertAccessible(member, 'the member’s involvement page');
      assert.equal(await member.getByRole('heading', { level: 1 }).innerText(), 'Your involvement');
      const advice = member.getByRole('link', { name: 'Get free, independent benefits advice' });
      assert.equal(await advice.getAttribute('href'), 'https://www.citizensadvice.org.uk/benefits/');
      assert.match(await mainText(member), /£25\.00 an hour for up to four hours .* through payroll/);
      await assertFitsScreen(member, 'the member’s involvement page at 375 px');

      // A mistake first: what was typed stays
      await chooseRadioByKeyboard(member, 'What was the time for?', 'Reading');
      // A native date field: its keyboard entry differs by browser and locale, so it is filled.
      await member.getByLabel('Date (for reading or preparation)').fill(day(0));
      await typeInto(member, member.getByLabel('Hours', { exact: true }), 'three');
      await typeInto(member, member.getByLabel('Expenses (optional)'), '2.80');
      assert.equal(await submitByKeyboard(member, member.getByRole('button', { name: 'Record my time' })), 400);
      assert.match(await mainText(member), /There is a problem.*Enter the hours as a whole number from 0 to 24/);
      assert.equal(await member.getByLabel('Expenses (optional)').inputValue(), '2.80');
      await assertAccessible(member, 'the involvement form with errors');

      await typeInto(member, member.getByLabel('Hours', { exact: true }), '3');
      await typeInto(member, member.getByLabel('What the expenses were for (if any)'), 'Bus fare');
      assert.equal(await submitByKeyboard(member, member.getByRole('button', { name: 'Record my time' })), 303, await mainText(member));
      await assertBanner(member, 'Your time has been recorded');
      assert.match(await mainText(member), /Awaiting approval £156\.25 for your time, £9\.20 expenses/, 'the demo’s meeting (2½ hours, £6.40) and reading (45 minutes), and these 3 hours (£2.80)');
      await assertAccessible(member, 'the involvement page after recording time');

      // The lead approves everything awaiting approval: the demo meeting's time and this
      const lead = await people.as(demoAccount('lead').email);
      await lead.goto('/coproduction/involvement');
      await assertAccessible(lead, 'the lead’s involvement page');
      const approve = lead.getByRole('button', { name: /^Approve / });
      assert.equal(await approve.count(), 5, `five pieces of time await approval: ${await mainText(lead)}`);
      while ((await approve.count()) > 0) {
        assert.equal(await submitByKeyboard(lead, approve.first()), 303);
        await assertBanner(lead, 'The time has been approved');
      }
      await assertAccessible(lead, 'the involvement page with nothing awaiting approval');

      await lead.getByLabel('First day').fill(day(-90));
      await lead.getByLabel('Last day').fill(day(30));
      assert.equal(await submitByKeyboard(lead, lead.getByRole('button', { name: 'Make a payment run' })), 303);
      await assertBanner(lead, 'The payment run has been made');
      await assertAccessible(lead, 'the payment run');
      const table = squash(await lead.getByRole('table', { name: 'Amount owed to each member' }).innerText());
      assert.match(table, /Jordan Ellis/);

      // The CSV, as downloaded
      const csvLink = lead.getByRole('link', { name: 'Download the payment run (CSV)' });
      const [download] = await Promise.all([lead.waitForEvent('download'), csvLink.click()]);
      const csv = await (await download.createReadStream()).toArray().then((chunks) => Buffer.concat(chunks as Buffer[]).toString('utf8'));
      const lines = csv.trimEnd().split('\r\n').map((l) => l.split(',').slice(2).join(','));
      // Default rates: £25 an hour up to the half-day rate of £75 (four hours); Rowan gave the later meeting unpaid
      assert.deepEqual(lines, [
        'Member,Email,Payment method,Hours,Time owed (GBP),Expenses (GBP),Total (GBP)',
        'Alex Kim,alex.group@example.org,payroll,4.00,100.00,0.00,100.00',
        'Casey Patel,casey.group@example.org,payroll,2.00,50.00,0.00,50.00',
        'Eli Novak,ellis.group@example.org,payroll,2.00,50.00,0.00,50.00',
        'Jamie Okafor,jamie.group@example.org,payroll,2.00,50.00,0.00,50.00',
        'Jordan Ellis,group@example.org,payroll,8.25,206.25,9.20,215.45',
        'Robin Hart,robin.group@example.org,payroll,2.00,50.00,0.00,50.00',
        'Rowan Blake,rowan.group@example.org,payroll,2.00,50.00,0.00,50.00',
        'Toni Reyes,toni.group@example.org,payroll,2.00,50.00,0.00,50.00',
      ]);
      assert.match(await mainText(lead), /In all: £606\.25 for time and £9\.20 expenses, £615\.45\./);

      assert.equal(await submitByKeyboard(lead, lead.getByRole('button', { name: 'Mark as paid' })), 303);
      await assertBanner(lead, 'The payment run has been marked as paid');
      assert.equal(await lead.getByRole('button', { name: 'Mark as paid' }).count(), 0);
      await assertAccessible(lead, 'the paid payment run');

      // The member sees what has been paid
      await member.goto('/coproduction/involvement');
      assert.match(await mainText(member), /Paid to you £206\.25 for your time, £9\.20 expenses: £215\.45/);
      assert.match(await mainText(member), /Owed to you \(approved\) £0\.00 for your time, £0\.00 expenses/);
      await assertAccessible(member, 'the involvement page once paid');
    } finally {
      await people.close();
    }
  });
});
