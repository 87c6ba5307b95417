// A practitioner's request for time-limited access to someone not on their caseload. Pure.
import { EMAIL_PATTERN, text, type FieldError } from '../../../platform/forms.ts';
import type { AccessRefusal } from '../service/access.ts';

/** How long access may be asked for, in hours. */
export const GRANT_HOURS = [1, 4, 8, 24] as const;

export interface AccessFormValues {
  email: string;
  reason: string;
  hours: string;
}

export function readAccessForm(body: unknown): { values: AccessFormValues; request?: { email: string; reason: string; hours: number }; errors: FieldError[] } {
  const values = { email: text(body, 'email'), reason: text(body, 'reason'), hours: text(body, 'hours') };
  const errors: FieldError[] = [];
  if (!EMAIL_PATTERN.test(values.email)) errors.push({ field: 'email', message: 'Enter the email address of the person, like name@example.com' });
  if (values.reason.length < 10) errors.push({ field: 'reason', message: 'Give the reason you need access (at least 10 characters). The person will read it' });
  else if (values.reason.length > 1000) errors.push({ field: 'reason', message: 'Reason must be 1,000 characters or fewer' });
  const hours = Number(values.hours);
  if (!(GRANT_HOURS as readonly number[]).includes(hours)) errors.push({ field: 'hours', message: 'Choose how long you need access for' });
  if (errors.length) return { values, errors };
  return { values, request: { email: values.email, reason: values.reason, hours }, errors };
}

export const ACCESS_REFUSALS: Record<AccessRefusal, FieldError> = {
  'no-person': { field: 'email', message: 'No one using the service has that email address' },
  // Someone without access to this person must not learn WHICH word was their previous name
  // (that would let them try many names at once): the reason is cleared, not marked.
  'previous-name': { field: 'reason', message: 'This cannot be saved: the reason used a name the person no longer uses, so we have cleared it. Write the reason again without names' },
};
