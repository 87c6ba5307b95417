// Safety on every page, tried as a person would: the quick exit ends the session on the server
// before leaving (so Back or a new tab shows the sign-in page), "Get help now" comes before the
// main content, every crisis number is a link, signing out is one step, and the service's own
// contact details are on the page.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { QUICK_EXIT_URL } from '../../platform/layout.ts';
import { Agent, forEachDialect, signedInAs } from '../../../test/helpers.ts';

forEachDialect('safety on every page', (ctx) => {
  test('the quick exit ends the session on the server, clears the site data and lands on a neutral site', async () => {
    const { agent } = await signedInAs(ctx, ['person']);
    assert.equal((await agent.get('/me')).statusCode, 200);
    const before = agent.cookieHeader();
    const exit = await agent.get('/exit');
    assert.equal(exit.statusCode, 303);
    assert.equal(exit.headers.location, QUICK_EXIT_URL);
    assert.equal(exit.headers['clear-site-data'], '"cookies", "storage"');
    assert.equal(exit.headers['cache-control'], 'no-store');
    // Back, or /me in a new tab, with whatever cookie the browser still held: the sign-in page.
    const again = await agent.get('/me');
    assert.equal(again.statusCode, 303);
    assert.match(String(again.headers.location), /^\/sign-in/);
    const oldCookie = await ctx.app.inject({ method: 'GET', url: '/me', headers: { cookie: before } });
    assert.equal(oldCookie.statusCode, 303, 'the session the person had is gone from the store, not just from the browser');
  });

  test('the quick exit is the first thing after the skip link, with "Get help now" before the main content', async () => {
    const page = (await new Agent(ctx.app).get('/privacy')).body;
    const skip = page.indexOf('Skip to main content');
    const exit = page.indexOf('href="/exit"');
    const help = page.indexOf('href="#get-help"');
    const main = page.indexOf('<main');
    assert.ok(skip > 0 && skip < exit && exit < help && help < main, 'skip link, then the quick exit, then "Get help now", all before <main>');
    assert.match(page, /<aside class="app-crisis-panel[^"]*" id="get-help"/);
  });

  test('every crisis number is a tel: link and every "text X to N" an sms: link, 999 included', async () => {
    const page = (await new Agent(ctx.app).get('/')).body;
    const panel = page.slice(page.indexOf('id="get-help"'), page.indexOf('</aside>', page.indexOf('id="get-help"')));
    assert.match(panel, /<a href="tel:999">call 999<\/a>/);
    for (const helpline of ctx.config.helplines) {
      assert.ok(panel.includes(`>${helpline.contact}</a>`), `${helpline.name}'s ${helpline.contact} is a link`);
    }
    assert.match(panel, /<a href="tel:116123">116 123<\/a>/);
    assert.match(panel, /<a href="sms:85258\?body=SHOUT">text SHOUT to 85258<\/a>/);
  });

  test('signing out is one step, from every page, and works even when the page has been open a long time', async () => {
    const { agent } = await signedInAs(ctx, ['person']);
    const page = (await agent.get('/me')).body;
    assert.match(page, /<form class="nhsuk-header__account-form" action="\/sign-out" method="post"[^>]*>\s*<button class="nhsuk-header__account-button">/);
    const out = await agent.post('/sign-out', { _csrf: 'an expired token' });
    assert.equal(out.statusCode, 200);
    assert.match(out.body, /You have signed out/);
    assert.equal((await agent.get('/me')).statusCode, 303);
  });

  test('the service says how to reach it, in the footer and when something goes wrong', async () => {
    const page = (await new Agent(ctx.app).get('/accessibility')).body;
    const { phone, email } = ctx.config.contact;
    assert.ok(phone && email, 'outside production the demo has contact details');
    assert.match(page, new RegExp(`<a href="tel:${phone.replace(/\D/g, '')}">${phone}</a>`));
    assert.match(page, new RegExp(`<a href="mailto:${email}">${email}</a>`));
  });

  test('"How to browse safely" explains private browsing, clearing history and the quick exit, and every footer links it', async () => {
    const page = await new Agent(ctx.app).get('/browse-safely');
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /<h1>How to browse safely<\/h1>/);
    for (const words of [/private window/, /Clear your history/, /Quick exit/, /Shift/]) assert.match(page.body, words);
    assert.match((await new Agent(ctx.app).get('/')).body, /href="\/browse-safely"/);
  });
});
