// GOV.UK Notify as a channel beside SMTP, through its official client (notifications-node-client):
// email, texts and letters. Each template holds placeholders only (`((subject))`, `((body))`,
// and the address lines for letters), so every word is withme's, decided by the person's
// contact safety before the message was queued. Notify's own replies are kept (for the lead's
// outbox) without the message: a 400 or 403 (a bad number, a wrong template or key) fails at
// once, anything else is tried again by the outbox. Each message is sent with the outbox's id
// as its `reference` and Notify's id for it is kept, so its delivery receipt (a callback, or
// `deliveryStatus` asked by the outbox job) finds it: a message accepted that never arrives is
// reported or tried again too.
import { NotifyClient } from 'notifications-node-client';
import type { NotifyConfig } from '../config.ts';
import { PermanentSendError, type Mailer, type OutgoingMessage } from './outbox.ts';

interface NotifyErrorShape {
  response?: { status?: number; data?: { errors?: Array<{ error?: string; message?: string }> } };
  message?: string;
}

function explain(error: unknown): Error {
  const e = error as NotifyErrorShape;
  const status = e.response?.status;
  const reason = e.response?.data?.errors?.map((x) => `${x.error ?? ''}: ${x.message ?? ''}`).join('; ') || e.message || 'send failed';
  const text = `GOV.UK Notify${status ? ` ${status}` : ''}: ${reason}`.slice(0, 500);
  return status !== undefined && status >= 400 && status < 500 && status !== 429 ? new PermanentSendError(text) : new Error(text);
}

/** A letter's lines: the first is the name on the envelope, then the address (Notify wants 3 to 7). */
function addressLines(to: string): Record<string, string> {
  const lines = to.split('\n').map((l) => l.trim()).filter(Boolean).slice(0, 7);
  return Object.fromEntries(lines.map((line, i) => [`address_line_${i + 1}`, line]));
}

/** Sends through Notify what it can, and email through `smtp` when that is given. */
export function notifyMailer(notify: NotifyConfig, smtp?: Mailer): Mailer {
  const client = notify.baseUrl ? new NotifyClient(notify.baseUrl, notify.apiKey) : new NotifyClient(notify.apiKey);
  const template = (channel: 'email' | 'sms' | 'letter'): string => {
    const id = notify.templates[channel];
    if (!id) throw new PermanentSendError(`No GOV.UK Notify template for ${channel === 'sms' ? 'texts' : channel === 'letter' ? 'letters' : 'email'}: set NOTIFY_TEMPLATE_${channel.toUpperCase()}`);
    return id;
  };
  return {
    async send(message: OutgoingMessage) {
      const channel = message.channel ?? 'email';
      if (channel === 'email' && smtp) return smtp.send(message);
      const reference = message.reference;
      try {
        const response =
          channel === 'sms'
            ? await client.sendSms(template('sms'), message.to, { personalisation: { body: message.text }, reference })
            : channel === 'letter'
              ? await client.sendLetter(template('letter'), { personalisation: { ...addressLines(message.to), subject: message.subject, body: message.text }, reference })
              : await client.sendEmail(template('email'), message.to, { personalisation: { subject: message.subject, body: message.text }, reference });
        return { providerId: response.data.id };
      } catch (error) {
        if (error instanceof PermanentSendError) throw error;
        throw explain(error);
      }
    },
    async deliveryStatus(providerId: string) {
      try {
        return (await client.getNotificationById(providerId)).data.status;
      } catch (error) {
        throw explain(error);
      }
    },
    close: () => smtp?.close(),
  };
}
