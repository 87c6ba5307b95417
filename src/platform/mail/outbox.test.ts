import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { drainOutbox, MAX_ATTEMPTS, queueMail, smtpMailer } from './outbox.ts';
import { forEachDialect } from '../../../test/helpers.ts';

interface Received {
  from: string;
  to: string[];
  raw: string;
}

/** A real SMTP server on 127.0.0.1 that refuses the first `refuse` messages. */
async function startSmtp(refuse = 0): Promise<{ url: string; received: Received[]; close: () => Promise<void> }> {
  const received: Received[] = [];
  let refused = 0;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    onData(stream, session, callback) {
      let raw = '';
      stream.setEncoding('utf8');
      stream.on('data', (chunk: string) => (raw += chunk));
      stream.on('end', () => {
        if (refused < refuse) {
          refused += 1;
          const error = new Error('Mailbox busy, try later') as Error & { responseCode: number };
          error.responseCode = 451;
          return callback(error);
        }
        received.push({ from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '', to: session.envelope.rcptTo.map((r) => r.address), raw });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  return { url: `smtp://127.0.0.1:${port}`, received, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

forEachDialect('the outbox', (ctx) => {
  test('queued mail is delivered over SMTP once, with a discreet sender name', async () => {
    const smtp = await startSmtp();
    const mailer = smtpMailer(smtp.url);
    try {
      await queueMail(ctx.db, { to: 'person@example.org', subject: 'A message from us', text: 'You have a new update — sign in to read it', senderName: 'R. Services', purpose: 'update' });
      const first = await drainOutbox(ctx.db, mailer, { from: 'withme <no-reply@withme.example>' });
      assert.deepEqual(first, { sent: 1, failed: 0 });
      const second = await drainOutbox(ctx.db, mailer, { from: 'withme <no-reply@withme.example>' });
      assert.deepEqual(second, { sent: 0, failed: 0 }, 'nothing is sent twice');
      assert.equal(smtp.received.length, 1);
      const mail = smtp.received[0]!;
      assert.deepEqual(mail.to, ['person@example.org']);
      assert.match(mail.raw, /^From: "R\. Services" <no-reply@withme\.example>/m);
      assert.match(mail.raw, /^Subject: A message from us/m);
      const row = await ctx.db.selectFrom('outbox').selectAll().where('to_address', '=', 'person@example.org').executeTakeFirstOrThrow();
      assert.equal(row.status, 'sent');
      assert.equal(row.attempts, 1);
    } finally {
      mailer.close();
      await smtp.close();
    }
  });

  test('a refused message is tried again later and then delivered', async () => {
    await ctx.db.deleteFrom('outbox').execute();
    const smtp = await startSmtp(1);
    const mailer = smtpMailer(smtp.url);
    let clock = new Date();
    const now = () => clock;
    try {
      await queueMail(ctx.db, { to: 'retry@example.org', subject: 'Retry', text: 'Hello', purpose: 'test' });
      assert.deepEqual(await drainOutbox(ctx.db, mailer, { from: 'a@b.example', now }), { sent: 0, failed: 1 });
      const waiting = await ctx.db.selectFrom('outbox').selectAll().executeTakeFirstOrThrow();
      assert.equal(waiting.status, 'pending');
      assert.match(waiting.last_error ?? '', /451|busy/);
      assert.deepEqual(await drainOutbox(ctx.db, mailer, { from: 'a@b.example', now }), { sent: 0, failed: 0 }, 'not before its retry time');
      clock = new Date(clock.getTime() + 10 * 60 * 1000);
      assert.deepEqual(await drainOutbox(ctx.db, mailer, { from: 'a@b.example', now }), { sent: 1, failed: 0 });
      assert.equal(smtp.received.length, 1);
    } finally {
      mailer.close();
      await smtp.close();
    }
  });

  test('after repeated failures a message is marked failed for the lead to see, not lost', async () => {
    await ctx.db.deleteFrom('outbox').execute();
    const smtp = await startSmtp(MAX_ATTEMPTS + 5);
    const mailer = smtpMailer(smtp.url);
    let clock = new Date();
    try {
      await queueMail(ctx.db, { to: 'gone@example.org', subject: 'x', text: 'y', purpose: 'test' });
      for (let i = 0; i < MAX_ATTEMPTS; i++) {
        await drainOutbox(ctx.db, mailer, { from: 'a@b.example', now: () => clock });
        clock = new Date(clock.getTime() + 2 * 60 * 60 * 1000);
      }
      const row = await ctx.db.selectFrom('outbox').selectAll().executeTakeFirstOrThrow();
      assert.equal(row.status, 'failed');
      assert.equal(row.attempts, MAX_ATTEMPTS);
    } finally {
      mailer.close();
      await smtp.close();
    }
  });
});
