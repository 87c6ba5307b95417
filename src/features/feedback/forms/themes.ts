// Themes: a new theme's name and description, and a proposal raised from a theme, with the
// words for the service's refusals.
import { text, type FieldError } from '../../../platform/forms.ts';
import type { ThemeRefusal } from '../service/themes.ts';

export interface ThemeValues {
  name: string;
  description: string;
}

export function readThemeForm(body: unknown): { values: ThemeValues; errors: FieldError[] } {
  const values = { name: text(body, 'name'), description: text(body, 'description') };
  const errors: FieldError[] = [];
  if (!values.name) errors.push({ field: 'name', message: 'Enter a name for the theme' });
  else if (values.name.length > 100) errors.push({ field: 'name', message: 'A theme name must be 100 characters or fewer' });
  if (values.description.length > 1000) errors.push({ field: 'description', message: 'The description must be 1,000 characters or fewer' });
  return { values, errors };
}

export const THEME_REFUSALS: Record<ThemeRefusal, FieldError> = {
  'theme-name-taken': { field: 'name', message: 'There is already a theme with this name' },
};

export interface ProposalValues {
  title: string;
  problem: string;
  idea: string;
}

export function readProposalForm(body: unknown): { values: ProposalValues; errors: FieldError[] } {
  const values = { title: text(body, 'title'), problem: text(body, 'problem'), idea: text(body, 'idea') };
  const errors: FieldError[] = [];
  if (!values.title) errors.push({ field: 'title', message: 'Enter a title for the proposal' });
  else if (values.title.length > 200) errors.push({ field: 'title', message: 'The title must be 200 characters or fewer' });
  if (!values.problem) errors.push({ field: 'problem', message: 'Describe the problem people told us about' });
  else if (values.problem.length > 5000) errors.push({ field: 'problem', message: 'The problem must be 5,000 characters or fewer' });
  if (values.idea.length > 5000) errors.push({ field: 'idea', message: 'The idea must be 5,000 characters or fewer' });
  return { values, errors };
}
