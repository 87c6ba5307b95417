// Sign-on's rules (issue 16), on both databases: the organisation's word signs in only an active
// staff account whose address it verified; NHS login signs in the person account its identity is
// linked to, links by invitation or by a verified address of a person account, never reaches a
// staff account or relinks an account, creates nothing else, and keeps the NHS number encrypted.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { anAccount, forEachDialect } from '../../../test/helpers.ts';
import { decryptNhsNumber, encryptNhsNumber, isNhsNumber } from './nhs-number.ts';
import { invite, suspendAccount } from './service.ts';
import { identityLevel, nhsLoginDetails, signInWithNhsLogin, signInWithOrganisation } from './sign-on.ts';

const NHS_NUMBER = '9000000009';
const count = async (db: Parameters<typeof signInWithOrganisation>[0], table: 'accounts' | 'nhs_login_links') =>
  Number((await db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);

test('NHS numbers: the check digit is checked, and the stored form reads back only with the same secret', () => {
  assert.equal(isNhsNumber(NHS_NUMBER), true);
  assert.equal(isNhsNumber('9000000008'), false);
  assert.equal(isNhsNumber('123'), false);
  const stored = encryptNhsNumber('secret one, long enough for a test', NHS_NUMBER);
  assert.ok(!stored.includes(NHS_NUMBER));
  assert.equal(decryptNhsNumber('secret one, long enough for a test', stored), NHS_NUMBER);
  assert.equal(decryptNhsNumber('another secret entirely, just as long', stored), undefined);
  const [v, iv, body, tag] = stored.split('.');
  assert.equal(decryptNhsNumber('secret one, long enough for a test', [v, iv, Buffer.from('0000000000').toString('base64url'), tag].join('.')), undefined, 'tampered: unreadable');
  assert.notEqual(body, undefined);
});

test('the identity level comes from identity_proofing_level, or the vot NHS login met', () => {
  assert.equal(identityLevel({ sub: 'x', identity_proofing_level: 'P9' }), 'P9');
  assert.equal(identityLevel({ sub: 'x', vot: 'P5.Cp.Cd' }), 'P5');
  assert.equal(identityLevel({ sub: 'x', identity_proofing_level: 'P7' }), null);
});

forEachDialect('signing in with the organisation account', (ctx) => {
  test('a verified address of an active staff account signs in as it; nothing else does, and nothing is made', async () => {
    const practitioner = await anAccount(ctx.db, { roles: ['practitioner'] });
    const lead = await anAccount(ctx.db, { roles: ['lead'] });
    const person = await anAccount(ctx.db, { roles: ['person'] });
    const group = await anAccount(ctx.db, { roles: ['group'] });
    assert.equal(await signInWithOrganisation(ctx.db, { sub: 'a', email: practitioner.email.toUpperCase(), email_verified: true }), practitioner.id);
    assert.equal(await signInWithOrganisation(ctx.db, { sub: 'b', email: lead.email, email_verified: true }), lead.id);
    const accounts = await count(ctx.db, 'accounts');
    for (const claims of [
      { sub: 'c', email: practitioner.email, email_verified: false },
      { sub: 'd', email: practitioner.email, email_verified: 'true' },
      { sub: 'e', email: practitioner.email },
      { sub: 'f', email: 'nobody-here@example.org', email_verified: true },
      { sub: 'g', email: person.email, email_verified: true },
      { sub: 'h', email: group.email, email_verified: true },
      { sub: 'i', email_verified: true },
    ]) {
      assert.equal(await signInWithOrganisation(ctx.db, claims), undefined, JSON.stringify(claims));
    }
    assert.equal(await count(ctx.db, 'accounts'), accounts, 'no account was made');
    const otherLead = await anAccount(ctx.db, { roles: ['lead'] });
    await suspendAccount(ctx.db, { accountId: practitioner.id, reason: 'On leave, at their request.', by: otherLead.id });
    assert.equal(await signInWithOrganisation(ctx.db, { sub: 'a', email: practitioner.email, email_verified: true }), undefined, 'a suspended account is refused');
  });
});

forEachDialect('signing in with NHS login', (ctx) => {
  test('a verified address of a person account links it, keeps the number encrypted and the level; then the identity signs in', async () => {
    const person = await anAccount(ctx.db, { roles: ['person'] });
    const claims = { sub: 'nhs-1', email: person.email, email_verified: true, nhs_number: NHS_NUMBER, identity_proofing_level: 'P9' };
    assert.equal(await signInWithNhsLogin(ctx.db, ctx.config, claims), person.id);
    const row = await ctx.db.selectFrom('nhs_login_links').selectAll().where('account_id', '=', person.id).executeTakeFirstOrThrow();
    assert.equal(row.subject, 'nhs-1');
    assert.equal(row.identity_level, 'P9');
    assert.ok(row.nhs_number_encrypted && !row.nhs_number_encrypted.includes(NHS_NUMBER));
    assert.deepEqual(await nhsLoginDetails(ctx.db, ctx.config, person.id), { nhsNumber: NHS_NUMBER, identityLevel: 'P9' });
    // Next time by the identity alone, whatever address it gives; the level given is recorded.
    assert.equal(await signInWithNhsLogin(ctx.db, ctx.config, { sub: 'nhs-1', email: 'changed@example.org', email_verified: true, identity_proofing_level: 'P5' }), person.id);
    assert.deepEqual(await nhsLoginDetails(ctx.db, ctx.config, person.id), { nhsNumber: NHS_NUMBER, identityLevel: 'P5' }, 'a number given once is kept');
  });

  test('NHS login never reaches a staff account, an unverified or unknown address, or relinks a linked account', async () => {
    const practitioner = await anAccount(ctx.db, { roles: ['practitioner'] });
    const both = await anAccount(ctx.db, { roles: ['person', 'lead'] });
    const person = await anAccount(ctx.db, { roles: ['person'] });
    assert.equal(await signInWithNhsLogin(ctx.db, ctx.config, { sub: 'nhs-2', email: person.email, email_verified: true }), person.id);
    const accounts = await count(ctx.db, 'accounts');
    const links = await count(ctx.db, 'nhs_login_links');
    for (const claims of [
      { sub: 'nhs-3', email: practitioner.email, email_verified: true },
      { sub: 'nhs-4', email: both.email, email_verified: true },
      { sub: 'nhs-5', email: person.email, email_verified: true },
      { sub: 'nhs-6', email: 'someone-new@example.org', email_verified: true },
      { sub: 'nhs-7', email: person.email, email_verified: false },
    ]) {
      assert.equal(await signInWithNhsLogin(ctx.db, ctx.config, claims), undefined, JSON.stringify(claims));
    }
    assert.equal(await count(ctx.db, 'accounts'), accounts, 'no account was made');
    assert.equal(await count(ctx.db, 'nhs_login_links'), links, 'nothing was linked');
    // A suspended person's link signs nobody in.
    const lead = await anAccount(ctx.db, { roles: ['lead'] });
    await suspendAccount(ctx.db, { accountId: person.id, reason: 'At their request, for now.', by: lead.id });
    assert.equal(await signInWithNhsLogin(ctx.db, ctx.config, { sub: 'nhs-2' }), undefined);
  });

  test('an invitation to a person account is accepted with NHS login, once; one with a staff role is not', async () => {
    const lead = await anAccount(ctx.db, { roles: ['lead'] });
    const tokenFor = async (email: string) => {
      const message = await ctx.db.selectFrom('outbox').select('body_text').where('to_address', '=', email).executeTakeFirstOrThrow();
      return /\/invitations\/([A-Za-z0-9_-]+)/.exec(message.body_text)![1]!;
    };
    await invite(ctx.db, ctx.config, { email: 'robin@example.org', displayName: 'Robin New', roles: ['person'], invitedBy: lead.id });
    const token = await tokenFor('robin@example.org');
    const accountId = await signInWithNhsLogin(ctx.db, ctx.config, { sub: 'nhs-robin', nhs_number: NHS_NUMBER, identity_proofing_level: 'P9' }, token);
    assert.ok(accountId);
    const account = await ctx.db.selectFrom('accounts').selectAll().where('id', '=', accountId).executeTakeFirstOrThrow();
    assert.equal(account.email, 'robin@example.org');
    assert.equal(account.password_hash, null, 'no password: NHS login is how they sign in');
    assert.equal(await signInWithNhsLogin(ctx.db, ctx.config, { sub: 'nhs-someone-else' }, token), undefined, 'the invitation works once');
    assert.equal(await signInWithNhsLogin(ctx.db, ctx.config, { sub: 'nhs-robin' }), accountId);

    await invite(ctx.db, ctx.config, { email: 'pat@example.org', displayName: 'Pat Staff', roles: ['person', 'practitioner'], invitedBy: lead.id });
    const staffToken = await tokenFor('pat@example.org');
    assert.equal(await signInWithNhsLogin(ctx.db, ctx.config, { sub: 'nhs-pat' }, staffToken), undefined);
    assert.equal(await ctx.db.selectFrom('accounts').select('id').where('email', '=', 'pat@example.org').executeTakeFirst(), undefined);
  });
});
