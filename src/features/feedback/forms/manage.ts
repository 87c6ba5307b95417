// Working on a piece of feedback: the theme to apply (one from the list, or a new one by name)
// and the decision on a suggested theme, with the words for the service's refusals.
import { text, type FieldError } from '../../../platform/forms.ts';
import type { SuggestionRefusal, ThemeChoice } from '../service/manage.ts';
import { UUID } from './ids.ts';

/** `values` is what the page keeps when it shows the errors: the new theme's name as typed. */
export function readApplyThemeForm(body: unknown): { values: { newTheme: string }; errors: FieldError[]; theme: ThemeChoice } {
  // The list offers only themes by id: anything else is no choice at all.
  const themeId = UUID.test(text(body, 'themeId')) ? text(body, 'themeId') : '';
  const newTheme = text(body, 'newTheme');
  const errors: FieldError[] = [];
  if (!themeId && !newTheme) errors.push({ field: 'themeId', message: 'Choose a theme, or give a new theme a name' });
  else if (newTheme.length > 100) errors.push({ field: 'newTheme', message: 'A theme name must be 100 characters or fewer' });
  return { values: { newTheme }, errors, theme: themeId ? { id: themeId } : { name: newTheme } };
}

export function readSuggestionForm(body: unknown): { themeId: string; decision: 'accept' | 'reject' | undefined } {
  const decision = text(body, 'decision');
  return { themeId: text(body, 'themeId'), decision: decision === 'accept' || decision === 'reject' ? decision : undefined };
}

/** What the page says (in a flash) when the service refuses a suggestion's decision. */
export const SUGGESTION_REFUSALS: Record<SuggestionRefusal, string> = {
  'suggestion-closed': 'That suggestion is no longer open',
};
