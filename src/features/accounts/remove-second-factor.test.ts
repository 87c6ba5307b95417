// Removing a second factor and making new recovery codes, from "Your account" (issue 16). Each
// asks for the password or a current code first and is audited; a staff account under
// WITHME_REQUIRE_STAFF_MFA cannot remove its last factor (it must add another first); another
// account's factor id, sent in the form, removes nothing; new codes are shown once and the old
// ones stop working.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { generate } from 'otplib';
import { signedIn } from '../record/test-builders.ts';
import { type Agent, forEachDialect, PASSWORD, type TestContext } from '../../../test/helpers.ts';
import { removeSecondFactor, verifyCode } from './second-factor.ts';

const secretOn = (body: string) => /data-setup-key>([A-Z2-7]+)</.exec(body)?.[1] ?? '';
const codesOn = (body: string) => [...body.matchAll(/<li><code>([a-z0-9]{5}-[a-z0-9]{5})<\/code><\/li>/g)].map((m) => m[1] as string);
const factorIdsOn = (body: string) => [...body.matchAll(/href="\/account\/second-factors\/remove\?factor=([0-9a-f-]{36})"/g)].map((m) => m[1] as string);

/** Adds an authenticator app through its page; returns the recovery codes when it was the first. */
async function addApp(agent: Agent): Promise<string[]> {
  const secret = secretOn((await agent.get('/account/second-factor/app')).body);
  const added = await agent.post('/account/second-factor/app', { code: await generate({ secret }), next: '/account' });
  assert.equal(added.statusCode, 303, 'the app is added');
  if (added.headers.location !== '/account/second-factor/recovery-codes') return [];
  return codesOn((await agent.get('/account/second-factor/recovery-codes')).body);
}

const factorsOf = (ctx: TestContext, accountId: string) => ctx.db.selectFrom('second_factors').select('id').where('account_id', '=', accountId).execute();
const auditActions = async (ctx: TestContext, accountId: string) =>
  (await ctx.db.selectFrom('audit_log').select('action').where('actor_id', '=', accountId).execute()).map((r) => r.action);

forEachDialect('Removing a second factor, new recovery codes', (ctx) => {
  test('a practitioner cannot remove their only factor: they add another first, then remove it with their password', async () => {
    const practitioner = await signedIn(ctx, ['practitioner']);
    await addApp(practitioner.agent);
    const [only] = factorIdsOn((await practitioner.agent.get('/account')).body);
    assert.ok(only, 'the account page offers to remove it');

    const page = await practitioner.agent.get(`/account/second-factors/remove?factor=${only}`);
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /Add another one first/);
    assert.match(page.body, /staff accounts must have one/);
    assert.doesNotMatch(page.body, /name="password"/, 'no form to remove it');
    // Sent anyway, with the right password: refused, in words, and nothing is removed.
    const refused = await practitioner.agent.post('/account/second-factors/remove', { factor: only, password: PASSWORD });
    assert.equal(refused.statusCode, 400);
    assert.match(refused.body, /You cannot remove your only second way to sign in: staff accounts must have one\. Add another passkey or authenticator app first/);
    assert.equal((await factorsOf(ctx, practitioner.id)).length, 1);

    await addApp(practitioner.agent);
    const wrong = await practitioner.agent.post('/account/second-factors/remove', { factor: only, password: 'not my password', code: '' });
    assert.equal(wrong.statusCode, 400);
    assert.match(wrong.body, /That password is not right/);
    const empty = await practitioner.agent.post('/account/second-factors/remove', { factor: only, password: '', code: '' });
    assert.equal(empty.statusCode, 400);
    assert.match(empty.body, /Enter your password, or a code from your authenticator app or a recovery code/);
    assert.equal((await factorsOf(ctx, practitioner.id)).length, 2, 'a wrong or missing password removes nothing');
    assert.ok((await auditActions(ctx, practitioner.id)).includes('second-factor.reauthentication-failed'));

    const removed = await practitioner.agent.post('/account/second-factors/remove', { factor: only, password: PASSWORD, code: '' });
    assert.equal(removed.statusCode, 303);
    assert.equal(removed.headers.location, '/account');
    assert.deepEqual((await factorsOf(ctx, practitioner.id)).map((f) => f.id).includes(only), false);
    assert.equal((await factorsOf(ctx, practitioner.id)).length, 1);
    assert.ok((await auditActions(ctx, practitioner.id)).includes('second-factor.remove'));
    const [last] = factorIdsOn((await practitioner.agent.get('/account')).body);
    assert.equal((await practitioner.agent.post('/account/second-factors/remove', { factor: last as string, password: PASSWORD })).statusCode, 400, 'and now that one is the last');
  });

  test('two removals at once, each of a different factor, leave one: the second sees the first and is refused', async () => {
    const practitioner = await signedIn(ctx, ['practitioner']);
    await addApp(practitioner.agent);
    await addApp(practitioner.agent);
    const [first, second] = (await factorsOf(ctx, practitioner.id)).map((f) => f.id);
    // Two tabs, each removing one factor at the same moment (separate connections on PostgreSQL).
    const results = await Promise.allSettled([
      removeSecondFactor(ctx.db, practitioner.id, first!, { keepOne: true }),
      removeSecondFactor(ctx.db, practitioner.id, second!, { keepOne: true }),
    ]);
    assert.deepEqual(results.map((r) => r.status).sort(), ['fulfilled', 'rejected'], 'one removed, one refused');
    const refused = results.find((r) => r.status === 'rejected');
    assert.equal((refused?.reason as { code?: string }).code, 'last-factor');
    assert.equal((await factorsOf(ctx, practitioner.id)).length, 1, 'a staff account keeps a factor');
  });

  test('another account’s factor id in the form removes nothing, even with the sender’s own password', async () => {
    const owner = await signedIn(ctx, ['practitioner']);
    await addApp(owner.agent);
    await addApp(owner.agent);
    const [theirs] = factorIdsOn((await owner.agent.get('/account')).body);
    for (const roles of [['person'], ['lead']] as const) {
      const other = await signedIn(ctx, [...roles]);
      await addApp(other.agent);
      await addApp(other.agent);
      assert.equal((await other.agent.get(`/account/second-factors/remove?factor=${theirs}`)).statusCode, 404);
      await other.agent.get('/account');
      const sent = await other.agent.post('/account/second-factors/remove', { factor: theirs as string, password: PASSWORD });
      assert.equal(sent.statusCode, 404, `a ${roles[0]} is refused`);
      assert.equal((await factorsOf(ctx, owner.id)).length, 2, 'the owner keeps both');
      assert.equal((await factorsOf(ctx, other.id)).length, 2, 'and the sender loses none of theirs');
    }
  });

  test('a person may remove their only factor; its recovery codes go with it', async () => {
    const person = await signedIn(ctx, ['person']);
    const codes = await addApp(person.agent);
    assert.equal(codes.length, 10);
    const [only] = factorIdsOn((await person.agent.get('/account')).body);
    const page = await person.agent.get(`/account/second-factors/remove?factor=${only}`);
    assert.match(page.body, /Your recovery codes will stop working too/);
    assert.equal((await person.agent.post('/account/second-factors/remove', { factor: only as string, password: '', code: codes[0] as string })).statusCode, 303, 'a recovery code shows it is them');
    assert.equal((await factorsOf(ctx, person.id)).length, 0);
    assert.equal(await verifyCode(ctx.db, ctx.config, person.id, codes[1] as string), null, 'the other codes no longer work');
  });

  test('new recovery codes need the password or a code, are shown once, and the old ones stop working', async () => {
    const practitioner = await signedIn(ctx, ['practitioner']);
    const old = await addApp(practitioner.agent);
    const page = await practitioner.agent.get('/account/recovery-codes');
    assert.match(page.body, /Your 10 codes left will stop working/);
    const wrong = await practitioner.agent.post('/account/recovery-codes', { password: '', code: 'aaaaa-aaaaa' });
    assert.equal(wrong.statusCode, 400);
    assert.match(wrong.body, /That code is not right, or has been used/);
    assert.match(wrong.body, /value="aaaaa-aaaaa"/, 'what was typed is kept');

    const made = await practitioner.agent.post('/account/recovery-codes', { password: '', code: old[0] as string });
    assert.equal(made.statusCode, 303);
    assert.equal(made.headers.location, '/account/second-factor/recovery-codes');
    const shown = await practitioner.agent.get('/account/second-factor/recovery-codes');
    assert.match(String(shown.headers['cache-control']), /no-store/);
    const fresh = codesOn(shown.body);
    assert.equal(fresh.length, 10);
    assert.ok(fresh.every((c) => !old.includes(c)), 'all new');
    assert.match(shown.body, /href="\/account"/, 'back to the account page');
    assert.equal((await practitioner.agent.get('/account/second-factor/recovery-codes')).statusCode, 303, 'shown once');
    assert.equal(await verifyCode(ctx.db, ctx.config, practitioner.id, old[1] as string), null, 'an old code no longer works');
    assert.equal(await verifyCode(ctx.db, ctx.config, practitioner.id, fresh[0] as string), 'recovery-code', 'a new one does');
    assert.ok((await auditActions(ctx, practitioner.id)).includes('second-factor.recovery-codes'));

    const none = await signedIn(ctx, ['person']);
    await none.agent.get('/account/recovery-codes');
    const refused = await none.agent.post('/account/recovery-codes', { password: PASSWORD });
    assert.equal(refused.statusCode, 400, 'no codes without a factor');
    assert.match(refused.body, /Recovery codes come with a passkey or an authenticator app/);
  });
}, { requireStaffMfa: true });
