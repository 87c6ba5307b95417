// Page data for "Your data" as a person reads it: sentences and yes/no, names and dates (the
// template says dates in words), never ids, column names or JSON. Pure.
import { COMMUNICATION_NEEDS, pronounsText } from '../profile.ts';
import type { ReadableData } from '../service/readable-data.ts';

const ROLE_WORDS: Record<string, string> = {
  person: 'You use the service',
  practitioner: 'You are a practitioner',
  group: 'You are a Coproduction Group member',
  lead: 'You are a service lead',
  duty: 'You are on the duty rota',
};

const MESSAGE_WORDS: Record<string, string> = {
  invitation: 'An invitation to create your account',
  'invitation-existing-account': 'An invitation to a new part of the service',
  'password-reset': 'A link to choose a new password',
  'record-entry': 'A notice that something new is in your record',
  'record-access': 'A notice that someone was given access to your record',
  'record-correction-answer': 'A notice that your correction request was answered',
  'record-letter-sent': 'A notice that a letter was sent',
  'data-request-answer': 'A notice that your data request was answered',
  'feedback-reply': 'A reply to your feedback',
  'duty-alert': 'A duty alert',
  'duty-escalation': 'A duty alert, escalated',
  newsletter: 'A newsletter',
  update: 'A notice of an update',
  'updates-digest': 'A message to say there was something new for you (one for everything that had come)',
};
const MESSAGE_STATUS: Record<string, string> = { pending: 'Not sent yet', sent: 'Sent', failed: 'Could not be sent', withdrawn: 'Never sent' };

const RESPONSE_WORDS: Record<string, string> = {
  view: 'You added your view',
  agree: 'You agreed with it',
  correction: 'You asked for a correction',
  review: 'You said the letter can be sent',
  objection: 'You asked for the letter not to be sent yet',
};
const LETTER_WORDS: Record<string, string> = { 'awaiting-review': 'Waiting for you to review it', reviewed: 'You said it can be sent', objected: 'You asked for it not to be sent yet', sent: 'Sent' };
const REQUEST_WORDS: Record<string, string> = { erasure: 'To erase data', correction: 'To correct data' };
const REQUEST_STATUS: Record<string, string> = { open: 'Waiting for an answer', done: 'Done', refused: 'Not done' };
const CHANNEL_WORDS: Record<string, string> = { email: 'Email', letter: 'Letter', phone: 'Phone', text: 'Text message' };

const yesNo = (b: boolean) => (b ? 'Yes' : 'No');
const list = (items: readonly string[]) => (items.length ? items.join(', ') : 'Nothing given');

export function readableDataPage(data: ReadableData) {
  const { about, contact } = data;
  const row = (key: string, value: string) => ({ key: { text: key }, value: { text: value || 'Nothing given' } });
  return {
    pageTitle: 'Your data',
    generatedAt: data.generatedAt,
    account: [row('Name', data.name), row('Email address', data.email), row('What you do here', data.roles.map((r) => ROLE_WORDS[r] ?? r).join('. '))],
    about: about
      ? [
          row('The name we use', about.nameToUse),
          row('Pronouns', pronounsText(about)),
          row('Title', about.title),
          row('Words that fit you', list(about.genderWords)),
          row('Words never to use', list(about.avoid.map((a) => (a.instead.length ? `${a.word} (say ${a.instead.join(' or ')} instead)` : a.word)))),
          row('What helps you communicate', list([...about.communicationNeeds.filter((n) => n !== 'other').map((n) => COMMUNICATION_NEEDS[n] ?? n), ...(about.communicationOther ? [about.communicationOther] : [])])),
          row('Your goals', about.goals),
        ]
      : null,
    aboutUpdatedAt: about?.updatedAt ?? null,
    contact: contact
      ? [
          row('How we may contact you', list(contact.channels.map((c) => CHANNEL_WORDS[c] ?? c))),
          row('Sender name on emails', contact.senderName || 'Our usual name'),
          row('Subject on emails', contact.subject || 'Our usual subject'),
          row('Name on envelopes', contact.envelopeName || 'Your name'),
          row('We may leave a voicemail', yesNo(contact.voicemailAllowed)),
          row('Times it is safe to contact you', contact.safeTimes || 'Any time'),
        ]
      : null,
    priorities: data.priorities,
    protectedNames: data.protectedNames,
    practitioners: data.practitioners,
    entries: data.entries.map((e) => ({ ...e, status: e.letterStatus ? (LETTER_WORDS[e.letterStatus] ?? '') : '' })),
    responses: data.responses.map((r) => ({
      ...r,
      what: RESPONSE_WORDS[r.kind] ?? 'You responded',
      outcome: r.kind === 'correction' ? (r.status === 'open' ? 'Waiting for an answer' : r.status === 'corrected' ? 'The entry was corrected' : 'The entry was not changed') : '',
    })),
    accessLog: data.accessLog.log,
    grants: data.accessLog.grants,
    requests: data.requests.map((r) => ({ what: REQUEST_WORDS[r.kind] ?? 'A request', detail: r.detail, at: r.created_at, status: REQUEST_STATUS[r.status] ?? '', answer: r.answer })),
    messages: data.messages.map((m) => ({ what: MESSAGE_WORDS[m.purpose] ?? (m.purpose.startsWith('coproduction-') ? 'A notice from the Coproduction Group' : 'A message from the service'), at: m.at, status: MESSAGE_STATUS[m.status] ?? '' })),
    suspensions: data.suspensions,
    elsewhere: data.elsewhere,
  };
}
