// GOV.UK Notify as a channel (issue 16), against a local HTTP server that speaks Notify's API:
// a person who chose text messages in their contact settings gets a text through the official
// client, and nothing in it names the service or says anything clinical; it waits for their safe
// times; a refusal from Notify fails at once and shows in the lead's outbox, a Notify outage is
// tried again; a letter goes only where post was allowed and an envelope name and address given.
// After Notify accepted a message, its delivery receipt (Notify's callback, with the bearer token
// set in Notify; or the outbox job asking, for letters) reports one that never arrived to the lead.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import { after, before, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { notifyMailer } from '../../platform/mail/notify.ts';
import { checkDeliveries, drainOutbox } from '../../platform/mail/outbox.ts';
import type { NotifyConfig } from '../../platform/config.ts';
import { signedIn } from '../record/test-builders.ts';
import { forEachDialect } from '../../../test/helpers.ts';
import { notifyAccount } from './index.ts';

const SERVICE_ID = '26785a09-ab16-4eb0-8407-a37497a57506';
const NOTIFY: NotifyConfig = {
  apiKey: `withme_test-${SERVICE_ID}-3d844edf-8d35-48ac-975b-e847b4f122b0`,
  baseUrl: undefined,
  templates: { email: 'f33517ff-2a88-4f6e-b855-c550268ce08a', sms: 'a91b5f2e-1c0d-4d5e-9f6a-7b8c9d0e1f2a', letter: '3c2b1a09-8f7e-4d6c-b5a4-9382716f5e4d' },
  callbackToken: 'c2f0a6b4e8d1937f5a2c4e6b8d0f1a3c5e7b9d1f3a5c7e9b',
};

interface Received {
  path: string;
  issuer: string;
  /** Notify's id for the message, as it answered. */
  id: string;
  body: { phone_number?: string; email_address?: string; template_id: string; personalisation: Record<string, string>; reference?: string };
}
/** What the fake Notify says when asked about a message it accepted (`delivered` unless set). */
const statuses = new Map<string, string>();
const received: Received[] = [];
/** Numbers the fake Notify refuses (400, as for a bad number) or cannot take now (500). */
const REFUSED = '07700900999';
const DOWN = '07700900555';
let server: Server;
let baseUrl = '';

async function readBody(request: IncomingMessage): Promise<string> {
  let text = '';
  for await (const chunk of request) text += String(chunk);
  return text;
}

before(async () => {
  server = createServer((request, response) => {
    void readBody(request).then((raw) => {
      const token = (request.headers.authorization ?? '').replace(/^Bearer /, '');
      const claims = JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString() || '{}') as { iss?: string };
      response.setHeader('content-type', 'application/json');
      if (claims.iss !== SERVICE_ID) {
        response.statusCode = 403;
        return response.end(JSON.stringify({ status_code: 403, errors: [{ error: 'AuthError', message: 'Invalid token' }] }));
      }
      const asked = /^\/v2\/notifications\/([0-9a-f-]{36})$/.exec(request.url ?? '');
      if (request.method === 'GET' && asked?.[1]) {
        const message = received.find((r) => r.id === asked[1]);
        response.statusCode = message ? 200 : 404;
        return response.end(JSON.stringify(message ? { id: message.id, reference: message.body.reference, status: statuses.get(message.id) ?? 'delivered', type: message.path.split('/').pop() } : { status_code: 404, errors: [{ error: 'NoResultFound', message: 'No result found' }] }));
      }
      const body = JSON.parse(raw) as Received['body'];
      if (body.phone_number === REFUSED) {
        response.statusCode = 400;
        return response.end(JSON.stringify({ status_code: 400, errors: [{ error: 'ValidationError', message: 'phone_number Not a UK mobile number' }] }));
      }
      if (body.phone_number === DOWN) {
        response.statusCode = 500;
        return response.end(JSON.stringify({ status_code: 500, errors: [{ error: 'Exception', message: 'Internal server error' }] }));
      }
      const id = randomUUID();
      received.push({ path: request.url ?? '', issuer: claims.iss, id, body });
      response.statusCode = 201;
      response.end(JSON.stringify({ id, reference: body.reference, content: { body: body.personalisation.body ?? '' }, template: { id: body.template_id } }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
});
after(() => new Promise<void>((resolve) => server.close(() => resolve())));

const contact = (overrides: Record<string, string | string[]>) => ({ channels: ['text'], senderName: '', subject: '', envelopeName: '', voicemail: 'no', safeTimes: '', mobileNumber: '07700 900 123', postalAddress: '', ...overrides });
const drain = (ctx: { db: Parameters<typeof drainOutbox>[0] }, at: Date) => drainOutbox(ctx.db, notifyMailer({ ...NOTIFY, baseUrl }), { from: 'withme <no-reply@withme.invalid>', now: () => at });
const WEDNESDAY_11AM = new Date('2026-12-16T11:00:00Z');

/** Notify's delivery receipt for a message it accepted, as its callback sends it. */
const receipt = (message: Received, status: string) => ({
  id: message.id,
  reference: message.body.reference ?? null,
  to: message.body.phone_number ?? message.body.email_address ?? '',
  status,
  created_at: '2026-12-16T11:00:00.000000Z',
  completed_at: '2026-12-16T11:00:05.000000Z',
  sent_at: '2026-12-16T11:00:01.000000Z',
  notification_type: message.path.split('/').pop(),
});
const callback = (ctx: { app: FastifyInstance }, payload: object, token = NOTIFY.callbackToken) =>
  ctx.app.inject({ method: 'POST', url: '/api/v1/notify/delivery-status', headers: token ? { authorization: `Bearer ${token}` } : {}, payload });
/** The count of undelivered mail on the lead's home page. */
const undeliveredOnHome = (page: string) => Number(/(\d+) messages? (?:has|have) not been delivered/.exec(page)?.[1] ?? 'NaN');

async function aTextAccepted(ctx: Parameters<typeof drain>[0] & Parameters<typeof signedIn>[0], mobileNumber: string): Promise<Received> {
  const person = await signedIn(ctx, ['person']);
  await person.agent.get('/me/contact');
  assert.equal((await person.agent.post('/me/contact', contact({ mobileNumber }))).statusCode, 303);
  received.length = 0;
  await notifyAccount(ctx.db, ctx.config, person.id, { purpose: 'record-entry' });
  assert.deepEqual(await drain(ctx, WEDNESDAY_11AM), { sent: 1, failed: 0 });
  const [text] = received;
  assert.ok(text, 'Notify accepted the text');
  return text;
}
const outboxRow = (ctx: Parameters<typeof drain>[0], to: string) =>
  ctx.db.selectFrom('outbox').select(['id', 'status', 'attempts', 'last_error', 'provider_id', 'delivery_status', 'next_attempt_at']).where('to_address', '=', to).executeTakeFirstOrThrow();

forEachDialect('GOV.UK Notify', (ctx) => {
  test('a person who chose texts gets one through Notify; nothing in it names the service or says anything clinical', async () => {
    const person = await signedIn(ctx, ['person'], 'Sam Rivera');
    await person.agent.get('/me/contact');
    const saved = await person.agent.post('/me/contact', contact({ senderName: 'Garden club' }));
    assert.equal(saved.statusCode, 303, 'the contact settings take a mobile number and texts');

    received.length = 0;
    assert.equal(await notifyAccount(ctx.db, ctx.config, person.id, { purpose: 'record-entry' }), true);
    assert.deepEqual(await drain(ctx, WEDNESDAY_11AM), { sent: 1, failed: 0 });
    assert.equal(received.length, 1);
    const [text] = received;
    assert.equal(text?.path, '/v2/notifications/sms');
    assert.equal(text?.issuer, SERVICE_ID, 'signed with the key Notify gave');
    assert.equal(text?.body.phone_number, '07700 900 123');
    assert.equal(text?.body.template_id, NOTIFY.templates.sms);
    const words = JSON.stringify(text?.body.personalisation);
    assert.match(words, /Garden club: You have a new update/, 'their sender name first');
    for (const forbidden of [ctx.config.serviceName, 'withme', 'gender', 'clinic', 'record', 'letter', 'appointment', 'http', new URL(ctx.config.publicUrl).host, 'Sam']) {
      assert.ok(!words.toLowerCase().includes(forbidden.toLowerCase()), `the text does not say "${forbidden}"`);
    }
  });

  test('a text waits for the person’s safe times', async () => {
    const person = await signedIn(ctx, ['person']);
    await person.agent.get('/me/contact');
    assert.equal((await person.agent.post('/me/contact', contact({ safeTimes: 'Weekdays, 10am to 3pm', mobileNumber: '07700 900 124' }))).statusCode, 303);
    received.length = 0;
    await notifyAccount(ctx.db, ctx.config, person.id, { purpose: 'record-entry' });
    const saturday = new Date('2026-12-19T11:00:00Z');
    assert.deepEqual(await drain(ctx, saturday), { sent: 0, failed: 0 });
    assert.equal(received.length, 0, 'not on a Saturday');
    const row = await ctx.db.selectFrom('outbox').select(['next_attempt_at', 'attempts']).where('to_address', '=', '07700 900 124').executeTakeFirstOrThrow();
    assert.equal(row.next_attempt_at, '2026-12-21T10:00:00.000Z', 'held to Monday 10am');
    assert.equal(row.attempts, 0);
    assert.deepEqual(await drain(ctx, new Date('2026-12-21T10:00:30Z')), { sent: 1, failed: 0 });
    assert.equal(received[0]?.body.phone_number, '07700 900 124');
  });

  test('a refusal fails at once and shows in the outbox; an outage is tried again', async () => {
    for (const number of [REFUSED, DOWN]) {
      const person = await signedIn(ctx, ['person']);
      await person.agent.get('/me/contact');
      assert.equal((await person.agent.post('/me/contact', contact({ mobileNumber: number }))).statusCode, 303);
      await notifyAccount(ctx.db, ctx.config, person.id, { purpose: 'record-entry' });
    }
    await drain(ctx, WEDNESDAY_11AM);
    const refused = await ctx.db.selectFrom('outbox').select(['status', 'last_error', 'attempts']).where('to_address', '=', REFUSED).executeTakeFirstOrThrow();
    assert.equal(refused.status, 'failed');
    assert.match(refused.last_error ?? '', /Notify 400: ValidationError/);
    const down = await ctx.db.selectFrom('outbox').select(['status', 'attempts']).where('to_address', '=', DOWN).executeTakeFirstOrThrow();
    assert.deepEqual(down, { status: 'pending', attempts: 1 });
    const lead = await signedIn(ctx, ['lead']);
    assert.match((await lead.agent.get('/admin/outbox')).body, /Notify 400/, 'the lead sees it failed');
  });

  test('a letter only where post was allowed with a name for the envelope and an address', async () => {
    const person = await signedIn(ctx, ['person']);
    await person.agent.get('/me/contact');
    assert.equal((await person.agent.post('/me/contact', contact({ channels: ['letter'], mobileNumber: '', envelopeName: '' }))).statusCode, 303);
    assert.equal(await notifyAccount(ctx.db, ctx.config, person.id, { purpose: 'record-entry' }), false, 'no envelope name: no letter');
    assert.equal((await person.agent.post('/me/contact', contact({ channels: ['letter'], mobileNumber: '', envelopeName: 'S. Rivera', postalAddress: '1 High Street\nLeeds\nLS1 1AA' }))).statusCode, 303);
    received.length = 0;
    assert.equal(await notifyAccount(ctx.db, ctx.config, person.id, { purpose: 'record-entry' }), true);
    await drain(ctx, WEDNESDAY_11AM);
    const letter = received.find((r) => r.path === '/v2/notifications/letter');
    assert.equal(letter?.body.personalisation.address_line_1, 'S. Rivera');
    assert.equal(letter?.body.personalisation.address_line_4, 'LS1 1AA');
    assert.ok(!JSON.stringify(letter?.body.personalisation).toLowerCase().includes('gender'));
    const lead = await signedIn(ctx, ['lead']);
    const outbox = (await lead.agent.get('/admin/outbox')).body;
    assert.match(outbox, /S\. Rivera \(letter\)/);
    assert.doesNotMatch(outbox, /1 High Street/, 'the lead is not shown the address');
  });

  test('a text Notify accepted that then fails for good is in the lead’s undelivered mail', async () => {
    const lead = await signedIn(ctx, ['lead']);
    const before = undeliveredOnHome((await lead.agent.get('/')).body);
    const text = await aTextAccepted(ctx, '07700 900 301');
    assert.equal(text.body.reference, (await outboxRow(ctx, '07700 900 301')).id, 'sent with the outbox’s id as its reference');
    assert.equal((await outboxRow(ctx, '07700 900 301')).provider_id, text.id, 'Notify’s id is kept');

    const answer = await callback(ctx, receipt(text, 'permanent-failure'));
    assert.equal(answer.statusCode, 204);
    const row = await outboxRow(ctx, '07700 900 301');
    assert.equal(row.status, 'failed');
    assert.equal(row.delivery_status, 'permanent-failure');
    const outbox = (await lead.agent.get('/admin/outbox')).body;
    assert.match(outbox, /07700 900 301<\/td>/);
    assert.match(outbox, /Failed[^<]*Last error: GOV\.UK Notify could not deliver it \(permanent-failure\)/);
    assert.equal(undeliveredOnHome((await lead.agent.get('/')).body), before + 1, 'the home page counts it');

    received.length = 0;
    await drain(ctx, new Date(WEDNESDAY_11AM.getTime() + 86_400_000));
    assert.ok(!received.some((r) => r.body.phone_number === '07700 900 301'), 'not sent again');
    assert.equal((await callback(ctx, receipt(text, 'delivered'))).statusCode, 204);
    assert.equal((await outboxRow(ctx, '07700 900 301')).status, 'failed', 'a late receipt does not reopen it');
  });

  test('a receipt with a wrong token, or none, is refused and changes nothing', async () => {
    const text = await aTextAccepted(ctx, '07700 900 302');
    const before = await outboxRow(ctx, '07700 900 302');
    for (const token of ['guessed-token-guessed-token-guessed-token-0000', NOTIFY.callbackToken!.slice(0, -1), '']) {
      const answer = await callback(ctx, receipt(text, 'permanent-failure'), token);
      assert.equal(answer.statusCode, 401, `refused with "${token}"`);
    }
    const forged = await ctx.app.inject({ method: 'POST', url: '/api/v1/notify/delivery-status', headers: { authorization: `Basic ${Buffer.from(`x:${NOTIFY.callbackToken}`).toString('base64')}` }, payload: receipt(text, 'permanent-failure') });
    assert.equal(forged.statusCode, 401, 'only a bearer token');
    assert.deepEqual(await outboxRow(ctx, '07700 900 302'), before);
    assert.equal(before.status, 'sent');
  });

  test('a receipt for another message changes nothing', async () => {
    const text = await aTextAccepted(ctx, '07700 900 303');
    const other = await aTextAccepted(ctx, '07700 900 304');
    const before = [await outboxRow(ctx, '07700 900 303'), await outboxRow(ctx, '07700 900 304')];
    const unknown = await callback(ctx, { ...receipt(text, 'permanent-failure'), id: randomUUID(), reference: null });
    assert.equal(unknown.statusCode, 404, 'an id Notify never gave withme');
    const crossed = await callback(ctx, { ...receipt(text, 'permanent-failure'), reference: other.body.reference });
    assert.equal(crossed.statusCode, 404, 'one message’s id with another’s reference');
    assert.deepEqual([await outboxRow(ctx, '07700 900 303'), await outboxRow(ctx, '07700 900 304')], before);
    assert.equal((await callback(ctx, receipt(other, 'delivered'))).statusCode, 204);
    const lead = await signedIn(ctx, ['lead']);
    assert.match((await lead.agent.get('/admin/outbox')).body, /07700 900 304<\/td>(?:(?!<\/tr>).)*Delivered/s, 'its own receipt says it arrived');
  });

  test('a temporary failure is sent again, as after a failed send', async () => {
    const text = await aTextAccepted(ctx, '07700 900 305');
    assert.equal((await callback(ctx, receipt(text, 'temporary-failure'))).statusCode, 204);
    const row = await outboxRow(ctx, '07700 900 305');
    assert.equal(row.status, 'pending');
    assert.match(row.last_error ?? '', /temporary-failure/);
    received.length = 0;
    assert.deepEqual(await drain(ctx, new Date(Date.parse(row.next_attempt_at) + 1000)), { sent: 1, failed: 0 });
    assert.equal(received[0]?.body.phone_number, '07700 900 305', 'sent again');
    const again = await outboxRow(ctx, '07700 900 305');
    assert.equal(again.status, 'sent');
    assert.equal(again.attempts, 2);
    assert.equal(again.provider_id, received[0]?.id, 'the new id from Notify');
    assert.equal((await callback(ctx, receipt(text, 'permanent-failure'))).statusCode, 404, 'the first send’s id no longer names it');
  });

  test('a letter Notify could not print is found by asking Notify, and reported', async () => {
    const person = await signedIn(ctx, ['person']);
    await person.agent.get('/me/contact');
    assert.equal((await person.agent.post('/me/contact', contact({ channels: ['letter'], mobileNumber: '', envelopeName: 'A. Khan', postalAddress: '2 Low Road\nYork\nYO1 7HH' }))).statusCode, 303);
    received.length = 0;
    await notifyAccount(ctx.db, ctx.config, person.id, { purpose: 'record-entry' });
    await drain(ctx, WEDNESDAY_11AM);
    const letter = received.find((r) => r.path === '/v2/notifications/letter');
    assert.ok(letter);
    const mailer = notifyMailer({ ...NOTIFY, baseUrl });
    statuses.set(letter.id, 'accepted');
    const soon = new Date(Date.now() + 60_000);
    assert.ok((await checkDeliveries(ctx.db, mailer, { allChannels: false, now: soon })).checked >= 1);
    assert.equal((await ctx.db.selectFrom('outbox').select('status').where('provider_id', '=', letter.id).executeTakeFirstOrThrow()).status, 'sent', 'still on its way');
    statuses.set(letter.id, 'validation-failed');
    assert.equal((await checkDeliveries(ctx.db, mailer, { allChannels: false, now: new Date(soon.getTime() + 10 * 60_000) })).checked, 0, 'not asked again within the hour');
    await checkDeliveries(ctx.db, mailer, { allChannels: false, now: new Date(soon.getTime() + 61 * 60_000) });
    const row = await ctx.db.selectFrom('outbox').select(['status', 'last_error']).where('provider_id', '=', letter.id).executeTakeFirstOrThrow();
    assert.equal(row.status, 'failed');
    assert.match(row.last_error ?? '', /validation-failed/);
  });

  test('a text whose receipt never came is asked about after a day', async () => {
    const text = await aTextAccepted(ctx, '07700 900 306');
    const mailer = notifyMailer({ ...NOTIFY, baseUrl });
    statuses.set(text.id, 'permanent-failure');
    const sentAt = Date.parse((await ctx.db.selectFrom('outbox').select('sent_at').where('provider_id', '=', text.id).executeTakeFirstOrThrow()).sent_at ?? '');
    await checkDeliveries(ctx.db, mailer, { allChannels: false, now: new Date(sentAt + 60 * 60_000) });
    assert.equal((await outboxRow(ctx, '07700 900 306')).status, 'sent', 'within the day its callback is waited for');
    await checkDeliveries(ctx.db, mailer, { allChannels: false, now: new Date(sentAt + 25 * 60 * 60_000), batch: 100 });
    assert.equal((await outboxRow(ctx, '07700 900 306')).status, 'failed', 'then Notify is asked');
  });
}, { notify: NOTIFY });
