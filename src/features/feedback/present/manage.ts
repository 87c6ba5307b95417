// Page data for working on feedback: the list, and one piece of feedback with its themes,
// suggested themes and actions.
import { formErrors, type FieldError } from '../../../platform/forms.ts';
import { hasRole, isStaff, type Actor } from '../../../platform/policy.ts';
import { areaText, ratingText } from '../choices.ts';
import type { FeedbackFilter, FeedbackList, FeedbackView } from '../service/manage.ts';

export function feedbackListPage(list: FeedbackList, options: { show: FeedbackFilter; page: number; actor: Actor | null }) {
  return {
    pageTitle: 'Feedback',
    items: list.items.map((i) => ({ ...i, areaText: areaText(i.area), ratingText: ratingText(i.rating) })),
    show: options.show,
    page: options.page,
    hasNext: list.hasNext,
    awaiting: list.awaiting,
    isGroup: hasRole(options.actor, 'group'),
    isStaff: isStaff(options.actor),
  };
}

export function feedbackItemPage(view: FeedbackView, values: { themeId?: string; newTheme?: string } = {}, errors: FieldError[] = []) {
  const themeName = new Map(view.allThemes.map((t) => [t.id, t.name]));
  return {
    pageTitle: 'Feedback',
    item: { ...view.item, areaText: areaText(view.item.area), ratingText: ratingText(view.item.rating) },
    shownText: view.text,
    showingOriginal: view.original,
    withheld: view.withheld,
    themes: view.themes,
    themeItems: [
      { value: '', text: 'Choose a theme' },
      ...view.allThemes.filter((t) => !view.themes.some((a) => a.id === t.id)).map((t) => ({ value: t.id, text: t.name, selected: values.themeId === t.id })),
    ],
    suggestions: view.suggestions.map((s) => ({ ...s, name: themeName.get(s.themeId) ?? 'Theme', percent: Math.round(s.score * 100) })),
    actions: view.actions,
    values,
    ...formErrors(errors),
  };
}
