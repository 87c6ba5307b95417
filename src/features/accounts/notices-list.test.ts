// All of an account's notifications, a page at a time (issue 14's follow-up), and their unread
// count in the header navigation, through the same "what waits" mechanism as the other counts.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { signedIn } from '../record/test-builders.ts';
import { forEachDialect } from '../../../test/helpers.ts';
import { raiseNotice } from './index.ts';

const MINUTE = 60_000;
const headerCount = /<a[^>]*href="\/notifications"[^>]*>\s*Notifications <span class="app-nav-count" aria-hidden="true">(\d+)<\/span><span class="nhsuk-u-visually-hidden">, (\d+) unread<\/span>/;

forEachDialect('all your notifications, and their count in the header', (ctx) => {
  test('every notice is listed, newest first, 25 a page, read and unread marked; the home page links to them', async () => {
    const person = await signedIn(ctx, ['person'], 'Morgan Ellis');
    const start = Date.now() - 60 * MINUTE;
    // 27 notices, a minute apart: "Update 1" the oldest, "Update 27" the newest.
    for (let i = 1; i <= 27; i++) {
      await raiseNotice(ctx.db, person.id, { purpose: 'record-entry', text: `Update ${i}: there is a new entry in your record`, href: `/me/record?n=${i}` }, new Date(start + i * MINUTE));
    }
    const home = (await person.agent.get('/')).body;
    assert.equal((home.match(/there is a new entry in your record/g) ?? []).length, 10, 'the home page lists the latest 10');
    assert.match(home, /<a href="\/notifications">See all your notifications<\/a>/);

    const first = await person.agent.get('/notifications');
    assert.equal(first.statusCode, 200);
    const listed = (body: string) => [...body.matchAll(/Update (\d+): there is a new entry/g)].map((m) => Number(m[1]));
    assert.deepEqual(listed(first.body), Array.from({ length: 25 }, (_, i) => 27 - i), 'newest first, 25 on the first page');
    assert.match(first.body, /27 unread notifications\./);
    assert.match(first.body, /Showing 1 to 25 of 27 notifications/);
    assert.match(first.body, /href="\/notifications\?page=2"/, 'a link to the next page');

    // Open the oldest: it is read, and shown so on the second page.
    const oldest = await ctx.db.selectFrom('notices').select('id').where('account_id', '=', person.id).where('text', 'like', 'Update 1:%').executeTakeFirstOrThrow();
    assert.equal((await person.agent.get(`/notifications/${oldest.id}`)).statusCode, 303);
    const second = (await person.agent.get('/notifications?page=2')).body;
    assert.deepEqual(listed(second), [2, 1]);
    assert.equal((second.match(/app-notices__tag/g) ?? []).length, 1, 'only Update 2 is New');
    assert.match(second, new RegExp(`href="/notifications/${oldest.id}">Update 1: there is a new entry in your record</a>\\s*<span class="nhsuk-body-s app-notices__when">[^<]*, read</span>`));
    assert.match(second, /26 unread notifications\./);
  });

  test('a forged page number shows a page of your own, never an error', async () => {
    const person = await signedIn(ctx, ['person']);
    await raiseNotice(ctx.db, person.id, { purpose: 'record-letter-sent', text: 'A letter about you was sent to your GP', href: '/me/record' });
    for (const page of ['0', '-3', 'abc', '99999', '1e400', '2.5', '%00', '1;DROP TABLE notices', 'x'.repeat(500)]) {
      const res = await person.agent.get(`/notifications?page=${encodeURIComponent(page)}`);
      assert.ok(res.statusCode === 200 || res.statusCode === 400, `page=${page.slice(0, 20)}: ${res.statusCode}`);
      if (res.statusCode === 200) assert.match(res.body, /A letter about you was sent to your GP/, `page=${page.slice(0, 20)} shows the only page`);
      else assert.match(res.body, /<h1[^>]*>/, 'a clear page');
    }
    const none = await signedIn(ctx, ['person']);
    const empty = await none.agent.get('/notifications?page=4');
    assert.equal(empty.statusCode, 200);
    assert.match(empty.body, /You have no notifications\./);
  });

  test('another account’s notices never appear, and are not counted', async () => {
    const alex = await signedIn(ctx, ['person'], 'Alex Moreno');
    const jo = await signedIn(ctx, ['practitioner'], 'Jo Okafor');
    await raiseNotice(ctx.db, alex.id, { purpose: 'record-access', text: 'Someone new was given time-limited access to your record', href: '/me/access-log' });
    await raiseNotice(ctx.db, alex.id, { purpose: 'record-entry', text: 'There is a new entry in your record', href: '/me/record' });
    await raiseNotice(ctx.db, jo.id, { purpose: 'coproduction-vote', text: 'A decision is open for your vote', href: '/coproduction/proposals' });
    for (const page of ['', '?page=1', '?page=2']) {
      const body = (await jo.agent.get(`/notifications${page}`)).body;
      assert.match(body, /A decision is open for your vote/);
      assert.doesNotMatch(body, /time-limited access|new entry in your record/, 'nothing of Alex’s');
      assert.match(body, /1 unread notification\./);
    }
    assert.equal(headerCount.exec((await jo.agent.get('/people')).body)?.[1], '1', 'Jo’s header counts Jo’s one');
    assert.equal(headerCount.exec((await alex.agent.get('/me')).body)?.[1], '2', 'Alex’s counts Alex’s two');
  });

  test('the header counts unread notifications, said in words to a screen reader, until “Mark all as read”', async () => {
    const person = await signedIn(ctx, ['person']);
    const quiet = (await person.agent.get('/me')).body;
    assert.match(quiet, /href="\/notifications"[^>]*>\s*Notifications\s*</, 'the item is there, with no count, when nothing is unread');
    assert.doesNotMatch(quiet, /unread<\/span>/);
    for (const text of ['There is a new entry in your record', 'A letter about you was sent to your GP', 'Someone new was given time-limited access to your record']) {
      await raiseNotice(ctx.db, person.id, { purpose: 'record-entry', text, href: '/me/record' });
    }
    const counted = headerCount.exec((await person.agent.get('/me')).body);
    assert.deepEqual(counted?.slice(1), ['3', '3'], 'a badge of 3, heard as "Notifications, 3 unread"');
    const home = (await person.agent.get('/')).body;
    assert.match(home, headerCount, 'on the home page too');
    assert.match(home, /Nothing is waiting for you to do\./, 'the home page lists notifications its own way, not again among what waits');

    const list = (await person.agent.get('/notifications')).body;
    assert.match(list, /<input type="hidden" name="from" value="list">/);
    const done = await person.agent.post('/notifications/read', { from: 'list' });
    assert.equal(done.statusCode, 303);
    assert.equal(done.headers.location, '/notifications', 'back to the list');
    const after = (await person.agent.get('/notifications')).body;
    assert.match(after, /Your notifications are marked as read\./);
    assert.match(after, /No unread notifications\./);
    assert.doesNotMatch(after, headerCount, 'the count has gone');
    assert.doesNotMatch(after, /app-nav-count/);
    assert.doesNotMatch(after, /Mark all as read/, 'nothing left to mark');
  });
});
