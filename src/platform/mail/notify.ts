// Tells a person that something new is waiting for them, the only way withme ever does: a
// discreet message with no clinical detail, sent only through a channel they allowed, from the
// sender name and with the subject they chose.
import type { Config } from '../config.ts';
import type { Conn } from '../db/database.ts';
import { queueMail } from './outbox.ts';

/** A person's contact safety settings (table created by the record feature's migration). */
export interface ContactPreferencesTable {
  account_id: string;
  email_allowed: number;
  letter_allowed: number;
  phone_allowed: number;
  text_allowed: number;
  sender_name: string | null;
  subject: string | null;
  envelope_name: string | null;
  voicemail_allowed: number;
  safe_times: string | null;
  updated_at: string;
}

declare module '../db/schema.ts' {
  interface Database {
    contact_preferences: ContactPreferencesTable;
  }
}

export const DEFAULT_NOTICE_SUBJECT = 'You have a new update';
export const NOTICE_TEXT = 'You have a new update — sign in to read it';

/** The whole message: the same words for every purpose, so nothing in it can say what it is about. */
export function noticeBody(config: Config): string {
  return `${NOTICE_TEXT}:\n\n${config.publicUrl}/sign-in\n\nIf you did not expect this message, you can ignore it.\n`;
}

export interface Envelope {
  to: string;
  /** The person's own discreet subject, when they chose one. */
  subject: string | null;
  senderName: string | null;
}

/**
 * Where and how mail to this account may go: undefined when the account is unknown or disabled,
 * or the person has not allowed email. Every message withme sends to an account goes through this.
 */
export async function discreetEnvelope(db: Conn, accountId: string): Promise<Envelope | undefined> {
  const account = await db
    .selectFrom('accounts')
    .select(['email'])
    .where('id', '=', accountId)
    .where('disabled_at', 'is', null)
    .executeTakeFirst();
  if (!account) return undefined;
  const prefs = await db.selectFrom('contact_preferences').selectAll().where('account_id', '=', accountId).executeTakeFirst();
  if (prefs && prefs.email_allowed !== 1) return undefined;
  return { to: account.email, subject: prefs?.subject?.trim() || null, senderName: prefs?.sender_name?.trim() || null };
}

/**
 * Queues a discreet notice to an account. Returns false, queuing nothing, when the account is
 * unknown or disabled or the person has not allowed email (the update still shows in the app).
 * `purpose` is for the lead's outbox view (e.g. `record-entry`); it never reaches the message.
 */
export async function notifyAccount(
  db: Conn,
  config: Config,
  accountId: string,
  notice: { purpose: string },
): Promise<boolean> {
  const envelope = await discreetEnvelope(db, accountId);
  if (!envelope) return false;
  await queueMail(db, {
    to: envelope.to,
    subject: envelope.subject ?? DEFAULT_NOTICE_SUBJECT,
    text: noticeBody(config),
    senderName: envelope.senderName,
    purpose: notice.purpose,
  });
  return true;
}
