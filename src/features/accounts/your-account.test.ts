// "Your account" lists the account's signed-in sessions (device, last seen) and ends one or all
// of the others; an id from another account's list ends nothing.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Agent, anAccount, forEachDialect } from '../../../test/helpers.ts';

const sessionIds = (body: string) => [...body.matchAll(/name="session" value="([0-9a-f]{24})"/g)].map((m) => m[1] as string);

forEachDialect('Your account', (ctx) => {
  test('lists where the account is signed in and ends one session, or all the others; never another account’s', async () => {
    const account = await anAccount(ctx.db, { roles: ['practitioner'] });
    const laptop = new Agent(ctx.app);
    laptop.headers = { 'user-agent': 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36' };
    const phone = new Agent(ctx.app);
    phone.headers = { 'user-agent': 'Mozilla/5.0 (iPhone; CPU iPhone OS 18_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.0 Mobile/15E148 Safari/604.1' };
    const tablet = new Agent(ctx.app);
    tablet.headers = { 'user-agent': 'Mozilla/5.0 (Linux; Android 14) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36' };
    for (const agent of [laptop, phone, tablet]) {
      await agent.signIn(account.email);
      await agent.get('/people');
    }

    const page = await laptop.get('/account');
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /Chrome on Windows/);
    assert.match(page.body, /Safari on iPhone or iPad/);
    assert.match(page.body, /Chrome on Android/);
    assert.match(page.body, /This device/);
    const others = sessionIds(page.body);
    assert.equal(others.length, 2, 'the two other sessions can be ended');

    // Someone else, with an id from this account's page, ends nothing.
    const stranger = new Agent(ctx.app);
    await stranger.signIn((await anAccount(ctx.db, { roles: ['person'] })).email);
    await stranger.get('/account');
    await stranger.post('/account/sessions/end', { session: others[0] as string });
    assert.equal((await phone.get('/people')).statusCode, 200);
    assert.equal((await tablet.get('/people')).statusCode, 200);

    const phoneId = sessionIds(page.body).find((id) => page.body.indexOf(id) > page.body.indexOf('iPhone')) as string;
    await laptop.get('/account');
    assert.equal((await laptop.post('/account/sessions/end', { session: phoneId })).statusCode, 303);
    assert.equal((await phone.get('/people')).statusCode, 303, 'the phone is signed out');
    assert.equal((await tablet.get('/people')).statusCode, 200, 'the tablet is not');
    assert.doesNotMatch((await laptop.get('/account')).body, /iPhone/);

    await laptop.post('/account/sessions/end', { session: 'all-others' });
    assert.equal((await tablet.get('/people')).statusCode, 303, 'everywhere else is signed out');
    assert.equal((await laptop.get('/people')).statusCode, 200, 'this device stays signed in');
    assert.equal(sessionIds((await laptop.get('/account')).body).length, 0);
  });
});
