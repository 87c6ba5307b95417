// The public feedback form: what was typed, the field errors (in the NHS.UK error summary's
// shape) and, when it is complete, the feedback to store. A filled honeypot marks a robot.
import { EMAIL_PATTERN, text, type FieldError } from '../../../platform/forms.ts';
import { AREAS, RATINGS, type ReplyChannel } from '../choices.ts';
import type { NewFeedback } from '../service/listening.ts';

const UK_PHONE_INPUT = /^(?:(?:\+|00)44\s?(?:\(0\)\s?)?|0)(?:[\s-]?\d){9,10}$/;
const RATING_VALUES = new Set<string>(RATINGS.map((r) => r.value));
const AREA_VALUES = new Set<string>(AREAS.map((a) => a.value));

export interface FeedbackValues {
  body?: string;
  rating?: string;
  area?: string;
  consent?: string;
  reply?: string;
  replyEmail?: string;
  replyPhone?: string;
  attach?: string;
}

export type FeedbackForm =
  | { robot: true }
  | { robot: false; values: FeedbackValues; errors: FieldError[]; feedback: NewFeedback };

/** `accountId` is the signed-in person's, or null: their account is attached only if they choose. */
export function readFeedbackForm(body: unknown, accountId: string | null): FeedbackForm {
  // A filled honeypot is a robot: it is thanked, and nothing is stored.
  if (text(body, 'website')) return { robot: true };
  const values: FeedbackValues = {
    body: text(body, 'body'),
    rating: text(body, 'rating'),
    area: text(body, 'area'),
    consent: text(body, 'consent'),
    reply: text(body, 'reply'),
    replyEmail: text(body, 'replyEmail'),
    replyPhone: text(body, 'replyPhone'),
    attach: text(body, 'attach'),
  };
  const errors: FieldError[] = [];
  if (!values.body) errors.push({ field: 'body', message: 'Tell us what happened or what you want to tell us' });
  else if (values.body.length > 5000) errors.push({ field: 'body', message: 'What you tell us must be 5,000 characters or fewer' });
  if (values.rating && !RATING_VALUES.has(values.rating)) errors.push({ field: 'rating', message: 'Select how your experience was, or leave it blank' });
  if (!values.area || !AREA_VALUES.has(values.area)) errors.push({ field: 'area', message: 'Select what your feedback is about' });
  if (values.consent !== 'yes' && values.consent !== 'no') errors.push({ field: 'consent', message: 'Select whether we may publish what you said, with anything that identifies you removed' });
  const replyChoices = accountId ? ['none', 'email', 'phone', 'account'] : ['none', 'email', 'phone'];
  if (!values.reply || !replyChoices.includes(values.reply)) errors.push({ field: 'reply', message: 'Select whether you want a reply' });
  if (values.reply === 'email' && (!EMAIL_PATTERN.test(values.replyEmail ?? '') || (values.replyEmail ?? '').length > 320)) {
    errors.push({ field: 'replyEmail', message: 'Enter an email address in the correct format, like name@example.com' });
  }
  if (values.reply === 'phone' && !UK_PHONE_INPUT.test(values.replyPhone ?? '')) {
    errors.push({ field: 'replyPhone', message: 'Enter a UK phone number, like 01632 960 001 or 07700 900 982' });
  }
  const replyChannel = values.reply === 'none' ? null : (values.reply as ReplyChannel);
  const attach = accountId !== null && (values.attach === 'yes' || replyChannel === 'account');
  return {
    robot: false,
    values,
    errors,
    feedback: {
      body: values.body ?? '',
      rating: values.rating || null,
      area: values.area ?? 'other',
      consentPublish: values.consent === 'yes',
      replyChannel,
      replyEmail: values.replyEmail || null,
      replyPhone: values.replyPhone || null,
      accountId: attach ? accountId : null,
      writerId: accountId,
    },
  };
}
