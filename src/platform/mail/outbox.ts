// Mail goes through the outbox table, so nothing is lost when the mail server is away and
// several instances never send the same message twice. A worker drains it with retries;
// without SMTP_URL the messages wait in the outbox, unsent. Nobody reads their words in the app:
// the lead sees who each is for, what it is for, when and whether it went (`recentMessages`).
import { randomUUID } from 'node:crypto';
import nodemailer from 'nodemailer';
import { nowIso, type Conn, type Db } from '../db/database.ts';
import type { OutboxTable } from '../db/schema.ts';
import { isOpen, parseOpeningHours } from '../opening-hours.ts';

export type Channel = OutboxTable['channel'];

export interface MailMessage {
  to: string;
  subject: string;
  text: string;
  /** Shown as the sender's name; a person's discreet sender name when they set one. */
  senderName?: string | null;
  /** What the mail is for (invitation, password-reset, update…): for the lead's outbox view. */
  purpose: string;
  /** Sent ahead of everything with a lower priority (duty alerts: `URGENT`). Default 0. */
  priority?: number;
  /** Default `email`. For `sms`, `to` is a mobile number; for `letter`, the name and address, one a line. */
  channel?: Channel;
  /** A text's safe times, as opening hours (`Mon-Fri 10:00-15:00`): it waits until they come. */
  sendWindow?: string | null;
}

/** The priority of a duty alert: ahead of every other message. */
export const URGENT = 10;

export async function queueMail(db: Conn, message: MailMessage): Promise<string> {
  const id = randomUUID();
  const now = nowIso();
  await db
    .insertInto('outbox')
    .values({
      id,
      to_address: message.to,
      subject: message.subject,
      body_text: message.text,
      sender_name: message.senderName ?? null,
      purpose: message.purpose,
      status: 'pending',
      attempts: 0,
      next_attempt_at: now,
      locked_until: null,
      last_error: null,
      created_at: now,
      sent_at: null,
      priority: message.priority ?? 0,
      channel: message.channel ?? 'email',
      send_window: message.sendWindow ?? null,
    })
    .execute();
  return id;
}

export interface OutgoingMessage {
  from: string;
  to: string;
  subject: string;
  text: string;
  /** Default `email`; an SMTP mailer refuses the others. */
  channel?: Channel;
  senderName?: string | null;
  /** The outbox's id for the message: Notify hands it back in its delivery receipts. */
  reference?: string;
}

/** What a provider that reports delivery later (GOV.UK Notify) says when it accepts a message. */
export interface Accepted {
  providerId: string;
}

export interface Mailer {
  /** Resolves once the message is handed over; a provider with delivery receipts says its id. */
  send(message: OutgoingMessage): Promise<Accepted | void>;
  /** Asks the provider how a message it accepted went (its status word, `delivered`…). */
  deliveryStatus?(providerId: string): Promise<string>;
  close(): void;
}

/** A refusal that trying again cannot change (a bad number, a missing template): failed at once. */
export class PermanentSendError extends Error {
  override name = 'PermanentSendError';
}

export function smtpMailer(smtpUrl: string): Mailer {
  const transport = nodemailer.createTransport({ url: smtpUrl, connectionTimeout: 60_000, greetingTimeout: 30_000, socketTimeout: 5 * 60_000 });
  return {
    async send(message) {
      if (message.channel && message.channel !== 'email') throw new PermanentSendError(`SMTP cannot send a ${message.channel}: set NOTIFY_API_KEY`);
      await transport.sendMail({ from: message.from, to: message.to, subject: message.subject, text: message.text });
    },
    close: () => transport.close(),
  };
}

export const MAX_ATTEMPTS = 8;
// Longer than a send can take (the transport's timeouts below), so a claimed message is never
// claimed again by another worker while it is still being sent.
const LOCK_MS = 15 * 60 * 1000;

function backoffMs(attempts: number): number {
  return Math.min(60 * 60 * 1000, 30_000 * 2 ** (attempts - 1));
}

function fromHeader(defaultFrom: string, senderName: string | null): string {
  if (!senderName) return defaultFrom;
  const address = /<([^>]+)>/.exec(defaultFrom)?.[1] ?? defaultFrom;
  return `"${senderName.replace(/["\\\r\n]/g, '')}" <${address}>`;
}

/** Sends what is due. Each message is claimed first, so two workers never send it twice. */
export async function drainOutbox(
  db: Db,
  mailer: Mailer,
  options: { from: string; batch?: number; now?: () => Date },
): Promise<{ sent: number; failed: number }> {
  const now = options.now ?? (() => new Date());
  const due = await db
    .selectFrom('outbox')
    .selectAll()
    .where('status', '=', 'pending')
    .where('next_attempt_at', '<=', now().toISOString())
    .orderBy('priority', 'desc')
    .orderBy('created_at')
    .limit(options.batch ?? 20)
    .execute();
  let sent = 0;
  let failed = 0;
  for (const message of due) {
    // A text outside the person's safe times waits for them, without counting as an attempt.
    const waitUntil = message.send_window ? nextSafeTime(message.send_window, now()) : null;
    if (waitUntil) {
      await db.updateTable('outbox').set({ next_attempt_at: waitUntil.toISOString() }).where('id', '=', message.id).where('status', '=', 'pending').execute();
      continue;
    }
    if (!(await claim(db, message, now()))) continue;
    try {
      const accepted = await mailer.send({
        from: fromHeader(options.from, message.sender_name),
        to: message.to_address,
        subject: message.subject,
        text: message.body_text,
        channel: message.channel,
        senderName: message.sender_name,
        reference: message.id,
      });
      await db
        .updateTable('outbox')
        .set({
          status: 'sent',
          sent_at: now().toISOString(),
          attempts: message.attempts + 1,
          locked_until: null,
          last_error: null,
          provider_id: accepted ? accepted.providerId : null,
          delivery_status: null,
          delivery_checked_at: null,
        })
        .where('id', '=', message.id)
        .execute();
      sent += 1;
    } catch (error) {
      const attempts = message.attempts + 1;
      const giveUp = attempts >= MAX_ATTEMPTS || error instanceof PermanentSendError;
      await db
        .updateTable('outbox')
        .set({
          status: giveUp ? 'failed' : 'pending',
          attempts,
          next_attempt_at: new Date(now().getTime() + backoffMs(attempts)).toISOString(),
          locked_until: null,
          // The mail server's reply, never the message itself.
          last_error: error instanceof Error ? error.message.slice(0, 500) : 'send failed',
        })
        .where('id', '=', message.id)
        .execute();
      failed += 1;
    }
  }
  return { sent, failed };
}

/**
 * GOV.UK Notify's statuses after it accepted a message, and what each means here: `final` (it
 * arrived), `retry` (Notify says to send it again: the phone was off, the inbox full, or
 * something broke between Notify and its provider; the outbox tries again as after a failed
 * send) or `failed` (it will never arrive: reported to the lead). Anything else is still on its
 * way (`created`, `sending`, `pending`, `accepted`, `pending-virus-check`).
 */
const DELIVERY_OUTCOMES: Record<string, { outcome: 'final' | 'retry' | 'failed'; words?: string }> = {
  delivered: { outcome: 'final' },
  sent: { outcome: 'final' }, // a text to a number abroad: Notify hears no more
  received: { outcome: 'final' }, // a letter: printed and posted
  'permanent-failure': { outcome: 'failed', words: 'the address or number does not exist or will not take messages, or the letter could not be printed' },
  'validation-failed': { outcome: 'failed', words: 'the letter could not be printed as it is (its address or layout)' },
  'virus-scan-failed': { outcome: 'failed', words: 'the letter was refused' },
  cancelled: { outcome: 'failed', words: 'the letter was cancelled in GOV.UK Notify' },
  'temporary-failure': { outcome: 'retry', words: 'the phone was off or the inbox full; trying again' },
  'technical-failure': { outcome: 'retry', words: 'a problem between Notify and its provider; trying again' },
};

export type DeliveryReceiptResult = 'unknown' | 'recorded';

/**
 * A delivery receipt from the provider for a message it accepted: Notify's id for it, the
 * outbox's own id it was given as `reference` (when it says one, they must agree), and the status.
 * A receipt for no message sent here is `unknown` and changes nothing; a message already settled
 * (failed, waiting to be sent again) is not reopened by a late receipt.
 */
export async function recordDeliveryReceipt(
  db: Db,
  receipt: { providerId: string; reference?: string | null; status: string },
  now: Date = new Date(),
): Promise<DeliveryReceiptResult> {
  const message = await db.selectFrom('outbox').select(['id', 'status', 'attempts']).where('provider_id', '=', receipt.providerId).executeTakeFirst();
  if (!message || (receipt.reference && receipt.reference !== message.id)) return 'unknown';
  if (message.status !== 'sent') return 'recorded';
  const meaning = DELIVERY_OUTCOMES[receipt.status];
  const status = receipt.status.slice(0, 40);
  const at = now.toISOString();
  const update = db.updateTable('outbox').where('id', '=', message.id).where('status', '=', 'sent');
  if (!meaning || meaning.outcome === 'final') {
    await update.set({ delivery_status: status, delivery_checked_at: at }).execute();
    return 'recorded';
  }
  const giveUp = meaning.outcome === 'failed' || message.attempts >= MAX_ATTEMPTS;
  await update
    .set({
      status: giveUp ? 'failed' : 'pending',
      delivery_status: status,
      delivery_checked_at: at,
      next_attempt_at: new Date(now.getTime() + backoffMs(message.attempts)).toISOString(),
      locked_until: null,
      last_error: `GOV.UK Notify could not deliver it (${status}): ${meaning.words ?? ''}`.slice(0, 500),
    })
    .execute();
  return 'recorded';
}

/** How often the outbox job asks Notify about one message still on its way, and for how long. */
const DELIVERY_CHECK_EVERY_MS = 60 * 60_000;
const DELIVERY_CHECK_FOR_MS = 7 * 86_400_000; // Notify keeps a message's status for 7 days
const RECEIPT_EXPECTED_WITHIN_MS = 86_400_000;

/**
 * Asks the provider how messages it accepted went, when no callback will say: letters always
 * (Notify's delivery callbacks are for email and texts), email and texts whose receipt has not
 * come within a day, and every channel when `allChannels` (no NOTIFY_CALLBACK_TOKEN is set).
 * Each message at most hourly, for a week after it was sent.
 */
export async function checkDeliveries(
  db: Db,
  mailer: Mailer,
  options: { allChannels: boolean; now?: Date; batch?: number },
): Promise<{ checked: number }> {
  const lookUp = mailer.deliveryStatus?.bind(mailer);
  if (!lookUp) return { checked: 0 };
  const now = options.now ?? new Date();
  const due = await db
    .selectFrom('outbox')
    .select(['id', 'provider_id'])
    .where('status', '=', 'sent')
    .where('provider_id', 'is not', null)
    .where('sent_at', '>', new Date(now.getTime() - DELIVERY_CHECK_FOR_MS).toISOString())
    .where((eb) => eb.or([eb('delivery_status', 'is', null), eb('delivery_status', 'not in', Object.keys(DELIVERY_OUTCOMES))]))
    .where((eb) => eb.or([eb('delivery_checked_at', 'is', null), eb('delivery_checked_at', '<', new Date(now.getTime() - DELIVERY_CHECK_EVERY_MS).toISOString())]))
    // With callbacks, email and texts are asked about only when no receipt came within a day
    // (one lost, or sent before Notify's id for it was stored).
    .$if(!options.allChannels, (q) => q.where((eb) => eb.or([eb('channel', '=', 'letter'), eb('sent_at', '<', new Date(now.getTime() - RECEIPT_EXPECTED_WITHIN_MS).toISOString())])))
    .orderBy('sent_at')
    .limit(options.batch ?? 20)
    .execute();
  let checked = 0;
  for (const message of due) {
    if (!message.provider_id) continue;
    let status: string;
    try {
      status = await lookUp(message.provider_id);
    } catch {
      // Notify away: ask again at the next check.
      await db.updateTable('outbox').set({ delivery_checked_at: now.toISOString() }).where('id', '=', message.id).execute();
      continue;
    }
    await recordDeliveryReceipt(db, { providerId: message.provider_id, reference: message.id, status }, now);
    checked += 1;
  }
  return { checked };
}

/** Null when the window is open now (or cannot be read); otherwise the next minute it opens, within a week. */
function nextSafeTime(window: string, at: Date): Date | null {
  let hours;
  try {
    hours = parseOpeningHours(window);
  } catch {
    return null;
  }
  if (isOpen(hours, at)) return null;
  const minute = 60_000;
  for (let t = Math.ceil(at.getTime() / minute) * minute; t < at.getTime() + 7 * 86_400_000; t += minute) {
    if (isOpen(hours, new Date(t))) return new Date(t);
  }
  return null;
}

async function claim(db: Db, message: OutboxTable, at: Date): Promise<boolean> {
  const result = await db
    .updateTable('outbox')
    .set({ locked_until: new Date(at.getTime() + LOCK_MS).toISOString() })
    .where('id', '=', message.id)
    .where('status', '=', 'pending')
    .where((eb) => eb.or([eb('locked_until', 'is', null), eb('locked_until', '<', at.toISOString())]))
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/**
 * Withdraws every message to this address that is still waiting (its account was suspended):
 * it will never be sent. Returns how many.
 */
export async function withdrawPendingMail(db: Conn, toAddress: string): Promise<number> {
  const result = await db.updateTable('outbox').set({ status: 'withdrawn', locked_until: null }).where('to_address', '=', toAddress).where('status', '=', 'pending').executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/**
 * The latest messages, newest first, for the lead's view of the outbox: who each is for, what it
 * is for, when, and whether it went. Never the words: invitations and resets carry a link that
 * signs in as the person it was sent to, and a subject may be the one the person chose to stay
 * discreet.
 */
export async function recentMessages(db: Conn, limit: number) {
  return db
    .selectFrom('outbox')
    .select(['id', 'to_address', 'channel', 'purpose', 'status', 'attempts', 'created_at', 'sent_at', 'last_error', 'delivery_status'])
    .orderBy('created_at', 'desc')
    .limit(limit)
    .execute()
    // A letter is for the name on its envelope: the lead is not shown the address.
    .then((rows) => rows.map((r) => (r.channel === 'letter' ? { ...r, to_address: `${r.to_address.split('\n')[0] ?? ''} (letter)` } : r)));
}

/** How much mail waits to be sent, and how long the oldest has waited (for metrics). */
export async function outboxBacklog(db: Conn, now = new Date()): Promise<{ pending: number; oldestAgeSeconds: number }> {
  const row = await db
    .selectFrom('outbox')
    .select((eb) => [eb.fn.countAll<number>().as('n'), eb.fn.min('created_at').as('oldest')])
    .where('status', '=', 'pending')
    .executeTakeFirstOrThrow();
  const oldest = row.oldest ? Date.parse(String(row.oldest)) : now.getTime();
  return { pending: Number(row.n), oldestAgeSeconds: Math.max(0, Math.round((now.getTime() - oldest) / 1000)) };
}

/** Messages that did not go: given up on, or still waiting after an hour (for the lead's home page). */
export async function undeliveredCount(db: Conn, now = new Date()): Promise<number> {
  const hourAgo = new Date(now.getTime() - 3_600_000).toISOString();
  const row = await db
    .selectFrom('outbox')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where((eb) => eb.or([eb('status', '=', 'failed'), eb.and([eb('status', '=', 'pending'), eb('created_at', '<', hourAgo)])]))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
