// The lead's forms: adding someone to a caseload, and answering a request to correct or erase
// data. Pure.
import { EMAIL_PATTERN, text, type FieldError } from '../../../platform/forms.ts';
import type { CaseloadRefusal } from '../service/caseloads.ts';
import type { DataRequestOutcome } from '../service/data-requests.ts';

export function readCaseloadForm(body: unknown): { values: { practitionerId: string; email: string }; errors: FieldError[] } {
  const values = { practitionerId: text(body, 'practitionerId'), email: text(body, 'email') };
  const errors: FieldError[] = [];
  if (!values.practitionerId) errors.push({ field: 'practitionerId', message: 'Choose a practitioner' });
  if (!EMAIL_PATTERN.test(values.email)) errors.push({ field: 'email', message: 'Enter the email address of the person, like name@example.com' });
  return { values, errors };
}

export const CASELOAD_REFUSALS: Record<CaseloadRefusal, FieldError> = {
  'no-practitioner': { field: 'practitionerId', message: 'Choose a practitioner from the list' },
  'no-person': { field: 'email', message: 'No one using the service has that email address' },
  'own-account': { field: 'practitionerId', message: 'This caseload change involves your own account. Another service lead must make it' },
};

/** The answer to request `id` (its fields are named for it: several answer forms share a page). */
export function readDataAnswerForm(body: unknown, id: string): { values: { outcome: string; answer: string }; answer?: { outcome: DataRequestOutcome; answer: string }; errors: FieldError[] } {
  const values = { outcome: text(body, 'outcome'), answer: text(body, 'answer') };
  const errors: FieldError[] = [];
  if (values.outcome !== 'done' && values.outcome !== 'refused') errors.push({ field: `outcome-${id}`, message: 'Choose whether the request was done or refused' });
  if (!values.answer) errors.push({ field: `answer-${id}`, message: 'Write your answer to the person' });
  else if (values.answer.length > 5000) errors.push({ field: `answer-${id}`, message: 'Answer must be 5,000 characters or fewer' });
  if (errors.length) return { values, errors };
  return { values, answer: { outcome: values.outcome as DataRequestOutcome, answer: values.answer }, errors };
}

/** A lead's own request, when another lead can answer it. */
export function ownRequestError(id: string): FieldError {
  return { field: `answer-${id}`, message: 'This is your own request: another service lead answers it' };
}
