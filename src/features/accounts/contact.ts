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

/** How often a message about what waits may come (notices.ts batches what comes in between). */
export type NoticeFrequency = 'immediately' | 'daily' | 'weekly';
export const NOTICE_FREQUENCIES: Record<NoticeFrequency, string> = {
  immediately: 'As things happen (updates a few minutes apart come in one message)',
  daily: 'At most once a day',
  weekly: 'At most once a week',
};
export const isNoticeFrequency = (value: unknown): value is NoticeFrequency => typeof value === 'string' && Object.hasOwn(NOTICE_FREQUENCIES, value);

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
  /** How often we may send a message that something waits (never inside the safe times' gaps). */
  frequency: NoticeFrequency;
}

export const EMPTY_CONTACT: ContactSafety = { channels: ['email'], senderName: '', subject: '', envelopeName: '', voicemailAllowed: false, safeTimes: '', mobileNumber: '', postalAddress: '', frequency: 'immediately' };

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
    frequency: isNoticeFrequency(row.notice_frequency) ? row.notice_frequency : 'immediately',
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
      notice_frequency: c.frequency,
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
 * Queues a discreet notice to an account at once, by the channel its contact safety allows (see
 * `queueDiscreetNotice`). Returns false, queuing nothing, when none fits or the account is
 * unknown or disabled (the update still shows in the app). `purpose` is for the lead's outbox view
 * (e.g. `coproduction-decision-closing`); it never reaches the message. What can wait goes through
 * `raiseNotice` (notices.ts) instead, so the person gets one message for several updates.
 */
export async function notifyAccount(
  db: Conn,
  config: Config,
  accountId: string,
  notice: { purpose: string },
): Promise<boolean> {
  return (await queueDiscreetNotice(db, config, accountId, notice.purpose)) !== null;
}

/** Where a discreet message to this account would go: the channel contact safety allows, and its address. */
type Route =
  | { channel: 'sms'; to: string; senderName: string | null; sendWindow: string | null }
  | { channel: 'email'; envelope: Envelope; sendWindow: string | null }
  | { channel: 'letter'; to: string; subject: string; senderName: string | null };

/**
 * A text (GOV.UK Notify) when they chose texts and gave a number; otherwise email when allowed;
 * otherwise a letter when they allowed post and gave the name for the envelope and an address.
 * Undefined when none fits or the account is unknown or disabled.
 */
async function routeTo(db: Conn, config: Config, accountId: string): Promise<Route | undefined> {
  const account = await repo.getActiveAccount(db, accountId);
  if (!account) return undefined;
  const prefs = await repo.getContactPreferences(db, accountId);
  const senderName = prefs?.sender_name?.trim() || null;
  const sendWindow = safeWindow(prefs?.safe_times, config);
  if (prefs?.text_allowed === 1 && prefs.mobile_number && config.notify?.templates.sms) return { channel: 'sms', to: prefs.mobile_number, senderName, sendWindow };
  const envelope = await discreetEnvelope(db, accountId);
  if (envelope) return { channel: 'email', envelope, sendWindow };
  if (prefs?.letter_allowed === 1 && prefs.envelope_name?.trim() && prefs.postal_address?.trim() && config.notify?.templates.letter) {
    return { channel: 'letter', to: `${prefs.envelope_name.trim()}\n${prefs.postal_address.trim()}`, subject: prefs.subject?.trim() || DEFAULT_NOTICE_SUBJECT, senderName };
  }
  return undefined;
}

/** The channel a discreet message to this account would go by, or null when nothing may reach them. */
export async function noticeChannel(db: Conn, config: Config, accountId: string): Promise<'sms' | 'email' | 'letter' | null> {
  return (await routeTo(db, config, accountId))?.channel ?? null;
}

/**
 * Queues the one discreet message, by the channel contact safety allows (`routeTo`); a text or an
 * email is held in the outbox to their safe times. Returns the channel, or null when none fits.
 */
export async function queueDiscreetNotice(db: Conn, config: Config, accountId: string, purpose: string): Promise<'sms' | 'email' | 'letter' | null> {
  const route = await routeTo(db, config, accountId);
  if (!route) return null;
  if (route.channel === 'sms') {
    await queueMail(db, { channel: 'sms', to: route.to, subject: '', text: shortNotice(route.senderName), senderName: route.senderName, purpose, sendWindow: route.sendWindow });
  } else if (route.channel === 'letter') {
    await queueMail(db, { channel: 'letter', to: route.to, subject: route.subject, text: shortNotice(route.senderName), senderName: route.senderName, purpose });
  } else {
    const { envelope } = route;
    await queueMail(db, { to: envelope.to, subject: envelope.subject ?? DEFAULT_NOTICE_SUBJECT, text: noticeBody(config), senderName: envelope.senderName, purpose, sendWindow: route.sendWindow });
  }
  return route.channel;
}
