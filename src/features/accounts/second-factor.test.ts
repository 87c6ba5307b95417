// A second factor for staff (issue 16), with WITHME_REQUIRE_STAFF_MFA on: a practitioner who
// signed in with only a password reaches no record (page or FHIR API) until they set up an
// authenticator app; a password alone cannot add a factor to an account that has one; the next
// sign-in asks for it; a recovery code works once; people are not asked.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { generate } from 'otplib';
import { secondFactorRequired } from '../../platform/auth.ts';
import type { Actor } from '../../platform/policy.ts';
import { aPersonOnACaseload, signedIn } from '../record/test-builders.ts';
import { Agent, forEachDialect } from '../../../test/helpers.ts';

const secretOn = (body: string) => /data-setup-key>([A-Z2-7]+)</.exec(body)?.[1] ?? '';
const codesOn = (body: string) => [...body.matchAll(/<li><code>([a-z0-9]{5}-[a-z0-9]{5})<\/code><\/li>/g)].map((m) => m[1] as string);

forEachDialect('A second factor for staff', (ctx) => {
  test('a password-only practitioner reaches no record, page or API, until an authenticator app is set up; then a recovery code works once', async () => {
    const { person, practitioner } = await aPersonOnACaseload(ctx);
    const agent = practitioner.agent;

    // The attacker with only the password asks for the record and the API directly.
    const page = await agent.get(`/people/${person.id}`);
    assert.equal(page.statusCode, 303);
    assert.equal(page.headers.location, `/account/second-factor?next=${encodeURIComponent(`/people/${person.id}`)}`);
    const api = await agent.get(`/api/v1/fhir/Patient/${person.id}`);
    assert.equal(api.statusCode, 401);
    assert.doesNotMatch(api.body, /Sam/);
    for (const url of ['/people', '/duty', '/me/download', '/feedback/manage']) {
      assert.equal((await agent.get(url)).statusCode, 303, `${url} waits for the second factor`);
    }
    // Nor can it write: a POST to the record is sent to the second factor too.
    assert.equal((await agent.post(`/people/${person.id}/record`, { kind: 'note', body: 'x' })).statusCode, 303);

    const home = await agent.get('/');
    assert.equal(home.statusCode, 200);
    assert.doesNotMatch(home.body, /Priya Shah|href="\/people"/, 'the home page is the signed-out one: nothing waits, no navigation');
    const choose = await agent.get('/account/second-factor');
    assert.match(choose.body, /Set up an authenticator app/);
    assert.doesNotMatch(choose.body, /href="\/people"/, 'no navigation to what it cannot reach yet');
    const setUp = await agent.get('/account/second-factor/app');
    const secret = secretOn(setUp.body);
    assert.ok(secret.length >= 16, 'the setup key is shown');
    const wrong = await agent.post('/account/second-factor/app', { code: '000000', next: `/people/${person.id}` });
    assert.equal(wrong.statusCode, 400);
    assert.match(wrong.body, /Enter the 6 digit code your authenticator app shows now/);
    assert.equal((await agent.get(`/people/${person.id}`)).statusCode, 303, 'a wrong code sets nothing up');

    const setUpCode = await generate({ secret });
    const right = await agent.post('/account/second-factor/app', { code: setUpCode, next: `/people/${person.id}` });
    assert.equal(right.headers.location, '/account/second-factor/recovery-codes');
    const shown = await agent.get('/account/second-factor/recovery-codes');
    const codes = codesOn(shown.body);
    assert.equal(codes.length, 10);
    assert.match(shown.body, new RegExp(`href="/people/${person.id}"`));
    assert.equal((await agent.get('/account/second-factor/recovery-codes')).statusCode, 303, 'shown once');
    assert.equal((await agent.get(`/people/${person.id}`)).statusCode, 200, 'now the record opens');
    assert.equal((await agent.get(`/api/v1/fhir/Patient/${person.id}`)).statusCode, 200);

    const stored = await ctx.db.selectFrom('recovery_codes').select('code_hash').where('account_id', '=', practitioner.id).execute();
    assert.equal(stored.length, 10);
    assert.ok(stored.every((r) => r.code_hash.startsWith('$argon2id$') && !codes.includes(r.code_hash)), 'stored as argon2id hashes');
    const factor = await ctx.db.selectFrom('second_factors').select('totp_secret').where('account_id', '=', practitioner.id).executeTakeFirstOrThrow();
    assert.ok(factor.totp_secret && !factor.totp_secret.includes(secret), 'the app secret is kept encrypted');

    // Signing in again with the password: the factor is asked for, and a password alone cannot add another.
    const again = new Agent(ctx.app);
    await again.signIn(practitioner.email);
    assert.equal((await again.get(`/people/${person.id}`)).statusCode, 303);
    const verify = await again.get('/account/second-factor');
    assert.match(verify.body, /Confirm it is you/);
    assert.equal((await again.get('/account/second-factor/app')).statusCode, 404, 'no new app without the one it has');
    assert.equal((await again.json('POST', '/account/passkeys/options', {})).statusCode, 404, 'nor a passkey');
    assert.equal((await again.post('/account/second-factor', { code: 'aaaaa-aaaaa', next: '/people' })).statusCode, 400);

    const code = codes[0] as string;
    const used = await again.post('/account/second-factor', { code, next: `/people/${person.id}` });
    assert.equal(used.statusCode, 303);
    assert.equal(used.headers.location, `/people/${person.id}`);
    assert.equal((await again.get(`/people/${person.id}`)).statusCode, 200, 'the recovery code let them in');

    const third = new Agent(ctx.app);
    await third.signIn(practitioner.email);
    await third.get('/account/second-factor');
    assert.equal((await third.post('/account/second-factor', { code, next: '/people' })).statusCode, 400, 'a recovery code works once');
    assert.equal((await third.get(`/people/${person.id}`)).statusCode, 303);
    assert.equal((await third.post('/account/second-factor', { code: setUpCode, next: '/people' })).statusCode, 400, 'the code that set the app up does not sign in again');
    // The app's next code (a phone's clock a step ahead is allowed) signs in, once.
    const nextCode = await generate({ secret, epoch: Math.floor(Date.now() / 1000) + 30 });
    const appCode = await third.post('/account/second-factor', { code: nextCode, next: '/people' });
    assert.equal(appCode.statusCode, 303);
    assert.equal(appCode.headers.location, '/people');
    const fourth = new Agent(ctx.app);
    await fourth.signIn(practitioner.email);
    await fourth.get('/account/second-factor');
    const replayed = await fourth.post('/account/second-factor', { code: nextCode, next: '/people' });
    assert.equal(replayed.statusCode, 400, 'an app code seen over a shoulder and typed again is refused');
    assert.equal((await fourth.get(`/people/${person.id}`)).statusCode, 303);
  });

  test('signing in with a passkey alone: options name no account and need user verification; a forged answer signs nobody in', async () => {
    const practitioner = await signedIn(ctx, ['practitioner']);
    const stranger = new Agent(ctx.app);
    await stranger.get('/sign-in');
    const options = await stranger.json('POST', '/sign-in/passkey/options', {});
    assert.equal(options.statusCode, 200);
    const body = options.json<{ challenge: string; allowCredentials?: unknown[]; userVerification: string; rpId: string }>();
    assert.equal(body.userVerification, 'required');
    assert.ok(!body.allowCredentials?.length, 'no account named: the browser offers its discoverable passkeys');
    assert.equal(body.rpId, new URL(ctx.config.publicUrl).hostname);
    const forged = { id: 'AAAA', rawId: 'AAAA', type: 'public-key', response: { clientDataJSON: 'e30', authenticatorData: 'AAAA', signature: 'AAAA', userHandle: Buffer.from(practitioner.id).toString('base64url') }, clientExtensionResults: {} };
    const answer = await stranger.json('POST', '/sign-in/passkey', { response: forged, next: '/people' });
    assert.equal(answer.statusCode, 400);
    assert.equal((await stranger.get('/people')).statusCode, 303, 'not signed in');
    const replayed = await stranger.json('POST', '/sign-in/passkey', { response: forged, next: '/people' });
    assert.equal(replayed.statusCode, 400, 'and the challenge was used up');
  });

  test('people and group members are not asked', async () => {
    const person = await signedIn(ctx, ['person']);
    assert.equal((await person.agent.get('/me')).statusCode, 200);
    const group = await signedIn(ctx, ['group']);
    assert.equal((await group.agent.get('/coproduction/proposals')).statusCode, 200);
  });
}, { requireStaffMfa: true });

test('who owes a second factor: staff roles signed in with a password, not through their organisation', () => {
  const actor = (roles: Actor['roles']): Actor => ({ id: 'a', email: 'a@example.org', displayName: 'A', roles });
  for (const role of ['practitioner', 'lead', 'duty'] as const) {
    assert.equal(secondFactorRequired(true, actor(new Set([role])), { signedInWith: 'password' }), true, role);
    assert.equal(secondFactorRequired(true, actor(new Set([role])), {}), true, `${role}, sign-in method unknown`);
    assert.equal(secondFactorRequired(true, actor(new Set([role])), { signedInWith: 'organisation' }), false, `${role} through the organisation`);
    assert.equal(secondFactorRequired(true, actor(new Set([role])), { signedInWith: 'password', secondFactorAt: 1 }), false, `${role} once shown`);
    assert.equal(secondFactorRequired(false, actor(new Set([role])), { signedInWith: 'password' }), false, `${role} when not required`);
  }
  assert.equal(secondFactorRequired(true, actor(new Set(['person', 'group'])), { signedInWith: 'password' }), false);
});

forEachDialect('Without WITHME_REQUIRE_STAFF_MFA', (ctx) => {
  test('a practitioner with a password reads their caseload', async () => {
    const { person, practitioner } = await aPersonOnACaseload(ctx);
    assert.equal((await practitioner.agent.get(`/people/${person.id}`)).statusCode, 200);
  });
});
