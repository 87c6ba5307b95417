// An account with no roles can do nothing but sign out, see and download its own data, ask for a
// correction or erasure, and read how to get help (issue 11). It lands on that help, kindly.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Agent, anAccount, forEachDialect, signedInAs } from '../../../test/helpers.ts';

const PROPOSAL = { title: 'Evening clinics for people who work', problem: 'Appointments clash with shifts.', affects: 'People who work days', idea: 'Two evening clinics a week.', area: 'care-pathway' };

forEachDialect('an account with no roles', (ctx) => {
  async function aProposalWithAComment(): Promise<string> {
    const { agent: member } = await signedInAs(ctx, ['group']);
    await member.get('/coproduction/proposals/new');
    const raised = await member.post('/coproduction/proposals', PROPOSAL);
    assert.equal(raised.statusCode, 303);
    const path = raised.headers.location!;
    await member.get(path);
    assert.equal((await member.post(`${path}/comments`, { body: 'Shift workers told us this at the drop-in.' })).statusCode, 303);
    return path.split('/').pop()!;
  }

  test('a role-less account signing in lands on kind words about getting help, wherever it was going', async () => {
    const account = await anAccount(ctx.db, { roles: [] });
    const agent = new Agent(ctx.app);
    await agent.get('/sign-in?next=/coproduction/proposals');
    const signedIn = await agent.post('/sign-in', { email: account.email, password: account.password, next: '/coproduction/proposals' });
    assert.equal(signedIn.statusCode, 303);
    assert.equal(signedIn.headers.location, '/no-access');
    const page = await agent.get('/no-access');
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /<h1>Your account has no access at the moment<\/h1>/);
    assert.match(page.body, /It is not something you did wrong/);
    // How to reach the service: its own contact details, from the configuration.
    assert.ok(ctx.config.contact.phone && ctx.config.contact.email);
    assert.ok(page.body.includes(`by phone on <a href="tel:`) && page.body.includes(ctx.config.contact.phone));
    assert.ok(page.body.includes(`mailto:${ctx.config.contact.email}`));
    assert.match(page.body, /href="\/me\/download"/);
    assert.match(page.body, /href="\/me\/requests"/);
    assert.match(page.body, /action="\/sign-out"/);
    // The header offers help and nothing it cannot open.
    assert.doesNotMatch(page.body, /href="\/coproduction\/proposals"/);
    const home = await agent.get('/');
    assert.match(home.body, /Your account has no access at the moment/);
    // An account with a role is sent on from the help page.
    const { agent: member } = await signedInAs(ctx, ['group']);
    assert.equal((await member.get('/no-access')).headers.location, '/');
  });

  test('a role-less account reads no proposal or comment, comments nowhere and raises nothing', async () => {
    const id = await aProposalWithAComment();
    const { agent } = await signedInAs(ctx, []);
    for (const url of ['/coproduction/proposals', '/coproduction/proposals/new', `/coproduction/proposals/${id}`, '/feedback/manage', '/me', '/me/record', '/people']) {
      const res = await agent.get(url);
      assert.equal(res.statusCode, 404, `GET ${url}`);
      assert.doesNotMatch(res.body, /Evening clinics|Shift workers/);
    }
    assert.equal((await agent.post(`/coproduction/proposals/${id}/comments`, { body: 'Let me in' })).statusCode, 404);
    assert.equal((await agent.post('/coproduction/proposals', PROPOSAL)).statusCode, 404);
    const comments = await ctx.db.selectFrom('coproduction_comments').select('body').where('proposal_id', '=', id).execute();
    assert.deepEqual(comments.map((c) => c.body), ['Shift workers told us this at the drop-in.']);
  });

  test('a role-less account still signs out, downloads its own data (and nobody else’s) and asks for a correction', async () => {
    await aProposalWithAComment();
    const { agent, account } = await signedInAs(ctx, [], { displayName: 'Rowan Left' });
    const download = await agent.get('/me/download');
    assert.equal(download.statusCode, 200);
    assert.ok(download.body.includes(account.email));
    assert.doesNotMatch(download.body, /Evening clinics|Shift workers/);
    const json = await agent.get('/me/download.json');
    assert.equal(json.statusCode, 200);
    assert.match(String(json.headers['content-disposition']), /attachment/);
    assert.ok(json.body.includes(account.id));
    assert.doesNotMatch(json.body, /Evening clinics|Shift workers/);

    assert.equal((await agent.get('/me/requests')).statusCode, 200);
    const asked = await agent.post('/me/requests', { kind: 'correction', detail: 'My name is spelled wrongly on my account.' });
    assert.equal(asked.statusCode, 303);
    assert.equal((await ctx.db.selectFrom('data_requests').select('kind').where('person_id', '=', account.id).executeTakeFirstOrThrow()).kind, 'correction');

    const out = await agent.post('/sign-out');
    assert.equal(out.statusCode, 200);
    assert.match(out.body, /You have signed out/);
    assert.equal((await agent.get('/me/download')).statusCode, 303, 'signed out, the download asks to sign in');
  });

  test('taking every role away closes the member’s pages at their next request', async () => {
    const id = await aProposalWithAComment();
    const { agent: member, account } = await signedInAs(ctx, ['group']);
    assert.equal((await member.get(`/coproduction/proposals/${id}`)).statusCode, 200);
    const { agent: lead } = await signedInAs(ctx, ['lead']);
    await lead.get(`/admin/accounts/${account.id}`);
    assert.equal((await lead.post(`/admin/accounts/${account.id}/roles`, {})).statusCode, 303);
    const after = await member.get(`/coproduction/proposals/${id}`);
    assert.equal(after.statusCode, 404);
    assert.doesNotMatch(after.body, /Evening clinics|Shift workers/);
    assert.equal((await member.get('/me/download')).statusCode, 200);
  });
});
