// The person's forms on their record: a response to an entry (their view, agreement or a
// correction request) and the person's decision about a letter. Pure.
import { text, type FieldError } from '../../../platform/forms.ts';
import type { LetterDecision } from '../service/entries.ts';

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

/**
 * The person's one decision about a letter: it can be sent (anything to add is optional), please
 * don't send it yet (say why), or ask for a correction (say what is wrong).
 */
export function readReviewForm(body: unknown): { values: { decision: string; holdReason: string; correction: string; reviewBody: string }; decision?: { kind: LetterDecision; body: string }; errors: FieldError[] } {
  const values = { decision: text(body, 'decision'), holdReason: text(body, 'holdReason'), correction: text(body, 'correction'), reviewBody: text(body, 'body') };
  const errors: FieldError[] = [];
  const { decision } = values;
  const bodyFor = decision === 'hold' ? values.holdReason : decision === 'correct' ? values.correction : values.reviewBody;
  const fieldFor = decision === 'hold' ? 'holdReason' : decision === 'correct' ? 'correction' : 'reviewBody';
  if (decision !== 'send' && decision !== 'hold' && decision !== 'correct') errors.push({ field: 'decision', message: 'Choose whether the letter can be sent' });
  else if (decision === 'hold' && !values.holdReason) errors.push({ field: 'holdReason', message: 'Tell us why it should not be sent yet' });
  else if (decision === 'correct' && !values.correction) errors.push({ field: 'correction', message: 'Tell us what is wrong and what it should say' });
  if (bodyFor.length > 10_000) errors.push({ field: fieldFor, message: 'Keep this to 10,000 characters or fewer' });
  if (errors.length) return { values, errors };
  return { values, decision: { kind: decision as LetterDecision, body: bodyFor }, errors };
}
