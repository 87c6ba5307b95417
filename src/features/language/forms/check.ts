// The "check your writing" form: pure, from a request body to the text and what is wrong with it.
import type { FieldError } from '../../../platform/forms.ts';
import { MAX_TEXT } from '../schemas.ts';

export function readCheckForm(body: { text?: string }): { text: string; errors: FieldError[] } {
  const text = body.text ?? '';
  if (!text.trim()) return { text, errors: [{ field: 'text', message: 'Enter some text to check' }] };
  if (text.length > MAX_TEXT) return { text, errors: [{ field: 'text', message: `Text must be ${MAX_TEXT.toLocaleString('en-GB')} characters or fewer` }] };
  return { text, errors: [] };
}
