// What every form module shares: the shape a form is read into, and turning a service's refusal
// into words beside a field (each form module keeps a `Record<Code, FieldError>` for the codes its
// service may refuse with, so the type leaves none unsaid).
import type { FieldError } from '../../../platform/forms.ts';
import { refusalCode } from '../../../platform/refusal.ts';

export interface Read<Values, Input> {
  /** What was typed, to show again. */
  values: Values;
  errors: FieldError[];
  /** What the service is given, when there are no errors. */
  input: Input | null;
}

/** The words for a refusal with one of these codes; any other error is thrown again, for the error handler. */
export function wordsFor<Code extends string>(error: unknown, words: Record<Code, FieldError>): FieldError[] {
  const code = refusalCode(error, words);
  if (code === undefined) throw error;
  return [words[code]];
}

/** The same words, put beside another field (a form repeated on the page with its own field id). */
export function beside<Code extends string>(field: string, messages: Record<Code, string>): Record<Code, FieldError> {
  return Object.fromEntries(Object.entries<string>(messages).map(([code, message]) => [code, { field, message }])) as Record<Code, FieldError>;
}
