// The person's forms on their record: a response to an entry (their view, agreement or a
// correction request) and a letter's review. Pure.
import { text, type FieldError } from '../../../platform/forms.ts';

export type ResponseChoice = 'view' | 'agree' | 'correction';

export function readResponseForm(body: unknown): { values: { kind: string; body: string }; response?: { kind: ResponseChoice; body: string }; errors: FieldError[] } {
  const values = { kind: text(body, 'kind'), body: text(body, 'body') };
  const errors: FieldError[] = [];
  const { kind } = values;
  if (kind !== 'view' && kind !== 'agree' && kind !== 'correction') errors.push({ field: 'kind', message: 'Choose what you want to do' });
  else if (kind !== 'agree' && !values.body) errors.push({ field: 'body', message: kind === 'correction' ? 'Tell us what is wrong and what it should say' : 'Write your view' });
  if (values.body.length > 10_000) errors.push({ field: 'body', message: 'Keep this to 10,000 characters or fewer' });
  if (errors.length) return { values, errors };
  return { values, response: { kind: kind as ResponseChoice, body: values.body }, errors };
}

/** The review of a letter: anything they want to say about it (optional). */
export function readReviewForm(body: unknown): { values: { reviewBody: string }; errors: FieldError[] } {
  const reviewBody = text(body, 'body');
  const errors = reviewBody.length > 10_000 ? [{ field: 'reviewBody', message: 'Keep this to 10,000 characters or fewer' }] : [];
  return { values: { reviewBody }, errors };
}
