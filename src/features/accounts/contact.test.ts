// notifyAccount: the only message withme sends about a person's record respects their contact
// safety settings and never says what it is about.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { nowIso } from '../../platform/db/database.ts';
import { NOTICE_TEXT, notifyAccount } from './contact.ts';
import { anAccount, forEachDialect } from '../../../test/helpers.ts';

forEachDialect('notifyAccount', (ctx) => {
  const outboxFor = (email: string) => ctx.db.selectFrom('outbox').selectAll().where('to_address', '=', email).execute();

  void test('without settings, a person gets the default discreet message with a sign-in link', async () => {
    const person = await anAccount(ctx.db, { roles: ['person'] });
    assert.equal(await notifyAccount(ctx.db, ctx.config, person.id, { purpose: 'record-entry' }), true);
    const [mail, ...more] = await outboxFor(person.email);
    assert.equal(more.length, 0);
    assert.equal(mail?.subject, 'You have a new update');
    assert.equal(mail?.sender_name, null);
    assert.equal(mail?.purpose, 'record-entry');
    assert.ok(mail?.body_text.startsWith(NOTICE_TEXT));
    assert.ok(mail?.body_text.includes(`${ctx.config.publicUrl}/sign-in`));
  });

  void test('a discreet sender name and subject replace the defaults', async () => {
    const person = await anAccount(ctx.db, { roles: ['person'] });
    await ctx.db
      .insertInto('contact_preferences')
      .values({ account_id: person.id, email_allowed: 1, letter_allowed: 0, phone_allowed: 0, text_allowed: 0, sender_name: 'Book club', subject: 'Club news', envelope_name: null, voicemail_allowed: 0, safe_times: null, updated_at: nowIso() })
      .execute();
    assert.equal(await notifyAccount(ctx.db, ctx.config, person.id, { purpose: 'record-entry' }), true);
    const [mail] = await outboxFor(person.email);
    assert.equal(mail?.sender_name, 'Book club');
    assert.equal(mail?.subject, 'Club news');
    assert.ok(mail?.body_text.startsWith(NOTICE_TEXT));
  });

  void test('when email is not allowed nothing is queued and the answer is false', async () => {
    const person = await anAccount(ctx.db, { roles: ['person'] });
    await ctx.db
      .insertInto('contact_preferences')
      .values({ account_id: person.id, email_allowed: 0, letter_allowed: 1, phone_allowed: 0, text_allowed: 0, sender_name: null, subject: null, envelope_name: null, voicemail_allowed: 0, safe_times: null, updated_at: nowIso() })
      .execute();
    assert.equal(await notifyAccount(ctx.db, ctx.config, person.id, { purpose: 'record-entry' }), false);
    assert.equal((await outboxFor(person.email)).length, 0);
  });

  void test('an unknown account gets nothing', async () => {
    assert.equal(await notifyAccount(ctx.db, ctx.config, '00000000-0000-4000-8000-000000000000', { purpose: 'x' }), false);
  });
});
