// Contact safety: how withme may reach the holder of an account (channels they allow, a discreet
// sender and subject, the name for an envelope, voicemail, safe times), and the only way withme
// ever tells anyone that something is waiting for them: a discreet message with no clinical
// detail, sent only through a channel they allowed, from the sender name and with the subject
// they chose. Every message to an account (invitations to existing accounts, resets, record
// notices, digests, replies) goes through `discreetEnvelope`.
import { audit } from '../../platform/audit.ts';
import type { Config } from '../../platform/config.ts';
import { inTransaction, type Conn, type Db } from '../../platform/db/database.ts';
import { queueMail } from '../../platform/mail/outbox.ts';
import * as repo from './repository.ts';
import { safeWindow } from './safe-times.ts';

export const CHANNELS: Record<string, string> = { email: 'Email', letter: 'Letter', phone: 'Phone call', text: 'Text message' };

export interface ContactSafety {
  channels: string[];
  senderName: string;
  subject: string;
  envelopeName: string;
  voicemailAllowed: boolean;
  safeTimes: string;
  /** Where texts go, when the person allowed them (sent through GOV.UK Notify). */
  mobileNumber: string;
  /** Where letters go, one line of the address a line, under `envelopeName`. */
  postalAddress: string;
}

export const EMPTY_CONTACT: ContactSafety = { channels: ['email'], senderName: '', subject: '', envelopeName: '', voicemailAllowed: false, safeTimes: '', mobileNumber: '', postalAddress: '' };

/** The account's contact safety settings; `saved` is false while they have never set any. */
export async function loadContact(db: Conn, accountId: string): Promise<ContactSafety & { saved: boolean }> {
  const row = await repo.getContactPreferences(db, accountId);
  if (!row) return { ...EMPTY_CONTACT, saved: false };
  const channels = (['email', 'letter', 'phone', 'text'] as const).filter((c) => row[`${c}_allowed`] === 1);
  return {
    channels,
    senderName: row.sender_name ?? '',
    subject: row.subject ?? '',
    envelopeName: row.envelope_name ?? '',
    voicemailAllowed: row.voicemail_allowed === 1,
    safeTimes: row.safe_times ?? '',
    mobileNumber: row.mobile_number ?? '',
    postalAddress: row.postal_address ?? '',
    saved: true,
  };
}

export async function saveContact(db: Db, accountId: string, c: ContactSafety): Promise<void> {
  await inTransaction(db, async (trx) => {
    await repo.saveContactPreferences(trx, {
      account_id: accountId,
      email_allowed: c.channels.includes('email') ? 1 : 0,
      letter_allowed: c.channels.includes('letter') ? 1 : 0,
      phone_allowed: c.channels.includes('phone') ? 1 : 0,
      text_allowed: c.channels.includes('text') ? 1 : 0,
      sender_name: c.senderName || null,
      subject: c.subject || null,
      envelope_name: c.envelopeName || null,
      voicemail_allowed: c.voicemailAllowed ? 1 : 0,
      safe_times: c.safeTimes || null,
      mobile_number: c.mobileNumber || null,
      postal_address: c.postalAddress || null,
    });
    await audit(trx, { actorId: accountId, action: 'contact-safety.save', subject: accountId });
  });
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
  const account = await repo.getActiveAccount(db, accountId);
  if (!account) return undefined;
  const prefs = await repo.getContactPreferences(db, accountId);
  if (prefs && prefs.email_allowed !== 1) return undefined;
  return { to: account.email, subject: prefs?.subject?.trim() || null, senderName: prefs?.sender_name?.trim() || null };
}

/**
 * A text or a letter's words: no link (an address can say what the service is), no service
 * name, nothing about why; the person's own sender name first when they chose one.
 */
export function shortNotice(senderName: string | null): string {
  return `${senderName ? `${senderName}: ` : ''}You have a new update. Sign in to read it.`;
}

/**
 * Queues a discreet notice to an account, by the channel its contact safety allows: a text (GOV.UK
 * Notify) when they chose texts and gave a number, held to their safe times; otherwise email when
 * allowed; otherwise a letter when they allowed post and gave the name for the envelope and an
 * address. Returns false, queuing nothing, when none fits or the account is unknown or disabled
 * (the update still shows in the app). `purpose` is for the lead's outbox view (e.g.
 * `record-entry`); it never reaches the message.
 */
export async function notifyAccount(
  db: Conn,
  config: Config,
  accountId: string,
  notice: { purpose: string },
): Promise<boolean> {
  const account = await repo.getActiveAccount(db, accountId);
  if (!account) return false;
  const prefs = await repo.getContactPreferences(db, accountId);
  const senderName = prefs?.sender_name?.trim() || null;
  if (prefs?.text_allowed === 1 && prefs.mobile_number && config.notify?.templates.sms) {
    await queueMail(db, { channel: 'sms', to: prefs.mobile_number, subject: '', text: shortNotice(senderName), senderName, purpose: notice.purpose, sendWindow: safeWindow(prefs.safe_times, config) });
    return true;
  }
  const envelope = await discreetEnvelope(db, accountId);
  if (!envelope) {
    if (prefs?.letter_allowed === 1 && prefs.envelope_name?.trim() && prefs.postal_address?.trim() && config.notify?.templates.letter) {
      await queueMail(db, {
        channel: 'letter',
        to: `${prefs.envelope_name.trim()}\n${prefs.postal_address.trim()}`,
        subject: prefs.subject?.trim() || DEFAULT_NOTICE_SUBJECT,
        text: shortNotice(senderName),
        senderName,
        purpose: notice.purpose,
      });
      return true;
    }
    return false;
  }
  await queueMail(db, {
    to: envelope.to,
    subject: envelope.subject ?? DEFAULT_NOTICE_SUBJECT,
    text: noticeBody(config),
    senderName: envelope.senderName,
    purpose: notice.purpose,
  });
  return true;
}
